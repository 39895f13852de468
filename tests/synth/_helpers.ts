/**
 * Small statistics for the synthetic-data tests: group conversion rates, a
 * naive per-feature score and ROC-AUC.
 *
 * @module
 */

import type pl from "nodejs-polars";

/** Values of `column` as strings (nulls as `""`). */
export function cells(df: pl.DataFrame, column: string): string[] {
  return df.getColumn(column).toArray().map((v) => (v === null || v === undefined ? "" : String(v)));
}

/** Conversion rate and count of rows where `keep` holds. */
export function rateWhere(
  labels: ArrayLike<number>,
  keep: (i: number) => boolean,
): { rate: number; n: number } {
  let n = 0;
  let pos = 0;
  for (let i = 0; i < labels.length; i++) {
    if (!keep(i)) continue;
    n++;
    pos += labels[i] as number;
  }
  return { rate: n === 0 ? NaN : pos / n, n };
}

/** Labels of a train table (`True` = 1). */
export function trainLabelsOf(df: pl.DataFrame): Uint8Array {
  return Uint8Array.from(cells(df, "is_converted"), (v) => (v === "True" ? 1 : 0));
}

/**
 * Per-value smoothed log-odds of `columns`, fitted on `train` rows where
 * `keep` holds; returns a scorer summing them (a naive-Bayes-like score).
 */
export function naiveScorer(
  train: pl.DataFrame,
  labels: ArrayLike<number>,
  columns: readonly string[],
  keep: (i: number) => boolean,
): (df: pl.DataFrame) => Float64Array {
  const base = rateWhere(labels, keep).rate;
  const logit = (p: number) => Math.log(p / (1 - p));
  const tables = columns.map((c) => {
    const values = cells(train, c);
    const sums = new Map<string, [number, number]>();
    values.forEach((v, i) => {
      if (!keep(i)) return;
      const s = sums.get(v) ?? [0, 0];
      s[0] += labels[i] as number;
      s[1] += 1;
      sums.set(v, s);
    });
    const table = new Map<string, number>();
    for (const [v, [pos, n]] of sums) table.set(v, logit((pos + 20 * base) / (n + 20)) - logit(base));
    return table;
  });
  return (df) => {
    const score = new Float64Array(df.height);
    columns.forEach((c, k) => {
      cells(df, c).forEach((v, i) => {
        score[i] = (score[i] as number) + (tables[k]?.get(v) ?? 0);
      });
    });
    return score;
  };
}

/** ROC-AUC of `score` against 0/1 `labels` (ties count half). */
export function rocAuc(score: ArrayLike<number>, labels: ArrayLike<number>): number {
  const order = Array.from({ length: score.length }, (_, i) => i).sort((a, b) =>
    (score[a] as number) - (score[b] as number)
  );
  let rankSum = 0;
  let pos = 0;
  for (let k = 0; k < order.length;) {
    let end = k;
    while (end + 1 < order.length && score[order[end + 1] as number] === score[order[k] as number]) end++;
    const rank = (k + end + 2) / 2;
    for (let j = k; j <= end; j++) {
      if (labels[order[j] as number] === 1) {
        pos++;
        rankSum += rank;
      }
    }
    k = end + 1;
  }
  const neg = score.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
