/**
 * Argument checks of the MLP API.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import type { MlpOptions } from "./mlp.ts";
import { ACTIVATIONS } from "../cpu/activation.ts";

function fail(name: string, expected: string, got: unknown): never {
  throw new RangeError(`Invalid MLP option ${name}: expected ${expected}, got ${JSON.stringify(got)}`);
}

function intIn(o: MlpOptions, name: keyof MlpOptions, lo: number, hi: number): void {
  const v = o[name];
  if (!Number.isInteger(v) || (v as number) < lo || (v as number) > hi) {
    fail(name, `an integer in [${lo}, ${hi}]`, v);
  }
}

/** Throws a RangeError naming the first invalid option. */
export function validateOptions(o: MlpOptions): void {
  if (!Array.isArray(o.hidden) || o.hidden.length > 8) {
    fail("hidden", "an array of at most 8 widths", o.hidden);
  }
  for (const h of o.hidden) {
    if (!Number.isInteger(h) || h < 1 || h > 4096) fail("hidden", "widths in [1, 4096]", h);
  }
  intIn(o, "embedDim", 1, 256);
  if (!(ACTIVATIONS as readonly unknown[]).includes(o.activation)) {
    fail("activation", ACTIVATIONS.map((a) => JSON.stringify(a)).join(" or "), o.activation);
  }
  intIn(o, "epochs", 1, 100000);
  intIn(o, "batchSize", 1, 8192);
  if (!(Number.isFinite(o.learningRate) && o.learningRate > 0)) {
    fail("learningRate", "a positive number", o.learningRate);
  }
  if (!(Number.isFinite(o.weightDecay) && o.weightDecay >= 0)) {
    fail("weightDecay", "a number >= 0", o.weightDecay);
  }
  if (o.schedule !== "constant" && o.schedule !== "cosine") {
    fail("schedule", `"constant" or "cosine"`, o.schedule);
  }
  if (!(Number.isFinite(o.posWeight) && o.posWeight > 0)) fail("posWeight", "a positive number", o.posWeight);
  if (!(o.dropout >= 0 && o.dropout < 1)) fail("dropout", "a number in [0, 1)", o.dropout);
  if (!Number.isSafeInteger(o.seed)) fail("seed", "an integer", o.seed);
}

/** Checks array sizes and category indices of `d`; `like` gives the expected columns. */
export function validateDesign(
  d: Design,
  what: string,
  like?: { numNames: { length: number }; catSizes: readonly number[] },
): void {
  const k = d.numNames.length;
  const c = d.catSizes.length;
  if (d.catNames.length !== c) {
    throw new RangeError(`Invalid ${what} design: ${d.catNames.length} names, ${c} sizes`);
  }
  if (d.num.length !== d.rows * k) {
    throw new RangeError(
      `Invalid ${what} design: num holds ${d.num.length} values, expected ${d.rows} x ${k}`,
    );
  }
  if (d.cat.length !== d.rows * c) {
    throw new RangeError(
      `Invalid ${what} design: cat holds ${d.cat.length} values, expected ${d.rows} x ${c}`,
    );
  }
  if (like !== undefined) {
    const same = like.numNames.length === k && like.catSizes.length === c &&
      like.catSizes.every((s, j) => s === d.catSizes[j]);
    if (!same) throw new RangeError(`Invalid ${what} design: its columns differ from the model's`);
  }
  for (let i = 0; i < d.cat.length; i++) {
    const j = i % c;
    if (d.cat[i]! >= d.catSizes[j]!) {
      throw new RangeError(
        `Invalid ${what} design: row ${Math.floor(i / c)} column "${d.catNames[j]}" has index ${d.cat[i]}, ` +
          `vocabulary size ${d.catSizes[j]}`,
      );
    }
  }
}
