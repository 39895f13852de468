/**
 * `report.html`: one self-contained page (inline CSS and SVG, no script, nothing fetched) that says how
 * good the model is, where it is weak and what drives it.
 *
 * @module
 */
import { prAuc, rocAuc, scoresAt } from "../metrics.ts";
import {
  barChart,
  calibrationChart,
  foldChart,
  gainChart,
  histogramChart,
  liftChart,
  prChart,
  rocChart,
  thresholdChart,
} from "./charts.ts";
import type { ReportData } from "./data.ts";
import { REPORT_PARTS, reportPage, type ReportPart } from "./page.ts";
import {
  calibration,
  curve,
  deciles,
  headline,
  type Interval,
  scoreHistogram,
  subsetScores,
} from "./stats.ts";

/** Below this many converted leads the report warns that its figures are uncertain. */
export const FEW_POSITIVES = 100;
/** The bootstrap's seed: the same data always gives the same intervals. */
const BOOTSTRAP_SEED = 20240;

/**
 * The report page for `data`.
 *
 * @example
 * ```ts ignore
 * // not run as a doc test: drawing the charts takes over a second (tests/report/report_test.ts runs it)
 * import { writeFileAtomic } from "../io/atomic.ts";
 * import { reportHtml } from "./html.ts";
 * import { loadReportData } from "./write.ts";
 * const data = await loadReportData("models/latest"); // report.json, written by `deno task train`
 * await writeFileAtomic("models/latest/report.html", await reportHtml(data));
 * ```
 */
export async function reportHtml(data: ReportData): Promise<string> {
  const parts: string[] = [];
  for (const part of REPORT_PARTS) parts.push(await drawReportPart(part, data));
  return reportPage(parts);
}

/**
 * One part of the page: "headline" (the scores with their bootstrap intervals), "quality" (how good the
 * model is), "weak" (where it is weak) or "drives" (what drives it; "" without column importance). Only
 * "drives" reads `importance` and `valueRates`.
 */
export async function drawReportPart(part: ReportPart, data: ReportData): Promise<string> {
  const labels = Uint8Array.from(data.labels);
  const probs = Float64Array.from(data.probs);
  const positives = labels.reduce((a, b) => a + b, 0);
  const outOfFold = data.source.kind === "training";
  switch (part) {
    case "headline": {
      const head = headline(labels, probs, data.threshold, BOOTSTRAP_SEED);
      return headlineSection(data, head, positives, labels.length, outOfFold);
    }
    case "quality":
      return await qualitySection(data, labels, probs, positives);
    case "weak":
      return await weakSection(data, labels, probs);
    case "drives":
      return data.importance ? await drivesSection(data, positives / labels.length) : "";
  }
}

/** How good the model is: its curves, calibration, lift and folds, and the deciles. */
async function qualitySection(
  data: ReportData,
  labels: Uint8Array,
  probs: Float64Array,
  positives: number,
): Promise<string> {
  const overall = positives / labels.length;
  // the headline's point values, without its bootstrap (drawn as a part of its own)
  const both = positives > 0 && positives < labels.length;
  const chosen = scoresAt(labels, probs, data.threshold);
  const points = curve(labels, probs);
  const cal = calibration(labels, probs);
  const table = deciles(labels, probs);
  return section("How good it is", [
    await prChart(points, chosen, both ? prAuc(labels, probs) : NaN),
    await rocChart(points, both ? rocAuc(labels, probs) : NaN),
    await thresholdChart(points, data.threshold),
    await calibrationChart(cal.bins, cal.brier),
    await gainChart(points),
    await liftChart(table, overall),
    await histogramChart(scoreHistogram(labels, probs)),
    ...(data.fold ? [await foldChart(foldScores(data, labels, probs))] : []),
  ]) + decileTable(table);
}

function headlineSection(
  data: ReportData,
  h: ReturnType<typeof headline>,
  positives: number,
  n: number,
  outOfFold: boolean,
): string {
  const ci = (i: Interval) =>
    `<td>${f3(i.value)}</td><td class="ci">${Number.isNaN(i.lo) ? "" : `${f3(i.lo)} – ${f3(i.hi)}`}</td>`;
  const kind = outOfFold
    ? `cross-validated (${data.folds} folds, grouping ${esc(data.grouping ?? "")}), out-of-fold predictions`
    : "scored file against its labels";
  const facts: [string, string][] = [
    [
      "predictions",
      `${n.toLocaleString("en-US")} (${positives.toLocaleString("en-US")} converted, ${pct(positives / n)})`,
    ],
    [
      "training rows",
      `${data.rows.toLocaleString("en-US")}, ${data.positives.toLocaleString("en-US")} converted`,
    ],
    [
      "excluded placeholder customers",
      data.excluded.length
        ? data.excluded.map((p) => `${esc(p.customer)} (${p.rows} rows)`).join(", ")
        : "none",
    ],
    ["threshold", data.threshold.toFixed(4)],
    [
      "members and blend weights",
      data.members.map((m) => `${esc(m.name)} ${m.weight.toFixed(3)}`).join(", "),
    ],
    ...data.source.files.map((
      f,
    ): [string, string] => ["file", `${esc(f.name)} <code>sha256 ${f.sha256}</code>`]),
  ];
  const warn = positives < FEW_POSITIVES
    ? `<p class="warn">Only ${positives} converted leads: every figure below is uncertain; read the intervals.</p>`
    : "";
  return `<h1>Lead-conversion model report</h1>
<p class="sub">${kind}. Scores at the threshold; 90% intervals from ${200} bootstrap resamples of the predictions.</p>
${warn}
<table class="headline"><thead><tr><th></th><th>value</th><th>90% interval</th></tr></thead><tbody>
<tr><th>F1</th>${ci(h.f1)}</tr><tr><th>precision</th>${ci(h.precision)}</tr><tr><th>recall</th>${
    ci(h.recall)
  }</tr>
<tr><th>PR-AUC</th>${ci(h.prAuc)}</tr><tr><th>ROC-AUC</th>${ci(h.rocAuc)}</tr></tbody></table>
<table class="facts"><tbody>${
    facts.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join("")
  }</tbody></table>`;
}

function decileTable(table: ReturnType<typeof deciles>): string {
  const top = table[0]!;
  const rows = table.map((d) =>
    `<tr><td>${d.decile}</td><td>${d.leads}</td><td>${d.conversions}</td><td>${pct(d.rate)}</td><td>${
      pct(d.cumulativeShare)
    }</td><td>${d.lift.toFixed(2)}</td></tr>`
  ).join("");
  return `<p>The top 10% of leads by score hold <b>${pct(top.cumulativeShare)}</b> of the conversions.</p>
<table class="data"><thead><tr><th>decile</th><th>leads</th><th>conversions</th><th>rate</th><th>cumulative share of conversions</th><th>cumulative lift</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function foldScores(data: ReportData, labels: Uint8Array, probs: Float64Array) {
  // a loop, not Math.max(...): a spread of a million folds overflows the call stack
  const folds = data.fold!.reduce((m, f) => Math.max(m, f), -1) + 1;
  const byFold = rowsByCode(data.fold!, folds);
  return Array.from({ length: folds }, (_, f) => {
    const idx = byFold[f]!;
    const s = subsetScores(
      Uint8Array.from(idx, (i) => labels[i]!),
      Float64Array.from(idx, (i) => probs[i]!),
      data.threshold,
    );
    return [
      { fold: f, metric: "F1", value: s.f1 },
      { fold: f, metric: "precision", value: s.precision },
      { fold: f, metric: "recall", value: s.recall },
      { fold: f, metric: "PR-AUC", value: s.prAuc },
      { fold: f, metric: "ROC-AUC", value: s.rocAuc },
    ].filter((v) => Number.isFinite(v.value));
  }).flat();
}

async function weakSection(data: ReportData, labels: Uint8Array, probs: Float64Array): Promise<string> {
  const groups: { title: string; rows: { label: string; idx: number[] }[] }[] = [];
  if (data.known) {
    const [unseen, known] = rowsByCode(data.known, 2);
    groups.push({
      title: "known and unseen customers",
      rows: [
        { label: "unseen customers", idx: unseen! },
        { label: "known customers", idx: known! },
      ],
    });
  }
  for (const s of data.segments) {
    const byValue = rowsByCode(s.codes, s.values.length);
    groups.push({
      title: `largest values of ${s.name}`,
      rows: s.values.map((v, j) => ({ label: v, idx: byValue[j]! })),
    });
  }
  const parts: string[] = [];
  const charts: string[] = [];
  for (const g of groups) {
    const scored = g.rows.filter((r) => r.idx.length > 0).map((r) => ({
      label: r.label,
      ...subsetScores(
        Uint8Array.from(r.idx, (i) => labels[i]!),
        Float64Array.from(r.idx, (i) => probs[i]!),
        data.threshold,
      ),
    }));
    charts.push(
      await barChart(`F1 by ${g.title}`, scored.map((s) => ({ label: s.label, value: s.f1 })), "F1"),
    );
    parts.push(
      `<h3>${
        esc(g.title)
      }</h3><table class="data"><thead><tr><th>value</th><th>leads</th><th>converted</th><th>F1</th><th>precision</th><th>recall</th><th>PR-AUC</th></tr></thead><tbody>${
        scored.map((s) =>
          `<tr><td>${esc(s.label)}</td><td>${s.rows}</td><td>${s.positives}</td><td>${f3(s.f1)}</td><td>${
            f3(s.precision)
          }</td><td>${f3(s.recall)}</td><td>${f3(s.prAuc)}</td></tr>`
        ).join("")
      }</tbody></table>`,
    );
  }
  return section("Where it is weak", charts) + parts.join("\n");
}

async function drivesSection(data: ReportData, overall: number): Promise<string> {
  const importance = data.importance!;
  const chart = await barChart(
    data.source.kind === "training"
      ? "Column importance (mean |reason| in log-odds)"
      : "Column importance (mean |reason|, top three per lead)",
    importance.map((c) => ({ label: c.column, value: c.mean })),
    "mean absolute contribution to the log-odds",
  );
  const rates = await Promise.all((data.valueRates ?? []).map((c) =>
    barChart(
      `Conversion rate by ${c.column}`,
      c.values.map((v) => ({ label: `${truncate(v.value)} (${v.rows})`, value: v.positives / v.rows })),
      "conversion rate (dashed: overall)",
      overall,
    )
  ));
  const tables = (data.valueRates ?? []).map((c) =>
    `<h3>${
      esc(c.column)
    }</h3><table class="data"><thead><tr><th>value</th><th>leads</th><th>converted</th><th>rate</th><th>vs overall ${
      pct(overall)
    }</th></tr></thead><tbody>${
      c.values.map((v) =>
        `<tr><td>${esc(v.value)}</td><td>${v.rows}</td><td>${v.positives}</td><td>${
          pct(v.positives / v.rows)
        }</td><td>${overall ? (v.positives / v.rows / overall).toFixed(2) + "×" : ""}</td></tr>`
      ).join("")
    }</tbody></table>`
  ).join("\n");
  return section("What drives it", [chart, ...rates]) + tables;
}

/** The rows of each code 0 to `count` - 1 in `codes`, in row order (other codes left out): one pass. */
function rowsByCode(codes: readonly number[], count: number): number[][] {
  const out = Array.from({ length: count }, () => [] as number[]);
  codes.forEach((c, i) => {
    if (c >= 0 && c < count) out[c]!.push(i);
  });
  return out;
}

function section(title: string, svgs: readonly string[]): string {
  return `<h2>${esc(title)}</h2>\n<div class="charts">${
    svgs.map((s) => `<figure>${s}</figure>`).join("\n")
  }</div>`;
}

function esc(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

function truncate(s: string): string {
  return s.length > 28 ? `${s.slice(0, 27)}…` : s;
}

function f3(x: number): string {
  return Number.isFinite(x) ? x.toFixed(3) : "–";
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
