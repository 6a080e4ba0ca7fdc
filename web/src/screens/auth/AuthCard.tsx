import { useId, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import './auth.css';

/** The card the sign-in screens share: a title, an intro, the content, and the way back to the login. */
export function AuthCard({ title, intro, children }: { title: MessageKey; intro?: MessageKey; children: ReactNode }) {
  const t = useT();
  const id = useId();
  const [, navigate] = useLocation();
  return (
    <div className="auth-screen">
      <section className="auth-card card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`}>{t(title)}</h1>
        {intro && <p className="muted">{t(intro)}</p>}
        {children}
        <p className="auth-switch">
          <a href="/login" onClick={(e) => { e.preventDefault(); navigate('/login'); }}>{t('auth.backToLogin')}</a>
        </p>
      </section>
    </div>
  );
}

/** The `token` of a link the person opened from an email. */
export const linkToken = (): string => new URLSearchParams(window.location.search).get('token') ?? '';
