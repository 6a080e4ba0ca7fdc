import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorCodes, type ErrorCode } from './errors.js';

/** A value of `t`, or null (JSON Schema `anyOf [t, null]`). */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * A code of the error catalogue. Plain `enum` rather than a union of literals: the answer's serialiser writes it as a
 * string, and the document lists every code.
 */
export const ErrorCodeSchema = Type.Unsafe<ErrorCode>({ type: 'string', enum: Object.keys(ErrorCodes).sort(), description: 'A code of the error catalogue' });

/** The `{code, message}` of an error reported inside an answer (a failed output, a failed generation). */
export const ErrorDetail = Type.Object({ code: ErrorCodeSchema, message: Type.String() });

/**
 * A 204 answer, documented as such in /api/docs. Plain JSON Schema rather than TypeBox: the route sends no body at all,
 * and a TypeBox null would make the type provider ask for an explicit `null`.
 */
export const NoContent = { type: 'null', description: 'Done; no content' } as const;

/**
 * An answer that is a file rather than JSON, documented with its media types. Fastify does not serialise Buffers or
 * streams, so this only describes the answer.
 */
export const FileAnswer = (description: string, mediaTypes: readonly string[]) => ({
  description,
  content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
});

/** A 304 answer to a conditional request. */
export const NotModified = { type: 'null', description: 'Not modified since the copy the client holds (If-None-Match)' } as const;

/** A Server-Sent Events stream, documented as such. */
export const EventStream = {
  description: 'Server-Sent Events: one `event:` and JSON `data:` per change, until the generation ends',
  content: { 'text/event-stream': { schema: { type: 'string' } } },
};

/** How a list's `total` was found (the filters no counter is kept for are counted up to a cap, or estimated). */
export const TotalAccuracySchema = Type.Union([Type.Literal('exact'), Type.Literal('atLeast'), Type.Literal('about')], {
  description: "'exact'; 'atLeast': more than `total` match (an album or tag counted up to 10,000); 'about': an estimate from " +
    'how many of the newest 10,000 match the search text',
});
