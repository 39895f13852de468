/**
 * What the training loop in mlp.ts needs from an engine: run (CPU) or record
 * (GPU) one epoch of mini-batch steps, report epoch losses, evaluate logits with
 * the current parameters and keep the best parameters seen.
 *
 * @module
 */

import type { Design } from "../features/design.ts";
import type { EpochPlan, StepInfo } from "./epoch_plan.ts";
import type { Activation } from "../cpu/activation.ts";
import type { MlpLayout } from "./layout.ts";

/** Everything fixed for one fit. */
export interface TrainSetup {
  readonly layout: MlpLayout;
  readonly design: Design;
  readonly labels: Uint8Array;
  readonly init: Float32Array;
  readonly activation: Activation;
  readonly batchSize: number;
  readonly posWeight: number;
  readonly weightDecay: number;
  readonly dropout: number;
  readonly epochs: number;
  /** `1 / Σ w` over all training rows. */
  readonly invTotalWeight: number;
}

/** One engine's trainer. */
export interface TrainBackend {
  /**
   * Whether `runEpoch` reads the plan's segments; when false the plan is built without them (the fused CPU
   * logistic trainer sums embedding gradients per category in row order instead).
   */
  readonly usesSegments: boolean;
  /** Runs or records epoch `epoch` (0-based); `steps[b]` is batch b's optimiser state. */
  runEpoch(epoch: number, plan: EpochPlan, steps: readonly StepInfo[]): void;
  /** Mean weighted training losses of the epochs run since the last call, in order. */
  takeLosses(): Promise<number[]>;
  /** Logits of `design`'s rows with the current parameters. */
  logits(design: Design): Promise<Float32Array>;
  /** Remembers the current parameters as the best. */
  saveBest(): void;
  /** Goes back to the parameters of the last `saveBest`. */
  restoreBest(): void;
  /** The current parameters. */
  params(): Promise<Float32Array>;
  destroy(): void;
}
