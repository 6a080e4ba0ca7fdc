import { Type, type TSchema } from '@sinclair/typebox';

/** A value of `t`, or null (JSON Schema `anyOf [t, null]`). */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The `{code, message}` of an error reported inside an answer (a failed output, a failed generation). */
export const ErrorDetail = Type.Object({ code: Type.String(), message: Type.String() });
