// embed_gather: the input layer, x[r, ·] = [num[row, 0..K), emb_0[cat[row, 0]], ..., emb_{C-1}[cat[row, C-1]], 0...]
// with row = perm[start + r]; every column of x[r, 0..ld) is written (padding with zeros).
// CPU twin: embedGather in src/cpu/embed_gather.ts. The launcher appends embed_common.wgsl (table_index).
// Shapes: perm[≥ start + rows], num[·, ldn] (ldn = K rounded up to 4, padded with zeros), cat[·, C],
// table_base[C], params[·], x[rows, ld] (ld ≥ K + C·E, a multiple of 4).
// One invocation per row, flat along x, writing whole vec4s: llvmpipe pays per load/store instruction
// per invocation, and one row per invocation has no divergent branches. K, C and E are override
// constants, so the column → (table, offset) divisions are by constants.

override WG: u32 = 64u;
override K: u32 = 0u;
override C: u32 = 0u;
override E: u32 = 1u;

struct Params { start: u32, rows: u32, ld: u32, ldn: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> perm: array<u32>;
@group(0) @binding(2) var<storage, read> num: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> cat: array<u32>;
@group(0) @binding(4) var<storage, read> table_base: array<u32>;
@group(0) @binding(5) var<storage, read> params: array<f32>;
@group(0) @binding(6) var<storage, read> params4: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read_write> x: array<vec4<f32>>;

// Input column `col` (≥ K) of design row `row`: an embedding value, or 0 past the last one.
fn emb(row: u32, col: u32) -> f32 {
  let i = col - K;
  let j = min(i / E, max(C, 1u) - 1u);
  let v = params[table_index(j, cat[row * C + j], E, i % E)];
  return select(0.0, v, i < C * E);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.x;
  if (r >= p.rows) {
    return;
  }
  let row = perm[p.start + r];
  let xb = r * (p.ld / 4u);
  let nb = row * (p.ldn / 4u);
  let ld4 = p.ld / 4u;
  var q = 0u;
  for (; q < K / 4u; q++) {
    x[xb + q] = num[nb + q];
  }
  if (K % 4u == 0u && E % 4u == 0u) {
    // whole vec4s of aligned embedding rows
    for (var j = 0u; j < C; j++) {
      let src = table_index(j, cat[row * C + j], E, 0u) / 4u;
      for (var d = 0u; d < E / 4u; d++) {
        x[xb + q] = params4[src + d];
        q++;
      }
    }
  } else if (K % 4u != 0u) {
    // the vec4 shared by the last numeric and the first embedding columns
    var v = num[nb + q];
    for (var t = K % 4u; t < 4u; t++) {
      v[t] = emb(row, 4u * q + t);
    }
    x[xb + q] = v;
    q++;
  }
  for (; q < ld4; q++) {
    let col = 4u * q;
    x[xb + q] = vec4<f32>(emb(row, col), emb(row, col + 1u), emb(row, col + 2u), emb(row, col + 3u));
  }
}
