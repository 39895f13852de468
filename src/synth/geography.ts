/**
 * Countries, cities and street names of the synthetic leads, with the LG
 * subsidiary that answers each country and the country's share of leads.
 * Generic public place names only; no row of the real data is copied.
 *
 * @module
 */

import type { Weighted } from "./weighted.ts";

/** One country the synthetic customers come from. */
export interface Country {
  /** Canonical name (the key the conversion signal uses). */
  readonly name: string;
  /** How the name is written in addresses (first entry most often). */
  readonly spellings: Weighted<string>;
  /** Relative share of customers. */
  readonly weight: number;
  /** The subsidiary that answers its leads (`response_corporate`). */
  readonly corporate: string;
  /** Additive effect on the conversion log-odds. */
  readonly effect: number;
  /** Cities, the first ones the most common. */
  readonly cities: readonly string[];
  /** Whether its customers often type a street address (US-style forms). */
  readonly streets: boolean;
}

const one = (name: string): Weighted<string> => [[name, 1]];

/** The countries, with shares loosely shaped like the online round's. */
export const COUNTRIES: readonly Country[] = [
  {
    name: "India",
    spellings: one("India"),
    weight: 30,
    corporate: "LGEIL",
    effect: 0,
    cities: [
      "Mumbai",
      "Hyderabad",
      "Bangalore",
      "Pune",
      "Delhi",
      "Chennai",
      "Kolkata",
      "Ahmedabad",
      "Noida",
      "Thane",
      "Indore",
      "Ludhiana",
      "Jaipur",
      "Lucknow",
      "Surat",
      "Gurgaon",
      "Kochi",
      "Nagpur",
      "Bhopal",
      "Chandigarh",
      "Visakhapatnam",
      "Coimbatore",
    ],
    streets: false,
  },
  {
    name: "Brazil",
    spellings: one("Brazil"),
    weight: 10,
    corporate: "LGESP",
    effect: -0.1,
    cities: [
      "São Paulo",
      "Rio de Janeiro",
      "Curitiba",
      "Belo Horizonte",
      "Campinas",
      "Porto Alegre",
      "Recife",
    ],
    streets: false,
  },
  {
    name: "United States",
    spellings: [["United States", 0.9], ["USA", 0.06], ["United States of America", 0.04]],
    weight: 10,
    corporate: "LGEUS",
    effect: 0.7,
    cities: [
      "Dallas",
      "Johnson City",
      "Atlanta",
      "Tulsa",
      "Topeka",
      "Chicago",
      "Houston",
      "Seattle",
      "Fullerton",
    ],
    streets: true,
  },
  {
    name: "Mexico",
    spellings: one("Mexico"),
    weight: 5,
    corporate: "LGEMS",
    effect: -0.3,
    cities: ["Ciudad de México", "CDMX", "Monterrey", "Guadalajara", "Cuernavaca", "Puebla"],
    streets: false,
  },
  {
    name: "Philippines",
    spellings: one("Philippines"),
    weight: 4,
    corporate: "LGEPH",
    effect: 0.1,
    cities: ["Quezon City", "Manila", "Makati", "Cebu City", "Davao City", "Zamboanga city"],
    streets: false,
  },
  {
    name: "U.A.E",
    spellings: [["U.A.E", 0.85], ["United Arab Emirates", 0.1], ["UAE", 0.05]],
    weight: 4,
    corporate: "LGEGF",
    effect: 0.5,
    cities: ["Dubai", "Abu Dhabi", "Sharjah", "Ajman"],
    streets: false,
  },
  {
    name: "Colombia",
    spellings: one("Colombia"),
    weight: 3,
    corporate: "LGECB",
    effect: -0.7,
    cities: ["Bogotá", "Bogota", "Medellín", "Cali", "Barranquilla"],
    streets: true,
  },
  {
    name: "United Kingdom",
    spellings: [["United Kingdom", 0.95], ["UK", 0.05]],
    weight: 3,
    corporate: "LGEUK",
    effect: -1.4,
    cities: ["London", "Manchester", "Birmingham", "Leeds", "Glasgow"],
    streets: false,
  },
  {
    name: "Saudi Arabia",
    spellings: one("Saudi Arabia"),
    weight: 3,
    corporate: "LGESJ",
    effect: 0,
    cities: ["Riyadh", "Jeddah", "Khobar", "Dammam"],
    streets: false,
  },
  {
    name: "Chile",
    spellings: one("Chile"),
    weight: 2.5,
    corporate: "LGECL",
    effect: 0,
    cities: ["Santiago", "Valparaíso", "Concepción", "Pirque"],
    streets: false,
  },
  {
    name: "Italy",
    spellings: [["Italy", 0.9], ["Italia", 0.1]],
    weight: 2,
    corporate: "LGEIS",
    effect: -1.6,
    cities: ["Milano", "Roma", "Torino", "Napoli", "Bologna"],
    streets: true,
  },
  {
    name: "Peru",
    spellings: one("Peru"),
    weight: 2,
    corporate: "LGEPR",
    effect: -0.6,
    cities: ["Lima", "Arequipa", "Trujillo", "Cusco"],
    streets: false,
  },
  {
    name: "Panama",
    spellings: one("Panama"),
    weight: 2,
    corporate: "LGEPS",
    effect: 0,
    cities: ["Panama", "Colón", "David"],
    streets: false,
  },
  {
    name: "Germany",
    spellings: [["Germany", 0.9], ["Deutschland", 0.1]],
    weight: 2,
    corporate: "LGEDG",
    effect: -0.4,
    cities: ["Berlin", "Hamburg", "München", "Frankfurt", "Köln", "Seevetal"],
    streets: true,
  },
  {
    name: "Poland",
    spellings: [["Poland", 0.9], ["Polska", 0.1]],
    weight: 1.5,
    corporate: "LGEPL",
    effect: 0,
    cities: ["Warszawa", "Kraków", "Wrocław", "Poznań", "Wieliczka"],
    streets: true,
  },
  {
    name: "Spain",
    spellings: [["Spain", 0.9], ["España", 0.1]],
    weight: 1.5,
    corporate: "LGEES",
    effect: -0.3,
    cities: ["Madrid", "Barcelona", "Valencia", "Sevilla", "Alcala de Henares"],
    streets: true,
  },
  {
    name: "Egypt",
    spellings: one("Egypt"),
    weight: 1.2,
    corporate: "LGEEG",
    effect: -0.2,
    cities: ["Cairo", "Alexandria", "Giza"],
    streets: false,
  },
  {
    name: "Turkey",
    spellings: [["Türkiye", 0.55], ["Turkey", 0.45]],
    weight: 1,
    corporate: "LGETK",
    effect: 0,
    cities: ["İstanbul", "Ankara", "İzmir", "Gaziantep", "Kocaeli"],
    streets: false,
  },
  {
    name: "Vietnam",
    spellings: [["Vietnam", 0.8], ["Viet Nam", 0.2]],
    weight: 1,
    corporate: "LGEVH",
    effect: 0.2,
    cities: ["Ho Chi Minh City", "Hanoi", "Da Nang"],
    streets: false,
  },
  {
    name: "Argentina",
    spellings: one("Argentina"),
    weight: 0.8,
    corporate: "LGEAR",
    effect: -0.2,
    cities: ["Buenos Aires", "Rosario", "Córdoba"],
    streets: false,
  },
  {
    name: "Hong Kong",
    spellings: one("Hong Kong"),
    weight: 0.7,
    corporate: "LGEHK",
    effect: 0.4,
    cities: ["Hong Kong", "Kowloon"],
    streets: false,
  },
  {
    name: "Korea",
    spellings: [["Korea", 0.6], ["South Korea", 0.4]],
    weight: 0.7,
    corporate: "LGEKR",
    effect: 0.1,
    cities: ["Seoul", "Busan", "Incheon"],
    streets: false,
  },
  {
    name: "Australia",
    spellings: one("Australia"),
    weight: 0.7,
    corporate: "LGEAP",
    effect: 0.2,
    cities: ["Sydney", "Melbourne", "Brisbane", "Perth"],
    streets: true,
  },
  {
    name: "Singapore",
    spellings: one("Singapore"),
    weight: 0.6,
    corporate: "LGESL",
    effect: 0.1,
    cities: ["Singapore"],
    streets: false,
  },
];

/** Street address templates; `{n}` stands for the house number. */
export const STREET_NAMES: readonly string[] = [
  "{n} N Main St",
  "{n} W 36th St N",
  "{n} N State Of Franklin Rd",
  "{n} Commerce Drive",
  "{n} Peachtree St NE",
  "{n} Magnolia Way",
  "{n} N Rochester Rd",
  "{n} Medical District Dr",
  "{n} SW Arrowhead Rd",
  "{n} Industrial Blvd",
  "Calle Mayor {n}",
  "Via Roma {n}",
  "Hauptstraße {n}",
  "Dębowa {n} B",
  "Cra 65 a n 48c -{n}",
  "Cl. 128 #45A-{n}",
];

/** Words some customers type after their street (a department, an industry). */
export const STREET_SUFFIXES: readonly string[] = [
  "",
  "",
  "",
  " Cloud IT",
  " Commercial Display",
  " IT",
  " oficina 402",
  " Apt 208",
  " Finance & Insurance",
];
