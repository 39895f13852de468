// bce_common: the weighted binary cross-entropy of one row from its logit, shared by bce_grad.wgsl and
// logistic_forward.wgsl (their launchers append it to the shader: WGSL has no includes).
// CPU twin: bceGrad and bceLoss in src/cpu/bce_grad.ts.

// The loss gradient and the loss of one row.
struct BceRow { dz: f32, loss: f32 }

// With y = (label != 0) and w = pos_weight for positives else 1: dz = w·(σ(z) − y)·inv_wsum and
// loss = w·BCE(σ(z), y), computed stably (no exp of a positive number).
fn bce_row(z: f32, label: u32, pos_weight: f32, inv_wsum: f32) -> BceRow {
  let y = f32(label != 0u);
  let w = select(1.0, pos_weight, y > 0.0);
  let dz = w * (1.0 / (1.0 + exp(-z)) - y) * inv_wsum;
  return BceRow(dz, w * (max(z, 0.0) - y * z + log(1.0 + exp(-abs(z)))));
}
