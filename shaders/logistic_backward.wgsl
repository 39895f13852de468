// logistic_backward: the gradient of a model without hidden layers from the batch's loss gradient dz,
// in one dispatch. Invocation i < K + C·E: grad[w_off + 4i] = Σ_r dz[r]·x_ri (rows in order, x as in
// logistic_forward); invocation K + C·E: grad[b_off] = Σ_r dz[r]; the rest, one per (segment, t) with
// seg[s] = (j, v, begin, end): grad[table_base[j] + v·E + t] = Σ_{i in [begin, end)} dz[row_list[i]]·w_(K + j·E + t).
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

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let inputs = K + C * E;
  let i = gid.x;
  if (i < K) {
    var acc = 0.0;
    for (var r = 0u; r < p.rows; r++) {
      acc += dz[r] * num[perm[p.start + r] * p.ldn + i];
    }
    grad[p.w_off + 4u * i] = acc;
  } else if (i < inputs) {
    let j = (i - K) / E;
    let t = (i - K) % E;
    var acc = 0.0;
    for (var r = 0u; r < p.rows; r++) {
      acc += dz[r] * params[table_base[j] + cat[perm[p.start + r] * C + j] * E + t];
    }
    grad[p.w_off + 4u * i] = acc;
  } else if (i == inputs) {
    var acc = 0.0;
    for (var r = 0u; r < p.rows; r++) {
      acc += dz[r];
    }
    grad[p.b_off] = acc;
  } else if (i < inputs + 1u + p.seg_count * E) {
    let q = i - inputs - 1u;
    let s = seg[p.seg_start + q / E];
    let t = q % E;
    let wv = params[p.w_off + 4u * (K + s.x * E + t)];
    var acc = 0.0;
    for (var n = s.z; n < s.w; n++) {
      acc += dz[row_list[n]] * wv;
    }
    grad[table_base[s.x] + s.y * E + t] = acc;
  }
}
