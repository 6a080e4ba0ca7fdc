import fs from 'node:fs';
import type { EnvReader } from '../../config.js';

export interface ModerationConfig {
  /** Terms by category, as the operator wrote them (matched after normalisation, see normalise.ts). */
  promptCategories: Record<string, string[]>;
  /** After this many refused prompts an account is suspended (status "suspended", lifted by an admin); null: never automatically. */
  autoSuspendAfter: number | null;
  /** The image classifier (nsfwjs): an image is flagged when a class's probability reaches its threshold. */
  images: { enabled: boolean; thresholds: Record<string, number>; action: 'withhold' | 'blur' };
}

/** The image classes nsfwjs reports; thresholds are given per class. */
export const IMAGE_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;

/** ATELIER_MODERATION_FILE; absent: nothing is checked (every problem in the file is reported at start). */
export function loadModerationConfig(r: EnvReader): ModerationConfig | undefined {
  const file = r.optional('ATELIER_MODERATION_FILE');
  if (file === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    r.problems.push(`ATELIER_MODERATION_FILE ${file}: ${err instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read'} (${(err as Error).message})`);
    return undefined;
  }
  const found: string[] = [];
  const config = parseModerationConfig(raw, found);
  r.problems.push(...found.map((p) => `ATELIER_MODERATION_FILE ${file}: ${p}`));
  return found.length === 0 ? config : undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseModerationConfig(raw: unknown, problems: string[]): ModerationConfig {
  const root = isObj(raw) ? raw : (problems.push('must be a JSON object with "prompt" and "images"'), {} as Obj);
  return {
    promptCategories: parseCategories(root.prompt, problems),
    autoSuspendAfter: parseAutoSuspend(root.autoSuspendAfter, problems),
    images: parseImages(root.images, problems),
  };
}

function parseCategories(prompt: unknown, problems: string[]): Record<string, string[]> {
  if (!isObj(prompt) || !isObj(prompt.categories)) {
    problems.push('"prompt.categories" must be an object of category names to lists of terms, e.g. {"sexual": ["nude", "裸体"]}');
    return {};
  }
  const categories: Record<string, string[]> = {};
  for (const [name, terms] of Object.entries(prompt.categories)) {
    if (!/^[\w-]{1,40}$/.test(name)) problems.push(`prompt category ${JSON.stringify(name)}: use 1 to 40 letters, digits, "_" or "-"`);
    if (!Array.isArray(terms) || terms.length === 0) {
      problems.push(`prompt.categories.${name} must be a non-empty list of terms`);
      continue;
    }
    terms.forEach((t, i) => {
      if (typeof t !== 'string' || !/[\p{L}\p{N}]/u.test(t)) problems.push(`prompt.categories.${name}[${i}] must be text with at least one letter or digit`);
    });
    categories[name] = terms.filter((t): t is string => typeof t === 'string');
  }
  return categories;
}

function parseAutoSuspend(v: unknown, problems: string[]): number | null {
  if (v === undefined || v === null) return null;
  if (Number.isInteger(v) && (v as number) >= 1) return v as number;
  problems.push(`"autoSuspendAfter" must be a whole number of refused prompts (1 or more), or left out, not ${JSON.stringify(v)}`);
  return null;
}

function parseImages(v: unknown, problems: string[]): ModerationConfig['images'] {
  const off = { enabled: false, thresholds: {}, action: 'withhold' as const };
  if (v === undefined) return off;
  if (!isObj(v) || typeof v.enabled !== 'boolean') {
    problems.push('"images" must be an object with "enabled": true or false');
    return off;
  }
  const thresholds: Record<string, number> = {};
  const given = v.thresholds === undefined ? {} : v.thresholds;
  if (!isObj(given)) problems.push('"images.thresholds" must be an object of class names to probabilities');
  for (const [cls, p] of Object.entries(isObj(given) ? given : {})) {
    if (!(IMAGE_CLASSES as readonly string[]).includes(cls)) problems.push(`images.thresholds.${cls}: unknown class; use ${IMAGE_CLASSES.join(', ')}`);
    else if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) problems.push(`images.thresholds.${cls} must be a probability from 0 to 1 (0 flags every image, above 1 none), not ${JSON.stringify(p)}`);
    else thresholds[cls] = p;
  }
  const action = v.action ?? 'withhold';
  if (action !== 'withhold' && action !== 'blur') problems.push(`"images.action" must be "withhold" or "blur", not ${JSON.stringify(action)}`);
  if (v.enabled && Object.keys(thresholds).length === 0) problems.push('"images.thresholds" must name at least one class when "images.enabled" is true');
  return { enabled: v.enabled, thresholds, action: action === 'blur' ? 'blur' : 'withhold' };
}
