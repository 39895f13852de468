/**
 * The figures of the report, from labels and probabilities: bootstrap intervals of the headline scores,
 * and the points of every curve (precision-recall, ROC, scores against the threshold, calibration,
 * cumulative gain) thinned to a few hundred so the charts stay small.
 *
 * @module
 */
import {
  prAuc,
  prAucOfGroups,
  rocAuc,
  rocAucOfGroups,
  scoreOrder,
  scoresAt,
  scoresFromConfusion,
} from "../metrics.ts";
import { Random } from "../random.ts";
import { sortedRows } from "../score_sort.ts";

/** A score and its bootstrap 90% interval. */
export interface Interval {
  readonly value: number;
  readonly lo: number;
  readonly hi: number;
}

/** Headline scores at the threshold, each with its interval. */
export interface Headline {
  readonly f1: Interval;
  readonly precision: Interval;
  readonly recall: Interval;
  readonly prAuc: Interval;
  readonly rocAuc: Interval;
}

/** Bootstrap resamples of the headline. */
export const BOOTSTRAP_RESAMPLES = 200;

/** Headline scores with bootstrap 90% intervals (rows drawn with replacement, seeded). */
export function headline(labels: Uint8Array, probs: Float64Array, threshold: number, seed: number): Headline {
  const n = labels.length;
  const point = scoresAt(labels, probs, threshold);
  const runs = {
    f1: [] as number[],
    precision: [] as number[],
    recall: [] as number[],
    prAuc: [] as number[],
    rocAuc: [] as number[],
  };
  const rng = new Random(seed);
  // A resample draws rows; its counts are whole numbers, so they add up exactly in any order: each draw
  // goes straight to its cell of the confusion matrix and its score group (no pass over all rows).
  const sorted = scoreOrder(probs);
  // each row's score group, class and cell of the confusion matrix (0 tp, 1 fn, 2 fp, 3 tn) in one word
  const packed = new Uint32Array(n);
  for (let r = 0; r < n; r++) {
    const i = sorted.order[r]!;
    const positive = labels[i] === 1;
    packed[i] = sorted.group[r]! * 8 + (positive ? 4 : 0) + (positive ? 0 : 2) +
      (probs[i]! >= threshold ? 0 : 1);
  }
  const pos = new Float64Array(sorted.values.length);
  const neg = new Float64Array(sorted.values.length);
  const cells = new Float64Array(4);
  const draws = new Uint32Array(n);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    pos.fill(0);
    neg.fill(0);
    cells.fill(0);
    rng.ints(draws, n);
    for (let k = 0; k < n; k++) {
      const p = packed[draws[k]!]!;
      cells[p & 3]!++;
      if (p & 4) pos[p >>> 3]!++;
      else neg[p >>> 3]!++;
    }
    if (cells[0]! + cells[1]! === 0 || cells[2]! + cells[3]! === 0) continue;
    const s = scoresFromConfusion({ tp: cells[0]!, fn: cells[1]!, fp: cells[2]!, tn: cells[3]! });
    runs.f1.push(s.f1);
    runs.precision.push(s.precision);
    runs.recall.push(s.recall);
    const groups = { values: sorted.values, pos, neg };
    runs.prAuc.push(prAucOfGroups(groups));
    runs.rocAuc.push(rocAucOfGroups(groups));
  }
  const both = hasBoth(labels);
  const interval = (value: number, xs: number[]): Interval => {
    xs.sort((a, b) => a - b);
    return { value, lo: quantile(xs, 0.05), hi: quantile(xs, 0.95) };
  };
  return {
    f1: interval(point.f1, runs.f1),
    precision: interval(point.precision, runs.precision),
    recall: interval(point.recall, runs.recall),
    prAuc: interval(both ? prAuc(labels, probs) : NaN, runs.prAuc),
    rocAuc: interval(both ? rocAuc(labels, probs) : NaN, runs.rocAuc),
  };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = q * (sorted.length - 1);
  const i = Math.floor(at);
  return sorted[i]! + (sorted[Math.min(i + 1, sorted.length - 1)]! - sorted[i]!) * (at - i);
}

/** Whether both classes occur. */
export function hasBoth(labels: ArrayLike<number>): boolean {
  let pos = 0;
  for (let i = 0; i < labels.length; i++) pos += labels[i]!;
  return pos > 0 && pos < labels.length;
}

/** One cut of the ranking: everything scoring at least `threshold` predicted converted. */
export interface CurvePoint {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly fpr: number;
  /** Share of all leads at or above the cut. */
  readonly depth: number;
}

/** Points of the ranking at each distinct score, thinned to at most `max` (the ends always kept). */
export function curve(labels: ArrayLike<number>, probs: ArrayLike<number>, max = 200): CurvePoint[] {
  const n = labels.length;
  const order = sortedRows(probs, "descending");
  let P = 0;
  for (let i = 0; i < n; i++) P += labels[i]!;
  const N = n - P;
  const points: CurvePoint[] = [];
  let tp = 0, fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (labels[i]) tp++;
    else fp++;
    const next = order[k + 1];
    if (next !== undefined && probs[next] === probs[i]) continue;
    const precision = tp / (tp + fp);
    const recall = P ? tp / P : 0;
    points.push({
      threshold: probs[i]!,
      precision,
      recall,
      f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
      fpr: N ? fp / N : 0,
      depth: (tp + fp) / n,
    });
  }
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, j) => points[Math.round(j * step)]!);
}

/** A calibration bin: mean predicted probability against the observed rate. */
export interface CalibrationBin {
  readonly predicted: number;
  readonly observed: number;
  readonly rows: number;
}

/** Ten bins of equal size by score, and the Brier score. */
export function calibration(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = 10) {
  const n = labels.length;
  const order = sortedRows(probs, "ascending");
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins), to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue;
    let p = 0, y = 0;
    for (let k = from; k < to; k++) {
      p += probs[order[k]!]!;
      y += labels[order[k]!]!;
    }
    out.push({ predicted: p / (to - from), observed: y / (to - from), rows: to - from });
  }
  let brier = 0;
  for (let i = 0; i < n; i++) brier += (probs[i]! - labels[i]!) ** 2;
  return { bins: out, brier: brier / n };
}

/** A tenth of the leads by score, highest first. */
export interface Decile {
  readonly decile: number;
  readonly leads: number;
  readonly conversions: number;
  readonly rate: number;
  /** Share of all conversions in this decile and those above it. */
  readonly cumulativeShare: number;
  /** The cumulative conversion rate over the overall rate. */
  readonly lift: number;
}

/** The decile table of cumulative gain and lift. */
export function deciles(labels: ArrayLike<number>, probs: ArrayLike<number>): Decile[] {
  const n = labels.length;
  const order = sortedRows(probs, "descending");
  let P = 0;
  for (let i = 0; i < n; i++) P += labels[i]!;
  const out: Decile[] = [];
  let cumLeads = 0, cumConv = 0;
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10), to = Math.floor(((d + 1) * n) / 10);
    let conv = 0;
    for (let k = from; k < to; k++) conv += labels[order[k]!]!;
    cumLeads += to - from;
    cumConv += conv;
    out.push({
      decile: d + 1,
      leads: to - from,
      conversions: conv,
      rate: to > from ? conv / (to - from) : 0,
      cumulativeShare: P ? cumConv / P : 0,
      lift: P && cumLeads ? cumConv / cumLeads / (P / n) : 0,
    });
  }
  return out;
}

/** Share of each class's leads per score bin (20 bins of width 0.05). */
export function scoreHistogram(labels: ArrayLike<number>, probs: ArrayLike<number>, bins = 20) {
  const counts = [new Array<number>(bins).fill(0), new Array<number>(bins).fill(0)];
  const totals = [0, 0];
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i]!;
    counts[y]![Math.min(bins - 1, Math.floor(probs[i]! * bins))]! += 1;
    totals[y]! += 1;
  }
  return counts.flatMap((c, y) =>
    c.map((count, b) => ({
      class: y ? "converted" : "not converted",
      from: b / bins,
      to: (b + 1) / bins,
      share: totals[y] ? count / totals[y]! : 0,
    }))
  );
}

/** Scores of a subset of predictions at the threshold. */
export function subsetScores(labels: Uint8Array, probs: Float64Array, threshold: number) {
  const s = scoresAt(labels, probs, threshold);
  const both = hasBoth(labels);
  let pos = 0;
  for (const y of labels) pos += y;
  return {
    rows: labels.length,
    positives: pos,
    f1: s.f1,
    precision: s.precision,
    recall: s.recall,
    prAuc: both ? prAuc(labels, probs) : NaN,
    rocAuc: both ? rocAuc(labels, probs) : NaN,
  };
}
