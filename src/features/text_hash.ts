/**
 * Free text as a fixed-width numeric block, without a vocabulary: word
 * unigrams and bigrams and character 3-grams are hashed (FNV-1a, signed) into
 * a few buckets, counted, log-damped and L2-normalised; plus a few counts that
 * work in any language (length, words, shares of digits, upper case and
 * non-ASCII characters).
 *
 * @module
 */

/** Hash buckets of a free-text column unless the plan says otherwise. */
export const DEFAULT_HASH_BUCKETS = 64;

/** Names of the language-agnostic counts of {@linkcode textStats}, in order. */
export const TEXT_STAT_NAMES: readonly string[] = [
  "length",
  "words",
  "digit_share",
  "upper_share",
  "non_ascii_share",
];

/**
 * 32-bit FNV-1a hash of a string's UTF-16 code units: the same on every machine.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fnv1a } from "./text_hash.ts";
 * assert.equal(fnv1a("a").toString(16), "e40c292c");
 * ```
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Words of a text: lower-cased runs of letters and digits (any script). */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

/** Every token that is hashed: `w:` words, `b:` word bigrams, `c:` character 3-grams of each padded word. */
function tokensOf(text: string): string[] {
  const words = wordsOf(text);
  const tokens: string[] = [];
  for (let i = 0; i < words.length; i++) {
    tokens.push(`w:${words[i]}`);
    if (i > 0) tokens.push(`b:${words[i - 1]} ${words[i]}`);
    const chars = Array.from(` ${words[i]} `);
    for (let c = 0; c + 3 <= chars.length; c++) tokens.push(`c:${chars[c]}${chars[c + 1]}${chars[c + 2]}`);
  }
  return tokens;
}

/**
 * Hashed n-gram vector of one text: `buckets` values, L2 norm 1 (all zero for empty text).
 * Each token adds +1 or -1 (the hash's top bit) to bucket `hash mod buckets`; counts become
 * `sign * log1p(|count|)`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hashedNgrams } from "./text_hash.ts";
 * const v = hashedNgrams("Need a quote for 20 monitors", 32);
 * assert.equal(v.length, 32);
 * assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-6); // unit length
 * ```
 */
export function hashedNgrams(text: string | null, buckets: number): Float32Array {
  if (!Number.isInteger(buckets) || buckets < 1) {
    throw new RangeError(`buckets must be a positive integer, got ${buckets}`);
  }
  const counts = new Float64Array(buckets);
  if (text !== null) {
    for (const token of tokensOf(text)) {
      const h = fnv1a(token);
      counts[(h & 0x7fffffff) % buckets]! += h >>> 31 ? -1 : 1;
    }
  }
  let norm = 0;
  for (let b = 0; b < buckets; b++) {
    const c = counts[b]!;
    counts[b] = Math.sign(c) * Math.log1p(Math.abs(c));
    norm += counts[b]! * counts[b]!;
  }
  const out = new Float32Array(buckets);
  if (norm > 0) { for (let b = 0; b < buckets; b++) out[b] = counts[b]! / Math.sqrt(norm); }
  return out;
}

/**
 * Language-agnostic counts of one text, in the order of {@linkcode TEXT_STAT_NAMES}:
 * `log1p` of the length in characters and of the word count, then the shares of digits
 * (of all characters), upper-case letters (of letters) and non-ASCII characters.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { textStats } from "./text_hash.ts";
 * assert.deepEqual(textStats("ABc 12").map((v) => +v.toFixed(3)), [1.946, 1.099, 0.333, 0.667, 0]);
 * ```
 */
export function textStats(text: string | null): number[] {
  const t = text ?? "";
  const count = (re: RegExp) => t.match(re)?.length ?? 0;
  const n = Array.from(t).length;
  const digits = count(/\p{N}/gu);
  const letters = count(/\p{L}/gu);
  const upper = count(/\p{Lu}/gu);
  const nonAscii = count(/[\u0080-\u{10ffff}]/gu);
  return [
    Math.log1p(n),
    Math.log1p(text === null ? 0 : wordsOf(text).length),
    n ? digits / n : 0,
    letters ? upper / letters : 0,
    n ? nonAscii / n : 0,
  ];
}

/**
 * Column blocks of a text column: one per hash bucket, then one per count of {@linkcode textStats}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { textBlocks } from "./text_hash.ts";
 * const blocks = textBlocks(["hello world", null], 8);
 * assert.equal(blocks.length, 8 + 5); // 8 hashed buckets and 5 counts, one column each
 * assert.equal(blocks[0]!.length, 2); // a value per cell
 * ```
 */
export function textBlocks(cells: readonly (string | null)[], buckets: number): Float32Array[] {
  const width = buckets + TEXT_STAT_NAMES.length;
  const blocks = Array.from({ length: width }, () => new Float32Array(cells.length));
  cells.forEach((cell, r) => {
    const hashed = hashedNgrams(cell, buckets);
    for (let b = 0; b < buckets; b++) blocks[b]![r] = hashed[b]!;
    textStats(cell).forEach((v, s) => (blocks[buckets + s]![r] = v));
  });
  return blocks;
}
