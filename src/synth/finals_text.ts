/**
 * The free text of the synthetic finals columns: lead descriptions in a few
 * languages, one set of phrasings per intent, and the sales reps' notes.
 * `{p}` stands for the product, `{n}` for a quantity.
 *
 * @module
 */

import type { Weighted } from "./weighted.ts";

/** What the customer wants, as the description says it; the conversion signal uses the key. */
export type Intent = "quote" | "project" | "info" | "support" | "career" | "spam";

/** Languages the descriptions are written in, with their shares. */
export const LANGUAGES: Weighted<Language> = [["en", 55], ["es", 13], ["pt", 10], ["ko", 12], ["fr", 10]];
export type Language = "en" | "es" | "pt" | "ko" | "fr";

/** Intents with their shares and effects on the conversion log-odds. */
export const INTENTS: readonly { key: Intent; weight: number; effect: number }[] = [
  { key: "quote", weight: 25, effect: 1.1 },
  { key: "project", weight: 20, effect: 0.6 },
  { key: "info", weight: 30, effect: -0.3 },
  { key: "support", weight: 12, effect: -1.0 },
  { key: "career", weight: 5, effect: -2.0 },
  { key: "spam", weight: 8, effect: -2.5 },
];

/** Main sentences per intent and language. */
export const DESCRIPTIONS: Readonly<Record<Intent, Readonly<Record<Language, readonly string[]>>>> = {
  quote: {
    en: [
      "Please send a quotation for {n} units of {p}.",
      "We would like to purchase {n} {p}, what is the best price?",
      "Requesting price and delivery time for {p} x{n}",
    ],
    es: ["Solicito cotización para {n} unidades de {p}.", "Queremos comprar {n} {p}, precio por favor"],
    pt: ["Gostaria de um orçamento para {n} unidades de {p}.", "Preciso do preço de {n} {p} para compra"],
    ko: ["{p} {n}대 견적 요청드립니다.", "{p} 구매 예정입니다. 가격 문의드립니다 ({n}대)"],
    fr: [
      "Merci de nous envoyer un devis pour {n} {p}.",
      "Nous souhaitons acheter {n} {p}, quel est le prix ?",
    ],
  },
  project: {
    en: [
      "We are planning a new office project and need {p} for {n} rooms.",
      "Upcoming hotel renovation, looking for {p} solution for {n} floors",
    ],
    es: ["Tenemos un proyecto nuevo y necesitamos {p} para {n} salas."],
    pt: ["Estamos planejando um projeto com {p} para {n} salas."],
    ko: ["신규 프로젝트에 {p} 도입을 검토 중입니다. {n}개 층 규모입니다."],
    fr: ["Nous préparons un projet et avons besoin de {p} pour {n} salles."],
  },
  info: {
    en: ["Can you send me more information about {p}?", "I would like to know the specifications of {p}."],
    es: ["Quisiera más información sobre {p}."],
    pt: ["Gostaria de mais informações sobre {p}."],
    ko: ["{p} 제품 사양이 궁금합니다.", "{p} 관련 자료 부탁드립니다."],
    fr: ["Je voudrais plus d'informations sur {p}."],
  },
  support: {
    en: ["My {p} is not working, screen is black. Need repair.", "Warranty claim for {p}, serial {n}"],
    es: ["Mi {p} no funciona, necesito soporte técnico."],
    pt: ["Meu {p} está com defeito, preciso de assistência."],
    ko: ["{p} 고장 수리 요청합니다. A/S 문의"],
    fr: ["Mon {p} ne fonctionne plus, besoin du service après-vente."],
  },
  career: {
    en: ["I am a student looking for an internship.", "Job application attached, please consider my CV"],
    es: ["Busco trabajo, adjunto mi CV."],
    pt: ["Sou estudante e procuro estágio."],
    ko: ["채용 관련 문의드립니다. 이력서 첨부"],
    fr: ["Je cherche un stage, voici mon CV."],
  },
  spam: {
    en: ["test", "asdf", "SEO services for your website!!! click here", "hello"],
    es: ["prueba", "hola"],
    pt: ["teste", "oi"],
    ko: ["테스트", "ㅁㄴㅇㄹ"],
    fr: ["test", "bonjour"],
  },
};

/** Neutral sentences appended to longer descriptions. */
export const FILLERS: Readonly<Record<Language, readonly string[]>> = {
  en: [
    "Our company has {n} employees.",
    "Please contact me by email.",
    "We are located downtown.",
    "Thank you.",
    "Best regards",
  ],
  es: ["Nuestra empresa tiene {n} empleados.", "Gracias.", "Saludos cordiales"],
  pt: ["Nossa empresa tem {n} funcionários.", "Obrigado.", "Atenciosamente"],
  ko: ["감사합니다.", "연락 부탁드립니다.", "직원 수는 {n}명입니다."],
  fr: ["Notre société compte {n} employés.", "Merci.", "Cordialement"],
};

/** Short descriptions (a few characters) per intent. */
export const SHORT: Readonly<Record<Intent, readonly string[]>> = {
  quote: ["quote", "price?", "견적", "cotización", "devis"],
  project: ["project", "proyecto", "프로젝트"],
  info: ["info", "more info", "문의"],
  support: ["repair", "A/S", "soporte"],
  career: ["job", "CV"],
  spam: [".", "-", "na", "x"],
};

/** The reps' notes: good news, bad news and neutral, with effects. */
export const NOTES: readonly { text: string; effect: number }[] = [
  { text: "Demo scheduled for next week with the purchasing team", effect: 0.8 },
  { text: "Customer confirmed budget, sending proposal #{n}", effect: 1.0 },
  { text: "Met at trade show, strong interest, follow up in {n} days", effect: 0.6 },
  { text: "Called {n} times, no answer. Will retry later", effect: -0.6 },
  { text: "Email bounced, contact details look fake", effect: -1.2 },
  { text: "Customer only comparing prices, low priority", effect: -0.4 },
  { text: "Forwarded to distributor in region {n}", effect: 0 },
  { text: "Left voicemail on {n}/05, waiting for call back", effect: -0.1 },
];
