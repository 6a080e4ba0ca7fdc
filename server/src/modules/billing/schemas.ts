import { Type } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';

const CreditTable = Type.Record(Type.String(), Type.Integer());

export const PlanSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  monthlyCredits: Type.Integer(),
  creditsPerImage: CreditTable,
  engineCreditsPerImage: Type.Record(Type.String(), CreditTable),
  maxSetSize: Type.Integer({ description: '0: no limit' }),
  maxConcurrentJobs: Type.Integer({ description: '0: no limit' }),
  storageQuotaMiB: Type.Integer({ description: '0: no limit' }),
  engines: Type.Array(Type.String()),
  allowOwnKeys: Type.Boolean(),
});

export const BillingSummarySchema = Type.Object({
  plan: Nullable(PlanSchema),
  unlimited: Type.Boolean({ description: 'True when this server has no plans: nothing is limited or counted' }),
  balance: Nullable(Type.Integer()),
  usage: Type.Object({
    creditsThisCycle: Type.Integer(),
    storageBytes: Type.Integer(),
    storageQuotaBytes: Nullable(Type.Integer()),
  }),
  cycleStartedAt: Nullable(Type.String({ format: 'date-time' })),
  renewsAt: Nullable(Type.String({ format: 'date-time' })),
  subscription: Nullable(Type.Object({ status: Type.String() })),
  payments: Type.Boolean({ description: 'True when plans and credit packs can be bought here (POST /billing/checkout, /billing/portal)' }),
  plans: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), monthlyCredits: Type.Integer(), purchasable: Type.Boolean({ description: 'Payments are on and it has a Stripe price' }) })),
  creditPacks: Type.Array(Type.Object({ id: Type.String(), credits: Type.Integer(), purchasable: Type.Boolean() })),
});

export const UserIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const CreditAdjustmentBody = Type.Object({
  amount: Type.Integer({ minimum: -1_000_000_000, maximum: 1_000_000_000, not: { const: 0 }, description: 'Credits to add (negative: to take)' }),
  reason: Type.String({ minLength: 3, maxLength: 500, description: 'Why; kept in the ledger' }),
}, { additionalProperties: false });

export const CreditAdjustmentAnswer = Type.Object({ balance: Type.Integer() });
