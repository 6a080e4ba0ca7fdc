/**
 * Seeded samples of JSON Schemas (as the OpenAPI document states them), for tests that feed every route odd but
 * schema-valid input: edge lengths, extreme numbers, strange text, ids that exist and ids that do not.
 */

export type Random = () => number;

/** A small deterministic generator, so a failing sample can be found again from its seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Text a person or a script might send where a string is allowed. */
const ODD_TEXTS = [
  '', ' ', 'a', '\u0000', '😀🎨', '<script>alert(1)</script>', "'; drop table assets; --", '%', '\\', 'null', '1e400',
  '-0', '٣', 'NaN', 'ｆｕｌｌ', '\u202e', '\n\n', '../../etc/passwd', 'rotate 90 and sepia', 'crop to 0:0',
  'resize to 999999x999999', 'blur 1e9', '9999x1', '1x1', '16384x16384', '0x0', '4K', '1K', '64X64',
];

export interface SampleOptions {
  random: Random;
  /** Ids of objects the caller owns, by kind; a uuid field takes one of the kind its name says most of the time. */
  knownIds: KnownIds;
}

export interface KnownIds {
  assets: string[];
  generations: string[];
  albums: string[];
}

const ID_KINDS = [[/album/i, 'albums'], [/generation/i, 'generations'], [/asset|reference/i, 'assets']] as const;
const kindIn = (text: string) => ID_KINDS.find(([pattern]) => pattern.test(text))?.[1];

/** The ids a field or path parameter named `name` (in a route at `path`) most likely takes: by its name, else the route's. */
export function idsFor(known: KnownIds, name: string, path = ''): string[] {
  return known[kindIn(name) ?? kindIn(path) ?? 'assets'];
}

export function sampleOf(schema: any, opts: SampleOptions, depth = 0, name = ''): unknown {
  const { random } = opts;
  if (!schema) return null;
  if (schema.anyOf || schema.oneOf) return sampleOf(pick(random, schema.anyOf ?? schema.oneOf), opts, depth);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return pick(random, schema.enum);
  const type = Array.isArray(schema.type) ? pick(random, schema.type) : schema.type;
  switch (type) {
    case 'string': return sampleString(schema, opts, name);
    case 'integer':
    case 'number': return sampleNumber(schema, type, random);
    case 'boolean': return random() < 0.5;
    case 'null': return null;
    case 'array': {
      const length = Math.min(50, pick(random, [schema.minItems ?? 0, schema.maxItems ?? 3, 1, 2]));
      return depth > 4 ? [] : Array.from({ length }, () => sampleOf(schema.items, opts, depth + 1, name));
    }
    default: {
      const out: Record<string, unknown> = {};
      if (depth > 4) return out;
      for (const [key, property] of Object.entries<any>(schema.properties ?? {})) {
        if (!(schema.required ?? []).includes(key) && random() < 0.4) continue;
        const value = sampleOf(property, opts, depth + 1, key);
        if (value !== undefined) out[key] = value;
      }
      return out;
    }
  }
}

function sampleString(schema: any, { random, knownIds }: SampleOptions, name: string): string | undefined {
  if (schema.format === 'uuid') {
    const ids = idsFor(knownIds, name);
    return ids.length && random() < 0.8 ? pick(random, ids) : crypto.randomUUID();
  }
  if (schema.format === 'email') return pick(random, ['a@b.co', `x${Math.floor(random() * 1e9)}@example.test`, 'A@B.CO']);
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 6000, 6000);
  const text = pick(random, [...ODD_TEXTS, 'y'.repeat(min), 'z'.repeat(max)]).slice(0, max).padEnd(min, 'q');
  // A pattern the text misses leaves the field out (or, if it is required, lets validation refuse it).
  return schema.pattern && !new RegExp(schema.pattern, 'u').test(text) && random() < 0.5 ? undefined : text;
}

function sampleNumber(schema: any, type: 'integer' | 'number', random: Random): number {
  const low = schema.minimum ?? schema.exclusiveMinimum ?? -1e6;
  const high = schema.maximum ?? schema.exclusiveMaximum ?? 1e6;
  const value = pick(random, [low, high, 0, 1, -1, low + random() * (high - low), 2 ** 31, Number.MAX_SAFE_INTEGER]);
  const shaped = type === 'integer' ? Math.round(value) : value;
  return Math.min(high, Math.max(low, shaped));
}
