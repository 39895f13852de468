/**
 * The synthetic world: sales reps (lead owners) per subsidiary and customer
 * companies with a fixed profile, a hidden propensity to convert and a
 * heavy-tailed number of leads.
 *
 * @module
 */

import { Random } from "../random.ts";
import { COUNTRIES, type Country, STREET_NAMES, STREET_SUFFIXES } from "./geography.ts";
import { BUSINESS_AREAS, type BusinessArea, NO_AREA_WEIGHT } from "./products.ts";
import { type Category, CUSTOMER_TYPES, ENTERPRISE, JOBS, POSITIONS } from "./vocabularies.ts";
import { chance, hashString, paretoInt, pick, pickOne, type Weighted } from "./weighted.ts";

/** How a customer writes its address. */
export type AddressStyle =
  | "countryOnly"
  | "cityCountry"
  | "street"
  | "bare"
  | "slashCountry"
  | "empty"
  | "missing"
  | "placeholder";

/** What a customer typed into the lead form (fixed for ordinary customers). */
export interface Profile {
  readonly country: Country;
  readonly city: string;
  readonly street: string;
  readonly addressStyle: AddressStyle;
  readonly enterprise: Category;
  readonly job: Category;
  readonly position: Category;
  readonly customerType: Category;
  readonly area: BusinessArea | null;
  readonly subarea: string | null;
  /** `historical_existing_cnt`, or null when unknown. */
  readonly history: number | null;
}

/**
 * The system a customer's leads were entered through. In the real data it shows in the spelling of the
 * inquiry and customer type (`Quotation or Purchase Consultation` against `... purchase consultation`)
 * and the first source's leads convert about three times as often.
 */
export type LeadSource = "form" | "crm";

/**
 * A customer company. `champion` converts almost always (like the real data's
 * customer 25096); `placeholder` is the catch-all account of leads without a
 * known company, with a new profile on every lead.
 */
export interface Customer {
  readonly idx: number;
  readonly kind: "normal" | "champion" | "placeholder";
  readonly source: LeadSource;
  readonly profile: Profile;
  /** Hidden additive effect on the log-odds. */
  readonly propensity: number;
  /** The sales rep who handles most of its leads. */
  readonly owner: Owner;
  /** How many leads it sends (ordinary customers). */
  readonly leads: number;
}

/** A sales rep. */
export interface Owner {
  readonly id: number;
  readonly corporate: string;
  /** Hidden additive effect on the log-odds. */
  readonly propensity: number;
}

const COUNTRY_WEIGHTS: Weighted<Country> = COUNTRIES.map((c) => [c, c.weight] as const);
const AREA_WEIGHTS: Weighted<BusinessArea | null> = [
  [null, NO_AREA_WEIGHT],
  ...BUSINESS_AREAS.map((a) => [a, a.weight] as const),
];
const weightsOf = (cats: readonly Category[]): Weighted<Category> => cats.map((c) => [c, c.weight] as const);
const JOB_WEIGHTS = weightsOf(JOBS);
const POSITION_WEIGHTS = weightsOf(POSITIONS);
const TYPE_WEIGHTS = weightsOf(CUSTOMER_TYPES);
const ENTERPRISE_WEIGHTS = weightsOf(ENTERPRISE);
const HISTORY_VALUES: Weighted<number> = [
  [0, 14],
  [1, 14],
  [2, 5],
  [3, 5],
  [4, 20],
  [5, 1],
  [6, 1],
  [7, 0.6],
  [11, 1.6],
  [16, 8],
  [19, 10],
  [45, 0.6],
  [53, 0.6],
  [105, 2],
  [115, 6],
];

/** Draws what one customer types into the form. */
export function drawProfile(rng: Random, style?: AddressStyle): Profile {
  const country = pick(rng, COUNTRY_WEIGHTS);
  const cityIndex = Math.min(country.cities.length - 1, paretoInt(rng, 0.9, 1000) - 1);
  const city = country.cities[cityIndex] ?? country.name;
  const area = pick(rng, AREA_WEIGHTS);
  const streetNumber = 1 + paretoInt(rng, 0.5, 30000);
  return {
    country,
    city,
    street: pickOne(rng, STREET_NAMES).replace("{n}", String(streetNumber)) + pickOne(rng, STREET_SUFFIXES),
    addressStyle: style ?? drawAddressStyle(rng, country),
    enterprise: pick(rng, ENTERPRISE_WEIGHTS),
    job: pick(rng, JOB_WEIGHTS),
    position: pick(rng, POSITION_WEIGHTS),
    customerType: pick(rng, TYPE_WEIGHTS),
    area,
    subarea: area !== null && chance(rng, 0.5) ? pickOne(rng, area.subareas) : null,
    history: chance(rng, 0.23) ? pick(rng, HISTORY_VALUES) : null,
  };
}

function drawAddressStyle(rng: Random, country: Country): AddressStyle {
  return pick<AddressStyle>(rng, [
    ["countryOnly", 30],
    ["cityCountry", 52],
    ["street", country.streets ? 30 : 0],
    ["bare", 2],
    ["slashCountry", 1],
    ["empty", 1.5],
    ["missing", 1.7],
  ]);
}

/** How many leads a customer sends in one go (heavy-tailed: mostly 1, at most 80). */
export function leadCount(rng: Random): number {
  return paretoInt(rng, 2.1, 80);
}

/**
 * Maps the k-th customer to a scattered id in [0, 2^bits) (a bijection, so ids
 * never repeat); past 2^bits customers the ids simply continue upward. `salt`
 * picks one of many such maps.
 */
export function customerId(k: number, bits: number, salt = 0x3d4d51cb): number {
  const size = 2 ** bits;
  if (k >= size) return k;
  const mask = size - 1;
  let x = k;
  for (let round = 0; round < 3; round++) {
    x = Math.imul(x, 0x2c1b3c6d) & mask; // odd multiplier: a bijection mod 2^bits
    x ^= x >>> Math.ceil(bits / 2);
    x = (x + salt) & mask;
  }
  return x;
}

/**
 * The population: owners are drawn once; customers are created one at a time,
 * each with a fresh id.
 */
export class World {
  readonly owners: ReadonlyMap<string, readonly Owner[]>;
  readonly #ownerWeights: ReadonlyMap<string, Weighted<Owner>>;
  readonly #idBits: number;
  readonly #idSalt: number;
  #created = 0;

  /** Draws the owners; `expectedCustomers` only sets the id range. */
  constructor(rng: Random, expectedCustomers: number) {
    const ids = rng.shuffle(Array.from({ length: 1200 }, (_, i) => i));
    let next = 0;
    const owners = new Map<string, Owner[]>();
    const weights = new Map<string, Weighted<Owner>>();
    for (const country of COUNTRIES) {
      const count = Math.max(2, Math.round(country.weight * 7));
      const list: Owner[] = [];
      for (let i = 0; i < count; i++) {
        list.push({
          id: ids[next++] ?? next + 1200,
          corporate: country.corporate,
          propensity: 0.5 * rng.normal(),
        });
      }
      owners.set(country.corporate, list);
      weights.set(country.corporate, list.map((o, i) => [o, 1 / Math.pow(i + 1, 1.1)] as const));
    }
    this.owners = owners;
    this.#ownerWeights = weights;
    this.#idSalt = rng.nextUint32();
    this.#idBits = Math.max(16, Math.ceil(Math.log2(Math.max(2, expectedCustomers * 2))));
  }

  /** A sales rep of the subsidiary `corporate`, the busy ones more often. */
  owner(rng: Random, corporate: string): Owner {
    const list = this.#ownerWeights.get(corporate);
    if (list === undefined) throw new RangeError(`Unknown corporate "${corporate}"`);
    return pick(rng, list);
  }

  /** Creates the next customer. */
  customer(rng: Random, kind: Customer["kind"] = "normal"): Customer {
    const profile = drawProfile(rng, kind === "placeholder" ? "placeholder" : undefined);
    const idx = customerId(this.#created++, this.#idBits, this.#idSalt);
    const propensity = kind === "normal" ? 0.9 * rng.normal() : kind === "placeholder" ? -0.3 : 4;
    return {
      idx,
      kind,
      source: sourceOf(idx),
      profile,
      propensity,
      owner: this.owner(rng, profile.country.corporate),
      leads: leadCount(rng),
    };
  }
}

/** Drawn from the customer id rather than the generator, so that every other draw stays as it was. */
function sourceOf(idx: number): LeadSource {
  return new Random(hashString("source") ^ idx).next() < 0.45 ? "form" : "crm";
}
