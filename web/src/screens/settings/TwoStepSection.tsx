import { useEffect, useId, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import { mfaApi, type Enrolment } from '../../api/accounts';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { isMissingEndpoint, useAction } from './use-action';

type Step = { kind: 'off' } | { kind: 'enrolling'; enrolment: Enrolment; qr: string } | { kind: 'codes'; codes: string[] } | { kind: 'on' };

/** Two-step sign-in with an authenticator app (TOTP): set up with a QR code, recovery codes shown once, off with password and code. */
export function TwoStepSection() {
  const t = useT();
  const id = useId();
  const [step, setStep] = useState<Step | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  useEffect(() => {
    mfaApi.status().then((s) => setStep({ kind: s.totp ? 'on' : 'off' }), action.setError);
  }, [action.setError]);

  const start = () => action.run(async () => {
    const enrolment = await mfaApi.enrol();
    // Rendered here, in the browser: the secret never goes to a third party.
    setStep({ kind: 'enrolling', enrolment, qr: await QRCode.toDataURL(enrolment.otpauthUrl, { margin: 1, width: 200 }) });
  });

  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const { recoveryCodes } = await mfaApi.confirm(code.trim());
      setCode('');
      setStep({ kind: 'codes', codes: recoveryCodes });
    });
  };

  const disable = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await mfaApi.disable(password, code.trim());
      setPassword('');
      setCode('');
      setStep({ kind: 'off' });
    });
  };

  const codeField = (
    <div className="field">
      <label htmlFor={`${id}-code`}>{t('settings.mfaCode')}</label>
      <input id={`${id}-code`} autoComplete="one-time-code" value={code} maxLength={40} onChange={(e) => setCode(e.target.value)} />
    </div>
  );
  const error = action.error !== null && !isMissingEndpoint(action.error) && <p className="alert error" role="alert">{errorText(t, action.error)}</p>;

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.mfa')}</h2>
      {isMissingEndpoint(action.error) && <p className="alert info">{t('privacy.notAvailable')}</p>}
      {step?.kind === 'off' && (
        <>
          <p className="muted">{t('settings.mfaOff')}</p>
          <button type="button" className="button primary" disabled={action.busy} onClick={() => void start()}>{t('settings.mfaSetUp')}</button>
        </>
      )}
      {step?.kind === 'enrolling' && (
        <form onSubmit={confirm} noValidate>
          <p>{t('settings.mfaScan')}</p>
          <img className="mfa-qr" src={step.qr} width={200} height={200} alt={t('settings.mfaQrAlt')} />
          <p className="muted">{t('settings.mfaSecret')} <code>{step.enrolment.secret}</code></p>
          {codeField}
          <button type="submit" className="button primary" disabled={action.busy || !code.trim()}>{t('settings.mfaConfirm')}</button>
        </form>
      )}
      {step?.kind === 'codes' && (
        <>
          <p className="alert success" role="status">{t('settings.mfaOn')}</p>
          <p>{t('settings.mfaCodesIntro')}</p>
          <ul className="mfa-codes">{step.codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
          <button type="button" className="button" onClick={() => setStep({ kind: 'on' })}>{t('settings.mfaCodesSaved')}</button>
        </>
      )}
      {step?.kind === 'on' && (
        <form onSubmit={disable} noValidate>
          <p className="muted">{t('settings.mfaIsOn')}</p>
          <div className="field">
            <label htmlFor={`${id}-password`}>{t('settings.currentPassword')}</label>
            <input id={`${id}-password`} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          {codeField}
          <button type="submit" className="button danger" disabled={action.busy || !password || !code.trim()}>{t('settings.mfaTurnOff')}</button>
        </form>
      )}
      <div aria-live="polite">{error}</div>
    </section>
  );
}
