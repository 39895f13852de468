/**
 * The hidden conversion model of the synthetic leads: additive effects of the
 * canonical values, a hidden customer and owner propensity, and a few
 * interactions and non-linear terms that a linear model on one-hot features
 * cannot express (so an MLP has something to gain).
 *
 * @module
 */

import type { Lead } from "./leads.ts";
import { sigmoid } from "./weighted.ts";

/** Intercept of the log-odds, set so ordinary customers convert about 6% of the time. */
export const INTERCEPT = -4;

/** Log-odds of the champion customer's leads (about 98% convert). */
export const CHAMPION_LOGIT = 4;

/** Additive effect of the interactions and non-linear terms of `lead`. */
export function interactions(lead: Lead): number {
  const { profile, businessUnit: bu, bant, timeline, product } = lead;
  const country = profile.country.name;
  const smb = profile.enterprise.key === "SMB";
  let x = 0;
  // Size x BANT: small firms that fill in everything are ready to buy; large ones half-filling are not.
  if (smb && bant === 1) x += 0.9;
  if (!smb && bant === 0.5) x -= 0.4;
  // Region x business unit.
  if (country === "United States" && bu === "IT") x += 1.1;
  if (country === "India" && bu === "AS") x -= 0.8;
  if (country === "Brazil" && bu === "ID") x += 0.7;
  if (country === "U.A.E" && bu === "AS") x += 0.6;
  // Urgency only counts when a product is named.
  if (timeline.key === "lt3") x += product !== null ? 0.6 : -0.4;
  // Role x unit / request.
  if (profile.job.key === "it" && bu === "IT") x += 0.8;
  if (profile.job.key === "purchasing" && lead.inquiry.key === "quotation") x += 0.5;
  // Vertical flags: an exclusive or.
  if (lead.verCus === 1 && lead.verPro === 0) x += 0.8;
  if (lead.verCus === 1 && lead.verPro === 1) x -= 0.5;
  // Request length: a bump around 60 characters, short ones a little worse.
  const z = Math.log(lead.descLength) - 4.1;
  x += 0.8 * Math.exp(-z * z) - 0.35;
  return x;
}

/** Log-odds that `lead` converts. */
export function conversionLogit(lead: Lead): number {
  if (lead.customer.kind === "champion") return CHAMPION_LOGIT;
  const { profile } = lead;
  let x = INTERCEPT + profile.country.effect + lead.businessUnitEffect + profile.enterprise.effect +
    profile.job.effect + profile.position.effect + profile.customerType.effect + lead.inquiry.effect +
    lead.timeline.effect + lead.bantEffect;
  x += lead.product !== null ? 0.2 + lead.product.effect : -0.3;
  if (profile.area !== null) x += profile.area.effect;
  if (profile.history !== null) x += 0.2 * Math.log1p(profile.history);
  if (lead.comRegRate !== null) x += 3 * lead.comRegRate;
  x += lead.customer.propensity + lead.owner.propensity;
  x += lead.customer.source === "form" ? 0.6 : -0.5;
  return x + interactions(lead);
}

/** Probability that `lead` converts. */
export function conversionProbability(lead: Lead): number {
  return sigmoid(conversionLogit(lead));
}
