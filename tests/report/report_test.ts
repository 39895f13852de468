import assert from "node:assert/strict";
import { scoresAt } from "../../src/metrics.ts";
import { Random } from "../../src/random.ts";
import { REPORT_DATA_FORMAT, type ReportData, round } from "../../src/report/data.ts";
import { reportHtml } from "../../src/report/html.ts";
import { calibration, curve, deciles, headline } from "../../src/report/stats.ts";
import { browserTest, visit } from "./_chromium.ts";

/** Out-of-fold-like predictions: positives score higher on average; folds, known customers, segments. */
function reportData(n: number, positiveRate: number, seed = 1): ReportData {
  const rng = new Random(seed);
  const labels: number[] = Array.from({ length: n }, () => (rng.next() < positiveRate ? 1 : 0));
  const probs = labels.map((y) => round(1 / (1 + Math.exp(-(rng.normal() + (y ? 1.5 : -1.5))))));
  return {
    format: REPORT_DATA_FORMAT,
    source: { kind: "training", files: [{ name: "train.csv", sha256: "ab".repeat(32) }] },
    grouping: "mixed",
    folds: 3,
    rows: n,
    positives: labels.reduce((a, b) => a + b, 0),
    excluded: [{ customer: "25096", rows: 40 }],
    threshold: 0.5,
    members: [{ name: "logistic", weight: 0.4 }, { name: "mlp", weight: 0.6 }],
    labels,
    probs,
    fold: labels.map((_, i) => i % 3),
    known: labels.map((_, i) => (i % 5 === 0 ? 1 : 0)),
    segments: [{
      name: "business unit",
      values: ["AS", "ID"],
      codes: labels.map((_, i) => (i % 3 === 2 ? -1 : i % 2)),
    }],
    importance: [{ column: "inquiry_type", mean: 0.9 }, { column: "lead_owner", mean: 0.3 }],
    valueRates: [{ column: "inquiry_type", values: [{ value: "demo <request>", rows: 50, positives: 20 }] }],
  };
}

const data = reportData(3000, 0.1);
const html = await reportHtml(data);

Deno.test("report.html is one self-contained page: no script, nothing fetched, at least six SVG charts", () => {
  assert.ok(html.startsWith("<!DOCTYPE html>"));
  assert.doesNotMatch(html, /<script|<link|<img|@import|url\(/i);
  assert.doesNotMatch(html, /(src|href)\s*=\s*["']?(https?:)?\/\//i);
  assert.ok((html.match(/<svg/g) ?? []).length >= 6, "six charts or more");
  assert.match(html, /demo &lt;request&gt;/, "values are escaped");
});

Deno.test("report.html: the same data gives the same bytes", async () => {
  assert.equal(await reportHtml(reportData(3000, 0.1)), html);
});

Deno.test("report.html states the headline scores and the top decile's share of conversions", () => {
  const labels = Uint8Array.from(data.labels);
  const probs = Float64Array.from(data.probs);
  const s = scoresAt(labels, probs, data.threshold);
  assert.match(html, new RegExp(`<th>F1</th><td>${s.f1.toFixed(3)}</td>`));
  assert.match(html, new RegExp(`<th>precision</th><td>${s.precision.toFixed(3)}</td>`));
  const top = deciles(labels, probs)[0]!;
  assert.match(
    html,
    new RegExp(`top 10% of leads by score hold <b>${(100 * top.cumulativeShare).toFixed(1)}%`),
  );
  assert.match(html, /sha256 abab/);
  assert.doesNotMatch(html, /class="warn"/);
});

Deno.test("report.html warns when positives are few", async () => {
  assert.match(await reportHtml(reportData(400, 0.05)), /class="warn">Only \d+ converted leads/);
});

Deno.test("headline intervals hold the point value and are seeded", () => {
  const labels = Uint8Array.from(data.labels);
  const probs = Float64Array.from(data.probs);
  const h = headline(labels, probs, 0.5, 3);
  for (const i of [h.f1, h.precision, h.recall, h.prAuc, h.rocAuc]) {
    assert.ok(i.lo <= i.value && i.value <= i.hi && i.hi - i.lo > 0, JSON.stringify(i));
  }
  assert.deepEqual(headline(labels, probs, 0.5, 3), h);
});

Deno.test("curve, deciles and calibration add up", () => {
  const labels = [1, 0, 1, 0, 0, 0, 1, 0, 0, 0];
  const probs = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.1];
  const points = curve(labels, probs);
  assert.equal(points.length, 9, "one point per distinct score");
  assert.deepEqual(points.at(-1), {
    threshold: 0.1,
    precision: 0.3,
    recall: 1,
    f1: 2 * 0.3 / 1.3,
    fpr: 1,
    depth: 1,
  });
  assert.deepEqual(points[0], { threshold: 0.9, precision: 1, recall: 1 / 3, f1: 0.5, fpr: 0, depth: 0.1 });
  const d = deciles(labels, probs);
  assert.equal(d.reduce((s, x) => s + x.conversions, 0), 3);
  assert.equal(d[0]!.lift, (1 / 1) / 0.3);
  assert.equal(d.at(-1)!.cumulativeShare, 1);
  const c = calibration(labels, probs, 2);
  assert.deepEqual(c.bins.map((b) => b.rows), [5, 5]);
  assert.equal(c.bins[1]!.observed, 0.4);
  assert.ok(Math.abs(c.brier - probs.reduce((s, p, i) => s + (p - labels[i]!) ** 2, 0) / 10) < 1e-12);
  assert.equal(curve(labels, probs, 3).length, 3, "thinned");
});

browserTest(
  "report.html renders in headless Chromium: no error, nothing fetched, every chart has a size",
  async (chromium) => {
    const dir = await Deno.makeTempDir({ prefix: "mql-report-" });
    await Deno.writeTextFile(`${dir}/report.html`, html);
    const page = await visit<{ charts: number[][]; text: number }>(
      chromium,
      `file://${dir}/report.html`,
      `({ charts: [...document.querySelectorAll("svg")].map((s) => {
        const r = s.getBoundingClientRect(); return [r.width, r.height]; }),
       text: document.body.innerText.length })`,
    );
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.requests.filter((u) => !u.startsWith("file://")), []);
    assert.equal(page.value.charts.length, (html.match(/<svg/g) ?? []).length);
    for (const [w, h] of page.value.charts) assert.ok(w! > 50 && h! > 50, `chart of ${w} x ${h}`);
    assert.ok(page.value.text > 500);
  },
);
