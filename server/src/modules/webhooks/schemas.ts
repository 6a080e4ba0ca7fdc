import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schema-types.js';

export const WEBHOOK_EVENTS = ['generation.succeeded', 'generation.partial', 'generation.failed', 'batch.completed', 'export.ready'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | 'webhook.test';

const EventList = Type.Array(Type.Union(WEBHOOK_EVENTS.map((e) => Type.Literal(e))), { minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true });
const Url = Type.String({ minLength: 8, maxLength: 2000, description: 'https:// (http and inside addresses only when the server allows them)' });

export const CreateWebhookBody = Type.Object({ url: Url, events: EventList }, { additionalProperties: false });
export type CreateWebhookInput = Static<typeof CreateWebhookBody>;

export const UpdateWebhookBody = Type.Object(
  { url: Type.Optional(Url), events: Type.Optional(EventList), enabled: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type UpdateWebhookInput = Static<typeof UpdateWebhookBody>;

export const WebhookSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  disabledAt: Nullable(Type.String({ format: 'date-time', description: 'When repeated failures turned it off' })),
});
export type WebhookDto = Static<typeof WebhookSchema>;

export const CreatedWebhookSchema = Type.Intersect([
  WebhookSchema,
  Type.Object({ secret: Type.String({ description: 'The signing secret (whsec_…), shown this once' }) }),
]);

export const WebhookList = Type.Object({ items: Type.Array(WebhookSchema) });
export const WebhookIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const DeliverySchema = Type.Object({
  id: Type.String(),
  event: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  responseCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  lastAttemptAt: Nullable(Type.String({ format: 'date-time' })),
  nextAttemptAt: Nullable(Type.String({ format: 'date-time', description: 'When a failed delivery is tried again (backoff: 30 s, doubling up to 6 h, for 24 h)' })),
});
export const DeliveryList = Type.Object({ items: Type.Array(DeliverySchema) });
