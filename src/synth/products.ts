/**
 * Business units, the products they sell and the customers' industries
 * (business areas), with their effects on conversion.
 *
 * @module
 */

import type { Weighted } from "./weighted.ts";

/** A business unit code as written in `business_unit`. */
export type BusinessUnit = "ID" | "AS" | "IT" | "Solution" | "CM";

/** Business units with share and effect on the log-odds. */
export const BUSINESS_UNITS: Weighted<readonly [BusinessUnit, number]> = [
  [["ID", 0.3], 44],
  [["AS", -0.3], 41],
  [["IT", 0.1], 14.5],
  [["Solution", -2.2], 0.5],
  [["CM", -1], 0.01],
];

/** One product category with optional sub-categories and model names. */
export interface Product {
  /** `product_category` as usually written (lower case). */
  readonly category: string;
  /** Relative share within its business unit. */
  readonly weight: number;
  /** Additive effect on the log-odds. */
  readonly effect: number;
  /** `product_subcategory` choices, each with its model names. */
  readonly models: readonly (readonly [string, readonly string[]])[];
}

/** Product categories by business unit. */
export const PRODUCTS: Readonly<Record<BusinessUnit, readonly Product[]>> = {
  ID: [
    {
      category: "interactive digital board",
      weight: 24,
      effect: -0.5,
      models: [["Interactive Digital Board", ["86TR3E", "75TR3DJ", "86TR3DJ"]], ["TR3BF Series", [
        "65TR3BF",
        "86TR3BF",
      ]]],
    },
    {
      category: "video wall signage",
      weight: 8,
      effect: 0.7,
      models: [
        ['55" 500 nits FHD 0.44mm Even Bezel Video Wall', ["55VSM5J"]],
        ['49" 500 nits FHD Slim Bezel Video Wall', ["49VL5G-M", "49VL5G"]],
      ],
    },
    {
      category: "led signage",
      weight: 7.5,
      effect: 0.7,
      models: [["Transparent LED Film", ["LAT140", "LAT240"]], ["LG MAGNIT", ["LSAB009"]]],
    },
    {
      category: "interactive signage",
      weight: 7,
      effect: 0.7,
      models: [["Window Facing Display", ["55XF5F"]]],
    },
    {
      category: "oled signage",
      weight: 5,
      effect: 0.4,
      models: [["Transparent OLED Signage", ["55EW5G"]], ["Curvable OLED Signage", ["65EP5G"]]],
    },
    {
      category: "hotel tv",
      weight: 4.5,
      effect: 1.1,
      models: [["4K UHD Hospitality TV with Pro:Centric Direct", ["55US660H", "43US660H"]]],
    },
    { category: "standard signage", weight: 4, effect: 0.6, models: [["UH5F-H Series", ["55UH5F-H"]]] },
    {
      category: "medical display",
      weight: 3.7,
      effect: -1.7,
      models: [["All Medical Displays", ["All Medical Displays"]], ["Diagnostic Monitors", ["21HQ513D"]]],
    },
    {
      category: "one:quick series",
      weight: 5.5,
      effect: 0,
      models: [["One:Quick Flex", ["43HT3WJ"]], ["One:Quick Works", ["55CT5WJ"]]],
    },
    {
      category: "high brightness signage",
      weight: 2,
      effect: 0.3,
      models: [["Outdoor Display", ["75XE3C"]]],
    },
    { category: "etc.", weight: 4, effect: -0.3, models: [] },
  ],
  AS: [
    { category: "vrf", weight: 30, effect: 0.3, models: [] },
    { category: "multi-split", weight: 20, effect: 0.3, models: [] },
    { category: "single-split", weight: 8.5, effect: -0.2, models: [] },
    { category: "rac", weight: 8, effect: -0.3, models: [] },
    { category: "chiller", weight: 5.5, effect: 0.8, models: [] },
    { category: "heating", weight: 3.6, effect: 0, models: [] },
    { category: "ventilation", weight: 2.2, effect: 0, models: [] },
    { category: "teto ou cassete inverter", weight: 1.6, effect: 0.2, models: [] },
    { category: "multi inverter", weight: 1.4, effect: 0, models: [] },
    { category: "control", weight: 1.4, effect: -0.2, models: [] },
    { category: "etc.", weight: 5, effect: -0.3, models: [] },
  ],
  IT: [
    {
      category: "monitor",
      weight: 10,
      effect: 0,
      models: [["UltraFine Ergo(32UN880)", ["UltraFine Ergo(32UN880)"]], ["DualUp(28MQ780)", [
        "28MQ780",
        "DualUp(28MQ780)",
      ]]],
    },
    {
      category: "medical display",
      weight: 3,
      effect: -1.7,
      models: [["Digital X-ray Detectors", ["Digital X-ray Detectors"]]],
    },
    { category: "projector", weight: 2, effect: 0.2, models: [["ProBeam", ["BU50NST"]]] },
    { category: "cloud device", weight: 1.5, effect: 0.4, models: [["Cloud Monitor", ["38CK950N"]]] },
    { category: "etc.", weight: 2, effect: -0.3, models: [] },
  ],
  Solution: [{ category: "solution", weight: 1, effect: 0, models: [["Software", ["SC-00DA"]]] }],
  CM: [{ category: "etc.", weight: 1, effect: 0, models: [] }],
};

/** One customer industry (`business_area`) with its sub-areas and vertical win rate. */
export interface BusinessArea {
  readonly name: string;
  readonly weight: number;
  readonly effect: number;
  /** `ver_win_rate_x`: win rate of the vertical (fixed per area). */
  readonly winRate: number;
  /** Whether the ID (display) unit treats it as a strategic vertical. */
  readonly strategicId: boolean;
  /** Whether the IT unit treats it as a strategic vertical. */
  readonly strategicIt: boolean;
  readonly subareas: readonly string[];
}

/** Business areas; about 69% of customers have none. */
export const BUSINESS_AREAS: readonly BusinessArea[] = [
  {
    name: "corporate / office",
    weight: 6.9,
    effect: -0.2,
    winRate: 0.0030792876608617,
    strategicId: true,
    strategicIt: true,
    subareas: ["Others", "IT/Software", "Consulting", "Engineering"],
  },
  {
    name: "retail",
    weight: 5.2,
    effect: -0.3,
    winRate: 0.0011827288932506,
    strategicId: true,
    strategicIt: false,
    subareas: ["Other Stores", "Shopping Mall", "Fashion", "Electronics & Telco"],
  },
  {
    name: "hotel & accommodation",
    weight: 3.4,
    effect: -0.1,
    winRate: 0.0007167734380046,
    strategicId: true,
    strategicIt: false,
    subareas: ["Hotel", "Cruise", "Others"],
  },
  {
    name: "special purpose",
    weight: 3.3,
    effect: -0.3,
    winRate: 0.0005432224318428,
    strategicId: false,
    strategicIt: false,
    subareas: ["Others", "Advertising", "Broadcasting & Media"],
  },
  {
    name: "residential (home)",
    weight: 3.1,
    effect: -1.1,
    winRate: 0.0002983104051378,
    strategicId: false,
    strategicIt: false,
    subareas: ["Apartment", "Villa / Single-Family Home", "Mixed-use (Multi Complex)"],
  },
  {
    name: "education",
    weight: 3,
    effect: -0.2,
    winRate: 0.0005719551277132,
    strategicId: true,
    strategicIt: true,
    subareas: [
      "Higher Education (College & University)",
      "K12 Kindergarten & Schools",
      "Institute & Academy",
    ],
  },
  {
    name: "hospital & health care",
    weight: 2,
    effect: 1.5,
    winRate: 6.044033666058328e-05,
    strategicId: true,
    strategicIt: true,
    subareas: ["Hospital", "Clinic", "General Hospital"],
  },
  {
    name: "factory",
    weight: 1.7,
    effect: 0,
    winRate: 0.0002153634176709,
    strategicId: false,
    strategicIt: true,
    subareas: ["Manufacturing Factory / Plant", "Construction"],
  },
  {
    name: "government department",
    weight: 1.1,
    effect: -0.2,
    winRate: 9.65915660650443e-05,
    strategicId: false,
    strategicIt: false,
    subareas: ["General Government Office", "Others"],
  },
  {
    name: "public facility",
    weight: 0.85,
    effect: 0,
    winRate: 2.5889552307882245e-05,
    strategicId: false,
    strategicIt: false,
    subareas: ["Others"],
  },
  {
    name: "transportation",
    weight: 0.5,
    effect: -0.2,
    winRate: 1.2765902883450302e-05,
    strategicId: false,
    strategicIt: false,
    subareas: ["Others", "Airport"],
  },
  {
    name: "power plant / renewable energy",
    weight: 0.2,
    effect: 0.6,
    winRate: 2.3159381337232847e-06,
    strategicId: false,
    strategicIt: false,
    subareas: ["Others"],
  },
];

/** Share of customers with no business area. */
export const NO_AREA_WEIGHT = 69;
