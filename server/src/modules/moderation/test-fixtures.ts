import type { Config } from '../../config.js';
import { parseModerationConfig } from './moderation-config.js';

/** Test-app config with a prompt policy (and automatic suspension after `autoSuspendAfter` refusals, if given). */
export function withModeration(autoSuspendAfter?: number, images?: Record<string, unknown>): Partial<Config> {
  const problems: string[] = [];
  const moderation = parseModerationConfig({
    prompt: { categories: { sexual: ['nude', 'naked', '裸体'], violence: ['gore', '血腥'] } },
    autoSuspendAfter,
    images,
  }, problems);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return { moderation };
}
