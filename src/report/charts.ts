/**
 * The report's charts: Vega-Lite specs compiled and rendered to SVG by Vega in Deno, headless (no DOM,
 * no canvas), so the report needs no script to show them.
 *
 * @module
 */
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { CalibrationBin, CurvePoint, Decile } from "./stats.ts";

const WIDTH = 320;
const HEIGHT = 220;
const COLORS = { converted: "#c0392b", other: "#2e6da4", accent: "#e67e22", muted: "#999999" };

/** Renders a Vega-Lite spec to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const base = (title: string) => ({
  $schema: "https://vega.github.io/schema/vega-lite/v6.json",
  title: { text: title, anchor: "start" as const, fontSize: 13 },
  width: WIDTH,
  height: HEIGHT,
  background: "white",
  config: { font: "Helvetica, Arial, sans-serif", view: { stroke: "#dddddd" } },
});

const q = (field: string, title: string, extra: Record<string, unknown> = {}) => ({
  field,
  type: "quantitative" as const,
  title,
  ...extra,
});
const unit = { scale: { domain: [0, 1] } };
const diagonal = (x: string, y: string, top = 1) => ({
  data: { values: [{ [x]: 0, [y]: 0 }, { [x]: top, [y]: top }] },
  mark: { type: "line" as const, strokeDash: [4, 4], color: COLORS.muted },
  encoding: {
    x: { field: x, type: "quantitative" as const },
    y: { field: y, type: "quantitative" as const },
  },
});

/** Precision against recall, the chosen threshold marked. */
export function prChart(
  points: readonly CurvePoint[],
  chosen: { precision: number; recall: number },
  prAuc: number,
) {
  return renderSvg({
    ...base(`Precision-recall (PR-AUC ${prAuc.toFixed(3)})`),
    layer: [
      {
        data: { values: points.map((p) => ({ recall: p.recall, precision: p.precision })) },
        mark: { type: "line", color: COLORS.other },
        encoding: { x: q("recall", "recall", unit), y: q("precision", "precision", unit) },
      },
      {
        data: { values: [{ ...chosen, label: "threshold" }] },
        mark: { type: "point", filled: true, size: 80, color: COLORS.converted },
        encoding: { x: q("recall", "recall"), y: q("precision", "precision") },
      },
    ],
  } as TopLevelSpec);
}

/** True positive rate against false positive rate. */
export function rocChart(points: readonly CurvePoint[], rocAuc: number) {
  return renderSvg({
    ...base(`ROC (ROC-AUC ${rocAuc.toFixed(3)})`),
    layer: [
      diagonal("fpr", "tpr"),
      {
        data: { values: [{ fpr: 0, tpr: 0 }, ...points.map((p) => ({ fpr: p.fpr, tpr: p.recall }))] },
        mark: { type: "line", color: COLORS.other },
        encoding: {
          x: q("fpr", "false positive rate", unit),
          y: q("tpr", "true positive rate (recall)", unit),
        },
      },
    ],
  } as TopLevelSpec);
}

/** Precision, recall and F1 against the threshold, the chosen one marked. */
export function thresholdChart(points: readonly CurvePoint[], threshold: number) {
  const values = points.flatMap((p) => [
    { threshold: p.threshold, metric: "precision", value: p.precision },
    { threshold: p.threshold, metric: "recall", value: p.recall },
    { threshold: p.threshold, metric: "F1", value: p.f1 },
  ]);
  return renderSvg({
    ...base(`Scores against the threshold (chosen ${threshold.toFixed(3)})`),
    layer: [
      {
        data: { values },
        mark: { type: "line" },
        encoding: {
          x: q("threshold", "threshold (probability)", unit),
          y: q("value", "score", unit),
          color: {
            field: "metric",
            type: "nominal",
            title: null,
            scale: {
              domain: ["precision", "recall", "F1"],
              range: [COLORS.other, COLORS.accent, COLORS.converted],
            },
          },
        },
      },
      {
        data: { values: [{ threshold }] },
        mark: { type: "rule", strokeDash: [4, 3], color: "#333333" },
        encoding: { x: q("threshold", "threshold (probability)") },
      },
    ],
  } as TopLevelSpec);
}

/** Reliability diagram: mean predicted probability against the observed rate, per tenth of the leads. */
export function calibrationChart(bins: readonly CalibrationBin[], brier: number) {
  const top = Math.min(1, Math.max(0.05, ...bins.map((b) => Math.max(b.predicted, b.observed))) * 1.05);
  return renderSvg({
    ...base(`Calibration (Brier score ${brier.toFixed(4)})`),
    layer: [
      diagonal("predicted", "observed", top),
      {
        data: { values: bins.map((b) => ({ ...b })) },
        mark: { type: "line", point: { filled: true, color: COLORS.converted }, color: COLORS.converted },
        encoding: {
          x: q("predicted", "mean predicted probability (tenths of leads)", { scale: { domain: [0, top] } }),
          y: q("observed", "observed conversion rate", { scale: { domain: [0, top] } }),
        },
      },
    ],
  } as TopLevelSpec);
}

/** Cumulative gain: share of conversions found against share of leads taken, best first. */
export function gainChart(points: readonly CurvePoint[]) {
  return renderSvg({
    ...base("Cumulative gain"),
    layer: [
      diagonal("depth", "gain"),
      {
        data: { values: [{ depth: 0, gain: 0 }, ...points.map((p) => ({ depth: p.depth, gain: p.recall }))] },
        mark: { type: "line", color: COLORS.other },
        encoding: {
          x: q("depth", "share of leads, highest scores first", unit),
          y: q("gain", "share of conversions", unit),
        },
      },
    ],
  } as TopLevelSpec);
}

/** Lift per decile: each decile's conversion rate over the overall rate. */
export function liftChart(table: readonly Decile[], overall: number) {
  const values = table.map((d) => ({ decile: d.decile, lift: overall ? d.rate / overall : 0 }));
  return renderSvg({
    ...base("Lift by decile of score"),
    layer: [
      {
        data: { values },
        mark: { type: "bar", color: COLORS.other },
        encoding: {
          x: {
            field: "decile",
            type: "ordinal",
            title: "decile (1 = highest scores)",
            axis: { labelAngle: 0 },
          },
          y: q("lift", "conversion rate / overall rate"),
        },
      },
      {
        data: { values: [{ lift: 1 }] },
        mark: { type: "rule", strokeDash: [4, 3], color: "#333333" },
        encoding: { y: q("lift", "") },
      },
    ],
  } as TopLevelSpec);
}

/** Score distributions of converted and not converted leads. */
export function histogramChart(
  values: readonly { class: string; from: number; to: number; share: number }[],
) {
  return renderSvg({
    ...base("Scores of converted and not converted leads"),
    data: { values: values.map((v) => ({ ...v })) },
    mark: { type: "bar", opacity: 0.6, binSpacing: 0 },
    encoding: {
      x: q("from", "probability", { bin: { binned: true, step: 0.05 }, scale: { domain: [0, 1] } }),
      x2: { field: "to" },
      y: q("share", "share of the class's leads", { stack: null }),
      color: {
        field: "class",
        type: "nominal",
        title: null,
        scale: { domain: ["converted", "not converted"], range: [COLORS.converted, COLORS.other] },
      },
    },
  } as TopLevelSpec);
}

/** Horizontal bars, one per label. */
export function barChart(
  title: string,
  values: readonly { label: string; value: number }[],
  axis: string,
  reference?: number,
) {
  const layers: unknown[] = [{
    data: { values: values.map((v) => ({ ...v })) },
    mark: { type: "bar", color: COLORS.other },
    encoding: {
      y: { field: "label", type: "nominal", title: null, sort: null, axis: { labelLimit: 180 } },
      x: q("value", axis),
    },
  }];
  if (reference !== undefined) {
    layers.push({
      data: { values: [{ value: reference }] },
      mark: { type: "rule", strokeDash: [4, 3], color: COLORS.converted },
      encoding: { x: q("value", axis) },
    });
  }
  return renderSvg({
    ...base(title),
    height: { step: 18 },
    layer: layers,
  } as TopLevelSpec);
}

/** Per-fold scores as dots, one row per score. */
export function foldChart(values: readonly { fold: number; metric: string; value: number }[]) {
  return renderSvg({
    ...base("Spread over the folds"),
    height: { step: 30 },
    data: { values: values.map((v) => ({ ...v, fold: `fold ${v.fold + 1}` })) },
    mark: { type: "point", filled: true, size: 60 },
    encoding: {
      y: { field: "metric", type: "nominal", title: null, sort: null },
      x: q("value", "score", unit),
      color: { field: "fold", type: "nominal", title: null },
    },
  } as TopLevelSpec);
}
