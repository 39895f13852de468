/** `deno task submit`: score a test file with a saved model and write the submission CSV. */
import {
  checkColumns,
  countRepeats,
  decide,
  DEFAULT_ROLES,
  explanationColumns,
  knownCustomerRows,
  loadLeads,
  loadModel,
  openEngine,
  predictProba,
  rowHashes,
  stringColumn,
  writeSubmission,
} from "../mod.ts";
import {
  checkWritableFile,
  choiceFlag,
  DIALECT_FLAGS,
  dialectOptions,
  dialectUsage,
  firstExisting,
  parseFlags,
  progress,
  projectPath,
  runTask,
  shareFlag,
  UsageError,
  userPath,
} from "./_cli.ts";

const USAGE = `
Score new leads: fill the label column (is_converted, or the training file's label name,
added last when missing) in the training file's spelling (True/False, Yes/No, ...).

Usage: deno task submit [options]

Options:
  --model DIR          trained model folder (default: models/latest)
  --test PATH          CSV of leads to score (default: data/submission.csv if present,
                       else data/sample/submission.csv); it needs only the columns the model
                       reads, never the label; written back in its own separator and encoding
  --id NAME            the row id column, checked for duplicates (default: id when present;
                       without one, rows are scored in order)
  --label NAME         the label column to fill (default: the training file's label name)
  --group NAME         the customer column, to count known customers' leads (default: the
                       model's group column)
  --out PATH           where to write the filled CSV (default: submissions/submission.csv)
  --prior P            expected share of converted leads in the test file, in (0, 1): probabilities
                       are moved to that prior and the threshold maximises the F1 expected there
                       (default: the training file's share)
  --positive-share Q   instead, label the top Q share of rows converted, Q in [0, 1]
  --with-probability   add a probability column (at the test prior) after is_converted
  --explain            add score, tier and reasons columns:
                         score    1-99, the probability at the test prior in percent
                         tier     A: predicted converted; the rest by the conversion rate that
                                  leads scored alike had out of fold, against the base rate
                                  (the test prior): B at least the base rate, C at least a
                                  third of it, D below a third
                         reasons  the three columns whose values moved the lead's log-odds most,
                                  as COLUMN=VALUE (+0.83) joined by " | ": the change in
                                  log-odds against that cell being empty
  --device D           gpu, cpu or auto (default: auto)
${dialectUsage(23)}
  -h, --help           show this help
`;

await runTask("submit", USAGE, async (args) => {
  const flags = parseFlags(args, {
    model: { type: "string" },
    test: { type: "string" },
    out: { type: "string" },
    "with-probability": { type: "boolean" },
    explain: { type: "boolean" },
    prior: { type: "string" },
    "positive-share": { type: "string" },
    device: { type: "string" },
    id: { type: "string" },
    label: { type: "string" },
    group: { type: "string" },
    ...DIALECT_FLAGS,
  });
  const modelDir = flags.model ? userPath(flags.model) : projectPath("models/latest");
  const testPath = flags.test
    ? userPath(flags.test)
    : firstExisting("data/submission.csv", "data/sample/submission.csv");
  const out = flags.out ? userPath(flags.out) : projectPath("submissions/submission.csv");
  const device = choiceFlag("device", flags.device, ["gpu", "cpu", "auto"] as const, "auto");
  const prior = shareFlag("prior", flags.prior, false);
  const positiveShare = shareFlag("positive-share", flags["positive-share"], true);
  if (prior !== undefined && positiveShare !== undefined) {
    throw new UsageError("give --prior or --positive-share, not both");
  }

  const dialect = dialectOptions(flags);
  const artifact = await loadModel(modelDir);
  const saved = artifact.roles ?? DEFAULT_ROLES;
  // the model knows its roles; --label names the output's label column, --group the customer column
  const roles = {
    ...saved,
    ...(flags.label === undefined ? {} : { label: flags.label }),
    ...(flags.group === undefined ? {} : { group: flags.group === "none" ? null : flags.group }),
  };
  const table = await loadLeads(testPath, "test", {
    ...dialect,
    roles,
    ...(flags.id === undefined ? {} : { id: flags.id }),
  });
  // a missing column or an output that cannot be written is the one line the user sees, before any
  // warning or progress
  checkColumns(artifact, table);
  await checkWritableFile(out);
  if (table.filledLabels) {
    progress(
      `submit: warning: ${testPath}: column "${roles.label}" already holds values in ${table.filledLabels} rows; they are replaced`,
    );
  }
  const engine = await openEngine(device);
  try {
    progress(`submit: ${testPath}: ${table.raw.height} rows, device ${engine.description}`);
    const rawProbs = await predictProba(engine, artifact, table);
    const decision = decide(artifact, rawProbs, {
      ...(prior === undefined ? {} : { prior }),
      ...(positiveShare === undefined ? {} : { positiveShare }),
    });
    const { probabilities, threshold, expected } = decision;
    const explained = flags.explain
      ? await explanationColumns(engine, artifact, table, rawProbs, decision, prior ?? artifact.trainPrior)
      : undefined;
    await writeSubmission(out, table.raw, probabilities, {
      threshold,
      withProbability: flags["with-probability"] === true,
      label: roles.label,
      dialect: table.dialect,
      ...(artifact.labelSpelling ? { spelling: artifact.labelSpelling } : {}),
      ...(explained ? { extraColumns: explained.columns } : {}),
    });
    if (explained) {
      const t = explained.tiers;
      console.log(`tiers: A ${t.A}  B ${t.B}  C ${t.C}  D ${t.D}`);
    }
    const positives = probabilities.reduce((n, p) => n + (p >= threshold ? 1 : 0), 0);
    console.log(`decision: ${decision.rule}, threshold ${threshold.toFixed(4)}`);
    if (expected) {
      const f = (x: number) => x.toFixed(4);
      console.log(
        `expected: precision ${f(expected.precision)}  recall ${f(expected.recall)}  F1 ${f(expected.f1)}`,
      );
    }
    const group = roles.group;
    const customers = group !== null && table.raw.columns.includes(group)
      ? knownCustomerRows(
        artifact.folds.map((f) => f.plan),
        stringColumn(table.raw, group),
        saved.group ?? group,
      )
      : undefined;
    if (customers) {
      const share = (100 * customers.known / Math.max(customers.rows, 1)).toFixed(1);
      console.log(
        `customers: ${customers.known} of ${customers.rows} leads (${share}%) are from customers in the training file${
          expected ? "; the expected scores are those of unseen customers' leads, which score lower" : ""
        }`,
      );
    }
    if (artifact.repeats?.columns.every((c) => table.raw.columns.includes(c))) {
      const repeated = countRepeats(artifact.repeats, rowHashes(table.raw, artifact.repeats.columns));
      console.log(
        `exact repeats: ${repeated} leads repeat a training lead; their probabilities are mixed with its labels`,
      );
    } else if (artifact.repeats) {
      const lacking = artifact.repeats.columns.filter((c) => !table.raw.columns.includes(c));
      console.log(`exact repeats: not looked for, the file lacks ${lacking.map((c) => `"${c}"`).join(", ")}`);
    }
    console.log(
      `${out}: ${probabilities.length} rows, ${positives} predicted converted (${
        (100 * positives / probabilities.length).toFixed(1)
      }%)`,
    );
  } finally {
    engine.destroy();
  }
});
