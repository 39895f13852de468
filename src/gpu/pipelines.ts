/**
 * Compute pipelines, created once per device and cached by shader and override
 * constants. Every kernel's binding 0 is a uniform slot read with a dynamic
 * offset (one 256-byte slot per dispatch); the others are storage buffers.
 *
 * The contract between a launcher and its shader is declared once, in its
 * {@link KernelSpec}: the fields of the shader's `struct Params` by name and type,
 * in order, and the values of the shader's named `const` codes (enums). Both are
 * checked against the WGSL source when the pipeline is created, so a field added,
 * moved or renamed on one side only fails at once instead of shifting the words.
 *
 * @module
 */

/** How a binding is used: the dynamic uniform slot, read-only or read-write storage. */
export type BindingKind = "uniform" | "read" | "rw";

/** Type of a uniform field: every field is one 4-byte scalar, so field i sits at byte 4·i. */
export type UniformType = "u32" | "f32";

/** The fields of a shader's `struct Params`, in declaration order (WGSL names). */
export type Uniforms = Readonly<Record<string, UniformType>>;

/** A shader, its bindings (binding order; binding 0 must be `"uniform"`) and its uniform fields. */
export interface KernelSpec<U extends Uniforms = Uniforms> {
  /** File name under shaders/, used in labels and error messages. */
  readonly name: string;
  readonly source: string;
  readonly bindings: readonly BindingKind[];
  /** The shader's `struct Params`, field by field in order. */
  readonly uniforms: U;
  /** Named codes the launcher relies on: each must be a `const NAME: u32 = value` of the shader. */
  readonly codes?: Readonly<Record<string, number>>;
}

/** Bytes per uniform slot (the minimum dynamic offset alignment everywhere). */
export const SLOT_BYTES = 256;

/**
 * The value of `const name: u32 = Nu;` in a WGSL source.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shaderConst } from "./pipelines.ts";
 * assert.equal(shaderConst("const MODE_TN: u32 = 2u;", "MODE_TN"), 2);
 * assert.throws(() => shaderConst("const MODE_TN: u32 = 2u;", "MODE_NT"), /MODE_NT not found/);
 * ```
 */
export function shaderConst(source: string, name: string): number {
  const m = source.match(new RegExp(`\\bconst ${name}: u32 = (\\d+)u;`));
  if (m === null) throw new Error(`shader constant ${name} not found`);
  return Number(m[1]);
}

/**
 * The default of `override name: u32 = Nu;` in a WGSL source (launchers take their WG from it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { shaderOverride } from "./pipelines.ts";
 * assert.equal(shaderOverride("override WG: u32 = 64u;", "WG"), 64);
 * ```
 */
export function shaderOverride(source: string, name: string): number {
  const m = source.match(new RegExp(`\\boverride ${name}: u32 = (\\d+)u;`));
  if (m === null) throw new Error(`shader override ${name} not found`);
  return Number(m[1]);
}

/** The fields of `struct Params` in a WGSL source, as `name: type` strings in order. */
function paramsFields(source: string): string[] {
  const m = source.replace(/\/\/[^\n]*/g, "").match(/struct Params\s*\{([^}]*)\}/);
  if (m === null) return [];
  return m[1]!.split(",").map((f) => f.replace(/\s+/g, "")).filter((f) => f !== "");
}

/**
 * Throws unless `spec.uniforms` lists the fields of the shader's `struct Params` by name and type
 * in order, each `spec.codes` entry equals the shader's const of that name, and the fields fit a slot.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkContract } from "./pipelines.ts";
 * const source = "const ACT_RELU: u32 = 1u;\nstruct Params { rows: u32, scale: f32 }";
 * const spec = { name: "toy", source, bindings: ["uniform"] as const, codes: { ACT_RELU: 1 } };
 * checkContract({ ...spec, uniforms: { rows: "u32", scale: "f32" } });
 * assert.throws(() => checkContract({ ...spec, uniforms: { scale: "f32", rows: "u32" } }), /struct Params/);
 * ```
 */
export function checkContract(spec: KernelSpec): void {
  const declared = Object.entries(spec.uniforms).map(([name, type]) => `${name}:${type}`);
  const shader = paramsFields(spec.source);
  if (declared.join(",") !== shader.join(",")) {
    throw new Error(
      `shaders/${spec.name}.wgsl: struct Params is {${shader.join(", ")}} but its launcher declares ` +
        `{${declared.join(", ")}}`,
    );
  }
  if (4 * declared.length > SLOT_BYTES) throw new Error(`shaders/${spec.name}.wgsl: Params exceeds a slot`);
  for (const [name, value] of Object.entries(spec.codes ?? {})) {
    const got = shaderConst(spec.source, name);
    if (got !== value) {
      throw new Error(`shaders/${spec.name}.wgsl: ${name} is ${got} but its launcher uses ${value}`);
    }
  }
}

/** A compiled pipeline and its bind group layout. */
export interface Kernel<U extends Uniforms = Uniforms> {
  readonly spec: KernelSpec<U>;
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  readonly label: string;
  /** The override constants it was compiled with. */
  readonly pipelineConstants: Readonly<Record<string, number>>;
}

/** Pipeline cache of one device. */
export class PipelineCache {
  readonly #device: GPUDevice;
  readonly #kernels = new Map<string, Promise<Kernel<Uniforms>>>();
  readonly #layouts = new Map<string, GPUBindGroupLayout>();

  constructor(device: GPUDevice) {
    this.#device = device;
  }

  /** The pipeline of `spec` with `constants`, compiled on first use (after {@link checkContract}). */
  get<U extends Uniforms>(
    spec: KernelSpec<U>,
    constants: Readonly<Record<string, number>> = {},
  ): Promise<Kernel<U>> {
    const keys = Object.keys(constants).sort();
    const label = `${spec.name}(${keys.map((k) => `${k}=${constants[k]}`).join(",")})`;
    let k = this.#kernels.get(label);
    if (k === undefined) {
      k = this.#compile(spec, constants, label);
      this.#kernels.set(label, k);
      k.catch(() => this.#kernels.delete(label));
    }
    return k as Promise<Kernel<U>>;
  }

  #layout(spec: KernelSpec): GPUBindGroupLayout {
    let layout = this.#layouts.get(spec.name);
    if (layout === undefined) {
      layout = this.#device.createBindGroupLayout({
        label: `${spec.name} bind group layout`,
        entries: spec.bindings.map((kind, binding) => ({
          binding,
          visibility: GPUShaderStage.COMPUTE,
          buffer: kind === "uniform"
            ? { type: "uniform", hasDynamicOffset: true }
            : { type: kind === "read" ? "read-only-storage" : "storage" },
        })),
      });
      this.#layouts.set(spec.name, layout);
    }
    return layout;
  }

  async #compile(
    spec: KernelSpec,
    constants: Readonly<Record<string, number>>,
    label: string,
  ): Promise<Kernel> {
    checkContract(spec);
    const module = this.#device.createShaderModule({ label: `shaders/${spec.name}.wgsl`, code: spec.source });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === "error");
    if (errors.length > 0) {
      const m = errors[0]!;
      throw new Error(`Cannot compile shaders/${spec.name}.wgsl:${m.lineNum}:${m.linePos}: ${m.message}`);
    }
    const layout = this.#layout(spec);
    this.#device.pushErrorScope("validation");
    let pipeline: GPUComputePipeline;
    try {
      pipeline = await this.#device.createComputePipelineAsync({
        label,
        layout: this.#device.createPipelineLayout({ label: `${label} layout`, bindGroupLayouts: [layout] }),
        compute: { module, entryPoint: "main", constants: { ...constants } },
      });
    } catch (e) {
      await this.#device.popErrorScope();
      throw new Error(`Cannot create pipeline ${label}: ${(e as Error).message}`);
    }
    const err = await this.#device.popErrorScope();
    if (err !== null) throw new Error(`Cannot create pipeline ${label}: ${err.message}`);
    return { spec, pipeline, layout, label, pipelineConstants: { ...constants } };
  }
}
