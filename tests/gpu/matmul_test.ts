import assert from "node:assert/strict";
import { assertClose } from "../_assert_close.ts";
import { gpuTest, HARDWARE_GPU, randomFloats, submitPass, withValidation } from "../_gpu.ts";
import { createBuffer, readFloats, uploadBuffer } from "../../src/gpu/buffers.ts";
import {
  describeMatmul,
  type MatmulAct,
  type MatmulArgs,
  type MatmulConfig,
  matmulOp,
  setMatmul,
} from "../../src/gpu/kernels/matmul.ts";
import { mat } from "../../src/cpu/mat.ts";
import { linearBackward, linearForward } from "../../src/cpu/linear.ts";
import { activationBackward, activationForward } from "../../src/cpu/activation.ts";
import { pad4 } from "../../src/models/layout.ts";
import { Random } from "../../src/random.ts";

// (rows, inputs, outputs): none a multiple of the register blocks (32 x 16, 8 x 32, and the narrow
// 32 x 4 and 16 x 4 used when outputs <= 4), nor of the tiles (64 x 64 by 16 deep, narrow 256 x 4 by 8)
const SHAPES: [number, number, number][] = [
  [1, 3, 1],
  [13, 10, 20],
  [37, 40, 61],
  [70, 6, 130],
  [33, 300, 9],
  [45, 37, 3],
];
const TOL = { atol: 2e-5, rtol: 2e-4 };

/**
 * The kernels under test. The tiled kernel runs with small tiles that use every accumulator block
 * and span several tiles on each shape; its default tiles run too on a hardware GPU (llvmpipe
 * takes 10-30 s to compile each tiled pipeline, so CI compiles only one set).
 */
const KERNELS: { name: string; config: Pick<MatmulConfig, "kernel" | "tile"> }[] = [
  { name: "blocked", config: { kernel: "blocked" } },
  {
    name: "tiled 4x2 (8x8 per invocation)",
    config: { kernel: "tiled", tile: { wx: 4, wy: 2, tm4: 2, tn4: 2, bk: 4 } },
  },
  ...(HARDWARE_GPU ? [{ name: "tiled default", config: { kernel: "tiled" as const } }] : []),
];

/** Random matrix [rows, cols] stored with stride ld and zero padding. */
function padded(rng: Random, rows: number, cols: number, ld: number): Float32Array {
  const out = new Float32Array(rows * ld);
  for (let r = 0; r < rows; r++) out.set(randomFloats(rng, cols), r * ld);
  return out;
}

for (const [n, k, m] of SHAPES) {
  for (const { name: kernel, config } of KERNELS) {
    const [kp, mp] = [pad4(k), pad4(m)];
    for (const act of ["none", "relu", "gelu"] as MatmulAct[]) {
      gpuTest(
        `matmul ${kernel} nn + bias + ${act} (+ dropout) matches linearForward, ${n}x${k}x${m}`,
        async (engine) => {
          const rng = new Random(n * 1000 + k);
          const x = padded(rng, n, k, kp);
          const wOff = 8; // parameters start at an offset, as in the model buffer
          const params = new Float32Array(wOff + kp * mp + mp);
          params.set(padded(rng, k, m, mp), wOff);
          params.set(randomFloats(rng, m), wOff + kp * mp);
          const drop = act === "none" ? { p: 0, seed: 0 } : { p: 0.3, seed: 1234567 };
          const zCpu = new Float32Array(n * mp);
          const yCpu = new Float32Array(n * mp);
          linearForward({
            x: mat(x, 0, kp),
            w: mat(params, wOff, mp),
            b: params,
            bOff: wOff + kp * mp,
            y: mat(zCpu, 0, mp),
            n,
            k,
            m,
          });
          if (act === "none") yCpu.set(zCpu);
          else activationForward({ kind: act, z: mat(zCpu, 0, mp), a: mat(yCpu, 0, mp), n, m, drop });
          const [y, z] = await withValidation(engine, async () => {
            const bx = uploadBuffer(engine, "test x", x);
            const bp = uploadBuffer(engine, "test params", params);
            const bz = createBuffer(engine, "test z", n * mp * 4);
            const by = createBuffer(engine, "test y", n * mp * 4);
            const op = await matmulOp(engine, "test matmul", {
              mode: "nn",
              epilogue: "bias_act",
              narrow: mp <= 4,
              ...config,
            }, {
              a: bx,
              b: bp,
              bias: bp,
              z: bz,
              c: by,
            });
            setMatmul(op, 0, {
              m: n,
              n: mp,
              k: kp,
              lda: kp,
              ldb: mp,
              ldc: mp,
              bOff: wOff,
              biasOff: wOff + kp * mp,
              act,
              seed: drop.seed,
              dropP: drop.p,
            });
            submitPass(engine, (pass) => op.encode(pass, 0));
            return [await readFloats(engine, by, n * mp), await readFloats(engine, bz, n * mp)];
          });
          assertClose(y, yCpu, { ...TOL, label: "y" });
          if (act !== "none") assertClose(z, zCpu, { ...TOL, label: "z" });
        },
      );
    }

    gpuTest(
      `matmul ${kernel} nt + gelu grad (+ dropout) and tn + bias grad match linearBackward, ${n}x${k}x${m}`,
      async (engine) => {
        const rng = new Random(n * 7 + m);
        const x = padded(rng, n, k, kp);
        const z = padded(rng, n, k, kp);
        const w = padded(rng, k, m, mp);
        const dy = padded(rng, n, m, mp);
        const dwCpu = new Float32Array(kp * mp);
        const dbCpu = new Float32Array(mp);
        const dxCpu = new Float32Array(n * kp);
        linearBackward({
          x: mat(x, 0, kp),
          w: mat(w, 0, mp),
          dy: mat(dy, 0, mp),
          dw: mat(dwCpu, 0, mp),
          db: dbCpu,
          dbOff: 0,
          dx: mat(dxCpu, 0, kp),
          n,
          k,
          m,
        });
        const drop = { p: 0.2, seed: 99 };
        activationBackward({ kind: "gelu", z: mat(z, 0, kp), g: mat(dxCpu, 0, kp), n, m: k, drop });
        const [dx, dw, db] = await withValidation(engine, async () => {
          const [bx, bz, bw, bdy] = [x, z, w, dy].map((d, i) => uploadBuffer(engine, `test in ${i}`, d));
          const bdx = createBuffer(engine, "test dx", n * kp * 4);
          const gradOff = 12;
          const biasOff = gradOff + kp * mp + 4;
          const bgrad = createBuffer(engine, "test grad", (biasOff + mp) * 4);
          const nt = await matmulOp(engine, "test nt", { mode: "nt", epilogue: "act_grad", ...config }, {
            a: bdy!,
            b: bw!,
            bias: bw!,
            z: bz!,
            c: bdx,
          });
          setMatmul(nt, 0, {
            m: n,
            n: kp,
            k: mp,
            lda: mp,
            ldb: mp,
            ldc: kp,
            act: "gelu",
            seed: drop.seed,
            dropP: drop.p,
          });
          const tn = await matmulOp(engine, "test tn", {
            mode: "tn",
            epilogue: "bias_grad",
            narrow: mp <= 4,
            ...config,
          }, {
            a: bx!,
            b: bdy!,
            bias: bw!,
            z: bz!,
            c: bgrad,
          });
          setMatmul(tn, 0, { m: kp, n: mp, k: n, lda: kp, ldb: mp, ldc: mp, cOff: gradOff, biasOff });
          submitPass(engine, (pass) => {
            nt.encode(pass, 0);
            tn.encode(pass, 0);
          });
          return [
            await readFloats(engine, bdx, n * kp),
            await readFloats(engine, bgrad, kp * mp, gradOff),
            await readFloats(engine, bgrad, mp, biasOff),
          ];
        });
        assertClose(dx, dxCpu, { ...TOL, label: "dx" });
        assertClose(dw, dwCpu, { ...TOL, label: "dw" });
        assertClose(db, dbCpu, { ...TOL, label: "db" });
      },
    );
  }
}

gpuTest(
  "the tiled and blocked kernels give bit-identical results (one fma per k, in order)",
  async (engine) => {
    const [n, kp, mp] = [150, 88, 64];
    const rng = new Random(5);
    const [x, w, dy, z] = [[n, kp], [kp, mp], [n, mp], [n, kp]].map(([r, c]) => padded(rng, r!, c!, c!));
    const run = (config: Pick<MatmulConfig, "kernel" | "tile">) =>
      withValidation(engine, async () => {
        const [bx, bw, bdy, bz] = [x, w, dy, z].map((d, i) => uploadBuffer(engine, `test in ${i}`, d!));
        const by = createBuffer(engine, "test y", n * mp * 4);
        const bzOut = createBuffer(engine, "test z out", n * mp * 4);
        const bdx = createBuffer(engine, "test dx", n * kp * 4);
        const bgrad = createBuffer(engine, "test grad", (kp * mp + mp) * 4);
        const op = async (
          base: Pick<MatmulConfig, "mode" | "epilogue">,
          [a, b, zb, c]: GPUBuffer[],
          args: MatmulArgs,
        ) => {
          const o = await matmulOp(engine, base.mode, { ...base, ...config }, {
            a: a!,
            b: b!,
            bias: bw!,
            z: zb!,
            c: c!,
          });
          setMatmul(o, 0, args);
          return o;
        };
        const ops = [
          await op({ mode: "nn", epilogue: "bias_act" }, [bx!, bw!, bzOut, by], {
            m: n,
            n: mp,
            k: kp,
            lda: kp,
            ldb: mp,
            ldc: mp,
            act: "relu",
            seed: 7,
            dropP: 0.1,
          }),
          await op({ mode: "nt", epilogue: "act_grad" }, [bdy!, bw!, bz!, bdx], {
            m: n,
            n: kp,
            k: mp,
            lda: mp,
            ldb: mp,
            ldc: kp,
            act: "gelu",
            seed: 3,
            dropP: 0.2,
          }),
          await op({ mode: "tn", epilogue: "bias_grad" }, [bx!, bdy!, bz!, bgrad], {
            m: kp,
            n: mp,
            k: n,
            lda: kp,
            ldb: mp,
            ldc: mp,
            biasOff: kp * mp,
          }),
        ];
        submitPass(engine, (pass) => ops.forEach((o) => o.encode(pass, 0)));
        return await Promise.all([by, bzOut, bdx, bgrad].map((b) => readFloats(engine, b, b.size / 4)));
      });
    const blocked = await run(KERNELS[0]!.config);
    for (const { name, config } of KERNELS.slice(1)) {
      const tiled = await run(config);
      ["y", "z", "dx", "dw and db"].forEach((label, i) => {
        assert.deepEqual(tiled[i], blocked[i], `${name}: ${label}`);
      });
    }
  },
);

gpuTest("describeMatmul names the kernel and block this adapter gets", (engine) => {
  // the documented configurations (docs/speed.md): a 32 x 16 block of C per invocation on
  // llvmpipe, 64 x 64 tiles of 16 x 16 invocations elsewhere
  const want = engine.fallback ? "register-blocked, 32x16 per invocation" : "tiled, 64x64 tiles";
  assert.equal(describeMatmul(engine), want);
  return Promise.resolve();
});
