/**
 * Writes a lead's canonical values the way the real file has them: addresses
 * with odd spacing and case, several spellings per value, empty cells.
 *
 * @module
 */

import { Random } from "../random.ts";
import type { Lead } from "./leads.ts";
import type { LeadSource, Profile } from "./population.ts";
import type { Category } from "./vocabularies.ts";
import { chance, hashString, pick } from "./weighted.ts";

/** One cell of the output table: text, a number, or empty. */
export type Cell = string | number | null;

/** A rendered lead: the 28 feature columns by name (no id, no label). */
export type RenderedLead = Readonly<Record<string, Cell>>;

function titleCase(text: string): string {
  return text.replace(/(^|[\s/-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Writes a city the way a hurried user types it. */
function messyCity(rng: Random, city: string): string {
  const u = rng.next();
  if (u < 0.07) return city.toUpperCase();
  if (u < 0.13) return city.toLowerCase();
  if (u < 0.27) return `${city} `;
  return city;
}

/**
 * The `customer_country` text of `profile`, e.g. `/Chennai /India`,
 * `//India`, `/  / Brazil` or `400 N Main St  /Dallas/United States`.
 */
export function renderAddress(rng: Random, profile: Profile): string | null {
  const country = pick(rng, profile.country.spellings);
  const city = messyCity(rng, profile.city);
  switch (profile.addressStyle) {
    case "countryOnly":
      return `//${country}`;
    case "cityCountry":
      return chance(rng, 0.06) ? `/ ${city.trim()} / ${country}` : `/${city}/${country}`;
    case "street": {
      const u = rng.next();
      if (u < 0.45) return `${profile.street}  /${city}/${country}`;
      if (u < 0.7) return `${profile.street} / ${city.trim()} / ${country}`;
      if (u < 0.9) return `${profile.street}  /${city}/`;
      return `${profile.street}, ${city.trim()}, ${country}`;
    }
    case "bare":
      return country;
    case "slashCountry":
      return `/${country}`;
    case "empty":
      return "//";
    case "missing":
      return null;
    case "placeholder": {
      const u = rng.next();
      return u < 0.8 ? `/  / ${country}` : u < 0.9 ? "//" : null;
    }
  }
}

/** One spelling of `category`, or null when it is written as an empty cell. */
export function spell(rng: Random, category: Category): string | null {
  return category.spellings.length === 0 ? null : pick(rng, category.spellings);
}

/** The spellings of a value that differ by lead source: the form's, then the CRM's. */
const SOURCE_SPELLINGS: ReadonlyMap<string, readonly [string, string]> = new Map([
  ["quotation", ["Quotation or Purchase Consultation", "Quotation or purchase consultation"]],
  ["end-customer", ["End Customer", "End-Customer"]],
]);

/** {@linkcode spell}, except that where the sources spell a value differently, the lead's source decides. */
function spellFrom(rng: Random, category: Category, source: LeadSource): string | null {
  const cell = spell(rng, category);
  const pair = SOURCE_SPELLINGS.get(category.key);
  if (pair === undefined || cell === null || !pair.includes(cell)) return cell;
  return source === "form" ? pair[0] : pair[1];
}

/** A product category as typed: mostly lower case, sometimes title or upper case. */
function spellProduct(rng: Random, category: string): string {
  const u = rng.next();
  if (u < 0.04) return titleCase(category);
  if (u < 0.05) return category.toUpperCase();
  return category;
}

/**
 * Renders `lead` into the 28 feature cells. An ordinary customer writes its
 * address and titles the same way on most of its leads.
 */
export function renderLead(rng: Random, lead: Lead): RenderedLead {
  const { profile, customer } = lead;
  const stable = customer.kind === "normal" && !chance(rng, 0.1);
  const own = stable ? new Random(hashString("customer") ^ customer.idx) : rng;
  const address = renderAddress(own, profile);
  const area = profile.area;
  const idit = lead.idStrategic || lead.itStrategic;
  return {
    bant_submit: lead.bant,
    customer_country: address,
    business_unit: lead.businessUnit,
    com_reg_ver_win_rate: lead.comRegRate,
    customer_idx: customer.idx,
    customer_type: spellFrom(own, profile.customerType, customer.source),
    enterprise: spell(own, profile.enterprise),
    historical_existing_cnt: profile.history,
    id_strategic_ver: lead.idStrategic ? 1 : null,
    it_strategic_ver: lead.itStrategic ? 1 : null,
    idit_strategic_ver: idit ? 1 : null,
    customer_job: spell(own, profile.job),
    lead_desc_length: lead.descLength,
    inquiry_type: spellFrom(rng, lead.inquiry, customer.source),
    product_category: lead.product !== null && !lead.categoryHidden
      ? spellProduct(rng, lead.product.category)
      : null,
    product_subcategory: lead.subcategory,
    product_modelname: lead.model,
    "customer_country.1": address,
    customer_position: spell(own, profile.position),
    response_corporate: lead.owner.corporate,
    expected_timeline: spell(rng, lead.timeline),
    ver_cus: lead.verCus,
    ver_pro: lead.verPro,
    ver_win_rate_x: area !== null ? area.winRate : null,
    ver_win_ratio_per_bu: lead.verWinRatio,
    business_area: area !== null ? area.name : null,
    business_subarea: profile.subarea,
    lead_owner: lead.owner.id,
  };
}
