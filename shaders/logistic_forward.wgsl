// logistic_forward: the forward pass and loss gradient of a model without hidden layers, per batch row,
// gathering the row's inputs once. With row = perm[start + r] and x = [num[row, 0..K), embedding rows
// of cat[row, 0..C)]: z = b + Σ_i x_i·w_i, w_i = params[w_off + 4i], b = params[b_off];
// dz[r] = w·(σ(z) − y)·inv_wsum and row_loss[start + r] = w·BCE, w = pos_weight for positives else 1.
// The inputs are also written to xs[r] as X4 vec4s, followed by a 1 (the bias input) and zeros, so
// that logistic_backward reads one vec4 per row for four weights instead of looking them up again.
// CPU twin: logisticForward in src/cpu/logistic_step.ts. The launcher appends embed_common.wgsl
// (table_index) and bce_common.wgsl (bce_row).
// Shapes: perm[≥ start + rows], labels[·], num[·, ldn] (ldn = K rounded up to 4, zero-padded), cat[·, C],
// table_base[C], params[·], dz[rows], row_loss[·], xs[rows, X4] (X4 = ⌈(K + C·E + 1) / 4⌉).
// One invocation per row, flat along x.

override WG: u32 = 8u;
override K: u32 = 0u;
override C: u32 = 0u;
override E: u32 = 1u;
override X4: u32 = 1u;

struct Params { start: u32, rows: u32, ldn: u32, w_off: u32, b_off: u32, pos_weight: f32, inv_wsum: f32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> perm: array<u32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read> num: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> cat: array<u32>;
@group(0) @binding(5) var<storage, read> table_base: array<u32>;
@group(0) @binding(6) var<storage, read> params: array<f32>;
@group(0) @binding(7) var<storage, read_write> dz: array<f32>;
@group(0) @binding(8) var<storage, read_write> row_loss: array<f32>;
@group(0) @binding(9) var<storage, read_write> xs: array<vec4<f32>>;

// Input i ≥ K of design row `row`: embedding entries, the bias input (1) at i = K + C·E, then zeros.
fn embedded_input(row: u32, i: u32) -> f32 {
  if (i < K + C * E) {
    let j = (i - K) / E;
    return params[table_index(j, cat[row * C + j], E, (i - K) % E)];
  }
  return select(0.0, 1.0, i == K + C * E);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.x;
  if (r >= p.rows) {
    return;
  }
  let row = perm[p.start + r];
  var z = params[p.b_off];
  for (var q = 0u; q < X4; q++) {
    // numeric inputs four at a time (num rows are zero-padded to ldn)
    var v = vec4<f32>(0.0);
    if (4u * q < K) {
      v = num[(row * p.ldn) / 4u + q];
    }
    for (var c = 0u; c < 4u; c++) {
      let i = 4u * q + c;
      if (i >= K) {
        v[c] = embedded_input(row, i);
      }
      let x = v[c];
      if (i < K + C * E) {
        z += x * params[p.w_off + 4u * i];
      }
    }
    xs[r * X4 + q] = v;
  }
  let bce = bce_row(z, labels[row], p.pos_weight, p.inv_wsum);
  dz[r] = bce.dz;
  row_loss[p.start + r] = bce.loss;
}
