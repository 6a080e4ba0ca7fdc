import { useEffect, useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { ApiError } from '../../api/client';
import { isMfaRequired, recoveryApi } from '../../api/accounts';
import { isSignupPending, sessionApi } from '../../api/session';
import type { SessionResponse } from '../../api/types';
import { carryBannerConsent } from '../../app/carry-consent';
import { flash } from '../../app/flash';
import { useSession } from '../../app/session';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { AuthCard } from './AuthCard';
import { OtherSignIn } from './OtherSignIn';
import { MfaStep } from './MfaStep';
import './auth.css';

type Mode = 'login' | 'signup';
type Field = 'name' | 'email' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

const MIN_PASSWORD = 10;

/** Seconds left before another sign-in attempt is allowed, counting down once a second. */
function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return [left, setLeft];
}

/**
 * The server's sign-up policy: on a fresh server (no account yet) the screen offers to create the administrator
 * account instead of the login form; where sign-up is not open, it does not offer to create an account.
 */
function useSignupPolicy(): { firstRun: boolean; open: boolean } {
  const [policy, setPolicy] = useState({ firstRun: false, open: true });
  useEffect(() => {
    recoveryApi.config().then((c) => setPolicy({ firstRun: c.firstRun, open: c.signup === 'open' }), () => undefined);
  }, []);
  return policy;
}

/**
 * Sign in and sign up, one screen: errors beside the field the server names, a rate limit shows the wait, a
 * second factor asks for its code. On a fresh server (no account yet) it creates the administrator account.
 */
export default function AuthScreen() {
  const { t, locale } = useI18n();
  const id = useId();
  const { setUser } = useSession();
  const [location, navigate] = useLocation();
  const { firstRun, open } = useSignupPolicy();
  const mode: Mode = firstRun || location === '/signup' ? 'signup' : 'login';
  const invitation = new URLSearchParams(window.location.search).get('invitation') ?? undefined;
  const offerSignup = open || invitation !== undefined;
  // Single sign-on sends the browser back here (?mfa=1) when the account has two-step sign-in on.
  const [mfa, setMfa] = useState(() => new URLSearchParams(window.location.search).get('mfa') === '1');
  const [emailSent, setEmailSent] = useState(false);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useCountdown();

  useEffect(() => {
    setFieldErrors({});
    setFormError(null);
  }, [mode]);

  const validate = (): FieldErrors => {
    const errors: FieldErrors = {};
    if (mode === 'signup' && !name.trim()) errors.name = t('auth.nameRequired');
    if (!email.trim()) errors.email = t('auth.emailRequired');
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) errors.email = t('auth.emailInvalid');
    if (!password) errors.password = t('auth.passwordRequired');
    else if (mode === 'signup' && password.length < MIN_PASSWORD) errors.password = t('auth.passwordShort', { n: MIN_PASSWORD });
    return errors;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || wait > 0) return;
    const errors = validate();
    setFieldErrors(errors);
    setFormError(null);
    const firstInvalid = (['name', 'email', 'password'] as Field[]).find((f) => errors[f]);
    if (firstInvalid) {
      document.getElementById(`${id}-${firstInvalid}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      if (mode === 'signup') {
        const result = await sessionApi.signup({ name: name.trim(), email: email.trim(), password, invitation, language: locale });
        // Every address gets this answer on an open server; the account is made from the emailed link.
        if (isSignupPending(result)) setEmailSent(true);
        else signedIn(result);
      } else {
        const result = await sessionApi.login({ email: email.trim(), password });
        if (isMfaRequired(result)) setMfa(true);
        else signedIn(result);
      }
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RATE_LIMITED') {
        const seconds = err.retryAfterSeconds ?? (Number(err.details?.retryAfterSeconds) || 0);
        if (seconds > 0) setWait(seconds);
        else setFormError(errorText(t, err));
      } else if (err instanceof ApiError && typeof err.details?.field === 'string' && ['name', 'email', 'password'].includes(err.details.field)) {
        const field = err.details.field as Field;
        setFieldErrors({ [field]: err.message || errorText(t, err) });
        document.getElementById(`${id}-${field}`)?.focus();
      } else {
        setFormError(errorText(t, err));
      }
    } finally {
      setBusy(false);
    }
  };

  function signedIn(result: SessionResponse) {
    if (result.deletionCanceled) flash.show('auth.deletionCanceled');
    // A report opened from a share page waits behind the sign-in: the person lands back on it.
    if (location !== '/' && location !== '/report') navigate('/');
    setUser(result.user);
    // Best effort: the cookie already governs analytics; the account record catches up on the next change.
    void carryBannerConsent().catch(() => undefined);
  }

  if (mfa) return <MfaStep onSignedIn={signedIn} onRestart={() => setMfa(false)} />;
  if (emailSent) {
    return (
      <AuthCard title="auth.checkEmailTitle">
        <p className="alert info" role="status">{t('auth.checkEmail', { email: email.trim() })}</p>
      </AuthCard>
    );
  }

  const fieldProps = (field: Field) => ({
    id: `${id}-${field}`,
    'aria-invalid': fieldErrors[field] ? true : undefined,
    'aria-describedby': fieldErrors[field] ? `${id}-${field}-error` : undefined,
  });
  const fieldError = (field: Field) =>
    fieldErrors[field] ? <span className="field-error" id={`${id}-${field}-error`}>{fieldErrors[field]}</span> : null;

  const title: MessageKey = firstRun ? 'auth.firstRunTitle' : mode === 'signup' ? 'auth.signupTitle' : 'auth.loginTitle';
  const intro: MessageKey = firstRun ? 'auth.firstRunIntro' : mode === 'signup' ? 'auth.signupIntro' : 'auth.loginIntro';
  return (
    <div className="auth-screen">
      <section className="auth-card card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t(title)}</h1>
        <p className="muted">{t(intro)}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          {mode === 'signup' && (
            <div className="field">
              <label htmlFor={`${id}-name`}>{t('auth.name')}</label>
              <input {...fieldProps('name')} autoComplete="name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
              {fieldError('name')}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-email`}>{t('auth.email')}</label>
            <input {...fieldProps('email')} type="email" autoComplete="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} />
            {fieldError('email')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('auth.password')}</label>
            <input
              {...fieldProps('password')} type="password" value={password} maxLength={1024}
              autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
              onChange={(e) => setPassword(e.target.value)}
            />
            {mode === 'signup' && !fieldErrors.password && <span className="field-hint">{t('auth.passwordHint', { n: MIN_PASSWORD })}</span>}
            {fieldError('password')}
            {mode === 'login' && (
              <a className="auth-forgot" href="/forgot" onClick={(e) => { e.preventDefault(); navigate('/forgot'); }}>{t('auth.forgot')}</a>
            )}
          </div>
          <div aria-live="polite">
            {formError && <p className="alert error" role="alert">{formError}</p>}
            {wait > 0 && <p className="alert error" role="alert">{t('auth.rateLimited', { seconds: wait })}</p>}
          </div>
          <button type="submit" className="button primary auth-submit" disabled={busy || wait > 0}>
            {busy ? t('auth.working') : t(mode === 'signup' ? 'auth.signupButton' : 'auth.loginButton')}
          </button>
        </form>
        {mode === 'login' && !firstRun && <OtherSignIn onSignedIn={signedIn} />}
        {!firstRun && (mode === 'signup' || offerSignup) && <p className="auth-switch">
          {t(mode === 'signup' ? 'auth.haveAccount' : 'auth.noAccount')}{' '}
          <a
            href={mode === 'signup' ? '/login' : '/signup'}
            onClick={(e) => {
              e.preventDefault();
              navigate(mode === 'signup' ? '/login' : '/signup');
            }}
          >
            {t(mode === 'signup' ? 'auth.toLogin' : 'auth.toSignup')}
          </a>
        </p>}
      </section>
    </div>
  );
}
