import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';

export const REPORT_REASONS = ['sexual', 'violence', 'hate', 'harassment', 'illegal', 'copyright', 'other'] as const;
export const REPORT_STATUSES = ['open', 'dismissed', 'removed', 'warned', 'suspended'] as const;
export const REPORT_ACTIONS = ['dismiss', 'remove', 'warn', 'suspend'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
/** The longest note a report may carry. */
export const NOTE_MAX = 2000;

const Reason = Type.Union(REPORT_REASONS.map((r) => Type.Literal(r)));
const Status = Type.Union(REPORT_STATUSES.map((s) => Type.Literal(s)));

export const CreateReportBody = Type.Object(
  {
    shareToken: Type.String({ minLength: 1, maxLength: 100, description: 'The token of the share link (the part after /s/)' }),
    assetId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Which image of the link; needed when it shows several' })),
    reason: Reason,
    note: Type.Optional(Type.String({ maxLength: NOTE_MAX, description: 'What is wrong, in your words (seen by the administrators only)' })),
  },
  { additionalProperties: false },
);
export type CreateReportBody = Static<typeof CreateReportBody>;

/** What the reporter sees of their report. */
export const ReportReceipt = Type.Object({
  id: Type.String(),
  reason: Reason,
  status: Status,
  createdAt: Type.String({ format: 'date-time' }),
});
export type ReportReceipt = Static<typeof ReportReceipt>;

const Person = Type.Object({ id: Type.String(), email: Type.String(), name: Type.String() });

/** What an administrator reviews: the image, its prompt, who reported it, and the owner's history. */
export const AdminReportSchema = Type.Object({
  id: Type.String(),
  status: Status,
  reason: Reason,
  note: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  resolvedAt: Nullable(Type.String({ format: 'date-time' })),
  image: Type.Object({
    assetId: Type.String(),
    /** null once the image is gone (removed, or deleted by its owner). */
    thumbnailUrl: Nullable(Type.String()),
    prompt: Nullable(Type.String()),
  }),
  /** null once the reporter's account was erased. */
  reporter: Nullable(Person),
  owner: Type.Object({
    id: Type.String(), email: Nullable(Type.String()), name: Nullable(Type.String()), status: Nullable(Type.String()),
    suspensionReason: Nullable(Type.String()),
  }),
  history: Type.Object({
    reports: Type.Record(Type.String(), Type.Integer(), { description: 'Reports of the owner\'s images so far, by state' }),
    refusedPrompts: Type.Integer(),
    lastRefusedCategory: Nullable(Type.String()),
    suspensions: Type.Integer({ description: 'Times the account was suspended (within the security log\'s retention)' }),
  }),
});
export type AdminReportDto = Static<typeof AdminReportSchema>;

export const AdminReportPage = Type.Object({ items: Type.Array(AdminReportSchema), nextCursor: Nullable(Type.String()) });
export const AdminReportQuery = Type.Object(
  {
    status: Type.Optional(Status),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
  },
  { additionalProperties: false },
);
export const ReportIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
