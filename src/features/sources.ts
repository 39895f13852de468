/**
 * Which columns a plan uses and how: the sources present in a training
 * table (known columns by their schema kind, unknown ones by the kind
 * inferred from their training cells), and the cells of exactly those
 * sources in any later table.
 *
 * @module
 */
import { KNOWN_COLUMNS } from "../data/schema.ts";
import { DataError } from "../errors.ts";
import {
  CATEGORICAL_SOURCES,
  type FeatureColumns,
  FINALS_CATEGORICAL_SOURCES,
  pick,
  toNumbers,
} from "./columns.ts";
import { crossSources } from "./crosses.ts";
import { inferKind, normalizeCell, parseNumber } from "./infer.ts";
import { crossCells, type Derivation, deriveCells } from "./auto.ts";

/** How the plan uses one column. */
export interface SourceUse {
  /** The column of the file it is read from. */
  readonly column: string;
  /** Its feature name in the design (`country` for `customer_country`). */
  readonly feature: string;
  /** `text`: hashed n-grams and counts; `date`: parts and recency; `budget`: amounts and flags. */
  readonly use: "categorical" | "numeric" | "text" | "date" | "budget";
  /** Whether the use was inferred from the training cells (a column the schema does not know). */
  readonly inferred: boolean;
  /** An inferred categorical read another way than normalised (src/features/auto.ts). */
  readonly derive?: Derivation;
  /** A crossed categorical of two other sources (feature names), for a table without LG names. */
  readonly cross?: readonly [string, string];
}

const CATEGORICAL_COLUMN = new Map(
  [...CATEGORICAL_SOURCES, ...crossSources(CATEGORICAL_SOURCES), ...FINALS_CATEGORICAL_SOURCES].map((s) => [
    s.name,
    s.column,
  ]),
);

/**
 * The sources of a table's cleaned columns; unknown columns get the kind inferred from `rows`
 * (all rows when undefined).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { featureColumns } from "./columns.ts";
 * import { sourcesOf } from "./sources.ts";
 * const frame = pl.DataFrame({ business_unit: ["AS", "ID", "AS"], seats: ["3", "12", null] });
 * const sources = sourcesOf(featureColumns(frame), undefined);
 * assert.deepEqual(sources.map((s) => [s.column, s.use, s.inferred]), [
 *   ["business_unit", "categorical", false], // a column of the schema
 *   ["seats", "numeric", true], // unknown to the schema: its cells look like numbers
 * ]);
 * ```
 */
export function sourcesOf(columns: FeatureColumns, rows: ArrayLike<number> | undefined): SourceUse[] {
  const sources: SourceUse[] = [];
  const taken = new Set<string>();
  const add = (column: string, feature: string, use: SourceUse["use"], inferred: boolean) => {
    while (taken.has(feature)) feature = `${feature}_`;
    taken.add(feature);
    sources.push({ column, feature, use, inferred });
  };
  for (const name of columns.categorical.keys()) {
    add(CATEGORICAL_COLUMN.get(name) ?? name, name, "categorical", false);
  }
  for (const name of columns.numeric.keys()) add(name, name, "numeric", false);
  for (const [name, cells] of columns.text) {
    const kind = KNOWN_COLUMNS.get(name)?.kind;
    if (kind === "text" || kind === "date" || kind === "budget") add(name, name, kind, false);
    else add(name, name, inferKind(pick(cells, rows)), true);
  }
  return sources;
}

/**
 * The cells of `sources` in a table, by feature name: inferred categorical columns cleaned like the
 * known ones, inferred numeric ones parsed (a cell that is not a number counts as empty), text, date
 * and budget columns raw. A column the table lacks is a `DataError` naming it.
 */
export function resolveSources(sources: readonly SourceUse[], columns: FeatureColumns): FeatureColumns {
  const categorical = new Map<string, readonly (string | null)[]>();
  const numeric = new Map<string, Float64Array>();
  const text = new Map<string, readonly (string | null)[]>();
  const need = <T>(map: ReadonlyMap<string, T>, key: string, source: SourceUse): T => {
    const cells = map.get(key);
    if (cells === undefined) {
      throw new DataError(
        `Cannot build features: the model needs column "${source.column}", which the table lacks`,
      );
    }
    return cells;
  };
  for (const s of sources) {
    if (s.cross !== undefined) continue;
    if (s.use === "categorical") {
      categorical.set(
        s.feature,
        s.derive !== undefined
          ? deriveCells(s.derive, need(columns.text, s.column, s))
          : s.inferred
          ? need(columns.text, s.column, s).map(normalizeCell)
          : need(columns.categorical, s.feature, s),
      );
    } else if (s.use === "numeric") {
      numeric.set(
        s.feature,
        s.inferred
          ? toNumbers(need(columns.text, s.column, s).map(parseNumber))
          : need(columns.numeric, s.feature, s),
      );
    } else text.set(s.feature, need(columns.text, s.column, s));
  }
  // crosses of sources resolved above
  for (const s of sources) {
    if (s.cross === undefined) continue;
    const [a, b] = s.cross.map((name) => categorical.get(name));
    if (a === undefined || b === undefined) throw new RangeError(`Cross "${s.feature}" of unknown sources`);
    categorical.set(s.feature, crossCells(a, b));
  }
  return { rows: columns.rows, categorical, numeric, text };
}

/**
 * The columns a plan reads, in source order, each once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import pl from "nodejs-polars";
 * import { featureColumns } from "./columns.ts";
 * import { requiredColumns, sourcesOf } from "./sources.ts";
 * const columns = featureColumns(pl.DataFrame({ customer_country: ["India"], business_unit: ["AS"] }));
 * const sources = sourcesOf(columns, undefined); // country, business_unit, and their cross
 * assert.deepEqual(requiredColumns(sources), ["customer_country", "business_unit"]);
 * ```
 */
export function requiredColumns(sources: readonly SourceUse[]): string[] {
  return [...new Set(sources.map((s) => s.column))];
}
