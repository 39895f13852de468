/**
 * `deno task synth`: write a synthetic train.csv and submission.csv shaped like the LG Aimers online
 * round, or with `--finals` like the finals (ten more columns).
 */
import { writeCsvAtomic } from "../mod.ts";
import { synthesizeSplit } from "../src/synth/synthesize.ts";
import { intFlag, parseFlags, progress, projectPath, runTask, UsageError, userPath } from "./_cli.ts";

const USAGE = `
Write DIR/train.csv (N labelled leads) and DIR/submission.csv (M test leads with an empty
is_converted column): synthetic, messy and shaped like the LG Aimers online round. With
--finals, also the ten columns the finals added (39 columns in train.csv: lead_description,
lead_date, expected_budget, ... and four stand-ins for the unnamed ones), which carry signal
of their own. The same seed always writes the same files.

Usage: deno task synth [options]

Options:
  --out DIR          output folder, created if missing (default: data/sample, or
                     data/sample_finals with --finals)
  --finals           write the finals' 39 columns
  --rows N           rows of train.csv, 1 or more (default: 5000)
  --test-rows M      rows of submission.csv, 0 or more (default: 1000)
  --test-prior P     share of converted leads in submission.csv, in (0, 1)
                     (default: the natural rate, about 6%)
  --seed S           random seed (default: 42)
  -h, --help         show this help
`;

await runTask("synth", USAGE, async (args) => {
  const flags = parseFlags(args, {
    out: { type: "string" },
    rows: { type: "string" },
    "test-rows": { type: "string" },
    "test-prior": { type: "string" },
    seed: { type: "string" },
    finals: { type: "boolean" },
  });
  const finals = flags.finals === true;
  const out = flags.out ? userPath(flags.out) : projectPath(finals ? "data/sample_finals" : "data/sample");
  const rows = intFlag("rows", flags.rows, 5000, 1);
  const testRows = intFlag("test-rows", flags["test-rows"], 1000, 0);
  const seed = intFlag("seed", flags.seed, 42, 0);
  const testPrior = flags["test-prior"] === undefined ? undefined : Number(flags["test-prior"]);
  if (testPrior !== undefined && !(testPrior > 0 && testPrior < 1)) {
    throw new UsageError(`--test-prior must be a number in (0, 1), got "${flags["test-prior"]}"`);
  }

  progress(`synth: synthesizing ${rows} train and ${testRows} test leads (seed ${seed})`);
  const split = synthesizeSplit({
    trainRows: rows,
    testRows,
    seed,
    finals,
    ...(testPrior === undefined ? {} : { testPositiveRate: testPrior }),
  });
  await writeCsvAtomic(`${out}/train.csv`, split.train);
  await writeCsvAtomic(`${out}/submission.csv`, split.test);
  console.log(`${out}/train.csv: ${rows} rows, ${percent(split.trainLabels)} converted`);
  console.log(
    `${out}/submission.csv: ${testRows} rows, ${percent(split.testLabels)} converted (labels not written)`,
  );
});

function percent(labels: Uint8Array): string {
  return labels.length === 0
    ? "n/a"
    : `${(100 * labels.reduce((a, b) => a + b, 0) / labels.length).toFixed(1)}%`;
}
