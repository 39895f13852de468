// fma_peak: an FMA-bound kernel to measure the adapter's peak GFLOP/s. No CPU twin (it computes
// nothing useful); src/gpu/measure.ts checks its result against the closed form.
// Each invocation runs `iters` rounds of 32 vec4 FMAs (256 flops) on CHAINS independent chains
// (4 or 8), written out so that the loop's own instructions are a small share of each round, with no
// memory traffic in the loop; then it writes one vec4: out[invocation] = the sum of its chains.
// Shapes: out[invocations] vec4. Flat along x.

override WG: u32 = 64u;
override CHAINS: u32 = 8u;

struct Params { iters: u32, count: u32, mul: f32, add: f32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= p.count) {
    return;
  }
  let m = vec4<f32>(p.mul);
  let c = vec4<f32>(p.add);
  var a0 = vec4<f32>(0.0);
  var a1 = vec4<f32>(1.0);
  var a2 = vec4<f32>(2.0);
  var a3 = vec4<f32>(3.0);
  var a4 = vec4<f32>(4.0);
  var a5 = vec4<f32>(5.0);
  var a6 = vec4<f32>(6.0);
  var a7 = vec4<f32>(7.0);
  for (var i = 0u; i < p.iters; i++) {
    if (CHAINS == 4u) {
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
    } else {
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a4 = fma(a4, m, c);
      a5 = fma(a5, m, c);
      a6 = fma(a6, m, c);
      a7 = fma(a7, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a4 = fma(a4, m, c);
      a5 = fma(a5, m, c);
      a6 = fma(a6, m, c);
      a7 = fma(a7, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a4 = fma(a4, m, c);
      a5 = fma(a5, m, c);
      a6 = fma(a6, m, c);
      a7 = fma(a7, m, c);
      a0 = fma(a0, m, c);
      a1 = fma(a1, m, c);
      a2 = fma(a2, m, c);
      a3 = fma(a3, m, c);
      a4 = fma(a4, m, c);
      a5 = fma(a5, m, c);
      a6 = fma(a6, m, c);
      a7 = fma(a7, m, c);
    }
  }
  var sum = a0 + a1 + a2 + a3;
  if (CHAINS != 4u) {
    sum += a4 + a5 + a6 + a7;
  }
  out[gid.x] = sum;
}
