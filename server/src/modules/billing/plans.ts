import fs from 'node:fs';
import type { CreditTable } from '@atelier/common/credit-cost';

export { creditsPerImage, sizeClass, type CreditTable } from '@atelier/common/credit-cost';

export interface Plan {
  id: string;
  name: string;
  /** Credits granted at the start of each monthly cycle. */
  monthlyCredits: number;
  creditsPerImage: CreditTable;
  /** Per engine id, overriding creditsPerImage for that engine. */
  engineCreditsPerImage: Record<string, CreditTable>;
  /** Images in one request at most. */
  maxSetSize: number;
  /** Generations queued or running at once at most. */
  maxConcurrentJobs: number;
  storageQuotaMiB: number;
  /** Engine ids this plan may use. */
  engines: string[];
  /** Whether a person on this plan may add their own provider key. */
  allowOwnKeys: boolean;
  stripePriceId: string | null;
}

export interface CreditPack {
  id: string;
  credits: number;
  stripePriceId: string | null;
}

export interface PlanCatalog {
  defaultPlan: string;
  plans: Plan[];
  creditPacks: CreditPack[];
}

/** Reads and validates the plans file; every problem is pushed to `problems` (the file's name prefixes each). */
export function loadPlanCatalog(file: string, problems: string[]): PlanCatalog | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`ATELIER_PLANS_FILE ${file}: ${err instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read'} (${(err as Error).message})`);
    return undefined;
  }
  const found: string[] = [];
  const catalog = parseCatalog(raw, found);
  problems.push(...found.map((p) => `ATELIER_PLANS_FILE ${file}: ${p}`));
  return found.length === 0 ? catalog : undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

export function parseCatalog(raw: unknown, problems: string[]): PlanCatalog {
  if (!isObj(raw)) {
    problems.push('must be a JSON object with "defaultPlan", "plans" and optionally "creditPacks"');
    return { defaultPlan: '', plans: [], creditPacks: [] };
  }
  const plans = Array.isArray(raw.plans) ? raw.plans.map((p, i) => parsePlan(p, `plans[${i}]`, problems)) : [];
  if (!Array.isArray(raw.plans) || plans.length === 0) problems.push('"plans" must be a non-empty list of plans');
  const packs = raw.creditPacks === undefined ? [] : Array.isArray(raw.creditPacks)
    ? raw.creditPacks.map((p, i) => parsePack(p, `creditPacks[${i}]`, problems)) : (problems.push('"creditPacks" must be a list'), []);
  for (const [what, list] of [['plan', plans], ['credit pack', packs]] as const) {
    const ids = list.map((x) => x.id);
    const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (twice.length > 0) problems.push(`${what} id "${twice[0]}" is used twice`);
  }
  const defaultPlan = typeof raw.defaultPlan === 'string' ? raw.defaultPlan : '';
  if (!plans.some((p) => p.id === defaultPlan)) {
    problems.push(`"defaultPlan" must name one of the plans (${plans.map((p) => p.id).join(', ') || 'none'}), not ${JSON.stringify(raw.defaultPlan)}`);
  }
  return { defaultPlan, plans, creditPacks: packs };
}

function parsePlan(raw: unknown, at: string, problems: string[]): Plan {
  const p = isObj(raw) ? raw : (problems.push(`${at} must be an object`), {} as Obj);
  const id = text(p.id, `${at}.id`, problems);
  const where = `plan "${id || at}"`;
  const count = (key: string, fallback?: number) => {
    if (p[key] === undefined && fallback !== undefined) return fallback;
    if (isCount(p[key])) return p[key] as number;
    problems.push(`${where}: "${key}" must be a whole number, 0 or more`);
    return 0;
  };
  const engines = Array.isArray(p.engines) && p.engines.length > 0 && p.engines.every((e) => typeof e === 'string')
    ? (p.engines as string[]) : (problems.push(`${where}: "engines" must be a non-empty list of engine ids, e.g. ["builtin"]`), []);
  const engineCosts: Record<string, CreditTable> = {};
  if (p.engineCreditsPerImage !== undefined) {
    if (!isObj(p.engineCreditsPerImage)) problems.push(`${where}: "engineCreditsPerImage" must map engine ids to cost tables`);
    else for (const [engine, table] of Object.entries(p.engineCreditsPerImage)) {
      engineCosts[engine] = creditTable(table, `${where}: "engineCreditsPerImage.${engine}"`, problems);
    }
  }
  return {
    id,
    name: typeof p.name === 'string' && p.name ? p.name : id,
    monthlyCredits: count('monthlyCredits'),
    creditsPerImage: p.creditsPerImage === undefined ? { default: 1 } : creditTable(p.creditsPerImage, `${where}: "creditsPerImage"`, problems),
    engineCreditsPerImage: engineCosts,
    maxSetSize: count('maxSetSize'),
    maxConcurrentJobs: count('maxConcurrentJobs'),
    storageQuotaMiB: count('storageQuotaMiB'),
    engines,
    allowOwnKeys: flag(p.allowOwnKeys, `${where}: "allowOwnKeys"`, problems),
    stripePriceId: priceId(p.stripePriceId, where, problems),
  };
}

function parsePack(raw: unknown, at: string, problems: string[]): CreditPack {
  const p = isObj(raw) ? raw : (problems.push(`${at} must be an object`), {} as Obj);
  const id = text(p.id, `${at}.id`, problems);
  if (!Number.isInteger(p.credits) || (p.credits as number) < 1) problems.push(`credit pack "${id || at}": "credits" must be a whole number, 1 or more`);
  return { id, credits: Number(p.credits) || 0, stripePriceId: priceId(p.stripePriceId, `credit pack "${id || at}"`, problems) };
}

function creditTable(raw: unknown, where: string, problems: string[]): CreditTable {
  if (typeof raw === 'number' && isCount(raw)) return { default: raw };
  if (!isObj(raw) || !Object.values(raw).every(isCount)) {
    problems.push(`${where} must be a number or an object of whole numbers such as {"default": 1, "4K": 4}`);
    return { default: 1 };
  }
  const unknown = Object.keys(raw).filter((k) => !['default', '1K', '2K', '4K'].includes(k));
  if (unknown.length > 0) problems.push(`${where}: unknown size ${unknown.join(', ')} (use default, 1K, 2K, 4K)`);
  return { default: 1, ...(raw as Record<string, number>) };
}

function flag(v: unknown, where: string, problems: string[]): boolean {
  if (v === undefined || typeof v === 'boolean') return v === true;
  problems.push(`${where} must be true or false`);
  return false;
}

function text(v: unknown, at: string, problems: string[]): string {
  if (typeof v === 'string' && /^[\w.-]{1,64}$/.test(v)) return v;
  problems.push(`${at} must be 1 to 64 letters, digits, '.', '-' or '_'`);
  return '';
}

function priceId(v: unknown, where: string, problems: string[]): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && v.startsWith('price_')) return v;
  problems.push(`${where}: "stripePriceId" must be a Stripe price id (price_…) or null`);
  return null;
}
