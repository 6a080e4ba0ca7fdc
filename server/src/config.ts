import path from 'node:path';
import { loadDeploymentConfig, type DeploymentConfig } from './deployment-config.js';
import { loadEngineConfig, type EngineConfig } from './engines/engine-config.js';
import { loadAccountsConfig, type AccountsConfig } from './modules/auth/accounts-config.js';
import { loadBillingConfig, type BillingConfig } from './modules/billing/billing-config.js';
import { loadModerationConfig, type ModerationConfig } from './modules/moderation/moderation-config.js';
import { loadPrivacyConfig, type PrivacyConfig } from './modules/privacy/privacy-config.js';
import { readTrustProxy, type TrustProxy } from './http/trust-proxy.js';
import { loadSignInConfig, type SignInConfig } from './modules/auth/sign-in-config.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseFile: string;
  blobDir: string;
  masterKey?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Which proxies' X-Forwarded-* headers count: none, a hop count, or proxy addresses/CIDRs (http/trust-proxy.ts). */
  trustProxy: TrustProxy;
  /** 'auto' marks cookies Secure when the request arrived over HTTPS. */
  secureCookies: 'auto' | 'always' | 'never';
  workerConcurrency: number;
  jobLeaseMs: number;
  jobMaxAttempts: number;
  maxUploadBytes: number;
  maxInputPixels: number;
  sessionTtlDays: number;
  trashRetentionDays: number;
  loginRateLimit: number;
  /** Live event streams (SSE) one person may hold open at once, per process. */
  maxStreamsPerUser: number;
  /** Bearer token a Prometheus scraper sends to read /metrics (administrators' sessions may read it too). */
  metricsToken?: string;
  loginRateWindowMs: number;
  webDir: string;
  /** Whether this process runs job workers (the embedded default runs them in-process). */
  /** How long the OpenAI- and Seedream-compatible endpoints wait for a generation before answering 504. */
  compatWaitMs: number;
  /** ATELIER_WEBHOOK_ALLOW_PRIVATE: webhooks may go to plain http and to private, loopback and link-local addresses. */
  webhookAllowPrivate: boolean;
  /** ATELIER_PROVIDER_KEY_ALLOW_PRIVATE: a person's own OpenAI-compatible base URL may be plain http or a private, loopback or link-local address. */
  providerKeyAllowPrivate: boolean;
  runWorkers: boolean;
  /** Model providers (Seedream, OpenAI-compatible); see engines/engine-config.ts. */
  engines: EngineConfig;
  /** Retention, deletion, backups, communications, policy; see modules/privacy/privacy-config.ts. */
  privacy: PrivacyConfig;
  /** PostgreSQL, Redis and S3 when scaled out; all unset on the embedded default (see deployment-config.ts). */
  deployment: DeploymentConfig;
  /** The public address, passkeys and OpenID Connect sign-in; see modules/auth/sign-in-config.ts. */
  signIn: SignInConfig;
  /** Sign-up policy and email verification; see modules/auth/accounts-config.ts. */
  accounts: AccountsConfig;
  /** Plans, credits, Stripe and rate limits; see modules/billing/billing-config.ts. */
  billing: BillingConfig;
  /** Prompt policy and image checks from ATELIER_MODERATION_FILE; absent: nothing is checked. */
  moderation?: ModerationConfig;
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads one variable at a time and collects every problem, so a person fixes them all in one go. */
export class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const v = this.env[name];
    return v === undefined || v === '' ? fallback : v;
  }

  optional(name: string): string | undefined {
    const v = this.env[name];
    return v === undefined || v === '' ? undefined : v;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name}=${JSON.stringify(raw)} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name}=${JSON.stringify(raw)} must be true or false`);
    return fallback;
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.env[name];
    if (raw === undefined || raw === '') return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name}=${JSON.stringify(raw)} must be one of: ${allowed.join(', ')}`);
    return fallback;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every variable Atelier reads, with its default; the README's configuration table mirrors this list. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const r = new EnvReader(env);
  const dataDir = path.resolve(cwd, r.string('ATELIER_DATA_DIR', './data'));
  const config: Config = {
    port: r.int('PORT', 8080, 0, 65535),
    host: r.string('HOST', '0.0.0.0'),
    dataDir,
    databaseFile: path.join(dataDir, 'atelier.db'),
    blobDir: path.join(dataDir, 'blobs'),
    masterKey: r.optional('ATELIER_MASTER_KEY'),
    logLevel: r.oneOf('ATELIER_LOG_LEVEL', 'info', LOG_LEVELS),
    trustProxy: readTrustProxy(r),
    secureCookies: r.oneOf('ATELIER_SECURE_COOKIES', 'auto', ['auto', 'always', 'never'] as const),
    workerConcurrency: r.int('ATELIER_WORKER_CONCURRENCY', 8, 0, 64),
    jobLeaseMs: r.int('ATELIER_JOB_LEASE_MS', 15_000, 1_000, 3_600_000),
    jobMaxAttempts: r.int('ATELIER_JOB_MAX_ATTEMPTS', 3, 1, 20),
    maxUploadBytes: r.int('ATELIER_MAX_UPLOAD_BYTES', 30 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxInputPixels: r.int('ATELIER_MAX_INPUT_PIXELS', 64_000_000, 1_000_000, 1_000_000_000),
    sessionTtlDays: r.int('ATELIER_SESSION_TTL_DAYS', 30, 1, 365),
    trashRetentionDays: r.int('ATELIER_TRASH_RETENTION_DAYS', 30, 0, 3650),
    metricsToken: r.optional('ATELIER_METRICS_TOKEN'),
    maxStreamsPerUser: r.int('ATELIER_MAX_STREAMS_PER_USER', 8, 1, 1000),
    loginRateLimit: r.int('ATELIER_LOGIN_RATE_LIMIT', 10, 1, 10_000),
    loginRateWindowMs: r.int('ATELIER_LOGIN_RATE_WINDOW_SECONDS', 900, 1, 86_400) * 1000,
    webDir: path.resolve(cwd, r.string('ATELIER_WEB_DIR', path.join('web', 'dist'))),
    runWorkers: r.bool('ATELIER_RUN_WORKERS', true),
    compatWaitMs: r.int('ATELIER_COMPAT_WAIT_SECONDS', 300, 5, 3600) * 1000,
    webhookAllowPrivate: r.bool('ATELIER_WEBHOOK_ALLOW_PRIVATE', false),
    providerKeyAllowPrivate: r.bool('ATELIER_PROVIDER_KEY_ALLOW_PRIVATE', false),
    engines: loadEngineConfig(r),
    privacy: loadPrivacyConfig(r, dataDir),
    deployment: loadDeploymentConfig(r),
    signIn: loadSignInConfig(r),
    accounts: loadAccountsConfig(r),
    billing: loadBillingConfig(r),
    moderation: loadModerationConfig(r),
  };
  if (config.masterKey !== undefined && !isKeyText(config.masterKey)) {
    r.problems.push('ATELIER_MASTER_KEY must be 32 bytes written as base64 (44 characters) or hex (64 characters)');
  }
  if (config.metricsToken !== undefined && config.metricsToken.length < 16) {
    r.problems.push('ATELIER_METRICS_TOKEN must be at least 16 characters (e.g. the output of: openssl rand -hex 24)');
  }
  if (r.problems.length > 0) throw new ConfigError(r.problems);
  return config;
}

function isKeyText(text: string): boolean {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return true;
  return /^[A-Za-z0-9+/]{43}=$/.test(text) && Buffer.from(text, 'base64').length === 32;
}

/**
 * A config for tests and benchmarks: everything under one temp folder, quiet logs, and no studio unless a test
 * points webDir at one (a build in the checkout must not change what the API tests see).
 */
export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  // Rate limits off: a test signs up and generates far faster than people do; the limits' own tests turn them on.
  const noRateLimits = { ATELIER_RATE_LIMIT_GENERATIONS: '0', ATELIER_RATE_LIMIT_UPLOADS: '0', ATELIER_RATE_LIMIT_SIGNUPS: '0', ATELIER_RATE_LIMIT_ANONYMOUS: '0',
    ATELIER_RATE_LIMIT_GENERATIONS_PER_ADDRESS: '0', ATELIER_RATE_LIMIT_UPLOADS_PER_ADDRESS: '0', ATELIER_RATE_LIMIT_REPORTS: '0',
    ATELIER_RATE_LIMIT_SUPPORT: '0', ATELIER_RATE_LIMIT_SUPPORT_PER_ADDRESS: '0' };
  return {
    ...loadConfig({ ATELIER_DATA_DIR: dataDir, ATELIER_LOG_LEVEL: 'silent', ATELIER_RENDER_THREADS: '0', ...noRateLimits }),
    webDir: path.join(dataDir, 'web-not-built'),
    ...overrides,
  };
}
