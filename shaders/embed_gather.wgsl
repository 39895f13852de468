// embed_gather: the input layer, x[r, ·] = [num[row, 0..k), emb_0[cat[row, 0]], ..., emb_{c-1}[cat[row, c-1]]]
// with row = perm[start + r]; columns past k + c·e are left as they are (zero from creation).
// CPU twin: embedGather in src/cpu/embed.ts.
// Shapes: perm[≥ start + rows], num[·, k], cat[·, c], table_base[c], params[·], x[rows, ld] (ld ≥ k + c·e).
// One invocation per (row, piece), flat along x: pieces [0, ceil(k/4)) copy 4 numeric features,
// pieces [ceil(k/4), ceil(k/4) + c) copy one embedding row of e values.

override WG: u32 = 64u;

struct Params { start: u32, rows: u32, k: u32, c: u32, e: u32, ld: u32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> perm: array<u32>;
@group(0) @binding(2) var<storage, read> num: array<f32>;
@group(0) @binding(3) var<storage, read> cat: array<u32>;
@group(0) @binding(4) var<storage, read> table_base: array<u32>;
@group(0) @binding(5) var<storage, read> params: array<f32>;
@group(0) @binding(6) var<storage, read_write> x: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let k4 = (p.k + 3u) / 4u;
  let pieces = k4 + p.c;
  if (gid.x >= p.rows * pieces) {
    return;
  }
  let r = gid.x / pieces;
  let piece = gid.x % pieces;
  let row = perm[p.start + r];
  if (piece < k4) {
    let col = piece * 4u;
    for (var i = col; i < min(col + 4u, p.k); i++) {
      x[r * p.ld + i] = num[row * p.k + i];
    }
  } else {
    let j = piece - k4;
    let src = table_base[j] + cat[row * p.c + j] * p.e;
    let dst = r * p.ld + p.k + j * p.e;
    for (var d = 0u; d < p.e; d++) {
      x[dst + d] = params[src + d];
    }
  }
}
