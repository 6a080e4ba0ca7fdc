import { supportApi } from '../../api/support';
import { useI18n } from '../../i18n/i18n';
import { AdminSection } from './AdminSection';
import '../../components/support/support.css';

const loadSupport = () => supportApi.adminList();

/** The support messages people sent (newest first), with who to answer. */
export function SupportMessagesSection() {
  const { t, locale } = useI18n();
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'zh' ? 'zh-CN' : 'en');
  return (
    <AdminSection title="support.adminTitle" load={loadSupport}>
      {(messages) =>
        messages.length === 0 ? (
          <p className="muted">{t('support.adminEmpty')}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('support.adminTitle')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.when')}</th><th scope="col">{t('support.from')}</th>
                  <th scope="col">{t('admin.subject')}</th><th scope="col">{t('support.message')}</th><th scope="col">{t('support.image.short')}</th>
                </tr>
              </thead>
              <tbody>
                {messages.map((m) => (
                  <tr key={m.id}>
                    <td>{when(m.createdAt)}</td>
                    <td><a href={`mailto:${m.replyTo}?subject=${encodeURIComponent(`Re: ${m.subject}`)}`}>{m.replyTo}</a></td>
                    <td>{m.subject}</td>
                    <td className="details support-message">{m.message}</td>
                    <td>{m.assetId ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </AdminSection>
  );
}
