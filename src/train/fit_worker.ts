/**
 * A worker thread of the fit pool (see fit_pool.ts): opens its engine as soon as the pool starts, fits
 * jobs one at a time in the order they arrive, and releases the device when told
 * to close.
 *
 * @module
 */

import { type Engine, openEngine } from "../gpu/device.ts";
import { runFitJob, type WorkerReply, type WorkerRequest } from "./fit_pool.ts";

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};

// one engine per kind: a GPU pool's worker also fits the jobs that ask for the CPU reference
const engines = new Map<Engine["kind"], Promise<Engine>>();
let chain: Promise<void> = Promise.resolve();

/** The worker's engine of `kind`, opened on first call. */
function engineOf(kind: Engine["kind"]): Promise<Engine> {
  let engine = engines.get(kind);
  if (engine === undefined) engines.set(kind, engine = openEngine(kind));
  return engine;
}

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === "close") {
    for (const engine of engines.values()) (await engine.catch(() => null))?.destroy();
    engines.clear();
    scope.postMessage({ type: "closed" });
    return;
  }
  if (request.type === "open") {
    engineOf(request.kind).catch(() => {}); // a failure to open is reported by the first job
    return;
  }
  const { id, kind, job } = request;
  try {
    const { model, probs, seconds } = await runFitJob(await engineOf(kind), job);
    const transfer: Transferable[] = [model.params.buffer as ArrayBuffer];
    if (probs !== null) transfer.push(probs.buffer as ArrayBuffer);
    scope.postMessage({ type: "done", id, params: model.params, probs, seconds }, transfer);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    scope.postMessage({ type: "failed", id, name: err.name, message: err.message });
  }
}

scope.onmessage = (ev) => {
  chain = chain.then(() => handle(ev.data));
};
