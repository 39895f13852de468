/** `deno task report`: write a model's report.html again, or report a scored, labelled file. */
import {
  CUSTOMER_COLUMN,
  knownCustomers,
  loadModel,
  readScoredFile,
  stringColumn,
  type TextFrame,
} from "../mod.ts";
import {
  fileFact,
  REPORT_DATA_FORMAT,
  type ReportData,
  round,
  segmentsOf,
  valueRatesOf,
} from "../src/report/data.ts";
import { loadReportData, writeReportHtml } from "../src/report/write.ts";
import { parseFlags, projectPath, runTask, UsageError, userPath } from "./_cli.ts";

const USAGE = `
Write a model's report.html: cross-validated scores with bootstrap intervals, the
precision-recall, ROC, threshold, calibration, gain and lift charts, scores by segment
and what drives the model. One self-contained page (inline SVG, no script).

Usage: deno task report [options]

Options:
  --model DIR          trained model folder (default: models/latest); its report.json
                       (written by train) holds the out-of-fold predictions
  --out PATH           where to write the page (default: DIR/report.html)
  --submission PATH    report this scored file instead (written by submit --with-probability)
  --labels PATH        with --submission: CSV with the id and the true label of every lead,
                       under the training file's names (id and is_converted for the LG data)
  --id NAME            with --submission: the id column of both files (default: the training
                       file's id column, else id; submit --id names it when the model has none)
  -h, --help           show this help
`;

await runTask("report", USAGE, async (args) => {
  const flags = parseFlags(args, {
    model: { type: "string" },
    out: { type: "string" },
    submission: { type: "string" },
    id: { type: "string" },
    labels: { type: "string" },
  });
  const modelDir = flags.model ? userPath(flags.model) : projectPath("models/latest");
  if ((flags.submission === undefined) !== (flags.labels === undefined)) {
    throw new UsageError("--submission and --labels go together");
  }
  if (flags.id !== undefined && flags.submission === undefined) {
    throw new UsageError("--id goes with --submission");
  }
  let data: ReportData;
  let out = flags.out ? userPath(flags.out) : `${modelDir}/report.html`;
  if (flags.submission && flags.labels) {
    data = await submissionData(modelDir, userPath(flags.submission), userPath(flags.labels), flags.id);
    if (!flags.out) out = userPath(flags.submission).replace(/(\.csv)?$/i, ".report.html");
  } else {
    data = await loadReportData(modelDir);
  }
  console.log(`report ${await writeReportHtml(out, data)}`);
});

/** The report data of a scored file against its true labels. */
async function submissionData(
  modelDir: string,
  submissionPath: string,
  labelsPath: string,
  idFlag: string | undefined,
): Promise<ReportData> {
  const artifact = await loadModel(modelDir);
  // the files use the training file's names (older models: the LG names)
  const roles = artifact.roles;
  const id = idFlag ?? roles?.id;
  const scored = await readScoredFile(submissionPath, labelsPath, {
    probability: "required",
    ...(id ? { id } : {}),
    ...(roles ? { label: roles.label } : {}),
  });
  const group = roles ? roles.group : CUSTOMER_COLUMN;
  const { submission, decisions } = scored;
  const labels = Array.from(scored.labels);
  const probs = Array.from(scored.probs!);
  // the submission's own cut: its lowest probability labelled True
  const predicted = probs.filter((_, i) => decisions[i] === 1);
  const threshold = predicted.length ? predicted.reduce((m, p) => Math.min(m, p)) : artifact.threshold;
  const customers = group !== null && submission.columns.includes(group)
    ? stringColumn(submission, group)
    : undefined;
  const seen = knownCustomers(artifact.folds.map((f) => f.plan)) ?? new Set<string>();
  const flags = customers?.map((c) => (c !== null && seen.has(c.trim()) ? 1 : 0));
  const isKnown = flags && flags.includes(1) && flags.includes(0) ? flags : null;
  const rows = Array.from({ length: submission.height }, (_, i) => i);
  const positives = labels.reduce((a, b) => a + b, 0);
  return {
    format: REPORT_DATA_FORMAT,
    source: { kind: "submission", files: [await fileFact(submissionPath), await fileFact(labelsPath)] },
    grouping: null,
    folds: null,
    rows: labels.length,
    positives,
    excluded: [],
    threshold: round(threshold),
    members: artifact.folds[0]!.members.map((m) => ({ name: m.name, weight: round(m.weight) })),
    labels,
    probs: probs.map(round),
    fold: null,
    known: isKnown,
    segments: segmentsOf(submission, rows),
    ...driversOf(submission, labels),
  };
}

/**
 * What drives the scores of a file scored with `submit --explain`: each column's mean absolute reason
 * over the leads (a reason counts only where it is among a lead's top three, so small contributions
 * are left out), and the conversion rates of the top five columns' values.
 */
function driversOf(
  submission: TextFrame,
  labels: number[],
): Pick<ReportData, "importance" | "valueRates"> {
  if (!submission.columns.includes("reasons")) return { importance: null, valueRates: null };
  const sums = new Map<string, number>();
  for (const cell of stringColumn(submission, "reasons")) {
    for (const m of (cell ?? "").matchAll(/(?:^| \| )([^=|]+)=.*?\(([+-]\d+(?:\.\d+)?)\)(?= \| |$)/g)) {
      sums.set(m[1]!, (sums.get(m[1]!) ?? 0) + Math.abs(Number(m[2])));
    }
  }
  const importance = [...sums].map(([c, s]) => ({ column: c, mean: round(s / labels.length) }))
    .sort((a, b) => b.mean - a.mean || (a.column < b.column ? -1 : 1));
  const rows = Array.from({ length: labels.length }, (_, i) => i);
  const valueRates = importance.slice(0, 5).filter(({ column: c }) => submission.columns.includes(c))
    .map(({ column: c }) => ({ column: c, values: valueRatesOf(stringColumn(submission, c), rows, labels) }));
  return { importance, valueRates };
}
