import crypto from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../db/database.js';
import { openPostgres } from '../db/postgres.js';
import { adminQuery, databaseUrl, dropDatabasesStartingWith, quoteIdent } from '../db/postgres-admin.js';
import type { TestPostgres } from './test-database.js';

/**
 * Global setup of the server-pg test project: migrates one template database per run; every test app then gets
 * its own database cloned from it (CREATE DATABASE … TEMPLATE, a file copy, far cheaper than migrating).
 * The teardown drops the template and whatever a crashed test left behind.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.ATELIER_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('ATELIER_TEST_DATABASE_URL must be set for the server-pg tests');
  const prefix = `atelier_test_${crypto.randomBytes(4).toString('hex')}_`;
  const template = `${prefix}template`;
  await adminQuery(adminUrl, `create database ${quoteIdent(template)}`);
  const db = openPostgres(databaseUrl(adminUrl, template));
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  const provided: TestPostgres = { adminUrl, template, prefix };
  project.provide('atelierPostgres', provided);
  return () => dropDatabasesStartingWith(adminUrl, prefix);
}
