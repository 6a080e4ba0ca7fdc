import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

/**
 * A session's device in the studio's language. The server describes it as "<browser> on <os> (<kind>)", with
 * product names that stay as they are and "Other"/"Script" and the kind that are words to translate.
 */
export function deviceName(t: Translate, summary: string | null): string {
  const parts = summary?.match(/^(\S+) on (\S+) \((desktop|mobile|tablet)\)$/);
  if (!parts) return summary || t('settings.unknownDevice');
  const word = (name: string) => (name === 'Other' || name === 'Script' ? t(`settings.device.${name}` as MessageKey) : name);
  return t('settings.deviceName', { browser: word(parts[1]!), os: word(parts[2]!), device: t(`settings.device.${parts[3]}` as MessageKey) });
}
