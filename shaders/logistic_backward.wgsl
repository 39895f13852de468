// logistic_backward: the gradient of a model without hidden layers from the batch's loss gradient dz,
// in one dispatch. Workgroup i < K + C·E: grad[w_off + 4i] = Σ_r dz[r]·x_ri (x as in logistic_forward);
// workgroup K + C·E: grad[b_off] = Σ_r dz[r]. Each of those sums is split over the workgroup's WG
// invocations (invocation l adds rows l, l + WG, ... in order) and their partial sums are added in
// invocation order: a sum over rows in one invocation would run on one SIMD lane of one llvmpipe thread.
// The remaining workgroups take one (segment, t) per invocation, with seg[s] = (j, v, begin, end):
// grad[table_base[j] + v·E + t] = Σ_{n in [begin, end)} dz[row_list[n]]·w_(K + j·E + t).
// Deterministic: no atomics, fixed summation order. CPU twin: logisticBackward in src/cpu/logistic_step.ts.
// Shapes: as logistic_forward, plus seg[segments] (vec4<u32>), row_list[·], grad[·]. Flat along x.

override WG: u32 = 64u;
override K: u32 = 0u;
override C: u32 = 0u;
override E: u32 = 1u;

struct Params { start: u32, rows: u32, ldn: u32, w_off: u32, b_off: u32, seg_start: u32, seg_count: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> perm: array<u32>;
@group(0) @binding(2) var<storage, read> num: array<f32>;
@group(0) @binding(3) var<storage, read> cat: array<u32>;
@group(0) @binding(4) var<storage, read> table_base: array<u32>;
@group(0) @binding(5) var<storage, read> params: array<f32>;
@group(0) @binding(6) var<storage, read> dz: array<f32>;
@group(0) @binding(7) var<storage, read> seg: array<vec4<u32>>;
@group(0) @binding(8) var<storage, read> row_list: array<u32>;
@group(0) @binding(9) var<storage, read_write> grad: array<f32>;

var<workgroup> partial: array<f32, WG>;

// Input value i of batch row r (1 for the bias, i = K + C·E).
fn x(r: u32, i: u32) -> f32 {
  let row = perm[p.start + r];
  if (i < K) {
    return num[row * p.ldn + i];
  }
  if (i < K + C * E) {
    let j = (i - K) / E;
    return params[table_base[j] + cat[row * C + j] * E + (i - K) % E];
  }
  return 1.0;
}

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let inputs = K + C * E;
  let i = wid.x;
  if (i <= inputs) {
    var acc = 0.0;
    for (var r = lane; r < p.rows; r += WG) {
      acc += dz[r] * x(r, i);
    }
    partial[lane] = acc;
    workgroupBarrier();
    if (lane == 0u) {
      var sum = 0.0;
      for (var l = 0u; l < WG; l++) {
        sum += partial[l];
      }
      grad[select(p.w_off + 4u * i, p.b_off, i == inputs)] = sum;
    }
    return;
  }
  let q = (i - inputs - 1u) * WG + lane;
  if (q >= p.seg_count * E) {
    return;
  }
  let s = seg[p.seg_start + q / E];
  let t = q % E;
  let wv = params[p.w_off + 4u * (K + s.x * E + t)];
  var acc = 0.0;
  for (var n = s.z; n < s.w; n++) {
    acc += dz[row_list[n]] * wv;
  }
  grad[table_base[s.x] + s.y * E + t] = acc;
}
