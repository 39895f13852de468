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

/** Training leads by key, as stored in the model: `[key, copies, positives]`, sorted by key. */
export interface RepeatCounts {
  /** The columns whose cells make a lead's key, in order. */
  readonly columns: readonly string[];
  readonly counts: readonly (readonly [string, number, number])[];
}

/** Separates cells inside a key; a unit separator does not occur in lead data. */
const SEPARATOR = "\u001f";

/** Rows joined and hashed per slice, so a large table never holds all its joined texts at once. */
const KEY_SLICE_ROWS = 65_536;

/**
 * Each row's key as two 32-bit hashes (see `rowKeys`): `first[r]` and `second[r]` are its first and last
 * 8 hex digits.
 */
export interface RowHashes {
  readonly first: Uint32Array;
  readonly second: Uint32Array;
}

/**
 * The two hashes of each row's key (`rowKeys` writes them as text): FNV-1a of the joined trimmed cells,
 * and FNV-1a of the same text with its length and a separator in front. Joined by polars a slice of rows
 * at a time, hashed in one pass over each text.
 */
export function rowHashes(
  raw: pl.DataFrame,
  columns: readonly string[],
  sliceRows = KEY_SLICE_ROWS,
): RowHashes {
  const cells = columns.map((c) => pl.col(c).cast(pl.Utf8).fillNull("").str.strip());
  const first = new Uint32Array(raw.height);
  const second = new Uint32Array(raw.height);
  for (let start = 0; start < raw.height; start += sliceRows) {
    const slice = raw.slice(start, Math.min(sliceRows, raw.height - start));
    const texts = slice.select(pl.concatString(cells, SEPARATOR).alias("key")).getColumn("key")
      .toArray() as string[];
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      // fnv1a(text) and fnv1a(`${text.length}${SEPARATOR}${text}`) in one loop
      let h1 = 0x811c9dc5;
      let h2 = fnv1aStep(0x811c9dc5, `${text.length}${SEPARATOR}`);
      for (let c = 0; c < text.length; c++) {
        const code = text.charCodeAt(c);
        h1 = Math.imul(h1 ^ code, 0x01000193);
        h2 = Math.imul(h2 ^ code, 0x01000193);
      }
      first[start + i] = h1 >>> 0;
      second[start + i] = h2 >>> 0;
    }
  }
  return { first, second };
}

/** FNV-1a's state after `text`, from state `h`. */
function fnv1aStep(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** The key of row `r` as text: 16 hex digits. */
function keyText(hashes: RowHashes, r: number): string {
  return hex8(hashes.first[r]!) + hex8(hashes.second[r]!);
}

function hex8(h: number): string {
  return h.toString(16).padStart(8, "0");
}

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
  const hashes = rowHashes(raw, columns);
  return Array.from({ length: raw.height }, (_, r) => keyText(hashes, r));
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

/**
 * Counts copies and positives per key over the training rows `rows`, sorted by key. The keys are sorted
 * as 64-bit numbers (first hash high), which is the order of their 16-digit texts; only distinct keys
 * become text.
 */
export function fitRepeats(
  columns: readonly string[],
  hashes: RowHashes,
  labels: Uint8Array,
  rows: ArrayLike<number>,
): RepeatCounts {
  let positives = 0;
  for (let i = 0; i < rows.length; i++) positives += labels[rows[i]!]!;
  const all = new BigUint64Array(rows.length);
  const pos = new BigUint64Array(positives);
  // little-endian words: the low word of each 64-bit key is its second hash
  const allWords = new Uint32Array(all.buffer);
  const posWords = new Uint32Array(pos.buffer);
  for (let i = 0, p = 0; i < rows.length; i++) {
    const r = rows[i]!;
    allWords[2 * i] = hashes.second[r]!;
    allWords[2 * i + 1] = hashes.first[r]!;
    if (labels[r] === 1) {
      posWords[2 * p] = hashes.second[r]!;
      posWords[2 * p + 1] = hashes.first[r]!;
      p++;
    }
  }
  all.sort();
  pos.sort();
  // runs of equal keys, compared word by word (reading a 64-bit element makes a BigInt)
  const same = (w: Uint32Array, i: number, hi: number, lo: number) => w[2 * i + 1] === hi && w[2 * i] === lo;
  const below = (w: Uint32Array, i: number, hi: number, lo: number) =>
    w[2 * i + 1]! < hi || (w[2 * i + 1] === hi && w[2 * i]! < lo);
  const counts: [string, number, number][] = [];
  for (let i = 0, p = 0; i < all.length;) {
    const hi = allWords[2 * i + 1]!;
    const lo = allWords[2 * i]!;
    let j = i + 1;
    while (j < all.length && same(allWords, j, hi, lo)) j++;
    while (p < pos.length && below(posWords, p, hi, lo)) p++;
    let q = p;
    while (q < pos.length && same(posWords, q, hi, lo)) q++;
    counts.push([hex8(hi) + hex8(lo), j - i, q - p]);
    p = q;
    i = j;
  }
  return { columns, counts };
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
 * const hashes = { first: Uint32Array.of(0xa, 0xa), second: Uint32Array.of(1, 2) };
 * const n = mixRepeats({ columns: [], counts: [["0000000a00000001", 1, 1]] }, hashes, probs);
 * assert.equal(n, 1);
 * assert.deepEqual(probs, Float32Array.of(0.75, 0.5));
 * ```
 */
export function mixRepeats(repeats: RepeatCounts, hashes: RowHashes, probs: Float32Array): number {
  const index = indexOf(repeats);
  let repeated = 0;
  for (let r = 0; r < probs.length; r++) {
    const e = index.find(hashes.first[r]!, hashes.second[r]!);
    if (e < 0) continue;
    const [, copies, positives] = repeats.counts[e]!;
    probs[r] = (positives + probs[r]!) / (copies + 1);
    repeated++;
  }
  return repeated;
}

/** How many of the rows with these hashes repeat a training lead. */
export function countRepeats(repeats: RepeatCounts, hashes: RowHashes): number {
  const index = indexOf(repeats);
  let repeated = 0;
  for (let r = 0; r < hashes.first.length; r++) {
    if (index.find(hashes.first[r]!, hashes.second[r]!) >= 0) repeated++;
  }
  return repeated;
}

/** The model's keys as number pairs in key order, for binary search. */
class RepeatIndex {
  readonly #hi: Uint32Array;
  readonly #lo: Uint32Array;
  /** The entry of `counts` behind each position. */
  readonly #entry: Uint32Array;

  constructor(counts: RepeatCounts["counts"]) {
    const entries: number[] = [];
    const hi: number[] = [];
    const lo: number[] = [];
    counts.forEach(([key], e) => {
      // a key that is not 16 hex digits matches no row (rowKeys writes no other)
      if (!/^[0-9a-f]{16}$/.test(key)) return;
      entries.push(e);
      hi.push(Number.parseInt(key.slice(0, 8), 16));
      lo.push(Number.parseInt(key.slice(8), 16));
    });
    const before = (a: number, b: number) => hi[a]! < hi[b]! || (hi[a] === hi[b] && lo[a]! < lo[b]!);
    const order = entries.map((_, i) => i);
    // fitRepeats writes them sorted; a stable sort keeps equal keys in file order otherwise
    if (order.some((i) => i > 0 && before(i, i - 1))) {
      order.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    }
    this.#hi = Uint32Array.from(order, (i) => hi[i]!);
    this.#lo = Uint32Array.from(order, (i) => lo[i]!);
    this.#entry = Uint32Array.from(order, (i) => entries[i]!);
  }

  /** The entry of key (`first`, `second`): the last one in file order if the file repeats it; -1 if none. */
  find(first: number, second: number): number {
    const hi = this.#hi;
    const lo = this.#lo;
    // first position whose key is above the one sought
    let a = 0;
    let b = hi.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (hi[m]! < first || (hi[m] === first && lo[m]! <= second)) a = m + 1;
      else b = m;
    }
    return a > 0 && hi[a - 1] === first && lo[a - 1] === second ? this.#entry[a - 1]! : -1;
  }
}

// one index per model's counts: explaining a file mixes repeats once per emptied column
const indexes = new WeakMap<RepeatCounts, RepeatIndex>();

function indexOf(repeats: RepeatCounts): RepeatIndex {
  let index = indexes.get(repeats);
  if (index === undefined) {
    index = new RepeatIndex(repeats.counts);
    indexes.set(repeats, index);
  }
  return index;
}
