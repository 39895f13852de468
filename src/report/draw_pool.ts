/**
 * Drawing the training report in a worker thread, so that its charts (about a second of Vega on two
 * cores) are drawn while the main thread explains out-of-fold leads for the column importance, and the
 * charting libraries load while training starts, on the core the fits do not use yet.
 *
 * @module
 */
import type { ReportData } from "./data.ts";

/** A part of the page to draw. */
export interface DrawRequest {
  readonly id: number;
  readonly part: "performance" | "drives";
  readonly data: ReportData;
}

/** The drawn part, or the error (our bug: report data is built by the program, not read from users). */
export type DrawReply = { readonly id: number; readonly html: string } | {
  readonly id: number;
  readonly error: string;
};

/** A worker that draws report parts; {@link ReportDrawing.close} ends it. */
export class ReportDrawing {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve(html: string): void; reject(e: Error): void }>();
  #next = 0;

  /** Starts the worker; it loads the charting libraries at once. */
  constructor() {
    this.#worker = new Worker(new URL("./draw_worker.ts", import.meta.url), { type: "module" });
    this.#worker.onmessage = (ev: MessageEvent<DrawReply>) => {
      const reply = ev.data;
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      if ("html" in reply) waiting?.resolve(reply.html);
      else waiting?.reject(new Error(`drawing the report failed: ${reply.error}`));
    };
    this.#worker.onerror = (ev) => {
      ev.preventDefault();
      this.#failAll(new Error(`the report's drawing worker failed: ${ev.message}`));
    };
  }

  /** `performanceSections(data)` of html.ts, drawn in the worker. */
  performance(data: ReportData): Promise<string> {
    return this.#draw("performance", data);
  }

  /** `drivesSections(data)` of html.ts, drawn in the worker. */
  drives(data: ReportData): Promise<string> {
    return this.#draw("drives", data);
  }

  /** Ends the worker; parts still being drawn fail. */
  close(): void {
    this.#worker.terminate();
    this.#failAll(new Error("the report's drawing worker was closed"));
  }

  #draw(part: DrawRequest["part"], data: ReportData): Promise<string> {
    const id = this.#next++;
    const done = new Promise<string>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    // marked handled: a failure surfaces where the part is awaited
    done.catch(() => {});
    this.#worker.postMessage({ id, part, data } satisfies DrawRequest);
    return done;
  }

  #failAll(e: Error): void {
    for (const w of this.#waiting.values()) w.reject(e);
    this.#waiting.clear();
  }
}
