import assert from "node:assert/strict";
import { fnv1a, hashedNgrams, textBlocks, textStats, wordsOf } from "../../src/features/text_hash.ts";

Deno.test("fnv1a is the standard 32-bit FNV-1a", () => {
  assert.equal(fnv1a(""), 0x811c9dc5);
  assert.equal(fnv1a("a"), 0xe40c292c);
  assert.equal(fnv1a("foobar"), 0xbf9cf968);
});

Deno.test("hashed n-grams are deterministic, unit length, and close for similar texts", () => {
  const a = hashedNgrams("Please send a quotation for 20 monitors", 64);
  assert.deepEqual(a, hashedNgrams("Please send a quotation for 20 monitors", 64));
  assert.ok(Math.abs(Math.hypot(...a) - 1) < 1e-6);
  assert.deepEqual(hashedNgrams(null, 8), new Float32Array(8));
  assert.deepEqual(hashedNgrams("  ... ", 8), new Float32Array(8), "no words, no tokens");
  const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * y[i]!, 0);
  const near = hashedNgrams("please send a QUOTATION for 30 monitors!", 64);
  const far = hashedNgrams("제품 고장 수리 요청합니다", 64);
  assert.ok(dot(a, near) > 0.6, `similar ${dot(a, near)}`);
  assert.ok(Math.abs(dot(a, far)) < 0.3, `different ${dot(a, far)}`);
  assert.throws(() => hashedNgrams("x", 0), RangeError);
});

Deno.test("words and counts work in any script", () => {
  assert.deepEqual(wordsOf("Cotización: 20 unidades, 견적 요청!"), [
    "cotización",
    "20",
    "unidades",
    "견적",
    "요청",
  ]);
  const [length, words, digits, upper, nonAscii] = textStats("ABc 12");
  assert.ok(Math.abs(length! - Math.log1p(6)) < 1e-12 && Math.abs(words! - Math.log1p(2)) < 1e-12);
  assert.deepEqual([digits, upper, nonAscii].map((v) => +v!.toFixed(3)), [0.333, 0.667, 0]);
  assert.equal(textStats("견적")[4], 1);
  assert.deepEqual(textStats(null), [0, 0, 0, 0, 0]);
  const blocks = textBlocks(["hello world", null, "olá"], 16);
  assert.equal(blocks.length, 16 + 5);
  assert.ok(blocks.every((b) => b.length === 3));
});
