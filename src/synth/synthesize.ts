/**
 * Synthetic lead tables shaped like the LG Aimers online round: a train table
 * with labels and a test table whose labels are kept aside, so a pipeline can
 * be run end to end and its F1 measured without the real data.
 *
 * @module
 */

import type pl from "nodejs-polars";
import { Random } from "../random.ts";
import { testFrame, trainFrame } from "./frame.ts";
import { drawLead } from "./leads.ts";
import { type Customer, leadCount, World } from "./population.ts";
import { type RenderedLead, renderLead } from "./render.ts";
import { drawFinals } from "./finals.ts";
import { conversionLogit, conversionProbability } from "./signal.ts";
import { chance, sigmoid } from "./weighted.ts";

/** Share of train rows from the one customer whose leads nearly all convert. */
export const CHAMPION_SHARE = 0.035;
/** Share of train rows from the catch-all account of unknown companies. */
export const PLACEHOLDER_SHARE = 0.06;
/** Share of train rows that are exact copies of another row. */
export const DUPLICATE_SHARE = 0.05;
/** Share of test rows (in customer batches) from customers also seen in train. */
export const SEEN_CUSTOMER_SHARE = 0.25;
/**
 * Share of seen customers' test batches that are one of the customer's training leads entered again, cell
 * for cell and with its outcome (in the real data about 18% of known customers' held-out leads are).
 */
export const REPEAT_SHARE = 0.2;

/** Options of {@linkcode synthesizeSplit}. */
export interface SplitOptions {
  /** Rows of the train table. */
  readonly trainRows: number;
  /** Rows of the test table. */
  readonly testRows: number;
  /** Seed: the same seed gives the same tables. */
  readonly seed: number;
  /** First value of the test table's `id` column (default 0). */
  readonly idStart?: number;
  /**
   * Positive share to rebalance the test table to (the online round used 1/3);
   * by default the test keeps its natural rate.
   */
  readonly testPositiveRate?: number;
  /**
   * Also write the ten columns the finals added (39 columns in `train.csv`), with signal of their
   * own; the online columns are drawn exactly as without it, the labels differ.
   */
  readonly finals?: boolean;
}

/** A synthesized train table and test table with the test's hidden labels. */
export interface SyntheticSplit {
  /** The 29 columns of `train.csv` (39 for the finals). */
  readonly train: pl.DataFrame;
  /** `id`, the 28 features (38 for the finals), and an empty `is_converted`. */
  readonly test: pl.DataFrame;
  /** Labels of `train`, row by row (1 = converted). */
  readonly trainLabels: Uint8Array;
  /** True labels of `test`, row by row (1 = converted). */
  readonly testLabels: Uint8Array;
}

interface Drawn {
  rows: RenderedLead[];
  labels: number[];
  customers: Customer[];
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Cannot synthesize leads: ${name} is ${value}, expected a whole number >= 0`);
  }
}

/**
 * Draws `count` leads of `customer` into `out`. With `finals` (a random stream of its own), the
 * finals columns are added and move the label's log-odds; `rng` is used exactly as without them.
 */
function drawInto(
  rng: Random,
  world: World,
  customer: Customer,
  count: number,
  out: Drawn,
  finals?: Random,
): void {
  for (let i = 0; i < count; i++) {
    const lead = drawLead(rng, world, customer);
    let row = renderLead(rng, lead);
    let p = conversionProbability(lead);
    if (finals !== undefined) {
      const extra = drawFinals(finals, lead);
      row = { ...row, ...extra.cells };
      if (customer.kind !== "champion") p = sigmoid(conversionLogit(lead) + extra.effect);
    }
    out.rows.push(row);
    out.labels.push(rng.next() < p ? 1 : 0);
    out.customers.push(customer);
  }
}

/** Shuffles the rows, labels and customers of `drawn` together. */
function shuffled(rng: Random, drawn: Drawn): Drawn {
  const order = rng.shuffle(Array.from(drawn.rows, (_, i) => i));
  return {
    rows: order.map((i) => drawn.rows[i] as RenderedLead),
    labels: order.map((i) => drawn.labels[i] as number),
    customers: order.map((i) => drawn.customers[i] as Customer),
  };
}

function drawTrain(rng: Random, world: World, rows: number, finals?: Random): Drawn {
  const champion = world.customer(rng, "champion");
  const placeholder = world.customer(rng, "placeholder");
  const championRows = rows >= 200 ? Math.round(CHAMPION_SHARE * rows) : 0;
  const placeholderRows = rows >= 100 ? Math.round(PLACEHOLDER_SHARE * rows) : 0;
  const duplicateRows = rows >= 20 ? Math.round(DUPLICATE_SHARE * rows) : 0;
  const out: Drawn = { rows: [], labels: [], customers: [] };
  drawInto(rng, world, champion, championRows, out, finals);
  drawInto(rng, world, placeholder, placeholderRows, out, finals);
  const uniqueRows = rows - duplicateRows;
  while (out.rows.length < uniqueRows) {
    const customer = world.customer(rng);
    drawInto(rng, world, customer, Math.min(customer.leads, uniqueRows - out.rows.length), out, finals);
  }
  for (let i = 0; i < duplicateRows; i++) {
    const j = rng.int(uniqueRows);
    out.rows.push(out.rows[j] as RenderedLead);
    out.labels.push(out.labels[j] as number);
    out.customers.push(out.customers[j] as Customer);
  }
  return shuffled(rng, out);
}

function drawTest(
  rng: Random,
  world: World,
  train: Drawn,
  rows: number,
  positiveRate?: number,
  finals?: Random,
): Drawn {
  const seen = train.customers.filter((c) => c.kind !== "champion");
  const trainLeadsOf = new Map<Customer, number[]>();
  train.customers.forEach((c, i) => {
    const leads = trainLeadsOf.get(c) ?? [];
    leads.push(i);
    trainLeadsOf.set(c, leads);
  });
  const wantSeen = seen.length > 0 ? Math.round(SEEN_CUSTOMER_SHARE * rows) : 0;
  const wantLabel = positiveRate === undefined
    ? [rows, rows]
    : [rows - Math.round(positiveRate * rows), Math.round(positiveRate * rows)];
  const wantSource = [rows - wantSeen, wantSeen]; // [new customers, seen customers]
  const haveLabel = [0, 0];
  const haveSource = [0, 0];
  const maxCandidates = 1000 * rows + 1000;
  const out: Drawn = { rows: [], labels: [], customers: [] };
  const batch: Drawn = { rows: [], labels: [], customers: [] };
  for (let candidates = 0; out.rows.length < rows;) {
    if (candidates > maxCandidates) {
      throw new RangeError(
        `Cannot synthesize a test table with positive rate ${positiveRate}: too few such leads`,
      );
    }
    batch.rows.length = batch.labels.length = batch.customers.length = 0;
    const fromSeen = haveSource[1]! < wantSource[1]! &&
      (haveSource[0]! >= wantSource[0]! || chance(rng, SEEN_CUSTOMER_SHARE));
    if (fromSeen && chance(rng, REPEAT_SHARE)) {
      const customer = seen[rng.int(seen.length)] as Customer;
      const leads = trainLeadsOf.get(customer)!;
      const j = leads[rng.int(leads.length)]!;
      batch.rows.push(train.rows[j] as RenderedLead);
      batch.labels.push(train.labels[j] as number);
      batch.customers.push(customer);
    } else if (fromSeen) {
      drawInto(rng, world, seen[rng.int(seen.length)] as Customer, leadCount(rng), batch, finals);
    } else {
      const customer = world.customer(rng);
      drawInto(rng, world, customer, customer.leads, batch, finals);
    }
    const source = fromSeen ? 1 : 0;
    for (let i = 0; i < batch.rows.length; i++) {
      candidates++;
      const y = batch.labels[i] as number;
      if (haveLabel[y]! >= wantLabel[y]! || haveSource[source]! >= wantSource[source]!) continue;
      haveLabel[y]!++;
      haveSource[source]!++;
      out.rows.push(batch.rows[i] as RenderedLead);
      out.labels.push(y);
      out.customers.push(batch.customers[i] as Customer);
    }
  }
  return shuffled(rng, out);
}

/**
 * Synthesizes a train table and a test table from one seed. The train table
 * does not depend on `testRows`: it equals `synthesizeLeads({ rows: trainRows,
 * seed, kind: "train" })`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { synthesizeSplit } from "./synthesize.ts";
 * const { train, test, testLabels } = synthesizeSplit({ trainRows: 500, testRows: 100, seed: 1 });
 * assert.deepEqual([train.height, test.height, testLabels.length], [500, 100, 100]);
 * ```
 */
export function synthesizeSplit(options: SplitOptions): SyntheticSplit {
  const { trainRows, testRows, seed, idStart = 0, testPositiveRate, finals = false } = options;
  checkCount("trainRows", trainRows);
  checkCount("testRows", testRows);
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`Cannot synthesize leads: seed is ${seed}, expected an integer`);
  }
  if (!Number.isSafeInteger(idStart)) {
    throw new RangeError(`Cannot synthesize leads: idStart is ${idStart}, expected an integer`);
  }
  if (testPositiveRate !== undefined && !(testPositiveRate > 0 && testPositiveRate < 1)) {
    throw new RangeError(`Cannot synthesize leads: testPositiveRate is ${testPositiveRate}, expected (0, 1)`);
  }
  const root = new Random(seed);
  const world = new World(root.fork(1), trainRows);
  const trainRng = root.fork(2);
  const testRng = root.fork(3);
  const train = drawTrain(trainRng, world, trainRows, finals ? root.fork(4) : undefined);
  const test = drawTest(testRng, world, train, testRows, testPositiveRate, finals ? root.fork(5) : undefined);
  const trainLabels = Uint8Array.from(train.labels);
  const testLabels = Uint8Array.from(test.labels);
  return {
    train: trainFrame(train.rows, trainLabels, finals),
    test: testFrame(test.rows, idStart, finals),
    trainLabels,
    testLabels,
  };
}

/** Options of {@linkcode synthesizeLeads}. */
export interface LeadOptions {
  /** Rows to synthesize. */
  readonly rows: number;
  /** Seed: the same seed gives the same table. */
  readonly seed: number;
  /** `train`: 29 columns with labels; `test`: `id`, 28 features, empty label. */
  readonly kind: "train" | "test";
  /** First test `id` (default 0; ignored for train). */
  readonly idStart?: number;
  /** For `test`: rows of the train table it goes with (default 5 x `rows`). */
  readonly trainRows?: number;
}

/**
 * Synthesizes one table. A test table is the test part of
 * `synthesizeSplit({ trainRows, testRows: rows, seed })`, so a quarter of its
 * customers also appear in the train table of the same seed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { synthesizeLeads } from "./synthesize.ts";
 * const train = synthesizeLeads({ rows: 1000, seed: 42, kind: "train" });
 * assert.equal(train.columns.length, 29); // the columns of the online round's train.csv
 * ```
 */
export function synthesizeLeads(options: LeadOptions): pl.DataFrame {
  const { rows, seed, kind, idStart = 0 } = options;
  if (kind !== "train" && kind !== "test") {
    throw new TypeError(`Cannot synthesize leads: kind is "${kind}", expected "train" or "test"`);
  }
  if (kind === "train") return synthesizeSplit({ trainRows: rows, testRows: 0, seed }).train;
  const trainRows = options.trainRows ?? 5 * rows;
  return synthesizeSplit({ trainRows, testRows: rows, seed, idStart }).test;
}
