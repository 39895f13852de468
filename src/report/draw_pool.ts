/**
 * Drawing the training report in worker threads, so that its charts (about a second of Vega) are drawn
 * while the main thread saves the model, and the charting libraries load while training starts, on the
 * core the fits do not use yet. Two workers, each drawing about half the page's work.
 *
 * @module
 */
import type { ReportData, Segment } from "./data.ts";
import type { ReportPart } from "./page.ts";

/** A part of the page to draw. */
export interface DrawRequest {
  readonly id: number;
  readonly part: ReportPart;
  readonly data: WireData;
}

/**
 * Report data as sent to a worker: its per-prediction columns as typed arrays, which a message copies in
 * one piece (a plain array of a million numbers takes about 0.1 s to copy, number by number, each way).
 */
export type WireData = Omit<ReportData, "labels" | "probs" | "fold" | "known" | "segments"> & {
  readonly labels: Uint8Array;
  readonly probs: Float64Array;
  readonly fold: Int32Array | null;
  readonly known: Uint8Array | null;
  readonly segments: readonly (Omit<Segment, "codes"> & { readonly codes: Int32Array })[];
};

/** `data` in its wire form (the same numbers). */
export function toWire(data: ReportData): WireData {
  return {
    ...data,
    labels: Uint8Array.from(data.labels),
    probs: Float64Array.from(data.probs),
    fold: data.fold && Int32Array.from(data.fold),
    known: data.known && Uint8Array.from(data.known),
    segments: data.segments.map((s) => ({ ...s, codes: Int32Array.from(s.codes) })),
  };
}

/** The report data of a wire form, with plain arrays again. */
export function fromWire(data: WireData): ReportData {
  return {
    ...data,
    labels: Array.from(data.labels),
    probs: Array.from(data.probs),
    fold: data.fold && Array.from(data.fold),
    known: data.known && Array.from(data.known),
    segments: data.segments.map((s) => ({ ...s, codes: Array.from(s.codes) })),
  };
}

/** The drawn part, or the error (our bug: report data is built by the program, not read from users). */
export type DrawReply = { readonly id: number; readonly html: string } | {
  readonly id: number;
  readonly error: string;
};

/**
 * Which worker draws each part: on train_dev.csv the quality charts take about 0.4 s of a cold worker, the
 * headline's bootstrap 0.2 s, the weak segments 0.13 s and the column importance 0.06 s.
 */
const WORKER_OF: Readonly<Record<ReportPart, number>> = { headline: 1, quality: 0, weak: 1, drives: 1 };

/** Workers that draw report parts; {@link ReportDrawing.close} ends them. */
export class ReportDrawing {
  readonly #workers: Worker[];
  readonly #waiting = new Map<number, { resolve(html: string): void; reject(e: Error): void }>();
  /** Each data's wire form, made once for all the parts drawn from it. */
  readonly #wire = new WeakMap<ReportData, WireData>();
  #next = 0;

  /** Starts the workers; they load the charting libraries at once. */
  constructor() {
    this.#workers = [0, 1].map(() => {
      const worker = new Worker(new URL("./draw_worker.ts", import.meta.url), { type: "module" });
      worker.onmessage = (ev: MessageEvent<DrawReply>) => {
        const reply = ev.data;
        const waiting = this.#waiting.get(reply.id);
        this.#waiting.delete(reply.id);
        if ("html" in reply) waiting?.resolve(reply.html);
        else waiting?.reject(new Error(`drawing the report failed: ${reply.error}`));
      };
      worker.onerror = (ev) => {
        ev.preventDefault();
        this.#failAll(new Error(`a drawing worker of the report failed: ${ev.message}`));
      };
      return worker;
    });
  }

  /** `drawReportPart(part, data)` of html.ts, drawn in a worker. */
  draw(part: ReportPart, data: ReportData): Promise<string> {
    const id = this.#next++;
    const done = new Promise<string>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    // marked handled: a failure surfaces where the part is awaited
    done.catch(() => {});
    let wire = this.#wire.get(data);
    if (wire === undefined) this.#wire.set(data, wire = toWire(data));
    this.#workers[WORKER_OF[part]]!.postMessage({ id, part, data: wire } satisfies DrawRequest);
    return done;
  }

  /** Ends the workers; parts still being drawn fail. */
  close(): void {
    for (const worker of this.#workers) worker.terminate();
    this.#failAll(new Error("the report's drawing workers were closed"));
  }

  #failAll(e: Error): void {
    for (const w of this.#waiting.values()) w.reject(e);
    this.#waiting.clear();
  }
}
