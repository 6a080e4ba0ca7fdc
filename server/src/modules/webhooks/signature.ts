import crypto from 'node:crypto';

/** A Standard Webhooks secret: `whsec_` and base64 of 24 random bytes. */
export const newWebhookSecret = () => `whsec_${crypto.randomBytes(24).toString('base64')}`;

/** The Standard Webhooks headers of a message: HMAC-SHA256 over `id.timestamp.body` with the secret's bytes. */
export function signedHeaders(secret: string, msgId: string, timestampSeconds: number, body: string): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = crypto.createHmac('sha256', key).update(`${msgId}.${timestampSeconds}.${body}`).digest('base64');
  return { 'webhook-id': msgId, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': `v1,${signature}` };
}
