import { common } from './common';
import { library } from './library';
import { history } from './history';
import { gallery } from './gallery';
import { albums } from './albums';
import { trash } from './trash';
import { edit } from './edit';
import { create } from './create';
import { auth } from './auth';
import { settings } from './settings';
import { privacy } from './privacy';
import { admin } from './admin';
import { passkeys } from './passkeys';
import { tokens } from './tokens';
import { batch } from './batch';
import { workflows } from './workflows';
import { webhooks } from './webhooks';
import { providerKeys } from './provider-keys';
import { shares } from './shares';
import { support } from './support';
import { shortcuts } from './shortcuts';
import { promptHelp } from './prompt-help';
import { reports } from './reports';

/**
 * Every namespace of messages, one file per screen. English defines the keys, and every other language translates
 * each one (../catalogue.test.ts fails otherwise); translate() still falls back to English at run time.
 */
const namespaces = [common, library, history, gallery, albums, trash, edit, create, auth, settings, privacy, admin, passkeys, tokens, shares, support, shortcuts, promptHelp, batch, webhooks, workflows, providerKeys, reports] as const;

type Namespace = (typeof namespaces)[number];
type KeysOf<N> = N extends { en: infer E } ? keyof E : never;
export type MessageKey = KeysOf<Namespace>;
export type Locale = 'en' | 'zh';

export const messages: Record<Locale, Partial<Record<MessageKey, string>>> = {
  en: Object.assign({}, ...namespaces.map((n) => n.en)),
  zh: Object.assign({}, ...namespaces.map((n) => n.zh)),
};
