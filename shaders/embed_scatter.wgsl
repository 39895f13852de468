// embed_scatter: the embedding gradient, one segment (a column's category within one batch) at a time:
// grad[table_base[j] + v·e + d] = Σ_{i in [begin, end), in order} dx[row_list[i] · ld + k + j·e + d]
// with seg[s] = (j, v, begin, end). Deterministic: no atomics, fixed summation order.
// CPU twin: embedScatter in src/cpu/embed_scatter.ts. The launcher appends embed_common.wgsl (table_index).
// Shapes: seg[segments] (vec4<u32>), row_list[·], table_base[c], dx[rows, ld], grad[·].
// One invocation per (segment, d), flat along x.

override WG: u32 = 256u;

struct Params { seg_start: u32, seg_count: u32, k: u32, e: u32, ld: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> seg: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read> row_list: array<u32>;
@group(0) @binding(3) var<storage, read> table_base: array<u32>;
@group(0) @binding(4) var<storage, read> dx: array<f32>;
@group(0) @binding(5) var<storage, read_write> grad: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= p.seg_count * p.e) {
    return;
  }
  let s = seg[p.seg_start + gid.x / p.e];
  let d = gid.x % p.e;
  let col = p.k + s.x * p.e + d;
  var acc = 0.0;
  for (var i = s.z; i < s.w; i++) {
    acc += dx[row_list[i] * p.ld + col];
  }
  grad[table_index(s.x, s.y, p.e, d)] = acc;
}
