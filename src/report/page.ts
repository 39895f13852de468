/**
 * The report page's frame (`report.html`: one self-contained page, inline CSS) and its parts, without
 * the charting libraries: `train` joins the parts its drawing workers return (draw_pool.ts).
 *
 * @module
 */

/** The page's parts, in page order (html.ts draws each). */
export const REPORT_PARTS = ["headline", "quality", "weak", "drives"] as const;
/** A part of the page. */
export type ReportPart = typeof REPORT_PARTS[number];

/**
 * The page of the drawn parts, in {@link REPORT_PARTS} order (an empty part is left out).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { reportPage } from "./page.ts";
 * const html = reportPage(["<h1>quality</h1>", "<h2>weak</h2>", ""]);
 * assert.ok(html.startsWith("<!DOCTYPE html>"));
 * assert.ok(html.includes("<h1>quality</h1>\n<h2>weak</h2>\n</body>"));
 * ```
 */
export function reportPage(parts: readonly string[]): string {
  return page(parts.filter((p) => p !== "").join("\n"));
}

function page(body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Lead-conversion model report</title>
<style>
body { font-family: Helvetica, Arial, sans-serif; color: #222; margin: 2em auto; max-width: 1150px; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 1.6em; }
.sub { color: #555; } .warn { background: #fff3cd; border: 1px solid #e0c060; padding: 0.5em; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
th, td { padding: 0.2em 0.7em; text-align: left; border-bottom: 1px solid #eee; }
table.headline td { font-size: 1.2em; } td.ci { color: #555; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; }
figure { margin: 0; } figure svg { display: block; max-width: 100%; height: auto; }
code { font-size: 0.85em; word-break: break-all; }
@media print { body { margin: 0; max-width: none; } figure, table { break-inside: avoid; } }
</style></head>
<body>
${body}
</body></html>
`;
}
