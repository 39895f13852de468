// loss_sum: out[slot] = scale · Σ_{i < count, in order} row_loss[i], one invocation (fixed order).
// CPU twin: lossSum in src/cpu/loss_sum.ts. Shapes: row_loss[count], out[slots].

struct Params { count: u32, slot: u32, scale: f32 }

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> row_loss: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(1)
fn main() {
  var acc = 0.0;
  for (var i = 0u; i < p.count; i++) {
    acc += row_loss[i];
  }
  out[p.slot] = acc * p.scale;
}
