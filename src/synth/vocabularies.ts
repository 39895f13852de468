/**
 * The free-text categorical fields of the synthetic leads: each canonical
 * value with its share, its effect on the conversion log-odds and the many
 * ways it is spelled in the file.
 *
 * @module
 */

import type { Weighted } from "./weighted.ts";

/** One canonical value of a categorical field. */
export interface Category {
  /** Canonical key (what the conversion signal uses). */
  readonly key: string;
  /** Relative share. */
  readonly weight: number;
  /** Additive effect on the conversion log-odds. */
  readonly effect: number;
  /** How it is written in the file; an empty list writes an empty cell. */
  readonly spellings: Weighted<string>;
}

const EMPTY: Weighted<string> = [];

/** `customer_job`: empty for about a third of the customers. */
export const JOBS: readonly Category[] = [
  { key: "none", weight: 31, effect: 0, spellings: EMPTY },
  {
    key: "engineering",
    weight: 10,
    effect: 0.15,
    spellings: [["engineering", 0.88], ["Engineering", 0.05], ["engineer", 0.04], ["Engineer", 0.03]],
  },
  {
    key: "other",
    weight: 9.5,
    effect: -0.3,
    spellings: [["other", 0.8], ["others", 0.12], ["Other", 0.05], ["etc.", 0.03]],
  },
  {
    key: "administrative",
    weight: 6,
    effect: 0.1,
    spellings: [["administrative", 0.9], ["Administrative", 0.06], ["admin", 0.04]],
  },
  {
    key: "education",
    weight: 4,
    effect: 0,
    spellings: [["education", 0.93], ["Education", 0.04], ["teacher", 0.03]],
  },
  {
    key: "sales",
    weight: 4,
    effect: -0.2,
    spellings: [["sales", 0.92], ["Sales", 0.05], ["sales manager", 0.03]],
  },
  {
    key: "it",
    weight: 3.5,
    effect: 0.6,
    spellings: [["information technology", 0.9], ["IT", 0.06], ["it", 0.02], [
      "Information Technology",
      0.02,
    ]],
  },
  { key: "operations", weight: 3.4, effect: -0.1, spellings: [["operations", 0.95], ["Operations", 0.05]] },
  {
    key: "purchasing",
    weight: 3.3,
    effect: 0.5,
    spellings: [["purchasing", 0.9], ["Purchasing", 0.05], ["procurement", 0.05]],
  },
  {
    key: "business development",
    weight: 3,
    effect: 0.1,
    spellings: [["business development", 0.95], ["Business Development", 0.05]],
  },
  { key: "consulting", weight: 2.4, effect: 0, spellings: [["consulting", 0.95], ["consultant", 0.05]] },
  { key: "arts and design", weight: 2.2, effect: -0.3, spellings: [["arts and design", 1]] },
  { key: "entrepreneurship", weight: 2, effect: 0.15, spellings: [["entrepreneurship", 1]] },
  { key: "marketing", weight: 2, effect: 0.3, spellings: [["marketing", 0.95], ["Marketing", 0.05]] },
  {
    key: "program and project management",
    weight: 1.7,
    effect: 0,
    spellings: [["program and project management", 0.9], ["project management", 0.1]],
  },
  { key: "media and communication", weight: 1.2, effect: -0.2, spellings: [["media and communication", 1]] },
  {
    key: "healthcare services",
    weight: 1.1,
    effect: 0.4,
    spellings: [["healthcare services", 0.9], ["medical", 0.1]],
  },
  { key: "finance", weight: 0.8, effect: -0.1, spellings: [["finance", 0.9], ["Finance", 0.1]] },
  { key: "support", weight: 0.6, effect: -0.4, spellings: [["support", 1]] },
  { key: "real estate", weight: 0.5, effect: 0.2, spellings: [["real estate", 1]] },
];

/** `customer_position`: never empty, but "none" a third of the time. */
export const POSITIONS: readonly Category[] = [
  { key: "none", weight: 33, effect: 0, spellings: [["none", 1]] },
  {
    key: "manager",
    weight: 14,
    effect: 0.2,
    spellings: [["manager", 0.93], ["Manager", 0.05], ["general manager", 0.02]],
  },
  {
    key: "ceo",
    weight: 13.5,
    effect: 0.05,
    spellings: [["ceo/founder", 0.9], ["CEO/Founder", 0.04], ["owner", 0.04], ["ceo", 0.02]],
  },
  {
    key: "other",
    weight: 12.5,
    effect: -0.4,
    spellings: [["other", 0.85], ["others", 0.13], ["Other", 0.02]],
  },
  { key: "director", weight: 8, effect: 0.15, spellings: [["director", 0.95], ["Director", 0.05]] },
  {
    key: "associate",
    weight: 4.3,
    effect: 0.45,
    spellings: [["associate/analyst", 0.97], ["analyst", 0.03]],
  },
  { key: "partner", weight: 4.3, effect: 0.1, spellings: [["partner", 1]] },
  {
    key: "entry",
    weight: 3.6,
    effect: -0.6,
    spellings: [["entry level", 0.9], ["Entry Level", 0.05], ["entry-level", 0.05]],
  },
  { key: "c-level", weight: 1.4, effect: 0.1, spellings: [["c-level executive", 1]] },
  { key: "trainee", weight: 1.4, effect: -1, spellings: [["trainee", 0.9], ["intern", 0.1]] },
  { key: "vp", weight: 0.8, effect: 0.1, spellings: [["vice president", 0.95], ["VP", 0.05]] },
  { key: "end-user", weight: 0.7, effect: -2.5, spellings: [["end-user", 0.9], ["end user", 0.1]] },
  {
    key: "installer",
    weight: 0.3,
    effect: -0.5,
    spellings: [["installer", 0.7], ["system integrator", 0.3]],
  },
];

/** `inquiry_type`: the kind of request, in many spellings. */
export const INQUIRIES: readonly Category[] = [
  {
    key: "quotation",
    weight: 71,
    effect: 0.25,
    spellings: [
      ["Quotation or purchase consultation", 0.52],
      ["Quotation or Purchase Consultation", 0.42],
      ["Request for quotation or purchase", 0.03],
      ["quotation_or_purchase_consultation", 0.02],
      ["quotation or purchase consultation", 0.01],
    ],
  },
  {
    key: "sales",
    weight: 17,
    effect: -0.1,
    spellings: [["Sales Inquiry", 0.97], ["sales", 0.02], ["Sales inquiry", 0.01]],
  },
  { key: "none", weight: 1.6, effect: 0.6, spellings: EMPTY },
  {
    key: "product",
    weight: 2,
    effect: -1.8,
    spellings: [["Product Information", 0.95], ["product information", 0.05]],
  },
  {
    key: "technical",
    weight: 3,
    effect: -0.6,
    spellings: [
      ["Usage or technical consultation", 0.4],
      ["Technical Consultation", 0.25],
      ["Usage or Technical Consultation", 0.2],
      ["usage or technical consultation", 0.08],
      ["Technical Support", 0.05],
      ["Request for technical consulting", 0.02],
    ],
  },
  {
    key: "other",
    weight: 2.5,
    effect: -0.6,
    spellings: [["Other", 0.6], ["Others", 0.1], ["ETC.", 0.1], ["Etc.", 0.05], ["other_", 0.1], [
      "other",
      0.05,
    ]],
  },
  { key: "services", weight: 0.7, effect: -1.2, spellings: [["Services", 1]] },
  { key: "training", weight: 0.7, effect: -2.5, spellings: [["Trainings", 0.9], ["Training", 0.1]] },
  {
    key: "partnership",
    weight: 0.6,
    effect: 0.5,
    spellings: [["Request for Partnership", 0.8], ["Request for Distributorship", 0.2]],
  },
  { key: "demo", weight: 0.3, effect: -0.5, spellings: [["Request a Demo", 1]] },
];

/** `expected_timeline`: empty for half the leads, sometimes a sales rep's note. */
export const TIMELINES: readonly Category[] = [
  { key: "none", weight: 52, effect: 0, spellings: EMPTY },
  {
    key: "lt3",
    weight: 29,
    effect: 0.3,
    spellings: [["less than 3 months", 0.96], ["less_than_3_months", 0.03], ["Less than 3 months", 0.01]],
  },
  {
    key: "3to6",
    weight: 8.5,
    effect: 0,
    spellings: [["3 months ~ 6 months", 0.96], ["3_months_~_6_months", 0.02], ["less than 6 months", 0.02]],
  },
  {
    key: "6to9",
    weight: 2,
    effect: -0.2,
    spellings: [["6 months ~ 9 months", 0.98], ["6_months_~_9_months", 0.02]],
  },
  {
    key: "9to12",
    weight: 2,
    effect: -0.1,
    spellings: [["9 months ~ 1 year", 0.98], ["9_months_~_1_year", 0.02]],
  },
  {
    key: "gt12",
    weight: 5,
    effect: -0.7,
    spellings: [["more than a year", 0.97], ["more_than_a_year", 0.03]],
  },
  {
    key: "note",
    weight: 1.5,
    effect: -0.9,
    spellings: [
      ["etc.", 0.25],
      ["being followed up", 0.2],
      ["being followed up.", 0.08],
      ["no requirement", 0.06],
      ["didn't respond", 0.06],
      ["details send", 0.05],
      ["quote send", 0.05],
      ["rnr", 0.05],
      ["couldn't connect", 0.05],
      ["details shared", 0.05],
      ["duplicate lead", 0.05],
      ["budget issue", 0.03],
      ["not interested", 0.02],
    ],
  },
];

/** `customer_type`: empty for three quarters of the customers. */
export const CUSTOMER_TYPES: readonly Category[] = [
  { key: "none", weight: 74, effect: 0, spellings: EMPTY },
  {
    key: "end-customer",
    weight: 17.5,
    effect: 0.4,
    spellings: [["End-Customer", 0.6], ["End Customer", 0.37], ["End-user", 0.03]],
  },
  {
    key: "specifier",
    weight: 4.2,
    effect: 0,
    spellings: [["Specifier/ Influencer", 0.97], ["Specifier / Influencer", 0.02], [
      "Architect/Consultant",
      0.01,
    ]],
  },
  { key: "channel", weight: 2.3, effect: 0.3, spellings: [["Channel Partner", 0.97], ["Reseller", 0.03]] },
  { key: "service", weight: 0.6, effect: 0.4, spellings: [["Service Partner", 1]] },
  { key: "eco", weight: 0.3, effect: 0.8, spellings: [["Solution Eco-Partner", 1]] },
  {
    key: "installer",
    weight: 0.4,
    effect: -1.5,
    spellings: [["Installer/Contractor", 0.6], ["Installer", 0.1], ["Engineer", 0.15], [
      "HVAC Engineer",
      0.15,
    ]],
  },
  {
    key: "other",
    weight: 0.3,
    effect: -1,
    spellings: [["Other", 0.3], ["Others", 0.2], ["Etc.", 0.2], ["Corporate", 0.3]],
  },
];

/** `enterprise`: the customer's size class. */
export const ENTERPRISE: readonly Category[] = [
  { key: "Enterprise", weight: 63, effect: -0.35, spellings: [["Enterprise", 1]] },
  { key: "SMB", weight: 37, effect: 0.35, spellings: [["SMB", 1]] },
];

/** `bant_submit` values with their shares and effects (not monotone, as in the real data). */
export const BANT: Weighted<readonly [number, number]> = [
  [[0, 0.7], 1],
  [[0.25, 0.1], 22],
  [[0.5, -0.45], 29],
  [[0.75, 0.15], 20],
  [[1, 0.05], 28],
];
