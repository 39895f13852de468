/**
 * The ten columns the finals added, for synthetic finals tables: the six
 * known ones (`lead_description`, `lead_date`, `customer_history`,
 * `lead_from_channel`, `transfer_agreement`, `expected_budget`) and four
 * invented stand-ins for the ones we do not know (`lead_source_detail`,
 * `engagement_score`, `web_visits`, `sales_note`). Each is drawn from its own
 * random stream, rendered messily, and moves the conversion log-odds, so a
 * model can show that it uses them.
 *
 * @module
 */

import type { Random } from "../random.ts";
import type { Lead } from "./leads.ts";
import type { Cell } from "./render.ts";
import { DESCRIPTIONS, FILLERS, type Intent, INTENTS, LANGUAGES, NOTES, SHORT } from "./finals_text.ts";
import { chance, pick, pickOne, type Weighted } from "./weighted.ts";

/** The finals columns in file order, with how each is written. */
export const FINALS_SYNTH_COLUMNS: readonly { name: string; type: "text" | "int" | "float" }[] = [
  { name: "lead_description", type: "text" },
  { name: "lead_date", type: "text" },
  { name: "customer_history", type: "text" },
  { name: "lead_from_channel", type: "text" },
  { name: "transfer_agreement", type: "text" },
  { name: "expected_budget", type: "text" },
  { name: "lead_source_detail", type: "text" },
  { name: "engagement_score", type: "float" },
  { name: "web_visits", type: "int" },
  { name: "sales_note", type: "text" },
];

/** Log-odds subtracted so the finals effects average out near zero and the base rate stays put. */
export const FINALS_OFFSET = 0.8;

type Tier = "none" | "tbd" | "small" | "medium" | "large" | "huge";
const TIERS: Weighted<readonly [Tier, number, number, number]> = [
  // [tier, lower, upper, effect], weight
  [["none", 0, 0, 0], 35],
  [["tbd", 0, 0, -0.5], 12],
  [["small", 1e3, 1e4, -0.3], 15],
  [["medium", 1e4, 5e4, 0.3], 18],
  [["large", 5e4, 2.5e5, 0.7], 13],
  [["huge", 2.5e5, 2e6, 1.0], 7],
];
const CHANNELS: Weighted<readonly [readonly string[], number]> = [
  [[["Website", "website", "Web site", "WEB"], 0], 40],
  [[["Email Campaign", "e-mail campaign", "Email"], -0.4], 18],
  [[["Trade Show", "trade show", "Exhibition"], 0.6], 10],
  [[["Partner Referral", "partner referral", "Partner"], 0.9], 9],
  [[["LinkedIn", "linkedin"], -0.2], 13],
  [[["Call Center", "Inbound call"], 0.3], 10],
];
const SOURCE_DETAILS: readonly string[] = [
  "google / cpc",
  "Google Ads",
  "google / organic",
  "bing / organic",
  "newsletter_2023_q2",
  "newsletter_2023_q4",
  "(direct)",
  "partner portal",
  "facebook / paid",
  "linkedin / sponsored",
  "expo booth scan",
  "lg.com contact form",
];
const HISTORY: Weighted<"Y" | "N" | null> = [["Y", 40], ["N", 45], [null, 15]];
const TRANSFER: Weighted<"Y" | "N" | null> = [["Y", 70], ["N", 20], [null, 10]];
const TBD = ["TBD", "미정", "Not decided", "unknown", "N/A", "to be confirmed", "-", "later"];
const START_DAY = Date.UTC(2022, 0, 1) / 86_400_000;
const SPAN_DAYS = 912; // 2022-01-01 to 2024-06-30

/** A lead's canonical finals values. */
export interface FinalsLead {
  readonly day: number;
  readonly intent: Intent;
  readonly effect: number;
  readonly cells: Readonly<Record<string, Cell>>;
}

/** Draws and renders the finals columns of `lead`, and their effect on its conversion log-odds. */
export function drawFinals(rng: Random, lead: Lead): FinalsLead {
  let effect = -FINALS_OFFSET;
  const intent = pick(rng, INTENTS.map((i) => [i, i.weight] as const));
  effect += intent.effect;
  const product = lead.product?.category ?? lead.model ?? "display";
  const description = chance(rng, 0.04) ? null : describe(rng, intent.key, product, lead.descLength);

  const day = START_DAY + rng.int(SPAN_DAYS);
  const weekday = new Date(day * 86_400_000).getUTCDay();
  effect += (weekday === 0 || weekday === 6 ? -0.7 : 0) + 0.8 * ((day - START_DAY) / SPAN_DAYS - 0.5);

  const [tier, lower, upper, budgetEffect] = intent.key === "spam" || intent.key === "career"
    ? TIERS[0]![0]
    : pick(rng, TIERS);
  effect += budgetEffect;
  const history = pick(rng, HISTORY);
  effect += history === "Y" ? 0.7 : history === "N" ? -0.2 : 0;
  const [channelSpellings, channelEffect] = pick(rng, CHANNELS);
  effect += channelEffect;
  const transfer = pick(rng, TRANSFER);
  effect += transfer === "N" ? -0.6 : 0;
  const engagement = chance(rng, 0.15)
    ? null
    : Math.round(1000 * Math.min(1, Math.max(0, rng.next() ** 1.3))) / 10;
  if (engagement !== null) effect += 0.025 * (engagement - 40);
  const visits = Math.floor(Math.exp(1.2 * rng.normal() + 1));
  effect += 0.1 * Math.log1p(visits);
  const note = chance(rng, 0.55) ? null : pickOne(rng, NOTES);
  if (note !== null) effect += note.effect;

  const cells: Record<string, Cell> = {
    lead_description: description,
    lead_date: renderDate(rng, day),
    customer_history: history === null ? null : spellYesNo(rng, history === "Y"),
    lead_from_channel: chance(rng, 0.05) ? null : pickOne(rng, channelSpellings),
    transfer_agreement: transfer === null ? null : spellAgreement(rng, transfer === "Y"),
    expected_budget: renderBudget(rng, tier, lower, upper),
    lead_source_detail: chance(rng, 0.1) ? null : pickOne(rng, SOURCE_DETAILS),
    engagement_score: engagement,
    web_visits: visits,
    sales_note: note === null ? null : note.text.replace("{n}", String(1 + rng.int(28))),
  };
  if (description !== null) cells.lead_desc_length = description.length;
  return { day, intent: intent.key, effect, cells };
}

function fill(rng: Random, template: string): string {
  return template.replaceAll("{n}", String(1 + Math.floor(Math.exp(3 * rng.next()))));
}

/** A description of about `length` characters: the intent's sentence, then neutral ones. */
function describe(rng: Random, intent: Intent, product: string, length: number): string {
  if (length <= 14) return pickOne(rng, SHORT[intent]);
  const language = pick(rng, LANGUAGES);
  let text = fill(rng, pickOne(rng, DESCRIPTIONS[intent][language])).replace("{p}", product);
  for (let i = 0; i < 20 && text.length < length; i++) {
    text += ` ${fill(rng, pickOne(rng, FILLERS[language]))}`;
  }
  const u = rng.next();
  if (u < 0.06) return text.toUpperCase();
  if (u < 0.12) return `  ${text}   `;
  if (u < 0.14) return `${text}\n${pickOne(rng, FILLERS[language])}`;
  return text;
}

function renderDate(rng: Random, day: number): string | null {
  const d = new Date(day * 86_400_000 + rng.int(86_400) * 1000);
  const iso = d.toISOString();
  const [y, m, dd] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  const u = rng.next();
  if (u < 0.01) return null;
  if (u < 0.55) return `${y}-${m}-${dd}`;
  if (u < 0.7) return `${y}-${m}-${dd} ${iso.slice(11, 19)}`;
  if (u < 0.82) return `${m}/${dd}/${y}`;
  if (u < 0.93) return `${y}.${m}.${dd}`;
  if (u < 0.99) return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
  return "unknown";
}

function spellYesNo(rng: Random, yes: boolean): string {
  return pickOne(rng, yes ? ["Y", "Yes", "yes", "existing"] : ["N", "No", "no", "new"]);
}

function spellAgreement(rng: Random, yes: boolean): string {
  return pickOne(rng, yes ? ["Y", "Agree", "agreed", "동의"] : ["N", "Disagree", "미동의"]);
}

/** Money as people type it: `$10,000`, `10k`, `10000 USD`, `1.5M`. */
function money(rng: Random, x: number): string {
  const u = rng.next();
  if (u < 0.35) return `$${x.toLocaleString("en-US")}`;
  if (u < 0.65) return x >= 1e6 ? `${+(x / 1e6).toFixed(1)}M` : `${Math.round(x / 1e3)}k`;
  if (u < 0.85) return `${x} USD`;
  return `USD ${x.toLocaleString("en-US")}`;
}

function renderBudget(rng: Random, tier: Tier, lower: number, upper: number): string | null {
  if (tier === "none") return null;
  if (tier === "tbd") return pickOne(rng, TBD);
  const round = (x: number) => Number(x.toPrecision(1));
  const lo = round(lower * (1 + rng.next())), hi = round(upper * (0.6 + 0.4 * rng.next()));
  const u = rng.next();
  if (u < 0.45) return `${money(rng, lo)} - ${money(rng, Math.max(lo, hi))}`;
  if (u < 0.55 && tier === "small") return `under ${Math.round(hi / 1e3)}k`;
  if (u < 0.55 && tier === "huge") return `over ${money(rng, lo)}`;
  if (u < 0.65) return `between ${money(rng, lo)} and ${money(rng, Math.max(lo, hi))}`;
  if (u < 0.72) return `${Math.round(lo / 1e3)}-${Math.round(Math.max(lo, hi) / 1e3)}K`;
  return money(rng, hi);
}
