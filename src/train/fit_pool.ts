/**
 * The model fits of a training run, run one at a time in this thread or side by
 * side in worker threads. On llvmpipe one fit keeps only about 1.3 of the
 * machine's cores busy (most dispatches are too small to split across its
 * threads), so two workers, each with its own device, finish the folds about 1.4×
 * sooner; on the CPU reference each worker is one more core. A job's result does
 * not depend on which worker ran it or when, so training stays deterministic.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import { type Engine, openEngine } from "../gpu/device.ts";
import { fitMlp, type FittedMlp, fittedMlp, type MlpOptions, predictMlp } from "../models/mlp.ts";

/** One model to fit, and optionally rows to score with it. */
export interface FitJob {
  readonly design: Design;
  readonly labels: Uint8Array;
  readonly options: MlpOptions;
  /** Rows to score with the fitted model (a validation fold). */
  readonly score?: Design;
  /**
   * Buffers of `design` and `score` that a worker pool moves to its worker instead of copying: the
   * caller must not use them afterwards, nor queue a later job that reads them. Default none.
   */
  readonly transfer?: readonly ArrayBuffer[];
  /** Fit with the CPU reference whatever the pool's engine (see `TrainOptions.linearOnCpu`). */
  readonly onCpu?: boolean;
  /**
   * Relative cost: a worker pool starts the costliest queued job first (ties in queued order), so the
   * last fits are short ones. Jobs that share a transferred buffer must keep their queued order. Default 0.
   */
  readonly cost?: number;
}

/** A fitted job: the model, the probabilities of `score` (if given) and the seconds the job took. */
export interface FitResult {
  readonly model: FittedMlp;
  readonly probs: Float32Array | null;
  readonly seconds: number;
}

/** Runs fit jobs; any number may be queued at once. */
export interface FitPool {
  fit(job: FitJob): Promise<FitResult>;
  /** Waits for the workers to release their devices and stops them. */
  close(): Promise<void>;
}

/** Fits `job` on `engine` (the CPU reference when the job asks for it), and scores its `score` rows. */
export async function runFitJob(engine: Engine, job: FitJob): Promise<FitResult> {
  if (job.onCpu && engine.kind !== "cpu") engine = await openEngine("cpu");
  const t0 = performance.now();
  const model = await fitMlp(engine, job.design, job.labels, job.options);
  const probs = job.score === undefined ? null : await predictMlp(engine, model, job.score);
  return { model, probs, seconds: (performance.now() - t0) / 1000 };
}

/** A pool that runs its jobs one after another on `engine`, in this thread. */
export function inlinePool(engine: Engine): FitPool {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    fit(job) {
      const result = tail.then(() => runFitJob(engine, job));
      tail = result.catch(() => {});
      return result;
    },
    close: () => tail.then(() => {}),
  };
}

/** What the main thread sends a worker. */
export type WorkerRequest =
  | { readonly type: "open"; readonly kind: Engine["kind"] }
  | { readonly type: "fit"; readonly id: number; readonly kind: Engine["kind"]; readonly job: FitJob }
  | { readonly type: "close" };

/** What a worker answers. */
export type WorkerReply =
  | {
    readonly type: "done";
    readonly id: number;
    readonly params: Float32Array;
    readonly probs: Float32Array | null;
    readonly seconds: number;
  }
  | { readonly type: "failed"; readonly id: number; readonly name: string; readonly message: string }
  | { readonly type: "closed" };

interface Waiting {
  readonly id: number;
  readonly job: FitJob;
  readonly resolve: (r: FitResult) => void;
  readonly reject: (e: Error) => void;
}

/**
 * A pool of `workers` worker threads, each opening an engine of `kind` (with its own GPU device) on its
 * first job.
 */
export function workerPool(kind: Engine["kind"], workers: number): FitPool {
  if (!Number.isInteger(workers) || workers < 1) {
    throw new RangeError(`workers must be a positive integer, got ${workers}`);
  }
  const url = new URL("./fit_worker.ts", import.meta.url);
  // A job is only handed to a free worker, so no job waits behind another while a worker idles (jobs
  // queued ahead made the last fits finish up to one MLP fit later).
  const threads: { worker: Worker; job: Waiting | null }[] = Array.from({ length: workers }, () => ({
    worker: new Worker(url, { type: "module" }),
    job: null,
  }));
  const queue: Waiting[] = [];
  let nextId = 0;
  let broken: Error | null = null;

  const fail = (e: Error) => {
    broken ??= e;
    for (const t of threads) {
      t.job?.reject(broken);
      t.job = null;
    }
    for (const w of queue.splice(0)) w.reject(broken);
  };
  const pump = () => {
    for (const t of threads) {
      if (t.job !== null || queue.length === 0) continue;
      // the costliest queued job, the first of equals
      let pick = 0;
      for (let i = 1; i < queue.length; i++) {
        if ((queue[i]!.job.cost ?? 0) > (queue[pick]!.job.cost ?? 0)) pick = i;
      }
      const w = queue.splice(pick, 1)[0]!;
      t.job = w;
      const { transfer, ...job } = w.job;
      const jobKind = job.onCpu ? "cpu" : kind;
      t.worker.postMessage({ type: "fit", id: w.id, kind: jobKind, job } satisfies WorkerRequest, [
        ...transfer ?? [],
      ]);
    }
  };
  for (const t of threads) {
    // each worker opens its device now, while the caller builds the first fold's features
    t.worker.postMessage({ type: "open", kind } satisfies WorkerRequest);
    t.worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
      const reply = ev.data;
      if (reply.type === "closed") return;
      const w = t.job;
      if (w === null || w.id !== reply.id) return;
      t.job = null;
      if (reply.type === "done") {
        const { options, design } = w.job;
        const model = fittedMlp(options, design.numNames.length, design.catSizes, reply.params);
        w.resolve({ model, probs: reply.probs, seconds: reply.seconds });
      } else {
        const e = new Error(reply.message);
        e.name = reply.name;
        w.reject(e);
      }
      pump();
    };
    t.worker.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      fail(new Error(`fit worker crashed: ${ev.message}`));
    };
  }

  return {
    fit(job) {
      if (broken !== null) return Promise.reject(broken);
      return new Promise<FitResult>((resolve, reject) => {
        queue.push({ id: nextId++, job, resolve, reject });
        pump();
      });
    },
    async close() {
      fail(new Error("fit pool closed"));
      await Promise.all(threads.map(({ worker }) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5000);
          worker.onmessage = (ev: MessageEvent<WorkerReply>) => {
            if (ev.data.type !== "closed") return;
            clearTimeout(timer);
            resolve();
          };
          worker.postMessage({ type: "close" } satisfies WorkerRequest);
        })
      ));
      for (const { worker } of threads) worker.terminate();
    },
  };
}
