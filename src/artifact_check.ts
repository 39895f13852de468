/**
 * Checks a parsed `model.json` field by field before anything uses it: a hand-edited, truncated or
 * outdated file is refused with one line naming the first bad field (`folds[2].members[0].weight is "x",
 * expected a number`) instead of failing later, deep inside scoring.
 *
 * @module
 */
import type { EnsembleMember, FoldModel, ModelArtifact } from "./artifact.ts";
import type { LabelSpelling } from "./data/load.ts";
import type { Roles } from "./data/roles.ts";
import { DataError } from "./errors.ts";
import { DATE_PART_NAMES } from "./features/dates.ts";
import { FEATURE_PLAN_VERSION, type FeaturePlan } from "./features/plan.ts";
import { TEXT_STAT_NAMES } from "./features/text_hash.ts";
import { mlpFromJson } from "./artifact_mlp.ts";
import type { RepeatCounts } from "./score/repeats.ts";
import type { OofSummary } from "./score/prior_shift.ts";

/** A field that is not what the format says; `message` reads `PATH is VALUE, expected WHAT`. */
class FieldError extends Error {}

type Obj = Record<string, unknown>;

/** A short rendering of a bad value for the message. */
function show(value: unknown): string {
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object" && value !== null) return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function fail(path: string, value: unknown, expected: string): never {
  throw new FieldError(`${path} is ${show(value)}, expected ${expected}`);
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) fail(path, v, "an object");
  return v as Obj;
}

function str(v: unknown, path: string): string {
  if (typeof v !== "string") fail(path, v, "a string");
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== "boolean") fail(path, v, "true or false");
  return v;
}

function num(v: unknown, path: string): number {
  if (typeof v !== "number" || !Number.isFinite(v)) fail(path, v, "a number");
  return v;
}

function int(v: unknown, path: string, min = 0): number {
  if (!Number.isSafeInteger(v) || (v as number) < min) fail(path, v, `an integer >= ${min}`);
  return v as number;
}

/** A number in [lo, hi]. */
function within(v: unknown, path: string, lo: number, hi: number): number {
  if (typeof v !== "number" || !(v >= lo && v <= hi)) fail(path, v, `a number in [${lo}, ${hi}]`);
  return v;
}

/** A share strictly between 0 and 1 (a prior the prior shift can move from). */
function openShare(v: unknown, path: string): number {
  if (typeof v !== "number" || !(v > 0 && v < 1)) fail(path, v, "a number in (0, 1)");
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, choices: readonly T[]): T {
  if (!choices.includes(v as T)) fail(path, v, choices.map((c) => JSON.stringify(c)).join(" or "));
  return v as T;
}

function arr<T>(v: unknown, path: string, item: (x: unknown, path: string) => T, minLength = 0): T[] {
  if (!Array.isArray(v) || v.length < minLength) {
    fail(path, v, minLength > 0 ? `an array of at least ${minLength}` : "an array");
  }
  return v.map((x, i) => item(x, `${path}[${i}]`));
}

function nullableStr(v: unknown, path: string): string | null {
  return v === null ? null : str(v, path);
}

/** `[string, rows, positives]` entries: a target encoding's or the repeats' counts. */
function counts(v: unknown, path: string): [string, number, number][] {
  return arr(v, path, (c, p) => {
    if (!Array.isArray(c) || c.length !== 3) fail(p, c, "[value, rows, positives]");
    return [str(c[0], `${p}[0]`), int(c[1], `${p}[1]`), int(c[2], `${p}[2]`)];
  });
}

function scaler(v: unknown, path: string) {
  const o = obj(v, path);
  return {
    name: str(o.name, `${path}.name`),
    log: bool(o.log, `${path}.log`),
    fill: num(o.fill, `${path}.fill`),
    mean: num(o.mean, `${path}.mean`),
    std: num(o.std, `${path}.std`),
  };
}

function scalers(v: unknown, path: string, length?: number) {
  const list = arr(v, path, scaler);
  if (length !== undefined && list.length !== length) fail(path, v, `an array of ${length} scalers`);
  return list;
}

function source(v: unknown, path: string): void {
  const o = obj(v, path);
  str(o.column, `${path}.column`);
  str(o.feature, `${path}.feature`);
  oneOf(o.use, `${path}.use`, ["categorical", "numeric", "text", "date", "budget"]);
  bool(o.inferred, `${path}.inferred`);
  if (o.derive !== undefined) oneOf(o.derive, `${path}.derive`, ["written", "normalized", "code", "country"]);
  if (o.cross !== undefined) {
    const pair = arr(o.cross, `${path}.cross`, str);
    if (pair.length !== 2) fail(`${path}.cross`, o.cross, "two feature names");
  }
}

function block(v: unknown, path: string): void {
  const o = obj(v, path);
  const use = oneOf(o.use, `${path}.use`, ["text", "date", "budget"]);
  str(o.name, `${path}.name`);
  if (use === "text") {
    int(o.buckets, `${path}.buckets`, 1);
    scalers(o.scalers, `${path}.scalers`, TEXT_STAT_NAMES.length);
  } else if (use === "date") {
    num(o.reference, `${path}.reference`);
    scalers(o.scalers, `${path}.scalers`, DATE_PART_NAMES.length);
    bool(o.flagMissing, `${path}.flagMissing`);
  } else {
    scalers(o.scalers, `${path}.scalers`, 2);
    bool(o.flagMissing, `${path}.flagMissing`);
  }
}

function target(v: unknown, path: string): void {
  const o = obj(v, path);
  str(o.name, `${path}.name`);
  within(o.prior, `${path}.prior`, 0, 1);
  counts(o.counts, `${path}.counts`);
  if (o.smoothing !== undefined) num(o.smoothing, `${path}.smoothing`);
}

function featurePlan(v: unknown, path: string): FeaturePlan {
  const o = obj(v, path);
  if (o.version !== FEATURE_PLAN_VERSION) {
    fail(`${path}.version`, o.version, `${FEATURE_PLAN_VERSION} (an older model: retrain)`);
  }
  arr(o.sources, `${path}.sources`, source);
  arr(o.vocabularies, `${path}.vocabularies`, (x, p) => {
    const voc = obj(x, p);
    str(voc.name, `${p}.name`);
    arr(voc.values, `${p}.values`, str);
  });
  scalers(o.scalers, `${path}.scalers`);
  arr(o.missingFlags, `${path}.missingFlags`, str);
  arr(o.targets, `${path}.targets`, target);
  scalers(o.targetScalers, `${path}.targetScalers`);
  arr(o.blocks, `${path}.blocks`, block);
  return o as unknown as FeaturePlan;
}

function member(v: unknown, path: string): EnsembleMember {
  const o = obj(v, path);
  const name = str(o.name, `${path}.name`);
  const weight = within(o.weight, `${path}.weight`, 0, 1);
  const crosses = bool(o.crosses, `${path}.crosses`);
  obj(o.model, `${path}.model`);
  let model;
  try {
    model = mlpFromJson(o.model);
  } catch (error) {
    // mlpFromJson names the bad part of the fitted network (options, shapes, parameter count)
    throw new FieldError(`${path}.model: ${(error as Error).message.replace(/^Cannot read model: /, "")}`);
  }
  return { name, weight, crosses, model };
}

function fold(v: unknown, path: string): FoldModel {
  const o = obj(v, path);
  return {
    plan: featurePlan(o.featurePlan, `${path}.featurePlan`),
    members: arr(o.members, `${path}.members`, member, 1),
  };
}

function oofSummary(v: unknown, path: string): OofSummary {
  const o = obj(v, path);
  const lo = arr(o.lo, `${path}.lo`, (x, p) => within(x, p, 0, 1), 1);
  const same = { length: lo.length };
  const sized = (key: string, item: (x: unknown, p: string) => number) => {
    const list = arr(o[key], `${path}.${key}`, item);
    if (list.length !== same.length) fail(`${path}.${key}`, o[key], `an array of ${same.length}, as lo`);
    return list;
  };
  return {
    lo,
    hi: sized("hi", (x, p) => within(x, p, 0, 1)),
    pos: sized("pos", (x, p) => int(x, p)),
    neg: sized("neg", (x, p) => int(x, p)),
  };
}

function roles(v: unknown, path: string): Roles {
  const o = obj(v, path);
  return {
    label: str(o.label, `${path}.label`),
    group: nullableStr(o.group, `${path}.group`),
    id: nullableStr(o.id, `${path}.id`),
    ignore: arr(o.ignore, `${path}.ignore`, str),
  };
}

function repeats(v: unknown, path: string): RepeatCounts {
  const o = obj(v, path);
  return { columns: arr(o.columns, `${path}.columns`, str), counts: counts(o.counts, `${path}.counts`) };
}

function labelSpelling(v: unknown, path: string): LabelSpelling {
  const o = obj(v, path);
  return { positive: str(o.positive, `${path}.positive`), negative: str(o.negative, `${path}.negative`) };
}

function provenance(v: unknown, path: string) {
  const o = obj(v, path);
  const file = obj(o.file, `${path}.file`);
  return {
    file: {
      name: str(file.name, `${path}.file.name`),
      bytes: int(file.bytes, `${path}.file.bytes`),
      sha256: str(file.sha256, `${path}.file.sha256`),
    },
    rows: int(o.rows, `${path}.rows`),
    trained_rows: int(o.trained_rows, `${path}.trained_rows`),
    roles: roles(o.roles, `${path}.roles`),
    seed: int(o.seed, `${path}.seed`),
    version: str(o.version, `${path}.version`),
  };
}

/** The body of a version-2 file, checked; throws {@linkcode FieldError}. */
function artifactOf(json: Obj): ModelArtifact {
  const schema = obj(json.schema, "schema");
  const cv = obj(json.cvScores, "cvScores");
  return {
    columns: arr(schema.columns, "schema.columns", str),
    round: oneOf(schema.round, "schema.round", ["online", "finals"]),
    folds: arr(json.folds, "folds", fold, 1),
    threshold: within(json.threshold, "threshold", 0, 1),
    trainPrior: openShare(json.trainPrior, "trainPrior"),
    cvScores: {
      precision: within(cv.precision, "cvScores.precision", 0, 1),
      recall: within(cv.recall, "cvScores.recall", 0, 1),
      f1: within(cv.f1, "cvScores.f1", 0, 1),
    },
    oofSummary: oofSummary(json.oofSummary, "oofSummary"),
    seed: int(json.seed, "seed"),
    // optional: models saved before these were recorded have none
    ...(json.repeats === undefined ? {} : { repeats: repeats(json.repeats, "repeats") }),
    ...(json.roles === undefined ? {} : { roles: roles(json.roles, "roles") }),
    ...(json.labelSpelling === undefined
      ? {}
      : { labelSpelling: labelSpelling(json.labelSpelling, "labelSpelling") }),
    ...(json.provenance === undefined ? {} : { provenance: provenance(json.provenance, "provenance") }),
  };
}

/**
 * Checks every field of a parsed `model.json` (format and version already checked by the caller) and
 * returns the model it holds. Throws a `DataError` `Cannot read FILE: FIELD is VALUE, expected WHAT`
 * naming the first bad field.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { modelFromJson } from "./artifact_check.ts";
 * assert.throws(() => modelFromJson({ schema: { columns: [], round: "online" } }, "models/x/model.json"), {
 *   name: "DataError",
 *   message: "Cannot read models/x/model.json: cvScores is missing, expected an object",
 * });
 * ```
 */
export function modelFromJson(json: unknown, file: string): ModelArtifact {
  try {
    return artifactOf(obj(json, "the file"));
  } catch (error) {
    if (error instanceof FieldError) throw new DataError(`Cannot read ${file}: ${error.message}`);
    throw error;
  }
}
