/**
 * The counter-based hash behind dropout masks, bit-identical to `hash_u32` in
 * shaders/matmul.wgsl, so the CPU and the GPU drop the same units.
 *
 * @module
 */

/** PCG-style 32-bit integer hash. */
export function hashU32(x: number): number {
  let h = (Math.imul(x >>> 0, 747796405) + 2891336453) >>> 0;
  h = Math.imul(((h >>> ((h >>> 28) + 4)) ^ h) >>> 0, 277803737) >>> 0;
  return ((h >>> 22) ^ h) >>> 0;
}

/** The seed of one layer's mask in one training step. */
export function layerSeed(stepSeed: number, layer: number): number {
  return hashU32((stepSeed + Math.imul(layer + 1, 0x9e3779b9)) >>> 0);
}

/**
 * Whether unit `index` (= row · paddedWidth + column, the width a multiple of 4)
 * is kept at drop rate `p`: one hash per 4 units, one byte of it per unit, so
 * rates are resolved to 1/256.
 */
export function dropoutKeep(seed: number, index: number, p: number): boolean {
  const h = hashU32((seed ^ hashU32(index >>> 2)) >>> 0);
  return ((h >>> (8 * (index & 3))) & 255) / 256 >= p;
}
