// adamw: one AdamW step with decoupled weight decay over the whole parameter buffer, then grad = 0.
// CPU twin: adamw in src/cpu/adamw.ts. Shapes: params, grad, m, v: [count4] vec4; parameters
// [0, decay_end4) (in vec4s) are decayed. bc1 = 1 − β1^t, bc2 = 1 − β2^t.
// One invocation per vec4, flat along x.

override WG: u32 = 256u;

struct Params {
  count4: u32, decay_end4: u32,
  lr: f32, beta1: f32, beta2: f32, eps: f32, wd: f32, bc1: f32, bc2: f32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> params: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> grad: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> m: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> v: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= p.count4) {
    return;
  }
  let g = grad[i];
  let mi = p.beta1 * m[i] + (1.0 - p.beta1) * g;
  let vi = p.beta2 * v[i] + (1.0 - p.beta2) * g * g;
  m[i] = mi;
  v[i] = vi;
  let decay = select(0.0, p.wd, i < p.decay_end4);
  let w = params[i];
  params[i] = w - p.lr * ((mi / p.bc1) / (sqrt(vi / p.bc2) + p.eps) + decay * w);
  grad[i] = vec4<f32>(0.0);
}
