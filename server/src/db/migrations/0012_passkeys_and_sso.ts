import type { Kysely } from 'kysely';
import { columnType } from './helpers.js';

/**
 * Passwordless sign-in: a person's passkeys (WebAuthn credentials), the identities of OpenID Connect providers
 * linked to an account, and the short-lived, single-use challenges of both ceremonies.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    /** The authenticator's credential id, base64url. */
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', columnType(db).blob, (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull())
    .addColumn('transports', 'text', (c) => c.notNull())
    .addColumn('backed_up', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('passkeys_user').on('passkeys').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('linked_identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .execute();
  await db.schema.createIndex('linked_identities_issuer_subject').on('linked_identities').columns(['issuer', 'subject']).unique().execute();
  await db.schema.createIndex('linked_identities_user').on('linked_identities').columns(['user_id']).execute();

  await db.schema
    .createTable('sign_in_challenges')
    /** sha256 of the challenge (or of the OpenID state): what the browser hands back names the row. */
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    /** The signed-in person a passkey registration is for; null for sign-in. */
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    /** What the ceremony needs back (PKCE verifier, nonce), JSON. */
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_challenges_expiry').on('sign_in_challenges').columns(['expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_challenges').execute();
  await db.schema.dropTable('linked_identities').execute();
  await db.schema.dropTable('passkeys').execute();
}
