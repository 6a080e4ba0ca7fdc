import type { EnvReader } from '../config.js';

/** Settings of retention, deletion, backups, communications and the policy page (filled in by the privacy issue). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PrivacyConfig {}

export function loadPrivacyConfig(_r: EnvReader, _dataDir: string): PrivacyConfig {
  return {};
}
