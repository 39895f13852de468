/**
 * A worker thread of `ReportDrawing` (draw_pool.ts): it loads the charting libraries as soon as it
 * starts, then draws the report parts it is sent, one at a time.
 *
 * @module
 */
import { drawReportPart } from "./html.ts";
import { type DrawReply, type DrawRequest, fromWire } from "./draw_pool.ts";

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<DrawRequest>) => void) | null;
  postMessage(message: DrawReply): void;
};

let chain: Promise<void> = Promise.resolve();

async function handle({ id, part, data }: DrawRequest): Promise<void> {
  try {
    scope.postMessage({ id, html: await drawReportPart(part, fromWire(data)) });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    scope.postMessage({ id, error: `${err.name}: ${err.message}\n${err.stack ?? ""}` });
  }
}

scope.onmessage = (ev) => {
  chain = chain.then(() => handle(ev.data));
};
