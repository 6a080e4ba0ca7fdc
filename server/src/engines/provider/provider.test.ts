import { describe, expect, it } from 'vitest';
import { isAllowedUrl } from './download.js';
import { redact } from './errors.js';
import { backoffDelay, delayBefore, parseRetryAfter } from './retry.js';
import { OutputSlots } from './slots.js';

const settings = { retries: 4, baseDelayMs: 1000, maxDelayMs: 8000 };

describe('retry timing', () => {
  it('backs off exponentially with equal jitter, capped at the longest wait', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, settings, () => 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, settings, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('reads Retry-After as seconds or as an HTTP date, and prefers it to its own backoff', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(delayBefore(0, settings, 7000, () => 0)).toBe(7000);
    expect(delayBefore(0, settings, undefined, () => 0)).toBe(500);
  });
});

describe('image downloads', () => {
  const policy = { baseUrl: 'https://ark.ap-southeast.bytepluses.com', hosts: ['volces.com'] };

  it('follow only the provider\'s hosts over https', () => {
    expect(isAllowedUrl('https://ark-content.tos-ap-southeast-1.volces.com/a.jpeg?sig=1', policy)).toBe(true);
    expect(isAllowedUrl('https://ark.ap-southeast.bytepluses.com/files/a.jpeg', policy)).toBe(true);
    expect(isAllowedUrl('https://evilvolces.com/a.jpeg', policy)).toBe(false);
    expect(isAllowedUrl('http://ark-content.volces.com/a.jpeg', policy)).toBe(false);
    expect(isAllowedUrl('https://169.254.169.254/latest/meta-data', policy)).toBe(false);
    expect(isAllowedUrl('https://user:pw@x.volces.com/a', policy)).toBe(false);
    expect(isAllowedUrl('file:///etc/passwd', policy)).toBe(false);
  });

  it('allow plain http only for exactly the configured base URL\'s origin (a local service)', () => {
    const local = { baseUrl: 'http://127.0.0.1:9000/v1', hosts: [] };
    expect(isAllowedUrl('http://127.0.0.1:9000/files/x', local)).toBe(true);
    expect(isAllowedUrl('http://127.0.0.1:9001/files/x', local)).toBe(false);
  });
});

describe('provider text', () => {
  it('loses the configured key and anything shaped like a key before it is stored', () => {
    const text = redact('Incorrect API key provided: sk-proj-****abcd; ours was my-secret-key-123 (see docs)', ['my-secret-key-123']);
    expect(text).toBe('Incorrect API key provided: [redacted]; ours was [redacted] (see docs)');
  });
});

describe('output slots', () => {
  it('map each answer\'s images onto the outputs still owed', () => {
    const slots = new OutputSlots(5, new Set([0, 3]));
    const first = slots.forRequest();
    expect([0, 1, 2, 3].map(first)).toEqual([1, 2, 4, undefined]);
    slots.settle(1);
    expect(slots.remaining()).toEqual([2, 4]);
    expect(slots.forRequest()(0)).toBe(2);
  });
});
