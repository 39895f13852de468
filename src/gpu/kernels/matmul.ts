/**
 * Launcher of shaders/matmul.wgsl: `C = op(A) · op(B)` with a fused bias,
 * activation and dropout epilogue (forward) or activation-gradient epilogue
 * (backward). CPU twins: linearForward / linearBackward, activationForward /
 * activationBackward.
 *
 * @module
 */

import source from "../../../shaders/matmul.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import type { KernelSpec } from "../pipelines.ts";

/** The shader and its bindings: uniform, a, b, bias, z, c. */
export const MATMUL: KernelSpec = {
  name: "matmul",
  source,
  bindings: ["uniform", "read", "read", "read", "rw", "rw"],
};

function shaderConst(name: string): number {
  const m = source.match(new RegExp(`const ${name}: u32 = (\\d+)u;`));
  if (m === null) throw new Error(`shaders/matmul.wgsl: constant ${name} not found`);
  return Number(m[1]);
}

/** Block of C owned by one invocation: `rows × 4·q` (modes nn and nt: R × Q, mode tn: TR × TQ). */
interface Block {
  readonly rows: number;
  readonly q: number;
}

/** The largest blocks the shader's register arrays hold. */
const MAX = {
  nn: { rows: shaderConst("R_MAX"), q: shaderConst("Q_MAX") },
  tn: { rows: shaderConst("TR_MAX"), q: shaderConst("TQ_MAX") },
} as const;

/**
 * Blocks per mode and output width: wide outputs take the large blocks (each load feeds more
 * FMAs); an output of one vec4 column (N ≤ 4, the logit layer) takes one column, so no
 * invocation loads clamped duplicate columns.
 */
function blockFor(mode: MatmulMode, narrow: boolean): Block {
  if (mode === "tn") return narrow ? { rows: MAX.tn.rows, q: 1 } : { rows: 8, q: MAX.tn.q };
  return narrow ? { rows: MAX.nn.rows, q: 1 } : MAX.nn;
}

/** Outputs per invocation (rows × columns) of the wide blocks: modes nn/nt and mode tn. */
export const MATMUL_BLOCK = {
  rows: blockFor("nn", false).rows,
  cols: 4 * blockFor("nn", false).q,
  tnRows: blockFor("tn", false).rows,
  tnCols: 4 * blockFor("tn", false).q,
} as const;

/** `nn`: A·B, `nt`: A·Bᵀ, `tn`: Aᵀ·B. */
export type MatmulMode = "nn" | "nt" | "tn";
/**
 * `none`: C = acc; `bias_act`: C = act(acc + bias)·mask (Z saved); `act_grad`: C = acc·act'(Z)·mask;
 * `bias_grad` (mode `tn` only): also B's column sums at `biasOff` of C.
 */
export type MatmulEpilogue = "none" | "bias_act" | "act_grad" | "bias_grad";
/** Activation of the epilogue. */
export type MatmulAct = "none" | "relu" | "gelu";

/** The pipeline variant (the activation is chosen per dispatch, see {@link MatmulArgs}). */
export interface MatmulConfig {
  readonly mode: MatmulMode;
  readonly epilogue: MatmulEpilogue;
  /** Every dispatch has `n <= 4` (one vec4 column of C): use one-column blocks. */
  readonly narrow?: boolean;
}

/** Buffers bound to the op (`z` and `bias` may be any buffer when the epilogue ignores them). */
export interface MatmulBuffers {
  readonly a: GPUBuffer;
  readonly b: GPUBuffer;
  readonly bias: GPUBuffer;
  readonly z: GPUBuffer;
  readonly c: GPUBuffer;
}

function invocations(block: Block, m: number, n: number, biasBlock: boolean): number {
  return (Math.ceil(m / block.rows) + (biasBlock ? 1 : 0)) * Math.ceil(n / (4 * block.q));
}

/**
 * Invocations per workgroup: the SIMD width of llvmpipe. Larger workgroups measured no
 * faster there, and one size keeps the number of pipelines (each compiled in about a
 * second on llvmpipe) small.
 */
const WG = 8;

/** A matmul op with `slots` dispatch slots. */
export async function matmulOp(
  engine: GpuEngine,
  label: string,
  config: MatmulConfig,
  bufs: MatmulBuffers,
  slots = 1,
): Promise<Op> {
  if (config.epilogue === "bias_grad" && config.mode !== "tn") {
    throw new RangeError("matmul: the bias_grad epilogue needs mode tn");
  }
  const block = blockFor(config.mode, config.narrow ?? false);
  const tn = config.mode === "tn";
  const kernel = await engine.pipelines.get(MATMUL, {
    MODE: ["nn", "nt", "tn"].indexOf(config.mode),
    EPI: ["none", "bias_act", "act_grad", "bias_grad"].indexOf(config.epilogue),
    WG,
    [tn ? "TR" : "R"]: block.rows,
    [tn ? "TQ" : "Q"]: block.q,
  });
  return new Op(engine, kernel, label, [bufs.a, bufs.b, bufs.bias, bufs.z, bufs.c], slots);
}

/** Shapes and offsets of one dispatch (all in floats; strides and offsets multiples of 4). */
export interface MatmulArgs {
  readonly m: number;
  readonly n: number;
  readonly k: number;
  readonly lda: number;
  readonly ldb: number;
  readonly ldc: number;
  readonly aOff?: number;
  readonly bOff?: number;
  readonly cOff?: number;
  readonly biasOff?: number;
  readonly zOff?: number;
  readonly ldz?: number;
  /** Activation of the epilogue (default none). */
  readonly act?: MatmulAct;
  /** Dropout seed and rate of the epilogue (rate 0 = off). */
  readonly seed?: number;
  readonly dropP?: number;
}

/** Writes one dispatch slot. */
export function setMatmul(op: Op, slot: number, s: MatmulArgs): void {
  for (const [name, v] of Object.entries(s)) {
    if (typeof v === "number" && !["dropP", "seed", "m", "k"].includes(name) && v % 4 !== 0) {
      throw new RangeError(`matmul: ${name} must be a multiple of 4, got ${v}`);
    }
  }
  const { MODE, EPI, R, Q, TR, TQ } = op.kernel.pipelineConstants;
  const block = MODE === 2 ? { rows: TR!, q: TQ! } : { rows: R!, q: Q! };
  if (block.q === 1 && s.n > 4) throw new RangeError(`matmul: a narrow op needs n <= 4, got ${s.n}`);
  const groups = Math.ceil(invocations(block, s.m, s.n, EPI === 3) / WG);
  const dropP = s.dropP ?? 0;
  op.set(slot, s.m === 0 ? 0 : groups, [
    s.m,
    s.n,
    s.k,
    s.lda,
    s.ldb,
    s.ldc,
    s.aOff ?? 0,
    s.bOff ?? 0,
    s.cOff ?? 0,
    s.biasOff ?? 0,
    s.zOff ?? 0,
    s.ldz ?? s.ldc,
    (s.seed ?? 0) >>> 0,
    ["none", "relu", "gelu"].indexOf(s.act ?? "none"),
  ], [dropP, 1 / (1 - dropP)]);
}
