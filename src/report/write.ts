/**
 * Writing the report beside the model: `report.json` (what it is drawn from) and `report.html`.
 *
 * @module
 */
import { join } from "node:path";
import { DataError } from "../errors.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { readJsonFile } from "../io/read_json.ts";
import { REPORT_DATA_FORMAT, type ReportData } from "./data.ts";

/**
 * Writes `DIR/report.json` and `DIR/report.html` (the page for `data`: `html` when it was drawn already,
 * see draw_pool.ts); returns the page's path.
 */
export async function saveReport(dir: string, data: ReportData, html?: string): Promise<string> {
  await writeFileAtomic(join(dir, "report.json"), JSON.stringify(data));
  const path = join(dir, "report.html");
  if (html === undefined) return await writeReportHtml(path, data);
  await writeFileAtomic(path, html);
  return path;
}

/** Writes the page for `data` to `path`. */
export async function writeReportHtml(path: string, data: ReportData): Promise<string> {
  // the charting libraries load only here: train draws its report in worker threads (draw_pool.ts), so
  // its main thread would load them (0.2 s) for nothing
  const { reportHtml } = await import("./html.ts");
  await writeFileAtomic(path, await reportHtml(data));
  return path;
}

/** Reads `DIR/report.json`, written by `train`. */
export async function loadReportData(dir: string): Promise<ReportData> {
  const path = join(dir, "report.json");
  // deno-lint-ignore no-explicit-any
  const json: any = await readJsonFile(path, "train the model again: deno task train writes it");
  if (json?.format !== REPORT_DATA_FORMAT || !Array.isArray(json.labels) || !Array.isArray(json.probs)) {
    throw new DataError(`Cannot read ${path}: not the data of an mql-gpu report`);
  }
  return json as ReportData;
}
