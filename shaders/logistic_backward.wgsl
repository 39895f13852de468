// logistic_backward: the gradient of a model without hidden layers from the batch's loss gradient dz
// and the inputs xs that logistic_forward gathered, in one dispatch. Workgroup q < X4 sums, for the
// four inputs i = 4q .. 4q + 3, Σ_r dz[r]·xs[r, i] into grad[w_off + 4i] (i < K + C·E) or grad[b_off]
// (i = K + C·E, whose input is 1). Each sum is split over the workgroup's WG invocations (invocation l
// adds rows l, l + WG, ... in order) and their partial sums are added in invocation order: a sum over
// rows in one invocation would run on one SIMD lane of one llvmpipe thread.
// The remaining workgroups take one (segment, t) per invocation, with seg[s] = (j, v, begin, end):
// grad[table_base[j] + v·E + t] = Σ_{n in [begin, end)} dz[row_list[n]]·w_(K + j·E + t).
// Deterministic: no atomics, fixed summation order. CPU twin: logisticBackward in src/cpu/logistic_step.ts.
// The launcher appends embed_common.wgsl (table_index). WG must equal ROW_SUM_LANES of the CPU twin.
// Shapes: xs[rows, X4] (vec4), params[·], dz[rows], seg[segments] (vec4<u32>), row_list[·],
// table_base[C], grad[·]. Flat along x.

override WG: u32 = 64u;
override K: u32 = 0u;
override C: u32 = 0u;
override E: u32 = 1u;
override X4: u32 = 1u;

struct Params { rows: u32, w_off: u32, b_off: u32, seg_start: u32, seg_count: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> xs: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> params: array<f32>;
@group(0) @binding(3) var<storage, read> dz: array<f32>;
@group(0) @binding(4) var<storage, read> seg: array<vec4<u32>>;
@group(0) @binding(5) var<storage, read> row_list: array<u32>;
@group(0) @binding(6) var<storage, read> table_base: array<u32>;
@group(0) @binding(7) var<storage, read_write> grad: array<f32>;

var<workgroup> partial: array<vec4<f32>, WG>;

@compute @workgroup_size(WG)
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let inputs = K + C * E;
  let q = wid.x;
  if (q < X4) {
    var acc = vec4<f32>(0.0);
    for (var r = lane; r < p.rows; r += WG) {
      acc += dz[r] * xs[r * X4 + q];
    }
    partial[lane] = acc;
    workgroupBarrier();
    if (lane == 0u) {
      var sum = vec4<f32>(0.0);
      for (var l = 0u; l < WG; l++) {
        sum += partial[l];
      }
      for (var c = 0u; c < 4u; c++) {
        let i = 4u * q + c;
        if (i < inputs) {
          grad[p.w_off + 4u * i] = sum[c];
        } else if (i == inputs) {
          grad[p.b_off] = sum[c];
        }
      }
    }
    return;
  }
  let s_index = (q - X4) * WG + lane;
  if (s_index >= p.seg_count * E) {
    return;
  }
  let s = seg[p.seg_start + s_index / E];
  let t = s_index % E;
  let wv = params[p.w_off + 4u * (K + s.x * E + t)];
  var acc = 0.0;
  for (var n = s.z; n < s.w; n++) {
    acc += dz[row_list[n]] * wv;
  }
  grad[table_index(s.x, s.y, E, t)] = acc;
}
