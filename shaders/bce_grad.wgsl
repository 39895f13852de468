// bce_grad: gradient of the batch loss Σ w·BCE(σ(z), y) / Σ w with respect to the logits.
// grad[r, 0] = w·(σ(z_r) − y_r)·inv_wsum, grad[r, 1..ld) = 0, row_loss[start + r] = w·BCE,
// with z_r = logits[r·ld], y_r = labels[perm[start + r]], w = pos_weight for positives else 1.
// CPU twin: bceGrad in src/cpu/bce_grad.ts. Shapes: logits[rows, ld], grad[rows, ld], row_loss[·].
// The launcher appends bce_common.wgsl (bce_row).
// One invocation per row, flat along x.

override WG: u32 = 64u;

struct Params { start: u32, rows: u32, ld: u32, pos_weight: f32, inv_wsum: f32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> perm: array<u32>;
@group(0) @binding(2) var<storage, read> labels: array<u32>;
@group(0) @binding(3) var<storage, read> logits: array<f32>;
@group(0) @binding(4) var<storage, read_write> grad: array<f32>;
@group(0) @binding(5) var<storage, read_write> row_loss: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let r = gid.x;
  if (r >= p.rows) {
    return;
  }
  let bce = bce_row(logits[r * p.ld], labels[perm[p.start + r]], p.pos_weight, p.inv_wsum);
  grad[r * p.ld] = bce.dz;
  for (var c = 1u; c < p.ld; c++) {
    grad[r * p.ld + c] = 0.0;
  }
  row_loss[p.start + r] = bce.loss;
}
