import { languageTag, type Language } from '../../../lib/language.js';
import { escapeHtml, htmlPage } from './html.js';
import type { PrivacyFacts } from './privacy-facts.js';
import { privacyPageBodyZh } from './privacy-page-zh.js';
import { RESET_VALID_MINUTES, VERIFY_VALID_HOURS } from '../../auth/recovery/service.js';
import { SIGNUP_LINK_VALID_HOURS } from '../../auth/signup/pending-signups.js';
import { DEFAULT_INVITATION_DAYS } from '../../auth/signup/signup-gate.js';

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

function providersSection(f: PrivacyFacts): string {
  if (f.providers.length === 0) {
    return `<p>This server uses only its built-in image engine, which runs here. Your prompts, reference images and
results are not sent to any outside model provider.</p>`;
  }
  const list = f.providers
    .map((p) => `<li>${escapeHtml(p.name)}${p.model ? ` (model <code>${escapeHtml(p.model)}</code>)` : ''}</li>`)
    .join('\n');
  return `<p>Besides its built-in engine, which runs here, this server is configured with these outside model
providers. When you pick one of them for a generation or an edit, the prompt, its parameters and the images you give
it as input are sent to that provider to make the result; nothing is sent to a provider you do not pick:</p>
<ul>${list}</ul>
<p>Those providers process the request under their own terms and may be located in other countries. Nothing else
about you (no name, email address or account id) is sent with it.</p>
<p>Where your plan allows it, you may add your own key for one of these providers (Settings → Your provider keys). Your
requests to that provider then use your key and are billed to you by the provider (an OpenAI-compatible key may point
to an address you choose). The key is checked once with the provider when you save it, encrypted with your own
encryption key, never written to logs and never shown again except its last four characters; removing it, or deleting
your account, destroys it.</p>`;
}

function paymentItem(f: PrivacyFacts): string {
  if (!f.billing.plans) return '<li><strong>Payment details</strong>: this server takes no payments and holds no payment information.</li>';
  const stripe = f.billing.stripe
    ? ` Payments are made on Stripe's own pages: your card details go to Stripe and never reach this server, which
keeps only its Stripe customer and subscription references, the plan and the subscription's status and renewal date.`
    : ' This server takes no payments and holds no payment information.';
  return `<li><strong>Plan and credits</strong>: your plan, and a ledger of your credits: each monthly grant, each
generation's cost and refund, each purchase and each correction by an administrator with its reason.${stripe}</li>`;
}

function billingRetention(f: PrivacyFacts): string {
  if (!f.billing.plans) return '';
  const tax = f.billing.stripe
    ? ` Deleting your account cancels your subscription at once. The invoices and payment records that tax law requires
to be kept are kept by Stripe for the period the law sets, not by this server.`
    : '';
  return `<li>Your plan and credit ledger stay while your account exists and are erased with it.${tax}</li>`;
}

function moderationItem(f: PrivacyFacts): string {
  if (!f.moderation) return '<li><strong>Content checks</strong>: this server does not check prompts or images against a content policy.</li>';
  const categories = f.moderation.categories.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ');
  const suspend = f.moderation.autoSuspendAfter === null ? ''
    : ` After ${f.moderation.autoSuspendAfter} refused prompt${f.moderation.autoSuspendAfter === 1 ? '' : 's'} the account is suspended automatically.`;
  return `<li><strong>Content checks</strong>: before a generation or edit starts, its prompt (or instruction) is compared
with this server's list of refused terms (categories: ${categories}), here on this server; nothing is sent elsewhere for
the check. A refused request is not stored: not its prompt, not its images. Only a count of your refused prompts is
kept, with the category and time of the last one, and the time the count suspended the account if it did.${suspend} ${imageCheckText(f.moderation.images)}</li>`;
}

function imageCheckText(images: NonNullable<PrivacyFacts['moderation']>['images']): string {
  if (!images) return 'Images are not checked by a classifier.';
  const classes = images.classes.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ');
  const outcome = images.action === 'blur' ? 'is stored blurred instead' : 'is not stored: the result shows it as refused, and a flagged upload is deleted';
  return `Every image you upload and every image made for you is also checked by an image classifier (nsfwjs), which
runs here on this server; the image is not sent anywhere for the check. An upload is checked just after it is stored:
until then it is shown to you alone and cannot be shared or used. The classifier estimates how likely the image
falls under each of its classes; an image reaching this server's threshold for a class (${classes}) ${outcome}, and it
counts as a refusal (with the category <code>image:</code> and the class). The classifier's scores are not kept.`;
}

/** Emailed links and second factors: what each keeps, in what form, and for how long (ADR 0026). */
function signInSecurityItems(): string {
  return `<li><strong>Emailed links</strong>: the links we email you (to finish signing up, to confirm your address, to reset your
password) and invitation links work once. We keep only a one-way hash (SHA-256) of each link's secret, with the address
it is for and when it expires: a sign-up link works for ${SIGNUP_LINK_VALID_HOURS} hours, an address confirmation link for
${VERIFY_VALID_HOURS} hours, a password reset link for ${RESET_VALID_MINUTES} minutes, and an invitation for the days the
administrator chose (${DEFAULT_INVITATION_DAYS} unless they chose otherwise). Until a sign-up link is used, the name, the
address and the password hash typed at sign-up wait with it and no account exists; they are deleted when the link is used
or expires.</li>
<li><strong>Two-step sign-in</strong>: if you turn it on, your authenticator app's secret is stored encrypted (sealed) with your
own key, and your recovery codes only as one-way hashes, with when each was used. Turning it off deletes them.</li>`;
}

const REPORTS_ITEM = `<li><strong>Reports</strong>: when you report an image shown to you through a share link, the report keeps
which image and link, the reason you picked, your note, your account and the time, and later what an administrator
decided and when. When someone reports one of your shared images, the administrators who review it see the image, its
prompt, who reported it, and your account's history here (earlier reports of your images, the count of refused
prompts, suspensions); you are not told who reported it. An administrator may dismiss the report, remove the image,
send you a warning by email, or suspend the account.</li>`;

function reportsRetention(f: PrivacyFacts): string {
  return `<li>A report stays until an administrator closes it, then for ${days(f.reportRetentionDays)}. Reports you made
and reports about your images are in your data export (the latter without who reported them or their note). Deleting
your account erases the reports about your images and the closed reports you made; a report you made that is still
open stays until it is reviewed, with your account and your note removed from it.</li>`;
}

function supportItem(f: PrivacyFacts): string {
  const delivery = f.support.email
    ? `It is also emailed to the operator's support address, <a href="mailto:${escapeHtml(f.support.email)}">${escapeHtml(f.support.email)}</a>.`
    : 'The administrators read it in the admin console; it is not emailed to anyone else.';
  return `<li><strong>Messages to support</strong>: when you contact the people who run this server, the message keeps its
subject, your text, the image you pointed to (if any), your account, the email address to answer and the time.
${delivery} A copy of your message is emailed to you.</li>`;
}

const supportRetention = (f: PrivacyFacts) => `<li>Messages to support are deleted ${days(f.support.retentionDays)} after you
wrote them, or sooner with your account: deleting the account erases them. They are in your data export.</li>`;

function trainingSection(f: PrivacyFacts): string {
  if (f.trainingUse === 'never') {
    return `<p><strong>Your prompts and images are never used to train, fine-tune or otherwise improve any model.</strong>
This server does not offer the option, and its dataset export refuses to run.</p>`;
  }
  return `<p>Your prompts and images are used to train or improve models <strong>only if you turn on the
"training" choice</strong> in your privacy settings; it is off until you do. An export of training data includes only
people whose choice is on at the time of the export, and turning it off excludes you from every later export.
Even with the choice on, you can keep single images out: mark an image, or a whole album, <strong>"Never use for
training"</strong> (in the image's details or on the album's page), and no training export includes it, nor any album's
image so marked, nor an edit made of a marked image, for as long as the mark is on. The training export is the one
file that is not encrypted: the server's operator runs it and names the file it is written to, and it holds prompts
and images only, with no account, id or date.</p>`;
}

/** The privacy policy's body in English (escaped HTML). */
function privacyPageBodyEn(f: PrivacyFacts): string {
  const contact = f.contact
    ? `write to <a href="mailto:${escapeHtml(f.contact)}">${escapeHtml(f.contact)}</a>`
    : 'contact the people who run this server';
  return `
<h1>Privacy policy</h1>
<p class="meta">Version ${escapeHtml(f.version)}, effective ${escapeHtml(f.effectiveDate)}.</p>
<p>This page describes how this Atelier server handles your information. It is generated from the server's live
settings, so the periods and choices below are the ones actually applied.</p>

<h2>What we collect</h2>
<ul>
<li><strong>Account details</strong>: your name, email address and a one-way hash of your password (never the password itself).</li>
<li><strong>Your prompts, images and settings</strong>: the images you upload or make, the prompts, parameters, styles and engines
you use, your albums, tags and favourites, so the studio can show them back to you in your history and gallery.</li>
<li><strong>Device information</strong>: for each signed-in session, the browser family, operating system family and device type
(never the full browser string), and your IP address cut to its network (the last part removed: IPv4 /24, IPv6 /48).</li>
<li><strong>Security log</strong>: sign-ins and failed sign-ins, with the same shortened IP address.</li>
<li><strong>Passkeys and single sign-on</strong>: for each passkey you add, the name you give it, its public key (the private
key never leaves your device) and when it was added and last used; if you sign in through a single sign-on provider, the
linked identity: that provider's address (its issuer), your id there (the subject) and the email address it confirmed.</li>
${signInSecurityItems()}
<li><strong>API tokens</strong> you create: their name, scopes, the first characters of each, when it was made, last used
(to the minute) and expires; the token itself is kept only as a one-way hash. Revoking a token deletes it.</li>
<li><strong>Your choices</strong>: each consent you give or withdraw, with the policy version and time.</li>
<li><strong>Cookies</strong>: only the essential sign-in and security (CSRF) cookies, until you accept analytics in the cookie banner;
then one more cookie records that choice. You can change it at any time from the link in the footer.</li>
<li><strong>Usage analytics</strong>, only if you accept the analytics cookie: daily totals per feature, engine, style and size,
with no user identifier. Distinct visitors are counted with a one-way code made from a random value that changes
every day and is deleted when the day is over (always within 48 hours), so a day's count can never be linked to you.</li>
${paymentItem(f)}
${moderationItem(f)}
${REPORTS_ITEM}
${supportItem(f)}
</ul>

<h2>How we use it</h2>
<ul>
<li>To deliver the features you ask for, keep your history and gallery, and troubleshoot them.</li>
<li>To keep your account and the service secure and to enforce acceptable use.</li>
<li>To improve usability from aggregate, non-identifying daily totals.</li>
</ul>
${trainingSection(f)}

<h2>Model providers</h2>
${providersSection(f)}

<h2>Storage and security</h2>
<p>Every image, and every export of your data, is encrypted at rest with a key of its own owner, which is itself encrypted
with the server's master key. Your account details, prompts and settings are kept in the server's database. Every
request is checked against the signed-in account, so nobody else can read your files or your history. How your connection is
protected in transit (HTTPS) depends on how this server is deployed. No system is perfect, and we cannot guarantee
absolute security.</p>

<h2>Sharing</h2>
<p>We do not sell, rent, trade or share your personal data or images with third parties, except the model providers you
pick (above), or where the law requires it, to comply with legal process, or to protect the safety, rights or property
of people using the service.</p>

<h2>How long we keep it</h2>
<ul>
<li>Your images and prompts stay until you delete them. Deleted images stay in your trash for ${days(f.trashRetentionDays)},
where you can restore them; then the file, its derivatives and thumbnails are erased.</li>
<li>Sign-in and operational log entries are deleted after ${days(f.logRetentionDays)}; so are sent emails. The server's
request logs never contain passwords, session tokens, prompts or email addresses.</li>
<li>A signed-in session ends after ${days(f.sessionTtlDays)} without use and is then deleted.</li>
<li>A data export file is deleted ${days(f.exportRetentionDays)} after it was made.</li>
<li>Daily usage totals (no identifier) are kept for ${days(f.analyticsRetentionDays)}.</li>
<li>Backups are kept for ${days(f.backupKeepDays)} and then deleted.</li>
${billingRetention(f)}
${f.moderation ? '<li>The count of your refused prompts stays while your account exists, is in your data export, and is erased with the account.</li>' : ''}
${reportsRetention(f)}
${supportRetention(f)}
</ul>

<h2>Your rights and choices</h2>
<ul>
<li><strong>Access and correct</strong>: see and change your name and email address in your account settings (changing the email
needs your password, and a notice goes to the old address).</li>
<li><strong>Export</strong>: download all your data (account, choices and the policy versions you acknowledged, sessions,
sign-in and security events, what administrators did to your account, passkeys and linked sign-ins, API tokens and
webhooks, credits, every generation with its prompt and parameters, saved prompts, albums, share links, messages to
support, every email written to you, and every image you uploaded or made, those in the trash included, with its
details) as one zip file, once every 24 hours.</li>
<li><strong>Delete</strong>: delete single images (through the trash), or your whole account. Deleting the account signs you out
everywhere at once; after ${days(f.deletionGraceDays)} (during which signing in again cancels it) every record and file of
yours is erased, your encryption key is destroyed and you are erased from this server's backups. Restoring an older
backup re-applies every deletion made since, so a deleted account never comes back, and backups are deleted after
${days(f.backupKeepDays)}. What deletion leaves is a tombstone: your account's id and the date it was deleted, nothing
else, kept so that a restored backup erases you again. Copies of backups that the operator moves out of this server's
backup folder are out of its reach and are not erased.</li>
<li><strong>Emails</strong>: product news and tips are sent only if you choose to receive them, and each one has a one-click
unsubscribe link. Essential notices about security, your account and changes to this policy are always sent.</li>
<li><strong>Cookies</strong>: accept or decline analytics in the banner; change your mind from the footer at any time.</li>
</ul>

<h2>Where your data is processed</h2>
<p>Your data is stored and processed where this server runs. The only transfers elsewhere are the requests to the model
providers you pick (above).</p>

<h2>Changes to this policy</h2>
<p>When this policy changes, the new version is posted on this page with its version number and effective date.
When a change is material, everyone who signed up before it is shown a notice to acknowledge when they sign in, and
gets one email about it.</p>

<h2>Contact</h2>
<p>For any question or request about your data, ${contact}.</p>`;
}

const PAGES: Record<Language, { title: (version: string) => string; body: (f: PrivacyFacts) => string }> = {
  en: { title: (v) => `Privacy policy (version ${v})`, body: privacyPageBodyEn },
  zh: { title: (v) => `隐私政策（版本 ${v}）`, body: privacyPageBodyZh },
};

/** Each language's page links the others, each named in its own language. */
const switcher = (current: Language) =>
  `<nav class="meta" aria-label="${current === 'zh' ? '语言' : 'Language'}">${(['en', 'zh'] as const)
    .filter((l) => l !== current)
    .map((l) => `<a href="/privacy?lang=${l}" hreflang="${l}" lang="${l}">${l === 'en' ? 'English' : '中文'}</a>`)
    .join(' ')}</nav>`;

/** The privacy policy, written from the live configuration so that every number in it is the one in force. */
export function renderPrivacyPage(f: PrivacyFacts, language: Language = 'en'): string {
  const page = PAGES[language];
  return htmlPage(page.title(f.version), switcher(language) + page.body(f), languageTag(language));
}
