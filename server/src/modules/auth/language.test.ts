import { describe, expect, it } from 'vitest';
import { appForFile, cookieHeader } from '../../test-support/harness.js';
import { mailsTo } from './test-mail.js';
import { waitForGeneration } from '../../test-support/harness.js';
import { signupLinkToken } from '../../test-support/signup.js';

const { t } = appForFile();
const zhBrowser = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };

/** Signs up as the studio does: the first account at once, any other through the link the sign-up emailed. */
async function signUp(email: string, extra: { headers?: Record<string, string>; language?: string } = {}) {
  const password = 'correct horse battery';
  let res = await t.app.inject({
    method: 'POST', url: '/api/v1/auth/signup', headers: extra.headers,
    payload: { email, password, name: '小明', ...(extra.language ? { language: extra.language } : {}) },
  });
  const pendingMessage = res.statusCode === 202 ? (res.json() as { message: string }).message : undefined;
  if (res.statusCode === 202) {
    const token = await signupLinkToken(t.services, email);
    res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token, password } });
  }
  expect(res.statusCode).toBe(201);
  const body = res.json() as { user: { language: string }; csrfToken: string };
  const cookie = cookieHeader(res);
  return { language: body.user.language, pendingMessage, cookie, headers: { cookie, 'x-csrf-token': body.csrfToken } };
}

describe('the language kept on the account', () => {
  it('is the one the studio signs up in, else the browser\'s, and /me returns it', async () => {
    expect((await signUp('lang-first@example.test')).language).toBe('en'); // the first account (administrator)
    const fromHeader = await signUp('lang-header@example.test', { headers: zhBrowser });
    expect(fromHeader.language).toBe('zh'); // kept with the waiting sign-up, given to the account its link makes
    expect(fromHeader.pendingMessage).toMatch(/^请查收邮件/);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: fromHeader.cookie } })).json().language).toBe('zh');
    expect((await signUp('lang-body@example.test', { headers: zhBrowser, language: 'en' })).language).toBe('en');
  });

  it('is changed by PATCH /me, only to a language Atelier speaks', async () => {
    const person = await signUp('lang-patch@example.test');
    const set = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: person.headers, payload: { language: 'zh' } });
    expect(set.json().language).toBe('zh');
    const refused = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: person.headers, payload: { language: 'fr' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.json().error.message).toMatch(/^body\.language /);
    expect(refused.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('error messages in the request\'s language', () => {
  it('answers a signed-in person in the account\'s language, whatever the browser asks', async () => {
    const person = await signUp('lang-errors@example.test', { language: 'zh' });
    const missing = await t.app.inject({ url: '/api/v1/albums/01ARZ3NDEKTSV4RRFFQ69G5FAV', headers: { cookie: person.cookie, 'accept-language': 'en' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'NOT_FOUND', message: '未找到相册。' });
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: person.headers, payload: { language: 'en' } });
    const english = await t.app.inject({ url: '/api/v1/albums/01ARZ3NDEKTSV4RRFFQ69G5FAV', headers: { cookie: person.cookie, ...zhBrowser } });
    expect(english.json().error.message).toBe('Album not found');
  });

  it('answers anyone else in the language of Accept-Language', async () => {
    const payload = { email: 'nobody-here@example.test', password: 'not the password' };
    const zh = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: zhBrowser, payload });
    expect(zh.json().error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: '邮箱或密码不正确。' });
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
    expect(en.json().error.message).toBe('The email or password is not right.');
    const noRoute = await t.app.inject({ url: '/api/v1/no-such-thing', headers: zhBrowser });
    expect(noRoute.json().error.message).toBe('没有 GET /api/v1/no-such-thing 这个接口。');
  });
});

describe('a generation\'s failures in the reader\'s language', () => {
  it('says an output whose image was deleted for good in Chinese to a zh account', async () => {
    const person = await signUp('lang-history@example.test', { language: 'zh' });
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/generations', headers: person.headers, payload: { prompt: 'a quiet harbour', count: 1, size: '1K' } });
    expect(started.statusCode).toBe(202);
    const done = await waitForGeneration(t.app, { cookie: person.cookie } as never, started.json().id);
    const assetId = done.outputs[0].asset.id as string;
    await t.app.inject({ method: 'DELETE', url: `/api/v1/assets/${assetId}`, headers: person.headers });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/assets/${assetId}/purge`, headers: person.headers })).statusCode).toBe(204);
    const zh = await t.app.inject({ url: `/api/v1/generations/${done.id}`, headers: { cookie: person.cookie } });
    expect(zh.json().outputs[0].error).toEqual({ code: 'ASSET_DELETED', message: '此图片已被永久删除。' });
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: person.headers, payload: { language: 'en' } });
    const history = await t.app.inject({ url: '/api/v1/generations', headers: { cookie: person.cookie } });
    expect(history.json().items[0].outputs[0].error.message).toBe('This image was deleted for good.');
  });
});

describe('emails in the account\'s language', () => {
  it('writes the sign-up link and the security notices in Chinese for a zh account', async () => {
    const email = 'lang-mail@example.test';
    const person = await signUp(email, { language: 'zh' });
    const [link] = await mailsTo(t, email, 'account.signup_link');
    expect(link?.subject).toBe('完成创建你的 Atelier 账户');
    expect(link?.text).toMatch(/^小明，你好：/);
    expect(link?.text).toContain('/signup/confirm?token=');
    const changed = await t.app.inject({
      method: 'POST', url: '/api/v1/me/password', headers: person.headers,
      payload: { currentPassword: 'correct horse battery', newPassword: 'an even longer password' },
    });
    expect(changed.statusCode).toBe(200);
    const [notice] = await mailsTo(t, email, 'security.password_changed');
    expect(notice?.subject).toBe('你的 Atelier 账户密码已更改');
    expect(notice?.text).toMatch(/^小明，你好：/);
    expect(notice?.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 .* UTC/);
  });

  it('writes them in English for an English account', async () => {
    const email = 'lang-mail-en@example.test';
    await signUp(email, { headers: zhBrowser, language: 'en' });
    const [link] = await mailsTo(t, email, 'account.signup_link');
    expect(link?.subject).toBe('Finish creating your Atelier account');
  });
});

describe('pages outside the studio in Chinese', () => {
  it('answers a broken unsubscribe link in the browser\'s language', async () => {
    const page = await t.app.inject({ url: '/unsubscribe?token=broken', headers: zhBrowser });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('<html lang="zh-CN">');
    expect(page.body).toContain('<h1>此链接无效</h1>');
    expect(page.body).toContain('此退订链接无效');
  });

  it('is served at ?lang=zh and to a browser asking for Chinese, and links the other language', async () => {
    const asked = (await t.app.inject('/privacy?lang=zh')).body;
    expect(asked).toContain('<html lang="zh-CN">');
    expect(asked).toContain('<h1>隐私政策</h1>');
    expect(asked).toContain('href="/privacy?lang=en"');
    expect((await t.app.inject({ url: '/privacy', headers: zhBrowser })).body).toContain('<h1>隐私政策</h1>');
    const english = (await t.app.inject({ url: '/privacy?lang=en', headers: zhBrowser })).body;
    expect(english).toContain('<h1>Privacy policy</h1>');
    expect(english).toContain('href="/privacy?lang=zh"');
  });
});
