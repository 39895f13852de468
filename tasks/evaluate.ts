/** `deno task evaluate`: score a submission against the true labels, overall and by kind of customer. */
import {
  CUSTOMER_COLUMN,
  evaluate,
  type Evaluation,
  needColumns,
  readAsText,
  readScoredFile,
  stringColumn,
  writeFileAtomic,
} from "../mod.ts";
import { parseFlags, runTask, UsageError, userPath } from "./_cli.ts";

const USAGE = `
Score a submission against the true labels: F1, precision and recall of its is_converted
column; with a probability column (deno task submit --with-probability) also the best F1
any threshold reaches (chosen by looking at the labels, so an upper bound), PR-AUC and
ROC-AUC. With --train, the same for leads of customers in the training file and of
customers absent from it.

Usage: deno task evaluate --submission PATH --labels PATH [options]

Options:
  --submission PATH  the submission CSV: id, is_converted (True/False), optionally probability
                     (and customer_idx, for --train)
  --labels PATH      CSV with id and the true is_converted of every scored lead
                     (deno task holdout writes one)
  --train PATH       the training CSV: split the scores by known and unseen customers
  --id NAME          the id column of the submission and labels files (default: id)
  --label NAME       their label column (default: is_converted)
  --group NAME       with --train: the customer column of the training and submission files
                     (default: customer_idx)
  --json PATH        also write the scores as JSON
  -h, --help         show this help
`;

await runTask("evaluate", USAGE, async (args) => {
  const flags = parseFlags(args, {
    submission: { type: "string" },
    labels: { type: "string" },
    train: { type: "string" },
    id: { type: "string" },
    label: { type: "string" },
    group: { type: "string" },
    json: { type: "string" },
  });
  if (!flags.submission || !flags.labels) throw new UsageError("--submission and --labels are required");
  const submissionPath = userPath(flags.submission);
  const labelsPath = userPath(flags.labels);

  const { submission, labels, decisions, probs } = await readScoredFile(submissionPath, labelsPath, {
    probability: "optional",
    ...(flags.id === undefined ? {} : { id: flags.id }),
    ...(flags.label === undefined ? {} : { label: flags.label }),
  });
  const group = flags.group ?? CUSTOMER_COLUMN;

  const groups: [string, Evaluation][] = [["all leads", evaluate(labels, decisions, probs)]];
  if (flags.train) {
    const trainPath = userPath(flags.train);
    const train = await readAsText(trainPath);
    needColumns(train, trainPath, [group]);
    needColumns(submission, submissionPath, [group]);
    const known = new Set(stringColumn(train, group).map((c) => c?.trim()));
    const isKnown = stringColumn(submission, group).map((c) => c !== null && known.has(c.trim()));
    for (const [name, want] of [["known customers", true], ["unseen customers", false]] as const) {
      if (!isKnown.includes(want)) continue;
      const pick = <T extends Uint8Array | Float64Array>(a: T) =>
        a.filter((_, i) => isKnown[i] === want) as T;
      groups.push([name, evaluate(pick(labels), pick(decisions), probs && pick(probs))]);
    }
  }

  printTable(groups);
  if (flags.json) {
    const path = userPath(flags.json);
    await writeFileAtomic(path, JSON.stringify(Object.fromEntries(groups), null, 2) + "\n");
    console.log(`${path}: the scores as JSON`);
  }
});

function printTable(groups: [string, Evaluation][]): void {
  const f = (x: number | undefined) => (x === undefined ? "-" : x.toFixed(4));
  const header = ["", "leads", "converted", "F1", "precision", "recall", "best F1", "PR-AUC", "ROC-AUC"];
  const lines = groups.map(([name, e]) => [
    name,
    String(e.rows),
    String(e.positives),
    f(e.f1),
    f(e.precision),
    f(e.recall),
    f(e.best_f1),
    f(e.pr_auc),
    f(e.roc_auc),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...lines.map((l) => l[j]!.length)));
  for (const line of [header, ...lines]) {
    console.log(
      line.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join("  "),
    );
  }
}
