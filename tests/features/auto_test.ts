import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { countryCell } from "../../src/features/auto.ts";
import { featureColumns } from "../../src/features/columns.ts";
import { isCross, withoutCrosses } from "../../src/features/crosses.ts";
import { fitFeatures, transformFeatures } from "../../src/features/plan.ts";

/** A table with other names: a rep number that matters, an address, a count, a spelled-out type. */
function table(n: number) {
  let state = 7;
  const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const rep: string[] = [], address: string[] = [], visits: string[] = [], kind: string[] = [];
  const account: string[] = [], ref: string[] = [], created: string[] = [];
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const r = 1 + Math.floor(rand() * 40);
    const country = ["France", "Chile", "India"][i % 3]!;
    const k = ["Web Form", "web form", "Phone"][Math.floor(rand() * 3)]!;
    rep.push(String(r));
    address.push(`${["Lyon", "Pune", "Lima", "Nice", "Agra"][i % 5]} ${i % 23} / ${country}`);
    visits.push(String(Math.floor(rand() * 10)));
    kind.push(k);
    account.push(`acc${i % 150}`);
    ref.push(`L${i}`);
    created.push(`2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`);
    // every fifth rep converts: the rep's number itself says nothing in order
    labels[i] = (r % 5 === 0 ? 0.7 : 0.05) + (k === "Web Form" ? 0.2 : 0) > rand() ? 1 : 0;
  }
  const frame = pl.DataFrame({
    Ref: ref,
    Account: account,
    Rep: rep,
    Address: address,
    Visits: visits,
    Kind: kind,
    Created: created,
  });
  return { frame, labels };
}

Deno.test("a table with other names gets identifiers, a country, crosses and target encodings by rule", () => {
  const { frame, labels } = table(1500);
  const columns = featureColumns(frame);
  const rows = Uint32Array.from({ length: 1200 }, (_, i) => i);
  const { plan, design } = fitFeatures(columns, labels, rows, { group: "Account", seed: 1 });
  const byFeature = new Map(plan.sources.map((s) => [s.feature, s]));
  // the row id is unused; the account is an identifier with its target encoding
  assert.ok(!plan.sources.some((s) => s.column === "Ref"));
  assert.equal(byFeature.get("Account")?.derive, "code");
  // the rep's number ranks leads only through its rate: an identifier, the owner, target-encoded
  assert.equal(byFeature.get("Rep:code")?.derive, "code");
  const targets = plan.targets.map((t) => t.name);
  assert.deepEqual(targets.slice(0, 2), ["Account", "Rep:code"]);
  assert.ok(targets.slice(2).every((t) => t.startsWith("Rep:code \u00d7 ")), targets.join());
  // the address is used through its country; the type keeps its spelling
  assert.equal(byFeature.get("Address:country")?.derive, "country");
  assert.ok(plan.vocabularies.find((v) => v.name === "Kind")!.values.includes("Web Form"));
  assert.equal(byFeature.get("Created")?.use, "date");
  // crosses are for logistic regression only
  const crosses = design.catNames.filter(isCross);
  assert.ok(crosses.length > 0);
  assert.deepEqual(withoutCrosses(design).catNames, design.catNames.filter((c) => !isCross(c)));
  // the plan applies unchanged to other rows
  const valid = transformFeatures(plan, columns, Uint32Array.from({ length: 300 }, (_, i) => 1200 + i));
  assert.deepEqual(valid.catNames, design.catNames);
  assert.deepEqual(valid.numNames, design.numNames);
});

Deno.test("the country of an address is its last part, by / or else by comma", () => {
  assert.equal(countryCell("/Chennai /India"), "india");
  assert.equal(countryCell("Lyon, Rhône, France "), "france");
  assert.equal(countryCell("//"), null);
  assert.equal(countryCell(null), null);
});
