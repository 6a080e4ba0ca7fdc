import fsp from 'node:fs/promises';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { adminQuery, databaseName, databaseUrl, maintenanceUrl, quoteIdent } from '../../../db/postgres-admin.js';

const run = promisify(execFile);

/**
 * pg_dump and psql take the URL without its password, which goes in PGPASSWORD: a command line is visible to
 * every user of the machine (ps), the environment is not.
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/**
 * A consistent dump of the database as plain SQL (pg_dump runs in one repeatable-read transaction: the server
 * carries on meanwhile). Without owners and grants, so it loads under whatever role restores it.
 */
export async function dumpDatabase(url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await run('pg_dump', ['--format=plain', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`], { env });
  await fsp.chmod(file, 0o600); // pg_dump makes it with the umask's mode
}

/** Loads a dump made by dumpDatabase into an empty database, all or nothing. */
export async function loadDump(url: string, file: string): Promise<void> {
  const { dbname, env } = connection(url);
  await run('psql', ['--quiet', '--no-psqlrc', '--set=ON_ERROR_STOP=1', '--single-transaction', `--file=${file}`, `--dbname=${dbname}`],
    { env, maxBuffer: 64 * 1024 * 1024 });
}

/** A new empty database beside the one `url` names (the role needs CREATEDB); returns its URL. */
export async function createSiblingDatabase(url: string, suffix: string): Promise<string> {
  const name = `${databaseName(url)}_${suffix}_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(maintenanceUrl(url), `create database ${quoteIdent(name)}`);
  return databaseUrl(url, name);
}

export async function dropDatabase(url: string): Promise<void> {
  await adminQuery(maintenanceUrl(url), `drop database if exists ${quoteIdent(databaseName(url))}`);
}

/** Renames the database `from` names to `to` (nobody may be connected to it). */
export async function renameDatabase(from: string, to: string): Promise<void> {
  await adminQuery(maintenanceUrl(from), `alter database ${quoteIdent(databaseName(from))} rename to ${quoteIdent(to)}`);
}

/** Loads a dump into a new database beside the one `url` names and returns its URL (dropped again if loading fails). */
export async function loadIntoNewDatabase(url: string, file: string, suffix: string): Promise<string> {
  const staged = await createSiblingDatabase(url, suffix);
  try {
    await loadDump(staged, file);
  } catch (err) {
    await dropDatabase(staged);
    throw err;
  }
  return staged;
}
