import { ErrorCodes } from '../http/errors.js';

/**
 * Codes answered besides the catalogue's: BAD_REQUEST is what the router says about a request it cannot route
 * (http/error-handler.ts). Kept here so the documented enum matches every code a client can see.
 */
const ROUTER_CODES = ['BAD_REQUEST'] as const;

/** The one error shape of /api/v1, as an OpenAPI component (every code of the catalogue, sorted). */
export const ApiErrorComponent = {
  type: 'object',
  description: 'Every 4xx and 5xx answer of the API: a stable code from one catalogue and a message a person can act on',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: [...Object.keys(ErrorCodes), ...ROUTER_CODES].sort() },
        message: { type: 'string' },
        details: { type: 'object', additionalProperties: true, description: 'E.g. the `field` at fault' },
      },
    },
  },
} as const;

const errorResponse = {
  description: 'The request was refused; `error.code` says why',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
};

interface OpenApiDocument {
  components?: { schemas?: Record<string, unknown> };
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
}

/**
 * Declares the shared error component and points every /api/v1 operation's 4xx answers at it, in one place (the document
 * transform) rather than in each route: the answers' serialisation is left to the error handler.
 */
export function withSharedErrors<T extends object>(document: T): T {
  const doc = document as OpenApiDocument;
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ApiError: ApiErrorComponent } };
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const operation of Object.values(operations)) {
      if (typeof operation !== 'object' || operation === null) continue;
      operation.responses = { ...operation.responses, '4XX': errorResponse };
    }
  }
  return document;
}

/** The same document with every object's keys sorted: one byte-stable text to commit and compare. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
}

export const openApiText = (doc: unknown): string => `${JSON.stringify(sortedKeys(doc), null, 2)}\n`;
