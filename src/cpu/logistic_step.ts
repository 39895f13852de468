/**
 * CPU reference of the fused training step of a model without hidden layers
 * (logistic regression): twins of shaders/logistic_forward.wgsl and
 * shaders/logistic_backward.wgsl. The math is that of the generic path
 * (embedGather → linearForward → bceGrad → linearBackward → embedScatter) for one
 * output, without the gathered input matrix: on llvmpipe each dispatch costs about
 * 0.1 ms whatever its size, and this step needs 3 instead of 7.
 *
 * The logit of a row is `b + Σ_i x_i·w_i`, where `x = [num row, embedding rows of its categories]`
 * (the layout of src/cpu/embed_gather.ts) and `w_i = params[wOff + 4i]` (the output column of a `[inPad, 4]`
 * weight matrix).
 *
 * @module
 */

import type { InputShape } from "./embed_gather.ts";
import type { Segments } from "./embed_scatter.ts";
import { bceLoss, sigmoid } from "./bce_grad.ts";

/** The input layout plus where the single output column's weights and bias are. */
export interface LogisticShape extends InputShape {
  readonly wOff: number;
  readonly bOff: number;
}

/** Input value `i` of design row `row`: a numeric feature or an embedding entry. */
function input(
  num: Float32Array,
  cat: Uint32Array,
  row: number,
  i: number,
  s: LogisticShape,
  params: Float32Array,
): number {
  if (i < s.k) return num[row * s.k + i]!;
  const j = Math.floor((i - s.k) / s.e);
  return params[s.tableBase[j]! + cat[row * s.c + j]! * s.e + (i - s.k) % s.e]!;
}

/** The inputs of a batch: design rows `src[0 .. rows)` of `num` and `cat`, and the model. */
export interface LogisticBatchArgs {
  /** `num[row, k]`: numeric features of every design row. */
  readonly num: Float32Array;
  /** `cat[row, c]`: category codes of every design row. */
  readonly cat: Uint32Array;
  readonly src: ArrayLike<number>;
  readonly rows: number;
  readonly shape: LogisticShape;
  readonly params: Float32Array;
}

/** Arguments of {@link logisticForward}. */
export interface LogisticForwardArgs extends LogisticBatchArgs {
  /** Labels by design row. */
  readonly labels: Uint8Array;
  readonly loss: { readonly posWeight: number; readonly invWeightSum: number };
  readonly dz: Float32Array;
  readonly rowLoss: Float32Array;
  /** Where batch row 0's loss goes in `rowLoss`. */
  readonly lossOff: number;
}

/**
 * Forward pass and loss gradient of batch rows `src[0 .. rows)` (design rows):
 * `dz[r] = w·(σ(z_r) − y_r)·invWeightSum` and `rowLoss[lossOff + r] = w·BCE`, with
 * `w = posWeight` for positives. `labels` is indexed by design row.
 */
export function logisticForward(args: LogisticForwardArgs): void {
  const { num, cat, labels, src, rows, shape, params, loss, dz, rowLoss, lossOff } = args;
  const inputs = shape.k + shape.c * shape.e;
  for (let r = 0; r < rows; r++) {
    const row = src[r]!;
    let z = params[shape.bOff]!;
    for (let i = 0; i < inputs; i++) {
      z += input(num, cat, row, i, shape, params) * params[shape.wOff + 4 * i]!;
    }
    const y = labels[row] ? 1 : 0;
    const w = y ? loss.posWeight : 1;
    dz[r] = w * (sigmoid(z) - y) * loss.invWeightSum;
    rowLoss[lossOff + r] = bceLoss(z, y, loss.posWeight);
  }
}

/** Lanes that share one sum over rows in shaders/logistic_backward.wgsl (its BACKWARD_WG). */
export const ROW_SUM_LANES = 64;

/**
 * `Σ_r term(r)` over `rows` rows in the shader's order: lane l adds rows l, l + lanes, ... in order,
 * then the lanes' partial sums are added in lane order (f32 arithmetic, as on the GPU).
 */
function laneSum(rows: number, term: (r: number) => number): number {
  const partial = new Float32Array(ROW_SUM_LANES);
  for (let l = 0; l < ROW_SUM_LANES; l++) {
    for (let r = l; r < rows; r += ROW_SUM_LANES) {
      partial[l] = Math.fround(partial[l]! + Math.fround(term(r)));
    }
  }
  let sum = 0;
  for (let l = 0; l < ROW_SUM_LANES; l++) sum = Math.fround(sum + partial[l]!);
  return sum;
}

/** Arguments of {@link logisticBackward}: the batch, its `dz` and its segments. */
export interface LogisticBackwardArgs extends LogisticBatchArgs {
  readonly dz: Float32Array;
  readonly segs: Segments;
  readonly grad: Float32Array;
}

/**
 * Backward pass given `dz` of batch rows `src[0 .. rows)`: `grad[wOff + 4i] = Σ_r dz_r·x_ri`,
 * `grad[bOff] = Σ_r dz_r` (in the order of {@link laneSum}) and, for every segment (column j, category v),
 * `grad[tableBase[j] + v·e + t] = Σ_{its rows, in order} dz_r·w_(k + j·e + t)`. Other entries are
 * left as they are.
 */
export function logisticBackward(args: LogisticBackwardArgs): void {
  const { num, cat, src, rows, shape, params, dz, segs, grad } = args;
  const inputs = shape.k + shape.c * shape.e;
  for (let i = 0; i < inputs; i++) {
    grad[shape.wOff + 4 * i] = laneSum(rows, (r) => dz[r]! * input(num, cat, src[r]!, i, shape, params));
  }
  grad[shape.bOff] = laneSum(rows, (r) => dz[r]!);
  const { seg, rowList } = segs;
  for (let s = 0; s < seg.length; s += 4) {
    const j = seg[s]!;
    for (let t = 0; t < shape.e; t++) {
      const wv = params[shape.wOff + 4 * (shape.k + j * shape.e + t)]!;
      let acc = 0;
      for (let i = seg[s + 2]!; i < seg[s + 3]!; i++) acc += dz[rowList[i]!]! * wv;
      grad[shape.tableBase[j]! + seg[s + 1]! * shape.e + t] = acc;
    }
  }
}
