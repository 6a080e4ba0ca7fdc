import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { tempDir } from '../../test-support/harness.js';
import { parseModerationConfig } from './moderation-config.js';

function problemsOf(raw: unknown): string[] {
  const problems: string[] = [];
  parseModerationConfig(raw, problems);
  return problems;
}

describe('the moderation file', () => {
  it('accepts the documented example', () => {
    const example = fs.readFileSync(fileURLToPath(new URL('../../../../docs/moderation.example.json', import.meta.url)), 'utf8');
    const problems: string[] = [];
    const config = parseModerationConfig(JSON.parse(example), problems);
    expect(problems).toEqual([]);
    expect(Object.keys(config.promptCategories).length).toBeGreaterThan(0);
    expect(config.autoSuspendAfter).toBe(5);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({
      prompt: { categories: { sexual: [], 'bad name!': ['x'], violence: ['gore', 3, '  '] } },
      images: { enabled: 'yes' },
      autoSuspendAfter: 0,
    });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining('prompt.categories.sexual must be a non-empty list'),
      expect.stringContaining('prompt category "bad name!"'),
      expect.stringContaining('prompt.categories.violence[1]'),
      expect.stringContaining('prompt.categories.violence[2]'),
      expect.stringContaining('"images" must be an object'),
      expect.stringContaining('"autoSuspendAfter"'),
    ]));
    expect(problems).toHaveLength(6);
  });

  it('checks image thresholds and action, and takes 0 (every image) to above 1 (none)', () => {
    const problems = problemsOf({ prompt: { categories: { x: ['y'] } }, images: { enabled: true, thresholds: { Porn: -0.1, Sexy: '0.5', Nudity: 0.5, Hentai: 0.8 }, action: 'hide' } });
    expect(problems).toEqual([
      expect.stringContaining('images.thresholds.Porn must be a probability'),
      expect.stringContaining('images.thresholds.Sexy must be a probability'),
      expect.stringContaining('images.thresholds.Nudity: unknown class'),
      expect.stringContaining('"images.action"'),
    ]);
    expect(problemsOf({ prompt: { categories: { x: ['y'] } }, images: { enabled: true, thresholds: {} } }))
      .toEqual([expect.stringContaining('must name at least one class')]);
    const config = parseModerationConfig({ prompt: { categories: { x: ['y'] } }, images: { enabled: true, thresholds: { Porn: 0, Hentai: 1.5 }, action: 'blur' } }, []);
    expect(config.images).toEqual({ enabled: true, thresholds: { Porn: 0, Hentai: 1.5 }, action: 'blur' });
  });

  it('stops the start with a message naming the file when it is missing or not JSON', () => {
    const dir = tempDir();
    const broken = path.join(dir, 'moderation.json');
    fs.writeFileSync(broken, '{"prompt": ');
    for (const [file, says] of [[broken, 'is not valid JSON'], [path.join(dir, 'absent.json'), 'cannot be read']] as const) {
      let thrown: unknown;
      try {
        loadConfig({ ATELIER_DATA_DIR: dir, ATELIER_MODERATION_FILE: file }, dir);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      expect((thrown as ConfigError).problems.join('\n')).toContain(`ATELIER_MODERATION_FILE ${file}: ${says}`);
    }
  });

  it('is optional: without it nothing is checked', () => {
    const dir = tempDir();
    expect(loadConfig({ ATELIER_DATA_DIR: dir }, dir).moderation).toBeUndefined();
  });
});
