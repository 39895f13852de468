import assert from "node:assert/strict";
import { REPORT_DATA_FORMAT, type ReportData, round } from "../../src/report/data.ts";
import { fromWire, ReportDrawing, toWire } from "../../src/report/draw_pool.ts";
import { reportHtml } from "../../src/report/html.ts";
import { REPORT_PARTS, reportPage } from "../../src/report/page.ts";
import { Random } from "../../src/random.ts";

/** A small training report's data: scores that rank positives higher, two folds, importance. */
function reportData(n: number): ReportData {
  const rng = new Random(3);
  const labels: number[] = Array.from({ length: n }, () => (rng.next() < 0.2 ? 1 : 0));
  return {
    format: REPORT_DATA_FORMAT,
    source: { kind: "training", files: [{ name: "train.csv", sha256: "cd".repeat(32) }] },
    grouping: "customer",
    folds: 2,
    rows: n,
    positives: labels.reduce((a, b) => a + b, 0),
    excluded: [],
    threshold: 0.4,
    members: [{ name: "logistic", weight: 1 }],
    labels,
    probs: labels.map((y) => round(1 / (1 + Math.exp(-(rng.normal() + (y ? 1 : -1)))))),
    fold: labels.map((_, i) => i % 2),
    known: null,
    segments: [],
    importance: [{ column: "lead_owner", mean: 0.5 }],
    valueRates: [{ column: "lead_owner", values: [{ value: "7", rows: 30, positives: 9 }] }],
  };
}

Deno.test("the drawing workers' parts make the page reportHtml draws, byte for byte", async () => {
  const data = reportData(400);
  const drawing = new ReportDrawing();
  try {
    const parts = await Promise.all(REPORT_PARTS.map((part) => drawing.draw(part, data)));
    assert.ok(parts[3]!.includes("lead_owner"), "the drives part shows the importance");
    assert.equal(reportPage(parts), await reportHtml(data));
    // without importance the drives part is empty, and the page is the other three
    const plain = { ...data, importance: null, valueRates: null };
    assert.equal(await drawing.draw("drives", plain), "");
    assert.equal(await drawing.draw("quality", plain), parts[1]);
    assert.equal(reportPage([parts[0]!, parts[1]!, parts[2]!, ""]), await reportHtml(plain));
  } finally {
    drawing.close();
  }
});

Deno.test("parts still being drawn fail when the drawing workers are closed", async () => {
  const drawing = new ReportDrawing();
  const part = drawing.draw("quality", reportData(50));
  drawing.close();
  await assert.rejects(part, /closed/);
});

Deno.test("the drawing workers' wire form carries every number of the report data and comes back equal", () => {
  const data: ReportData = {
    ...reportData(300),
    known: Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 1 : 0)),
    segments: [{
      name: "country",
      values: ["in", "br"],
      codes: Array.from({ length: 300 }, (_, i) => (i % 3) - 1),
    }],
  };
  const wire = toWire(data);
  assert.ok(wire.probs instanceof Float64Array && wire.segments[0]!.codes instanceof Int32Array);
  assert.deepEqual(fromWire(structuredClone(wire)), data);
});
