/**
 * The per-epoch schedule shared by the CPU and GPU trainers: the seeded shuffle,
 * the mini-batches, each batch's rows grouped by category (CSR segments for the
 * deterministic embedding scatter) and each step's learning rate, bias
 * corrections and dropout seed.
 *
 * @module
 */

import type { Random } from "../random.ts";
import type { Segments } from "../cpu/embed_scatter.ts";
import { hashU32 } from "../cpu/dropout.ts";
import type { AdamStep } from "../cpu/adamw.ts";

/** One mini-batch of an epoch. */
export interface Batch {
  /** First index into `perm`. */
  readonly start: number;
  /** Rows in this batch. */
  readonly rows: number;
  /** `1 / Σ w` over the batch's rows. */
  readonly invWeightSum: number;
  /** This batch's segments are `[segStart, segStart + segCount)`. */
  readonly segStart: number;
  readonly segCount: number;
}

/** The shuffle, batches and segments of one epoch. */
export interface EpochPlan {
  /** Training row of each position. */
  readonly perm: Uint32Array;
  readonly batches: readonly Batch[];
  /** All batches' segments; begin/end index the shared `rowList`, whose values are batch-local rows. */
  readonly seg: Segments;
  /** Used length of `seg.rowList`. */
  readonly rowCount: number;
}

/**
 * Plans epochs: shuffles rows and groups each batch's rows by (column,
 * category). Segments of a column appear in order of their category's first
 * row; rows inside a segment ascend, which fixes the summation order of the
 * scatter. Buffers are reused: a plan is valid until the next call of `plan`.
 */
export class EpochPlanner {
  readonly #labels: Uint8Array;
  readonly #cat: Uint32Array;
  readonly #catCols: number;
  readonly #batchSize: number;
  readonly #posWeight: number;
  readonly #perm: Uint32Array;
  #seg: Uint32Array;
  readonly #rowList: Uint32Array;
  readonly #stamp: Int32Array;
  readonly #segOf: Uint32Array;
  readonly #segRow: Uint32Array;
  readonly #local: Uint32Array;

  /**
   * With `segments` false the plans hold the shuffle and batches only (no segments, `rowCount` 0): for
   * trainers that do not read them (`TrainBackend.usesSegments`).
   */
  constructor(
    labels: Uint8Array,
    cat: Uint32Array,
    catCols: number,
    batchSize: number,
    posWeight: number,
    segments = true,
  ) {
    const n = labels.length;
    this.#labels = labels;
    this.#cat = cat;
    // no categorical columns to group: the segment loops run zero times and the buffers are empty
    if (!segments) catCols = 0;
    this.#catCols = catCols;
    this.#batchSize = batchSize;
    this.#posWeight = posWeight;
    this.#perm = new Uint32Array(n);
    // at most one segment per (row, column), but usually far fewer: grown on demand (see plan)
    this.#seg = new Uint32Array(4 * Math.min(n * catCols, 1 << 16));
    this.#rowList = new Uint32Array(n * catCols);
    let maxCat = 0;
    if (catCols > 0) { for (let i = 0; i < cat.length; i++) if (cat[i]! > maxCat) maxCat = cat[i]!; }
    this.#stamp = new Int32Array(maxCat + 1); // last (batch, column) visit that met each category
    this.#segOf = new Uint32Array(maxCat + 1);
    this.#segRow = new Uint32Array(batchSize); // segment of each row, for the current column
    this.#local = new Uint32Array(batchSize * catCols); // the batch's categorical rows, contiguous
  }

  /** The next epoch's plan, shuffled by `rng`. */
  plan(rng: Random): EpochPlan {
    const labels = this.#labels;
    const cat = this.#cat;
    const catCols = this.#catCols;
    const perm = this.#perm;
    let seg = this.#seg;
    const rowList = this.#rowList;
    const stamp = this.#stamp.fill(-1);
    const segOf = this.#segOf;
    const segRow = this.#segRow;
    const local = this.#local;
    const n = labels.length;
    for (let i = 0; i < n; i++) perm[i] = i;
    rng.shuffle(perm);
    const batches: Batch[] = [];
    let segs = 0;
    let listPos = 0;
    let visit = 0;
    for (let b0 = 0; b0 < n; b0 += this.#batchSize) {
      const rows = Math.min(this.#batchSize, n - b0);
      let wsum = 0;
      for (let r = 0; r < rows; r++) {
        const src = perm[b0 + r]!;
        wsum += labels[src]! ? this.#posWeight : 1;
        for (let j = 0; j < catCols; j++) local[r * catCols + j] = cat[src * catCols + j]!;
      }
      const segStart = segs;
      if (4 * (segs + rows * catCols) > seg.length) {
        const grown = new Uint32Array(Math.max(2 * seg.length, 4 * (segs + rows * catCols)));
        grown.set(seg.subarray(0, 4 * segs));
        seg = this.#seg = grown;
      }
      for (let j = 0; j < catCols; j++, visit++) {
        const first = segs;
        // count rows per segment (in the `end` slot for now)
        for (let r = 0; r < rows; r++) {
          const v = local[r * catCols + j]!;
          if (stamp[v] !== visit) {
            stamp[v] = visit;
            segOf[v] = segs;
            seg[4 * segs] = j;
            seg[4 * segs + 1] = v;
            seg[4 * segs + 3] = 0;
            segs++;
          }
          const s = segOf[v]!;
          segRow[r] = s;
          seg[4 * s + 3]!++;
        }
        // counts to [begin, end), then place rows in ascending order (end doubles as the cursor)
        for (let s = first; s < segs; s++) {
          seg[4 * s + 2] = listPos;
          listPos += seg[4 * s + 3]!;
          seg[4 * s + 3] = seg[4 * s + 2]!;
        }
        for (let r = 0; r < rows; r++) rowList[seg[4 * segRow[r]! + 3]!++] = r;
      }
      batches.push({ start: b0, rows, invWeightSum: 1 / wsum, segStart, segCount: segs - segStart });
    }
    return { perm, batches, seg: { seg: seg.subarray(0, 4 * segs), rowList }, rowCount: listPos };
  }
}

/** One epoch's plan with fresh buffers (see {@link EpochPlanner}). */
export function planEpoch(
  rng: Random,
  labels: Uint8Array,
  cat: Uint32Array,
  catCols: number,
  batchSize: number,
  posWeight: number,
): EpochPlan {
  return new EpochPlanner(labels, cat, catCols, batchSize, posWeight).plan(rng);
}

/** Optimiser state of training step `t` (1-based, counted across epochs). */
export interface StepInfo {
  readonly lr: number;
  readonly bc1: number;
  readonly bc2: number;
  readonly seed: number;
}

/** AdamW moments' decay rates and epsilon. */
export const ADAM = { beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

/** The AdamW settings of one step, shared by the CPU and GPU trainers. */
export function adamStep(step: StepInfo, weightDecay: number, decayEnd: number): AdamStep {
  return { ...ADAM, lr: step.lr, bc1: step.bc1, bc2: step.bc2, weightDecay, decayEnd };
}

/** Learning rate, bias corrections and dropout seed of step `t` out of `total`. */
export function stepInfo(
  t: number,
  total: number,
  learningRate: number,
  schedule: "constant" | "cosine",
  seed: number,
): StepInfo {
  const lr = schedule === "cosine"
    ? learningRate * 0.5 * (1 + Math.cos(Math.PI * (t - 1) / total))
    : learningRate;
  return {
    lr,
    bc1: 1 - ADAM.beta1 ** t,
    bc2: 1 - ADAM.beta2 ** t,
    seed: hashU32((seed ^ Math.imul(t, 0x85ebca6b)) >>> 0),
  };
}
