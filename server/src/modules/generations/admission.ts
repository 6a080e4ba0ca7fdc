import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** What a request asks for, as the plan checks see it. */
export interface RequestShape {
  userId: string;
  engine: string;
  width: number;
  height: number;
  count: number;
  /** The person's own provider key the job runs on (bring your own key): it costs no credits. */
  providerKeyId?: string;
}

/** ... and, inside the transaction that writes it, what the credit and concurrency checks need. */
export interface AdmissionRequest extends RequestShape {
  generationId: string;
  /** The person's generations queued or running, counted inside the same transaction. */
  activeJobs(): Promise<number>;
}

/**
 * The one gate every job start passes (generate, edit, rerun, and whatever builds on them): plan limits and credits
 * (modules/billing). `check` runs first, outside any transaction; `admitIn` runs inside the transaction that writes the generation, so a refusal leaves nothing
 * stored, and the credits it reserves are written in the same commit as the job.
 */
export interface GenerationAdmission {
  /** Before the transaction: the plan's limits that need no serialisation (engine, set size, storage). */
  check(request: RequestShape): Promise<void>;
  /** Throws an AppError (402 INSUFFICIENT_CREDITS, 403 PLAN_LIMIT) to refuse. */
  admitIn(trx: Kysely<Database>, request: AdmissionRequest): Promise<void>;
  /** A generation ended (any final status): images it did not produce are refunded. Idempotent. */
  ended(generation: { id: string; userId: string; count: number; produced: number }): Promise<void>;
}

/** Several gates as one, asked in order (billing, then the own key's cap). */
export function allAdmissions(...gates: GenerationAdmission[]): GenerationAdmission {
  return {
    async check(request) {
      for (const g of gates) await g.check(request);
    },
    async admitIn(trx, request) {
      for (const g of gates) await g.admitIn(trx, request);
    },
    async ended(generation) {
      for (const g of gates) await g.ended(generation);
    },
  };
}

/** Whether the person may start jobs at all (a verified address where the server asks for one); throws an AppError to refuse. */
export interface CreatorCheck {
  assertMayCreate(userId: string): Promise<void>;
}

/** Before an engine or upload is used at all: per-person request rates (throws 429 RATE_LIMITED). */
export interface RequestLimits {
  take(limit: 'generation' | 'upload', userId: string): Promise<void>;
}
