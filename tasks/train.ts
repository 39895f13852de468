/** `deno task train`: cross-validate, choose the threshold, and save the fold models. */
import { join } from "node:path";
import { trainingReportBase, withColumnImportance } from "../src/report/data.ts";
import { ReportDrawing } from "../src/report/draw_pool.ts";
import { OutOfFoldImportance } from "../src/report/importance.ts";
import { REPORT_PARTS, reportPage, type ReportPart } from "../src/report/page.ts";
import { saveReport } from "../src/report/write.ts";
import { checkTrainable } from "../src/train/preflight.ts";
import { isGpuEngine } from "../src/gpu/device.ts";
import { loadLeads, MIN_FOLD_POSITIVES, openEngine, saveModel, trainModel, writeFileAtomic } from "../mod.ts";
import {
  checkWritableDir,
  choiceFlag,
  DIALECT_FLAGS,
  dialectOptions,
  dialectUsage,
  firstExisting,
  intFlag,
  listFlag,
  parseFlags,
  progress,
  projectPath,
  runTask,
  userPath,
} from "./_cli.ts";

const USAGE = `
Train the lead-conversion model: K-fold cross-validation and a threshold from the
middle of the out-of-fold F1 plateau; the K fold models, averaged, are the model.

Usage: deno task train [options]

Options:
  --data PATH      training CSV (default: data/train.csv if present, else data/sample/train.csv)
  --out DIR        where model.json, metrics.json and report.html (with report.json, its
                   data) go (default: models/latest); checked for writing before training starts
  --label NAME     the label column: True/False, 1/0, Yes/No or Y/N (default: is_converted)
  --group NAME     the customer column: grouped folds, customer encodings, placeholder
                   detection (default: customer_idx when present); none: random folds
  --ignore A,B     columns that are neither roles nor features
  --id NAME        a row id column, not a feature (default: id when present)
${dialectUsage(19)}
  --folds K        cross-validation folds, 2 or more (default: 5)
  --grouping G     cross-validation folds: customer (whole customers in one fold, like the
                   real test set; default), mixed (the same, plus single leads of known
                   customers validated too, 23% of the validation rows as in the real test set:
                   scores closer to it) or random (stratified rows; scores flatter)
  --keep-placeholders
                   train on placeholder customers too (a customer id with 1% or more of the
                   rows, 95% or more converted, such as 25096 in the LG Aimers data); by default
                   their rows are left out, since they teach the model false patterns
  --seed N         random seed; the same data and seed give the same model (default: 42)
  --device D       gpu, cpu or auto (default: auto, the GPU when WebGPU has an adapter; on a
                   software adapter such as llvmpipe, logistic regression on the CPU reference,
                   which is faster there)
  --workers N      fit this many models side by side, each in its own thread with its own
                   device (default: the number of CPU cores, at most 4); 1 fits one at a time.
                   The model is the same whatever N is
  -h, --help       show this help
`;

/** Parts of the report drawn from the out-of-fold predictions alone (see `TrainOptions.onOutOfFold`). */
const EARLY_PARTS: readonly ReportPart[] = ["headline", "quality"];

await runTask("train", USAGE, async (args) => {
  const flags = parseFlags(args, {
    data: { type: "string" },
    out: { type: "string" },
    folds: { type: "string" },
    grouping: { type: "string" },
    "keep-placeholders": { type: "boolean" },
    seed: { type: "string" },
    device: { type: "string" },
    workers: { type: "string" },
    label: { type: "string" },
    group: { type: "string" },
    ignore: { type: "string" },
    id: { type: "string" },
    ...DIALECT_FLAGS,
  });
  const data = flags.data ? userPath(flags.data) : firstExisting("data/train.csv", "data/sample/train.csv");
  const out = flags.out ? userPath(flags.out) : projectPath("models/latest");
  const folds = intFlag("folds", flags.folds, 5, 2, 100);
  const seed = intFlag("seed", flags.seed, 42, 0);
  const grouping = choiceFlag(
    "grouping",
    flags.grouping,
    ["customer", "mixed", "random"] as const,
    "customer",
  );
  const device = choiceFlag("device", flags.device, ["gpu", "cpu", "auto"] as const, "auto");
  const workers = intFlag("workers", flags.workers, Math.min(navigator.hardwareConcurrency, 4), 1, 64);

  const dialect = dialectOptions(flags);
  const ignore = listFlag(flags.ignore);
  const roles = {
    ...(flags.label === undefined ? {} : { label: flags.label }),
    ...(flags.group === undefined ? {} : { group: flags.group }),
    ...(flags.id === undefined ? {} : { id: flags.id }),
    ...(ignore === undefined ? {} : { ignore }),
  };

  // workers load the charting libraries now, to draw the report at the end
  const drawing = new ReportDrawing();
  try {
    const started = performance.now();
    const table = await loadLeads(data, "train", { ...dialect, roles });
    // a folder that cannot be written fails now, not after the whole training run
    await checkWritableDir(out);
    const keepPlaceholders = flags["keep-placeholders"] === true;
    checkTrainable(table, data, { folds, grouping, keepPlaceholders });
    const positives = table.labels!.reduce((a, b) => a + b, 0);
    const engine = await openEngine(device);
    progress(`train: ${data}: ${table.frame.height} rows, ${pct(positives / table.frame.height)} converted`);
    progress(`train: device ${engine.description}`);
    const group = table.roles.group;
    progress(
      `train: label "${table.roles.label}", group ${
        group === null ? "none (stratified random folds)" : `"${group}" (folds grouped by it)`
      }${table.roles.id === null ? "" : `, id "${table.roles.id}"`}${
        table.roles.ignore.length ? `, ignored ${table.roles.ignore.map((c) => `"${c}"`).join(", ")}` : ""
      }`,
    );
    try {
      let explained: OutOfFoldImportance | undefined;
      let early: Map<ReportPart, Promise<string>> | undefined;
      const { artifact, metrics, oof } = await trainModel(table, {
        engine,
        folds,
        seed,
        grouping,
        keepPlaceholders,
        workers,
        // llvmpipe is the CPU itself: there the CPU reference fits logistic regression sooner
        linearOnCpu: device === "auto" && isGpuEngine(engine) && engine.fallback,
        onProgress: progress,
        // the report's out-of-fold sample is explained fold by fold while the last folds fit
        whileFitting: async (queued) => {
          progress("train: explaining out-of-fold leads for the report while the last folds fit");
          explained = await OutOfFoldImportance.explain(engine, table, seed, queued);
        },
        // the parts that show no segments nor importance are drawn while the rest is computed
        onOutOfFold: ({ artifact, oof, facts }) => {
          const light = trainingReportBase(table, artifact, facts, oof, table.file, { segments: false });
          early = new Map(EARLY_PARTS.map((part) => [part, drawing.draw(part, light)]));
        },
      });
      const weights = artifact.folds.map((fold) => fold.members.map((m) => m.weight));
      const report = withColumnImportance(
        trainingReportBase(table, artifact, metrics, oof, table.file),
        explained!.importance(weights),
        table,
        oof,
      );
      // the report's parts are drawn in the workers while the model is saved here
      const parts = REPORT_PARTS.map((part) => early?.get(part) ?? drawing.draw(part, report));
      const modelPath = await saveModel(out, artifact);
      const metricsPath = join(out, "metrics.json");
      await writeFileAtomic(metricsPath, JSON.stringify(metrics, null, 2) + "\n");
      const page = reportPage(await Promise.all(parts));
      const reportPath = await saveReport(out, report, page);
      const cv = metrics.cv;
      progress(`train: columns:`);
      for (const { column, use } of metrics.columns) progress(`  ${column.padEnd(24)} ${use}`);
      const how = {
        customer: "grouped by customer",
        mixed: `grouped by customer, plus ${cv.seen_rows} leads of known customers`,
        random: "random stratified",
      }[cv.grouping];
      const left = metrics.excluded.reduce((n, p) => n + p.rows, 0);
      console.log(
        `cross-validation (${cv.folds} folds, ${how}) on ${metrics.rows} rows` +
          (left ? ` (${left} placeholder-customer rows left out)` : ""),
      );
      for (const [name, s] of Object.entries(metrics.members)) {
        console.log(`${scoreLine(name, s)}  weight ${s.weight.toFixed(2)}`);
      }
      if (Object.keys(metrics.members).length > 1) console.log(scoreLine("ensemble", cv));
      console.log(
        `exact repeats: ${metrics.repeat_keys} distinct training leads kept to recognise them when scoring`,
      );
      const thin = metrics.fold_positives.flatMap((p, f) =>
        p < MIN_FOLD_POSITIVES ? [`fold ${f + 1}: ${p}`] : []
      );
      if (thin.length > 0) {
        console.log(
          `warning: fewer than ${MIN_FOLD_POSITIVES} positives in a validation fold (${
            thin.join(", ")
          }): these scores are unreliable; more labelled rows or fewer folds would help`,
        );
      }
      console.log(`threshold ${cv.threshold.toFixed(4)}  model ${modelPath}  metrics ${metricsPath}`);
      console.log(`report ${reportPath}`);
      console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } finally {
      engine.destroy();
    }
  } finally {
    drawing.close();
  }
});

function scoreLine(
  name: string,
  s: { f1: number; precision: number; recall: number; roc_auc: number; pr_auc: number },
) {
  const f = (x: number) => x.toFixed(4);
  return `  ${name.padEnd(10)} F1 ${f(s.f1)}  precision ${f(s.precision)}  recall ${f(s.recall)}  ROC-AUC ${
    f(s.roc_auc)
  }  PR-AUC ${f(s.pr_auc)}`;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
