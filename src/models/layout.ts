/**
 * Where every parameter of an MLP lives in its single flat buffer, and the seeded
 * initial values. Widths are rounded up to a multiple of 4 (so the GPU can load
 * vec4s); padded rows and columns start at zero and provably stay zero in
 * training (their inputs and gradients are zero).
 *
 * Buffer order: embedding tables (column by column), weights of each layer
 * (`[inPad, outPad]` row-major), then biases; only `[0, decayEnd)` is decayed.
 *
 * @module
 */

import { Random } from "../random.ts";

/** One dense layer inside the parameter buffer. */
export interface LayerLayout {
  readonly inDim: number;
  readonly outDim: number;
  readonly inPad: number;
  readonly outPad: number;
  /** Offset of `w[inPad, outPad]`. */
  readonly wOff: number;
  /** Offset of `b[outPad]`. */
  readonly bOff: number;
  /** Hidden layers have an activation; the output layer (outDim 1) does not. */
  readonly hidden: boolean;
}

/** The full parameter layout of an MLP. */
export interface MlpLayout {
  readonly numCols: number;
  readonly catSizes: readonly number[];
  readonly embedDim: number;
  /** `numCols + catCols · embedDim`. */
  readonly inputDim: number;
  readonly inputPad: number;
  /** Offset of row 0 of each categorical column's embedding table. */
  readonly tableBase: readonly number[];
  readonly layers: readonly LayerLayout[];
  readonly decayEnd: number;
  readonly total: number;
}

/** Rounds up to a multiple of 4. */
export function pad4(n: number): number {
  return Math.ceil(n / 4) * 4;
}

/** The layout for `numCols` numeric and `catSizes.length` categorical columns. */
export function mlpLayout(
  numCols: number,
  catSizes: readonly number[],
  embedDim: number,
  hidden: readonly number[],
): MlpLayout {
  const tableBase: number[] = [];
  let off = 0;
  for (const size of catSizes) {
    tableBase.push(off);
    off += size * embedDim;
  }
  off = pad4(off);
  const inputDim = numCols + catSizes.length * embedDim;
  const dims = [inputDim, ...hidden, 1];
  const partial: { inDim: number; outDim: number; wOff: number }[] = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    partial.push({ inDim: dims[l]!, outDim: dims[l + 1]!, wOff: off });
    off += pad4(dims[l]!) * pad4(dims[l + 1]!);
  }
  const decayEnd = off;
  const layers = partial.map((p, l) => {
    const bOff = off;
    off += pad4(p.outDim);
    return { ...p, inPad: pad4(p.inDim), outPad: pad4(p.outDim), bOff, hidden: l + 1 < partial.length };
  });
  return {
    numCols,
    catSizes: [...catSizes],
    embedDim,
    inputDim,
    inputPad: pad4(inputDim),
    tableBase,
    layers,
    decayEnd,
    total: off,
  };
}

/**
 * Seeded initial parameters. Hidden layers: He normal; output layer: normal with
 * variance 1/in; embeddings N(0, 0.05²). Without hidden layers (logistic
 * regression) numeric weights and embeddings start at 0 and the weights that
 * read the embeddings at 1, so each category's embedding is its coefficient.
 */
export function initParams(layout: MlpLayout, seed: number): Float32Array {
  const rng = new Random(seed).fork(1);
  const p = new Float32Array(layout.total);
  const logistic = layout.layers.length === 1;
  const embEnd = layout.catSizes.reduce((s, v) => s + v * layout.embedDim, 0);
  if (!logistic) { for (let i = 0; i < embEnd; i++) p[i] = 0.05 * rng.normal(); }
  for (const l of layout.layers) {
    const std = l.hidden ? Math.sqrt(2 / l.inDim) : Math.sqrt(1 / l.inDim);
    for (let i = 0; i < l.inDim; i++) {
      for (let o = 0; o < l.outDim; o++) {
        const idx = l.wOff + i * l.outPad + o;
        if (logistic) p[idx] = i < layout.numCols ? 0 : 1;
        else p[idx] = std * rng.normal();
      }
    }
  }
  return p;
}
