/**
 * Launcher of the matmul kernels: `C = op(A) · op(B)` with a fused bias,
 * activation and dropout epilogue (forward) or activation-gradient epilogue
 * (backward). Two kernels compute the same sums in the same order: register
 * blocks without workgroup memory for software adapters (shaders/matmul.wgsl),
 * workgroup-memory tiles for hardware GPUs (shaders/matmul_tiled.wgsl).
 * CPU twins: linearForward / linearBackward, activationForward / activationBackward.
 *
 * @module
 */

import common from "../../../shaders/matmul_common.wgsl" with { type: "text" };
import blockedSource from "../../../shaders/matmul.wgsl" with { type: "text" };
import tiledSource from "../../../shaders/matmul_tiled.wgsl" with { type: "text" };
import type { GpuEngine } from "../device.ts";
import { Op } from "../buffers.ts";
import { type Kernel, type KernelSpec, shaderConst } from "../pipelines.ts";
import type { Activation } from "../../cpu/activation.ts";

/** `nn`: A·B, `nt`: A·Bᵀ, `tn`: Aᵀ·B. */
export type MatmulMode = "nn" | "nt" | "tn";
/**
 * `none`: C = acc; `bias_act`: C = act(acc + bias)·mask (Z saved); `act_grad`: C = acc·act'(Z)·mask;
 * `bias_grad` (mode `tn` only): also B's column sums at `biasOff` of C.
 */
export type MatmulEpilogue = "none" | "bias_act" | "act_grad" | "bias_grad";
/** Activation of the epilogue. */
export type MatmulAct = "none" | Activation;

/** The shader's codes of each mode (MODE_*), epilogue (EPI_*) and activation (ACT_*). */
const MODE_CODE = { nn: 0, nt: 1, tn: 2 } as const satisfies Record<MatmulMode, number>;
const EPI_CODE = { none: 0, bias_act: 1, act_grad: 2, bias_grad: 3 } as const satisfies Record<
  MatmulEpilogue,
  number
>;
const ACT_CODE = { none: 0, relu: 1, gelu: 2 } as const satisfies Record<MatmulAct, number>;

/** The codes above under their WGSL names (`MODE_NN`, ...), checked against matmul_common.wgsl. */
function wgslCodes(prefix: string, codes: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(codes).map(([k, v]) => [`${prefix}_${k.toUpperCase()}`, v]));
}
const CODES = {
  ...wgslCodes("MODE", MODE_CODE),
  ...wgslCodes("EPI", EPI_CODE),
  ...wgslCodes("ACT", ACT_CODE),
};

const BINDINGS = ["uniform", "read", "read", "read", "rw", "rw"] as const;

/** The fields of `struct Params` in matmul_common.wgsl. */
const UNIFORMS = {
  m: "u32",
  n: "u32",
  k: "u32",
  lda: "u32",
  ldb: "u32",
  ldc: "u32",
  a_off: "u32",
  b_off: "u32",
  c_off: "u32",
  bias_off: "u32",
  z_off: "u32",
  ldz: "u32",
  seed: "u32",
  act: "u32",
  drop_p: "f32",
  drop_scale: "f32",
} as const;

/** The register-blocked kernel and its bindings: uniform, a, b, bias, z, c. */
export const MATMUL = {
  name: "matmul",
  source: common + blockedSource,
  bindings: BINDINGS,
  uniforms: UNIFORMS,
  codes: CODES,
} as const satisfies KernelSpec;

/** The tiled kernel, with the same bindings. */
export const MATMUL_TILED = {
  name: "matmul_tiled",
  source: common + tiledSource,
  bindings: BINDINGS,
  uniforms: UNIFORMS,
  codes: CODES,
} as const satisfies KernelSpec;

/** Block of C owned by one invocation: `rows × 4·q` (modes nn and nt: R × Q, mode tn: TR × TQ). */
interface Block {
  readonly rows: number;
  readonly q: number;
}

/** The largest blocks the shader's register arrays hold. */
const MAX = {
  nn: { rows: shaderConst(blockedSource, "R_MAX"), q: shaderConst(blockedSource, "Q_MAX") },
  tn: { rows: shaderConst(blockedSource, "TR_MAX"), q: shaderConst(blockedSource, "TQ_MAX") },
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

/** `blocked`: shaders/matmul.wgsl (software adapters); `tiled`: shaders/matmul_tiled.wgsl (GPUs). */
export type MatmulKernel = "blocked" | "tiled";

/**
 * A workgroup of the tiled kernel: `wx × wy` invocations, each owning `4·tm4` rows and `tn4` vec4
 * columns of C (interleaved with its neighbours'), over slices of depth `bk`.
 */
export interface MatmulTile {
  readonly wx: number;
  readonly wy: number;
  readonly tm4: number;
  readonly tn4: number;
  readonly bk: number;
}

/** The pipeline variant (the activation is chosen per dispatch, see {@link MatmulArgs}). */
export interface MatmulConfig {
  readonly mode: MatmulMode;
  readonly epilogue: MatmulEpilogue;
  /** Every dispatch has `n <= 4` (one vec4 column of C): one-column blocks, or 256 x 4 tiles. */
  readonly narrow?: boolean;
  /** The kernel (default: `blocked` on a software adapter, else `tiled`). */
  readonly kernel?: MatmulKernel;
  /** The tiled kernel's workgroup tile (default: {@link tileFor}). */
  readonly tile?: MatmulTile;
}

/** The kernel the engine's adapter runs best: see {@link MatmulKernel}. */
export function defaultMatmulKernel(engine: GpuEngine): MatmulKernel {
  return engine.fallback ? "blocked" : "tiled";
}

/**
 * Tiles of the tiled kernel: 64 × 64 of C per workgroup of 256, one row block of 4 × 4 per
 * invocation; an output of one vec4 column takes 256 × 4 tiles (64 invocations along rows, slices 8 deep).
 */
export function tileFor(narrow: boolean): MatmulTile {
  return narrow ? { wx: 1, wy: 64, tm4: 1, tn4: 1, bk: 8 } : { wx: 16, wy: 16, tm4: 1, tn4: 1, bk: 16 };
}

/** What the engine multiplies with, e.g. `tiled, 64x64 tiles` (wide outputs). */
export function describeMatmul(engine: GpuEngine): string {
  if (defaultMatmulKernel(engine) === "blocked") {
    return `register-blocked, ${MATMUL_BLOCK.rows}x${MATMUL_BLOCK.cols} per invocation`;
  }
  const t = tileFor(false);
  return `tiled, ${4 * t.tm4 * t.wy}x${4 * t.tn4 * t.wx} tiles`;
}

const TILED_MAX = {
  tm4: shaderConst(tiledSource, "TM4_MAX"),
  tn4: shaderConst(tiledSource, "TN4_MAX"),
  vec4s: shaderConst(tiledSource, "TILE_MAX"),
};

/** WebGPU's guaranteed maxComputeInvocationsPerWorkgroup: a tile of at most this many runs anywhere. */
const MAX_INVOCATIONS = 256;

function checkTile(t: MatmulTile): void {
  // bk: whole vec4s of depth per slice
  const ok = [t.wx, t.wy, t.tm4, t.tn4, t.bk].every((v) => Number.isInteger(v) && v > 0) &&
    t.tm4 <= TILED_MAX.tm4 && t.tn4 <= TILED_MAX.tn4 && t.bk % 4 === 0 && t.wx * t.wy <= MAX_INVOCATIONS &&
    t.bk * t.tm4 * t.wy <= TILED_MAX.vec4s && t.bk * t.tn4 * t.wx <= TILED_MAX.vec4s;
  if (!ok) throw new RangeError(`matmul: tile ${JSON.stringify(t)} does not fit shaders/matmul_tiled.wgsl`);
}

/** Buffers bound to the op (`z` and `bias` may be any buffer when the epilogue ignores them). */
export interface MatmulBuffers {
  readonly a: GPUBuffer;
  readonly b: GPUBuffer;
  readonly bias: GPUBuffer;
  readonly z: GPUBuffer;
  readonly c: GPUBuffer;
}

/** Workgroups of one dispatch computing an `m × n` C (one more row for the bias gradient). */
function workgroups(kernel: Kernel, m: number, n: number): number {
  const { MODE, EPI, R, Q, TR, TQ, WX, WY, TM4, TN4 } = kernel.pipelineConstants;
  // the bias gradient is one more row (block) of C
  const biasRows = EPI === EPI_CODE.bias_grad ? 1 : 0;
  if (kernel.spec === MATMUL_TILED) {
    const rows = m + biasRows;
    return Math.ceil(rows / (4 * TM4! * WY!)) * Math.ceil(n / (4 * TN4! * WX!));
  }
  const block = MODE === MODE_CODE.tn ? { rows: TR!, q: TQ! } : { rows: R!, q: Q! };
  if (block.q === 1 && n > 4) throw new RangeError(`matmul: a narrow op needs n <= 4, got ${n}`);
  const invocations = (Math.ceil(m / block.rows) + biasRows) * Math.ceil(n / (4 * block.q));
  return Math.ceil(invocations / WG);
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
  const narrow = config.narrow ?? false;
  const variant = { MODE: MODE_CODE[config.mode], EPI: EPI_CODE[config.epilogue] };
  let kernel: Kernel;
  if ((config.kernel ?? defaultMatmulKernel(engine)) === "tiled") {
    const t = config.tile ?? tileFor(narrow);
    checkTile(t);
    kernel = await engine.pipelines.get(MATMUL_TILED, {
      ...variant,
      WX: t.wx,
      WY: t.wy,
      TM4: t.tm4,
      TN4: t.tn4,
      BK: t.bk,
    });
  } else {
    const block = blockFor(config.mode, narrow);
    const tn = config.mode === "tn";
    kernel = await engine.pipelines.get(MATMUL, {
      ...variant,
      WG,
      [tn ? "TR" : "R"]: block.rows,
      [tn ? "TQ" : "Q"]: block.q,
    });
  }
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
  const groups = workgroups(op.kernel, s.m, s.n);
  const dropP = s.dropP ?? 0;
  op.set<typeof UNIFORMS>(slot, s.m === 0 ? 0 : groups, {
    m: s.m,
    n: s.n,
    k: s.k,
    lda: s.lda,
    ldb: s.ldb,
    ldc: s.ldc,
    a_off: s.aOff ?? 0,
    b_off: s.bOff ?? 0,
    c_off: s.cOff ?? 0,
    bias_off: s.biasOff ?? 0,
    z_off: s.zOff ?? 0,
    ldz: s.ldz ?? s.ldc,
    seed: (s.seed ?? 0) >>> 0,
    act: ACT_CODE[s.act ?? "none"],
    drop_p: dropP,
    drop_scale: 1 / (1 - dropP),
  });
}
