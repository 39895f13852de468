/**
 * Draws one lead's canonical (clean) values from its customer: product,
 * request, timeline, BANT, flags and the win-rate columns. Rendering them into
 * messy text is `render.ts`'s job; scoring them is `signal.ts`'s.
 *
 * @module
 */

import type { Random } from "../random.ts";
import type { Customer, Owner, Profile, World } from "./population.ts";
import { drawProfile } from "./population.ts";
import { BUSINESS_UNITS, type BusinessUnit, type Product, PRODUCTS } from "./products.ts";
import { BANT, type Category, INQUIRIES, TIMELINES } from "./vocabularies.ts";
import { chance, hashString, pick, pickOne, sigmoid, type Weighted } from "./weighted.ts";

/** A lead's canonical values, before rendering. */
export interface Lead {
  readonly customer: Customer;
  readonly profile: Profile;
  readonly owner: Owner;
  readonly businessUnit: BusinessUnit;
  readonly businessUnitEffect: number;
  /** The requested product, or null when none was named. */
  readonly product: Product | null;
  /** Whether the category cell is left empty although a model is named. */
  readonly categoryHidden: boolean;
  readonly subcategory: string | null;
  readonly model: string | null;
  readonly inquiry: Category;
  readonly timeline: Category;
  readonly bant: number;
  readonly bantEffect: number;
  readonly descLength: number;
  readonly verCus: 0 | 1;
  readonly verPro: 0 | 1;
  readonly idStrategic: boolean;
  readonly itStrategic: boolean;
  /** `com_reg_ver_win_rate`, or null. */
  readonly comRegRate: number | null;
  /** `ver_win_ratio_per_bu`, or null. */
  readonly verWinRatio: number | null;
}

const INQUIRY_WEIGHTS: Weighted<Category> = INQUIRIES.map((c) => [c, c.weight] as const);
const TIMELINE_WEIGHTS: Weighted<Category> = TIMELINES.map((c) => [c, c.weight] as const);
const PRODUCT_WEIGHTS = new Map<BusinessUnit, Weighted<Product>>(
  (Object.keys(PRODUCTS) as BusinessUnit[]).map((
    bu,
  ) => [bu, PRODUCTS[bu].map((p) => [p, p.weight] as const)]),
);
const VERTICAL_CUSTOMER_TYPES = new Set(["end-customer", "channel", "eco"]);
const VERTICAL_PRODUCTS = new Set([
  "vrf",
  "chiller",
  "hotel tv",
  "led signage",
  "video wall signage",
  "monitor",
]);

/** An empirical-looking rate k/n with a denominator drawn from `key`. */
function ratio(p: number, key: string, minN: number, spanN: number): number {
  const n = minN + (hashString(key) % spanN);
  return Math.max(1, Math.round(p * n)) / n;
}

/** A fixed per-key noise in [-1, 1), the same for every seed. */
function keyNoise(key: string): number {
  return (hashString(`noise:${key}`) / 2 ** 31) - 1;
}

/** Draws one lead of `customer`; the catch-all and champion customers get a new profile each time. */
export function drawLead(rng: Random, world: World, customer: Customer): Lead {
  const profile = customer.kind === "normal"
    ? customer.profile
    : drawProfile(rng, customer.kind === "placeholder" ? "placeholder" : undefined);
  const corporate = profile.country.corporate;
  const owner = customer.kind === "normal" && corporate === customer.owner.corporate && chance(rng, 0.8)
    ? customer.owner
    : world.owner(rng, corporate);

  const [businessUnit, businessUnitEffect] = pick(rng, BUSINESS_UNITS);
  const products = PRODUCT_WEIGHTS.get(businessUnit) ?? [];
  const product = chance(rng, 0.7) ? pick(rng, products) : null;
  let subcategory: string | null = null;
  let model: string | null = null;
  let categoryHidden = false;
  if (product !== null && product.models.length > 0) {
    const u = rng.next();
    if (u < 0.5) {
      const [sub, models] = pickOne(rng, product.models);
      subcategory = sub;
      model = chance(rng, 0.95) ? pickOne(rng, models) : null;
    } else if (u < 0.6) {
      model = pickOne(rng, pickOne(rng, product.models)[1]);
      categoryHidden = true;
    }
  }

  const [bant, bantEffect] = pick(rng, BANT);
  const u = rng.next();
  const descLength = u < 0.17
    ? 3
    : u < 0.22
    ? 14
    : Math.max(1, Math.min(1500, Math.round(Math.exp(3.6 + 1.2 * rng.normal()))));

  const area = profile.area;
  const verCus = area !== null && VERTICAL_CUSTOMER_TYPES.has(profile.customerType.key) && chance(rng, 0.6)
    ? 1
    : 0;
  const verPro =
    area !== null && product !== null && VERTICAL_PRODUCTS.has(product.category) && chance(rng, 0.5) ? 1 : 0;
  const idStrategic = area !== null && area.strategicId && businessUnit === "ID" && chance(rng, 0.8);
  const itStrategic = area !== null && area.strategicIt && businessUnit === "IT" && chance(rng, 0.8);

  let comRegRate: number | null = null;
  let verWinRatio: number | null = null;
  if (area !== null) {
    const group = `${corporate}|${businessUnit}|${area.name}`;
    if (chance(rng, 0.8)) {
      const logit = -3 + profile.country.effect + businessUnitEffect + area.effect + 0.8 * keyNoise(group);
      comRegRate = ratio(sigmoid(logit), group, 15, 1000);
    }
    if (businessUnit !== "Solution" && businessUnit !== "CM" && chance(rng, 0.85)) {
      const key = `${area.name}|${businessUnit}`;
      verWinRatio = ratio(sigmoid(-3 + area.effect + 0.7 * keyNoise(key)), key, 40, 900);
    }
  }

  return {
    customer,
    profile,
    owner,
    businessUnit,
    businessUnitEffect,
    product,
    categoryHidden,
    subcategory,
    model,
    inquiry: pick(rng, INQUIRY_WEIGHTS),
    timeline: pick(rng, TIMELINE_WEIGHTS),
    bant,
    bantEffect,
    descLength,
    verCus,
    verPro,
    idStrategic,
    itStrategic,
    comRegRate,
    verWinRatio,
  };
}
