import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { ONLINE_COLUMNS } from "../../src/data/schema.ts";
import { synthesizeSplit } from "../../src/synth/synthesize.ts";
import { writeCsvAtomic } from "../../src/io/atomic.ts";
import { runTaskFile } from "../tasks/_run.ts";

const SAMPLE = new URL("../../data/sample/", import.meta.url);

Deno.test("written CSV round-trips: nulls as empty cells, floats as 1.0 / 0.25", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const { train, test } = synthesizeSplit({ trainRows: 300, testRows: 50, seed: 4 });
    await writeCsvAtomic(`${dir}/train.csv`, train);
    await writeCsvAtomic(`${dir}/submission.csv`, test);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["submission.csv", "train.csv"]);
    const text = await Deno.readTextFile(`${dir}/train.csv`);
    const lines = text.trimEnd().split("\n");
    assert.equal(lines[0], ONLINE_COLUMNS.map((c) => c.name).join(","));
    assert.ok(!/(^|,)""(,|$)/m.test(text), "no quoted empty strings");
    const back = pl.readCSV(`${dir}/train.csv`, { inferSchemaLength: 0 });
    assert.equal(back.height, 300);
    for (const name of train.columns) {
      const expected = train.getColumn(name).toArray().map((v) =>
        v === null
          ? null
          : typeof v === "number" && ONLINE_COLUMNS.find((c) => c.name === name)?.kind === "numeric"
          ? v
          : String(v)
      );
      const got = back.getColumn(name).toArray().map((v) =>
        v === null ? null : typeof expected.find((e) => e !== null) === "number" ? Number(v) : v
      );
      assert.deepEqual(got, expected, name);
    }
    assert.ok(
      back.getColumn("bant_submit").toArray().every((v) => /^(0\.0|0\.25|0\.5|0\.75|1\.0)$/.test(String(v))),
    );
    const sub = pl.readCSV(`${dir}/submission.csv`, { inferSchemaLength: 0 });
    assert.equal(sub.getColumn("is_converted").nullCount(), 50);
    assert.ok((await Deno.readTextFile(`${dir}/submission.csv`)).split("\n")[1]!.endsWith(","));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the task writes both files, and rejects bad flags with exit code 2", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const run = await runTaskFile("synth", [
      "--out",
      dir,
      "--rows",
      "200",
      "--test-rows",
      "40",
      "--seed",
      "3",
    ]);
    assert.equal(run.code, 0, run.stderr);
    const split = synthesizeSplit({ trainRows: 200, testRows: 40, seed: 3 });
    assert.equal(await Deno.readTextFile(`${dir}/train.csv`), split.train.writeCSV().toString());
    assert.equal(await Deno.readTextFile(`${dir}/submission.csv`), split.test.writeCSV().toString());
    for (
      const bad of [["--bogus"], ["--rows", "abc"], ["--rows", "0"], ["--seed", "1.5"], ["extra"], ["--rows"]]
    ) {
      const run = await runTaskFile("synth", ["--out", dir, ...bad]);
      assert.equal(run.code, 2, bad.join(" "));
      assert.equal(run.stderr.trim().split("\n").length, 1, run.stderr);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the committed sample is what the default task writes", async () => {
  const split = synthesizeSplit({ trainRows: 5000, testRows: 1000, seed: 42 });
  const stale = "data/sample is stale: run `deno task synth`";
  assert.ok(
    await Deno.readTextFile(new URL("train.csv", SAMPLE)) === split.train.writeCSV().toString(),
    stale,
  );
  assert.ok(
    await Deno.readTextFile(new URL("submission.csv", SAMPLE)) === split.test.writeCSV().toString(),
    stale,
  );
});
