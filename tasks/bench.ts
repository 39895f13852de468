/** `deno task bench`: GPU vs CPU training time and the adapter's matmul and peak GFLOP/s. */
import { type GpuEngine, LOGISTIC_DEFAULTS, MLP_DEFAULTS, openEngine } from "../mod.ts";
import { describeMatmul } from "../src/gpu/kernels/matmul.ts";
import { measureMatmulGflops, measurePeakGflops } from "../src/gpu/measure.ts";
import { randomDesign, timeFit } from "../src/models/bench.ts";
import { intFlag, parseFlags, progress, projectPath, runTask, UsageError, userPath } from "./_cli.ts";
import { benchScale } from "./_bench_scale.ts";

const USAGE = `
Benchmark training on the GPU (WebGPU) against the CPU reference, on random data of the
real data's shape, and measure the adapter's matmul and FMA-peak GFLOP/s. Prints a table,
then one JSON line.

With --scale, instead: train and submit on synthetic tables of 100,000, 300,000 and 1,000,000
leads (\`deno task synth\`), each in its own process, and report rows per second and peak memory.

Usage: deno task bench [options]

Options:
  --scale       measure train and submit at growing table sizes (Linux: reads /proc)
  --sizes LIST  with --scale: comma-separated lead counts (default: 100000,300000,1000000)
  --work DIR    with --scale: where the tables and models go (default: data/scale; kept, so a
                second run reuses the tables)
  --rows N      rows of the random design (default: 47600, the real training set)
  --num N       numeric columns (default: 40; 20 categorical columns are added)
  --epochs N    epochs of each fit (default: 5)
  --seed N      seed of the data and the models (default: 42)
  -h, --help    show this help
`;

await runTask("bench", USAGE, async (args) => {
  const flags = parseFlags(args, {
    rows: { type: "string" },
    num: { type: "string" },
    epochs: { type: "string" },
    seed: { type: "string" },
    scale: { type: "boolean" },
    sizes: { type: "string" },
    work: { type: "string" },
  });
  const rows = intFlag("rows", flags.rows, 47600, 1000);
  const numCols = intFlag("num", flags.num, 40, 1, 4096);
  const epochs = intFlag("epochs", flags.epochs, 5, 1, 1000);
  const seed = intFlag("seed", flags.seed, 42, 0);
  if (flags.scale) {
    const sizes = (flags.sizes ?? "100000,300000,1000000").split(",").map((s) => Number(s.trim()));
    if (!sizes.every((s) => Number.isInteger(s) && s >= 1000)) {
      throw new UsageError(`--sizes must be lead counts of at least 1000, got "${flags.sizes}"`);
    }
    await benchScale(sizes, flags.work ? userPath(flags.work) : projectPath("data/scale"), seed);
    return;
  }
  const gpu = await openEngine("gpu") as GpuEngine;
  const cpu = await openEngine("cpu");
  progress(`bench: ${gpu.description}`);
  const { design, labels } = randomDesign(rows, numCols, seed);
  const features = numCols + design.catSizes.length;
  const lr = { ...LOGISTIC_DEFAULTS, epochs, seed };
  const mlp = { ...MLP_DEFAULTS, epochs, seed };
  const times: Record<string, number> = {};
  for (
    const [name, engine, options] of [
      ["lr_gpu_s", gpu, lr],
      ["lr_cpu_s", cpu, lr],
      ["mlp_gpu_s", gpu, mlp],
      ["mlp_cpu_s", cpu, mlp],
    ] as const
  ) {
    progress(`bench: timing ${name.replace(/_s$/, "")} (${epochs} epochs, ${rows} rows)`);
    times[name] = await timeFit(engine, design, labels, options);
  }
  progress("bench: matmul and FMA peak");
  const mm = { m: rows, n: 64, k: 256 };
  const matmul = await measureMatmulGflops(gpu, mm);
  const matmulKernel = describeMatmul(gpu);
  const peak = await measurePeakGflops(gpu);
  gpu.destroy();

  const f = (x: number, d = 2) => x.toFixed(d).padStart(9);
  const hidden = MLP_DEFAULTS.hidden.join("-");
  console.log(`${"".padEnd(34)}${"gpu".padStart(9)}${"cpu".padStart(9)}${"cpu/gpu".padStart(9)}`);
  console.log(
    `${"logistic regression, s".padEnd(34)}${f(times.lr_gpu_s!)}${f(times.lr_cpu_s!)}${
      f(times.lr_cpu_s! / times.lr_gpu_s!, 1)
    }`,
  );
  console.log(
    `${`MLP ${hidden}, s`.padEnd(34)}${f(times.mlp_gpu_s!)}${f(times.mlp_cpu_s!)}${
      f(times.mlp_cpu_s! / times.mlp_gpu_s!, 1)
    }`,
  );
  console.log(
    `${`matmul ${mm.m}x${mm.k}x${mm.n}, GFLOP/s`.padEnd(34)}${f(matmul, 1)}   (${
      (100 * matmul / peak).toFixed(0)
    }% of peak)`,
  );
  console.log(`${"FMA peak, GFLOP/s".padEnd(34)}${f(peak, 1)}`);
  console.log(`matmul kernel: ${matmulKernel}`);
  console.log(JSON.stringify({
    device: gpu.description,
    rows,
    features,
    epochs,
    lr_gpu_s: round(times.lr_gpu_s!),
    lr_cpu_s: round(times.lr_cpu_s!),
    mlp_gpu_s: round(times.mlp_gpu_s!),
    mlp_cpu_s: round(times.mlp_cpu_s!),
    mlp_hidden: MLP_DEFAULTS.hidden,
    matmul_shape: [mm.m, mm.k, mm.n],
    matmul_kernel: matmulKernel,
    matmul_gflops: round(matmul),
    peak_gflops: round(peak),
  }));
});

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
