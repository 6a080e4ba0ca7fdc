import { afterEach, describe, expect, it } from 'vitest';
import { flash, flashFromAddress } from './flash';

afterEach(() => {
  flash.dismiss();
  window.history.replaceState(null, '', '/');
});

describe('a notice named in the address', () => {
  it('is shown once and removed from the address', () => {
    window.history.replaceState(null, '', '/?deletionCanceled=1&x=2');
    flashFromAddress();
    expect(flash.get()).toBe('auth.deletionCanceled');
    expect(window.location.search).toBe('?x=2');
  });

  it('is nothing when the address names none', () => {
    window.history.replaceState(null, '', '/gallery');
    flashFromAddress();
    expect(flash.get()).toBeNull();
  });
});
