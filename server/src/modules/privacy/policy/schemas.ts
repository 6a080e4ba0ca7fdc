import { Type } from '@sinclair/typebox';

/** The privacy policy in force: its version, the date it took effect, and where to read it. */
export const PolicyInfoSchema = Type.Object({ version: Type.String(), effectiveDate: Type.String(), url: Type.Literal('/privacy') });
