// matmul_common: what both matmul kernels share, prepended to each (WGSL has no includes):
// the uniform parameters, the bindings, and the epilogue's activation and dropout functions.
// CPU twins: src/cpu/activation.ts (activationForward, activationBackward), src/cpu/dropout.ts.
// Modes and epilogues are described in matmul.wgsl.

override MODE: u32 = 0u;
override EPI: u32 = 0u;
// The codes of MODE, EPI and the uniform `act` (src/gpu/kernels/matmul.ts declares the same by name and
// checks them against these when it creates a pipeline).
const MODE_NN: u32 = 0u;
const MODE_NT: u32 = 1u;
const MODE_TN: u32 = 2u;
const EPI_NONE: u32 = 0u;
const EPI_BIAS_ACT: u32 = 1u;
const EPI_ACT_GRAD: u32 = 2u;
const EPI_BIAS_GRAD: u32 = 3u;
const ACT_NONE: u32 = 0u;
const ACT_RELU: u32 = 1u;
const ACT_GELU: u32 = 2u;
// √(2/π), of the tanh approximation of GELU (as GELU_C in src/cpu/activation.ts).
const GELU_C: f32 = 0.7978845608028654;

struct Params {
  m: u32, n: u32, k: u32, lda: u32, ldb: u32, ldc: u32,
  a_off: u32, b_off: u32, c_off: u32, bias_off: u32, z_off: u32, ldz: u32, seed: u32,
  act: u32, // ACT_NONE, ACT_RELU or ACT_GELU
  drop_p: f32, drop_scale: f32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> a: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> b: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> bias: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> z: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> c: array<vec4<f32>>;

// Twin of hashU32 in src/cpu/dropout.ts.
fn hash_u32(x: u32) -> u32 {
  var h = x * 747796405u + 2891336453u;
  h = ((h >> ((h >> 28u) + 4u)) ^ h) * 277803737u;
  return (h >> 22u) ^ h;
}

// Twin of dropoutKeep in src/cpu/dropout.ts: one hash per vec4 of C, one byte of it per unit.
fn mask4(row: u32, n4: u32) -> vec4<f32> {
  if (p.drop_p <= 0.0) {
    return vec4<f32>(1.0);
  }
  let h = hash_u32(p.seed ^ hash_u32(row * (p.ldc / 4u) + n4));
  let u = vec4<f32>(vec4<u32>(h, h >> 8u, h >> 16u, h >> 24u) & vec4<u32>(255u)) / 256.0;
  return select(vec4<f32>(0.0), vec4<f32>(p.drop_scale), u >= vec4<f32>(p.drop_p));
}

fn gelu_tanh(v: vec4<f32>) -> vec4<f32> {
  return tanh(clamp(GELU_C * (v + 0.044715 * v * v * v), vec4<f32>(-15.0), vec4<f32>(15.0)));
}

fn act(v: vec4<f32>) -> vec4<f32> {
  if (p.act == ACT_RELU) {
    return max(v, vec4<f32>(0.0));
  }
  if (p.act == ACT_GELU) {
    return 0.5 * v * (1.0 + gelu_tanh(v));
  }
  return v;
}

fn act_grad(v: vec4<f32>) -> vec4<f32> {
  if (p.act == ACT_RELU) {
    return select(vec4<f32>(0.0), vec4<f32>(1.0), v > vec4<f32>(0.0));
  }
  if (p.act == ACT_GELU) {
    let t = gelu_tanh(v);
    return 0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * GELU_C * (1.0 + 3.0 * 0.044715 * v * v);
  }
  return vec4<f32>(1.0);
}
