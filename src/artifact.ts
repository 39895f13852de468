/**
 * Saving and loading a trained model: `model.json` holds the format version,
 * the schema it was trained on, each cross-validation fold's feature plan and
 * ensemble members, the decision threshold and the versions that made it.
 *
 * @module
 */
import { join } from "node:path";
import denoConfig from "../deno.json" with { type: "json" };
import { DataError } from "./errors.ts";
import type { FeaturePlan } from "./features/plan.ts";
import { writeFileAtomic } from "./io/atomic.ts";
import { readJsonFile } from "./io/read_json.ts";
import type { FittedMlp } from "./models/mlp.ts";
import { mlpToJson } from "./artifact_mlp.ts";
import { modelFromJson } from "./artifact_check.ts";
import type { RepeatCounts } from "./score/repeats.ts";
import type { OofSummary } from "./score/prior_shift.ts";
import type { FileInfo, LabelSpelling, LeadTable } from "./data/load.ts";
import type { Roles } from "./data/roles.ts";

/** Identifies the file as an mql-gpu model. */
export const MODEL_FORMAT = "mql-gpu/model";
/** Bumped whenever the meaning of `model.json` changes; older files are refused. */
export const MODEL_FORMAT_VERSION = 2;

/** One model of the ensemble and its blending weight. */
export interface EnsembleMember {
  readonly name: string;
  readonly weight: number;
  /** Whether the model reads the crossed categoricals of the design (src/features/crosses.ts). */
  readonly crosses: boolean;
  readonly model: FittedMlp;
}

/** The models of one cross-validation fold: its feature plan and every member, fitted on its training rows. */
export interface FoldModel {
  readonly plan: FeaturePlan;
  readonly members: readonly EnsembleMember[];
}

/** Everything `submit` needs to score new leads. */
export interface ModelArtifact {
  /** The feature columns the model needs in a test file. */
  readonly columns: readonly string[];
  /** "online" or "finals": which round's schema the training file had. */
  readonly round: "online" | "finals";
  /**
   * The models of every cross-validation fold; a lead's probability is the mean of the folds' blends
   * (src/score/predict.ts). These are the models whose out-of-fold probabilities chose `threshold`; a refit
   * on all rows trains longer and is calibrated differently, so the threshold fit it worse (mean F1 of
   * the test-like holdouts 0.639 for the refit, 0.651 for the fold average; docs/features.md).
   */
  readonly folds: readonly FoldModel[];
  /** A lead is predicted converted when its blended probability is at least this. */
  readonly threshold: number;
  /** Share of positive rows in the training file. */
  readonly trainPrior: number;
  /** Cross-validated scores at `threshold`. */
  readonly cvScores: { readonly precision: number; readonly recall: number; readonly f1: number };
  /** The out-of-fold predictions, compacted, so a threshold can be chosen again for another test prior. */
  readonly oofSummary: OofSummary;
  readonly seed: number;
  /** The training leads by key, to mix their labels into exact repeats (src/score/repeats.ts); older files have none. */
  readonly repeats?: RepeatCounts;
  /** The columns' roles in the training file (older files: the LG names, {@link DEFAULT_ROLES}). */
  readonly roles?: Roles;
  /** How the training file spelled the label, so scored files are written the same way (default True/False). */
  readonly labelSpelling?: LabelSpelling;
  /** Which file the model was trained on, with what. */
  readonly provenance?: Provenance;
}

/** Which file a model was trained on: name, size, SHA-256, rows, roles, seed and the tool's version. */
export interface Provenance {
  readonly file: FileInfo;
  /** Rows of the file, and those trained on (placeholder customers left out). */
  readonly rows: number;
  readonly trained_rows: number;
  readonly roles: Roles;
  readonly seed: number;
  readonly version: string;
}

/** The provenance of a model trained on `table`. */
export function provenanceOf(table: LeadTable, trainedRows: number, seed: number): Provenance {
  return {
    file: table.file,
    rows: table.raw.height,
    trained_rows: trainedRows,
    roles: table.roles,
    seed,
    version: denoConfig.version,
  };
}

/** Versions of what produced a model, recorded for reproducibility. */
export function toolVersions(): Record<string, string> {
  return {
    "mql-gpu": denoConfig.version,
    deno: Deno.version.deno,
    "nodejs-polars": denoConfig.imports["nodejs-polars"].replace(/^npm:nodejs-polars@/, ""),
  };
}

/** A short stable hash of the column list, so a model and a test file can be matched at a glance. */
export function schemaFingerprint(columns: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const ch of columns.join("\u0000")) {
    hash = Math.imul(hash ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/**
 * Writes `DIR/model.json` atomically.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadLeads, openEngine, trainModel } from "../mod.ts";
 * import { loadModel, saveModel } from "./artifact.ts";
 * // 40 leads of 10 customers; most leads of business unit AS convert
 * const rows = Array.from({ length: 40 }, (_, i) =>
 *   `${i % 10},${i % 3 ? "ID" : "AS"},${i % 3 === 0 && i % 5 > 0}`);
 * const train = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(train, ["customer_idx,business_unit,is_converted", ...rows].join("\n"));
 * const engine = await openEngine("cpu");
 * const { artifact } = await trainModel(await loadLeads(train, "train"), { engine, folds: 2, seed: 42 });
 * const dir = await Deno.makeTempDir();
 * assert.equal(await saveModel(dir, artifact), `${dir}/model.json`);
 * assert.equal((await loadModel(dir)).threshold, artifact.threshold);
 * ```
 */
export async function saveModel(dir: string, artifact: ModelArtifact): Promise<string> {
  const path = join(dir, "model.json");
  const json = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    versions: toolVersions(),
    schema: {
      round: artifact.round,
      columns: artifact.columns,
      fingerprint: schemaFingerprint(artifact.columns),
    },
    seed: artifact.seed,
    trainPrior: artifact.trainPrior,
    threshold: artifact.threshold,
    cvScores: artifact.cvScores,
    oofSummary: artifact.oofSummary,
    folds: artifact.folds.map((fold) => ({
      featurePlan: fold.plan,
      members: fold.members.map((m) => ({
        name: m.name,
        weight: m.weight,
        crosses: m.crosses,
        model: mlpToJson(m.model),
      })),
    })),
    ...(artifact.repeats ? { repeats: artifact.repeats } : {}),
    ...(artifact.roles ? { roles: artifact.roles } : {}),
    ...(artifact.labelSpelling ? { labelSpelling: artifact.labelSpelling } : {}),
    ...(artifact.provenance ? { provenance: artifact.provenance } : {}),
  };
  // JSON.stringify(json), with the parts serialised earlier (see partJson) taken as they are
  const text = (key: string, value: unknown): string | undefined =>
    key === "folds"
      ? `[${
        artifact.folds.map((fold, f) =>
          `{"featurePlan":${partJson(fold.plan)},"members":${JSON.stringify(json.folds[f]!.members)}}`
        ).join(",")
      }]`
      : key === "repeats"
      ? partJson(value as RepeatCounts)
      : JSON.stringify(value);
  const fields = Object.entries(json).flatMap(([key, value]) => {
    const t = text(key, value);
    return t === undefined ? [] : [`${JSON.stringify(key)}:${t}`];
  });
  await writeFileAtomic(path, `{${fields.join(",")}}`);
  return path;
}

const serialised = new WeakMap<object, string>();

/**
 * `JSON.stringify(part)` of a part of a model that no longer changes (a fold's feature plan, the repeat
 * counts), remembered: training serialises each while the other folds fit, so that saving the model at
 * the end of the run, when the report is drawn too, has less to do.
 */
export function partJson(part: FeaturePlan | RepeatCounts): string {
  let text = serialised.get(part);
  if (text === undefined) serialised.set(part, text = JSON.stringify(part));
  return text;
}

/**
 * Reads `DIR/model.json`, refusing files of another format or version and files with a missing or
 * malformed field (src/artifact_check.ts): one `DataError` line naming the field.
 */
export async function loadModel(dir: string): Promise<ModelArtifact> {
  const path = join(dir, "model.json");
  // deno-lint-ignore no-explicit-any
  const json: any = await readJsonFile(path, "train a model first: deno task train");
  if (json?.format !== MODEL_FORMAT) throw new DataError(`Cannot read ${path}: not an mql-gpu model`);
  if (json.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new DataError(
      `Cannot read ${path}: model format ${json.formatVersion}, this version of mql-gpu reads ${MODEL_FORMAT_VERSION}; retrain`,
    );
  }
  return modelFromJson(json, path);
}
