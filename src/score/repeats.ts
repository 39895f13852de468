/**
 * Exact repeats: a scored lead whose every feature cell equals a training lead's is the same lead entered
 * again, and the training copies' labels say how it went. The model's probability of such a lead is mixed
 * with those labels, the probability counting as one more copy: (positives + p) / (copies + 1).
 *
 * Grouped cross-validation never meets a repeat (copies share a customer, so they share a fold), which is
 * why this is a lookup kept beside the models, not a feature they learn. On the test-like holdouts about
 * 200 of 4,753 leads repeat a training lead; the mix raised F1 on all nine holdout-seed pairs
 * (docs/features.md).
 *
 * @module
 */
import pl from "nodejs-polars";
import { fnv1a } from "../features/text_hash.ts";

/** Training leads by key, as stored in the model: `[key, copies, positives]`, sorted by key. */
export interface RepeatCounts {
  /** The columns whose cells make a lead's key, in order. */
  readonly columns: readonly string[];
  readonly counts: readonly (readonly [string, number, number])[];
}

/** Separates cells inside a key; a unit separator does not occur in lead data. */
const SEPARATOR = "\u001f";

/**
 * A key per row from the trimmed text of `columns` (an empty cell counts as ""): two 32-bit FNV-1a
 * hashes of the joined cells, as 16 hex digits: if the two act as 64 random bits, the chance that any two
 * of 50,000 different leads share a key is about 1 in 10^10.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { rowKeys } from "./repeats.ts";
 * const raw = pl.DataFrame({ a: ["x", " x ", "y"], b: ["1", "1", null] });
 * const [k0, k1, k2] = rowKeys(raw, ["a", "b"]);
 * assert.equal(k0, k1); // cells are trimmed
 * assert.notEqual(k0, k2);
 * ```
 */
export function rowKeys(raw: pl.DataFrame, columns: readonly string[]): string[] {
  const cells = columns.map((c) => pl.col(c).cast(pl.Utf8).fillNull("").str.strip());
  const joined = raw.select(pl.concatString(cells, SEPARATOR).alias("key")).getColumn("key");
  return (joined.toArray() as string[]).map((text) => {
    const hex = (h: number) => h.toString(16).padStart(8, "0");
    // the second hash runs over the text with its length in front, so the two differ everywhere
    return hex(fnv1a(text)) + hex(fnv1a(`${text.length}${SEPARATOR}${text}`));
  });
}

/**
 * The columns whose cells make a lead's key: the features but id-like ones (every filled cell
 * different, 90% or more filled), which would make every lead unique.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { repeatKeyColumns } from "./repeats.ts";
 * const raw = pl.DataFrame({ ref: Array.from({ length: 30 }, (_, i) => `r${i}`), a: Array(30).fill("x") });
 * assert.deepEqual(repeatKeyColumns(raw, ["ref", "a"]), ["a"]);
 * ```
 */
export function repeatKeyColumns(raw: pl.DataFrame, features: readonly string[]): string[] {
  if (features.length === 0) return [];
  // filled cells and their distinct texts, counted by polars (no per-cell JavaScript string)
  const text = (name: string) => pl.col(name).cast(pl.Utf8).dropNulls();
  const counts = raw.select(
    ...features.flatMap((
      name,
      i,
    ) => [text(name).count().alias(`f${i}`), text(name).nUnique().alias(`d${i}`)]),
  ).row(0) as number[];
  return features.filter((_, i) => {
    const filled = Number(counts[2 * i]);
    const idLike = raw.height >= 20 && filled >= 0.9 * raw.height && Number(counts[2 * i + 1]) === filled;
    return !idLike;
  });
}

/** Counts copies and positives per key over the training rows `rows`. */
export function fitRepeats(
  columns: readonly string[],
  keys: readonly string[],
  labels: Uint8Array,
  rows: ArrayLike<number>,
): RepeatCounts {
  const counts = new Map<string, [number, number]>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const c = counts.get(keys[r]!) ?? [0, 0];
    c[0]++;
    c[1] += labels[r]!;
    counts.set(keys[r]!, c);
  }
  const sorted = [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, [n, p]]) => [k, n, p] as const);
  return { columns, counts: sorted };
}

/**
 * Mixes each repeated row's probability with its training copies' labels, in place; returns how many rows
 * repeat a training lead.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { mixRepeats } from "./repeats.ts";
 * const probs = Float32Array.of(0.5, 0.5);
 * const n = mixRepeats({ columns: [], counts: [["k", 1, 1]] }, ["k", "other"], probs);
 * assert.equal(n, 1);
 * assert.deepEqual(probs, Float32Array.of(0.75, 0.5));
 * ```
 */
export function mixRepeats(repeats: RepeatCounts, keys: readonly string[], probs: Float32Array): number {
  const index = indexOf(repeats);
  let repeated = 0;
  keys.forEach((key, i) => {
    const hit = index.get(key);
    if (hit === undefined) return;
    probs[i] = (hit[1] + probs[i]!) / (hit[0] + 1);
    repeated++;
  });
  return repeated;
}

/** How many of the rows with these keys repeat a training lead. */
export function countRepeats(repeats: RepeatCounts, keys: readonly string[]): number {
  const index = indexOf(repeats);
  return keys.reduce((n, key) => n + (index.has(key) ? 1 : 0), 0);
}

type RepeatIndex = Map<string, readonly [copies: number, positives: number]>;
// one index per model's counts: explaining a file mixes repeats once per emptied column
const indexes = new WeakMap<RepeatCounts, RepeatIndex>();

function indexOf(repeats: RepeatCounts): RepeatIndex {
  let index = indexes.get(repeats);
  if (index === undefined) {
    index = new Map(repeats.counts.map(([k, n, p]) => [k, [n, p] as const]));
    indexes.set(repeats, index);
  }
  return index;
}
