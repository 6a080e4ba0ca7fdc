import type { Kysely } from 'kysely';

// Reserved slot: filled in by the work that needs it. An empty migration is harmless.
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
