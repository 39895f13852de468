import assert from "node:assert/strict";
import { synthesizeSplit } from "../../src/synth/synthesize.ts";
import { cells, naiveScorer, rateWhere, rocAuc } from "./_helpers.ts";

const { train, test, trainLabels, testLabels } = synthesizeSplit({
  trainRows: 20000,
  testRows: 4000,
  seed: 7,
});
const customers = cells(train, "customer_idx");
const champion = (() => {
  const counts = new Map<string, number>();
  for (const c of customers) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].filter(([c, n]) =>
    n >= 400 && rateWhere(trainLabels, (i) => customers[i] === c).rate > 0.9
  )
    .map(([c]) => c);
})();
const ordinary = (i: number) => customers[i] !== champion[0];
const positive = (labels: Uint8Array) => labels.reduce((a, b) => a + b, 0) / labels.length;

Deno.test("train converts about 8-11% of the time, test (natural) less", () => {
  for (const seed of [1, 2]) {
    const { trainLabels, testLabels } = synthesizeSplit({ trainRows: 5000, testRows: 2000, seed });
    const rate = positive(trainLabels);
    assert.ok(rate > 0.08 && rate < 0.11, `seed ${seed}: train positive rate ${rate}`);
    const testRate = positive(testLabels);
    assert.ok(testRate > 0.04 && testRate < 0.09, `seed ${seed}: test positive rate ${testRate}`);
  }
});

Deno.test("one large train customer converts nearly always", () => {
  assert.equal(champion.length, 1);
  const { rate, n } = rateWhere(trainLabels, (i) => customers[i] === champion[0]);
  assert.ok(rate > 0.95 && n > 0.03 * train.height, `${n} leads, rate ${rate}`);
  assert.ok(!cells(test, "customer_idx").includes(champion[0]!));
});

Deno.test("conversion differs clearly between groups of single features", () => {
  const column = (name: string) => cells(train, name);
  const rate = (name: string, test: (v: string) => boolean) => {
    const values = column(name);
    return rateWhere(trainLabels, (i) => ordinary(i) && test(values[i]!)).rate;
  };
  assert.ok(rate("enterprise", (v) => v === "SMB") > 1.4 * rate("enterprise", (v) => v === "Enterprise"));
  assert.ok(
    rate("response_corporate", (v) => v === "LGEUS") > 3 * rate("response_corporate", (v) => v === "LGEUK"),
  );
  assert.ok(
    rate("inquiry_type", (v) => /quotation/i.test(v)) >
      3 * rate("inquiry_type", (v) => v === "Product Information"),
  );
  assert.ok(rate("business_unit", (v) => v === "ID") > 1.3 * rate("business_unit", (v) => v === "AS"));
  assert.ok(
    rate("business_area", (v) => v === "hospital & health care") >
      2 * rate("business_area", (v) => v === "residential (home)"),
  );
});

Deno.test("an interaction: BANT 1 helps small firms more than large ones", () => {
  const enterprise = cells(train, "enterprise");
  const bant = cells(train, "bant_submit");
  const lift = (size: string) => {
    const full = rateWhere(trainLabels, (i) => ordinary(i) && enterprise[i] === size && bant[i] === "1").rate;
    const rest = rateWhere(trainLabels, (i) => ordinary(i) && enterprise[i] === size && bant[i] !== "1").rate;
    return full / rest;
  };
  assert.ok(lift("SMB") > lift("Enterprise") + 0.3, `SMB ${lift("SMB")} vs Enterprise ${lift("Enterprise")}`);
});

Deno.test("per-feature rates learned on train rank the test leads well", () => {
  const columns = [
    "response_corporate",
    "business_unit",
    "enterprise",
    "inquiry_type",
    "customer_position",
    "expected_timeline",
    "product_category",
    "bant_submit",
    "customer_job",
    "business_area",
  ];
  const score = naiveScorer(train, trainLabels, columns, ordinary)(test);
  const auc = rocAuc(score, testLabels);
  assert.ok(auc > 0.72, `test AUC ${auc}`);
  const shuffledAuc = rocAuc(score, testLabels.slice().reverse());
  assert.ok(shuffledAuc < 0.6, `AUC against unrelated labels ${shuffledAuc}`);
});

Deno.test("a customer's lead source shows in its spelling, and the form's leads convert more", () => {
  const inquiries = cells(train, "inquiry_type");
  const types = cells(train, "customer_type");
  const FORM = "Quotation or Purchase Consultation", CRM = "Quotation or purchase consultation";
  // every customer writes its quotation requests one way
  const spelling = new Map<string, Set<string>>();
  inquiries.forEach((v, i) => {
    if (v !== FORM && v !== CRM) return;
    const set = spelling.get(customers[i]!) ?? new Set();
    spelling.set(customers[i]!, set.add(v));
  });
  assert.ok(spelling.size > 1000);
  assert.ok([...spelling.values()].every((s) => s.size === 1));
  // End Customer comes with the form's spelling, End-Customer with the CRM's
  const together = (type: string, inquiry: string) =>
    types.filter((t, i) => t === type && inquiries[i] === inquiry).length;
  assert.ok(together("End Customer", FORM) > 100 && together("End Customer", CRM) === 0);
  assert.ok(together("End-Customer", CRM) > 100 && together("End-Customer", FORM) === 0);
  const form = rateWhere(trainLabels, (i) => ordinary(i) && inquiries[i] === FORM);
  const crm = rateWhere(trainLabels, (i) => ordinary(i) && inquiries[i] === CRM);
  assert.ok(form.n > 1000 && crm.n > 1000, `${form.n} / ${crm.n} leads`);
  assert.ok(form.rate > 2 * crm.rate, `form ${form.rate}, CRM ${crm.rate}`);
});
