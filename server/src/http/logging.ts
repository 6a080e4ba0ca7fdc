import type { FastifyServerOptions } from 'fastify';

/**
 * Structured logs that never carry secrets or prompts: credentials live in headers and bodies (never logged),
 * and query strings — which can hold search text — are cut from logged URLs.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: {
      paths: [
        'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
        '*.password', '*.currentPassword', '*.newPassword', '*.prompt', '*.instruction', '*.token', '*.apiKey',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(req: { method: string; url: string; ip?: string; id?: string }) {
        return { id: req.id, method: req.method, path: req.url.split('?')[0] };
      },
    },
  };
}
