/** `deno task holdout`: set aside a test-like part of a labelled lead table, to measure a model on it. */
import { join } from "node:path";
import {
  CUSTOMER_COLUMN,
  DataError,
  DEFAULT_UNSEEN_SHARE,
  findPlaceholders,
  holdoutFrames,
  loadLeads,
  stringColumn,
  testLikeHoldout,
  writeCsvAtomic,
} from "../mod.ts";
import {
  firstExisting,
  intFlag,
  parseFlags,
  progress,
  runTask,
  shareFlag,
  UsageError,
  userPath,
} from "./_cli.ts";

const USAGE = `
Split a labelled lead table into a training part and a test-like holdout: most held-out
leads come from customers absent from the training part (whole customers are held back),
the rest are single leads of customers that stay in it, as in the LG Aimers test set.
Placeholder customers (see deno task train --help) are never held back.

Writes three files to DIR:
  train.csv     the training part, the table's columns unchanged
  holdout.csv   the holdout as a test file: an id column, the features, is_converted empty
  labels.csv    id,is_converted of the holdout, for deno task evaluate

Usage: deno task holdout --out DIR [options]

Options:
  --data PATH      labelled CSV to split (default: data/train.csv if present, else
                   data/sample/train.csv)
  --out DIR        folder for the three files (required)
  --share S        share of the rows to hold out, in (0, 1) (default: 0.1)
  --unseen U       share of the holdout from customers absent from the training part,
                   in [0, 1] (default: 0.77)
  --seed N         random seed; the same table and seed give the same split (default: 42)
  -h, --help       show this help

Then: deno task train --data DIR/train.csv --out DIR/model
      deno task submit --model DIR/model --test DIR/holdout.csv --out DIR/submission.csv --with-probability
      deno task evaluate --submission DIR/submission.csv --labels DIR/labels.csv --train DIR/train.csv
`;

await runTask("holdout", USAGE, async (args) => {
  const flags = parseFlags(args, {
    data: { type: "string" },
    out: { type: "string" },
    share: { type: "string" },
    unseen: { type: "string" },
    seed: { type: "string" },
  });
  if (!flags.out) throw new UsageError("--out DIR is required");
  const data = flags.data ? userPath(flags.data) : firstExisting("data/train.csv", "data/sample/train.csv");
  const out = userPath(flags.out);
  const share = shareFlag("share", flags.share, false) ?? 0.1;
  const unseenShare = shareFlag("unseen", flags.unseen, true) ?? DEFAULT_UNSEEN_SHARE;
  const seed = intFlag("seed", flags.seed, 42, 0);

  const table = await loadLeads(data, "train");
  if (!table.frame.columns.includes(CUSTOMER_COLUMN)) {
    throw new DataError(
      `Cannot split ${data}: it has no "${CUSTOMER_COLUMN}" column to hold customers back by`,
    );
  }
  const customers = stringColumn(table.frame, CUSTOMER_COLUMN);
  const placeholders = findPlaceholders(customers, table.labels!);
  for (const p of placeholders) {
    progress(
      `holdout: customer ${p.customer} (${p.rows} leads, nearly all converted) is a placeholder id, kept in training`,
    );
  }
  const split = testLikeHoldout(customers, {
    share,
    unseenShare,
    seed,
    exclude: new Set(placeholders.map((p) => p.customer)),
  });
  if (split.holdout.length === 0) throw new DataError(`Cannot split ${data}: no rows could be held out`);

  const files = holdoutFrames(table.raw, split.train, split.holdout);

  await writeCsvAtomic(join(out, "train.csv"), files.train);
  await writeCsvAtomic(join(out, "holdout.csv"), files.test);
  await writeCsvAtomic(join(out, "labels.csv"), files.labels);

  const positives = split.holdout.reduce((n, r) => n + table.labels![r]!, 0);
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(`${join(out, "train.csv")}: ${split.train.length} rows`);
  console.log(
    `${join(out, "holdout.csv")}: ${split.holdout.length} rows, ${
      pct(positives / split.holdout.length)
    } converted, ${pct(split.unseenRows / split.holdout.length)} from customers absent from train.csv`,
  );
  console.log(`${join(out, "labels.csv")}: their labels`);
});
