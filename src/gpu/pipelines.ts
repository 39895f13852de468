/**
 * Compute pipelines, created once per device and cached by shader and override
 * constants. Every kernel's binding 0 is a uniform slot read with a dynamic
 * offset (one 256-byte slot per dispatch); the others are storage buffers.
 *
 * @module
 */

/** How a binding is used: the dynamic uniform slot, read-only or read-write storage. */
export type BindingKind = "uniform" | "read" | "rw";

/** A shader and its bindings, in binding order (binding 0 must be `"uniform"`). */
export interface KernelSpec {
  /** File name under shaders/, used in labels and error messages. */
  readonly name: string;
  readonly source: string;
  readonly bindings: readonly BindingKind[];
}

/** A compiled pipeline and its bind group layout. */
export interface Kernel {
  readonly spec: KernelSpec;
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  readonly label: string;
  /** The override constants it was compiled with. */
  readonly pipelineConstants: Readonly<Record<string, number>>;
}

/** Bytes per uniform slot (the minimum dynamic offset alignment everywhere). */
export const SLOT_BYTES = 256;

/** Pipeline cache of one device. */
export class PipelineCache {
  readonly #device: GPUDevice;
  readonly #kernels = new Map<string, Promise<Kernel>>();
  readonly #layouts = new Map<string, GPUBindGroupLayout>();

  constructor(device: GPUDevice) {
    this.#device = device;
  }

  /** The pipeline of `spec` with `constants`, compiled on first use. */
  get(spec: KernelSpec, constants: Readonly<Record<string, number>> = {}): Promise<Kernel> {
    const keys = Object.keys(constants).sort();
    const label = `${spec.name}(${keys.map((k) => `${k}=${constants[k]}`).join(",")})`;
    let k = this.#kernels.get(label);
    if (k === undefined) {
      k = this.#compile(spec, constants, label);
      this.#kernels.set(label, k);
      k.catch(() => this.#kernels.delete(label));
    }
    return k;
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
