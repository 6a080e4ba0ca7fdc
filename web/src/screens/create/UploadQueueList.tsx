import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { uploadPercent, type UploadItem } from './upload-queue';

/** One row per file being uploaded: its progress, or why it failed with a button to dismiss the row. */
export function UploadQueueList({ items, onDismiss, max }: { items: UploadItem[]; onDismiss(key: string): void; max: number }) {
  const t = useT();
  if (!items.length) return null;
  return (
    <ul className="upload-queue" aria-label={t('create.uploads')}>
      {items.map((item) => (
        <li key={item.key} className={`upload-item ${item.status}`}>
          <span className="upload-name">{item.name}</span>
          {item.status === 'uploading' ? (
            <>
              <progress max={100} value={uploadPercent(item)} aria-label={t('create.uploadProgress', { name: item.name })} />
              <span className="upload-percent" aria-hidden="true">{uploadPercent(item)}%</span>
            </>
          ) : (
            <>
              <span className="field-error" role="alert">
                {item.rejection === 'not_image'
                  ? t('create.uploadNotImage')
                  : item.rejection === 'over_limit'
                    ? t('create.uploadOverLimit', { max })
                    : errorText(t, item.error)}
              </span>
              <button type="button" className="button ghost icon-button" onClick={() => onDismiss(item.key)} aria-label={t('create.uploadDismiss', { name: item.name })}>
                <span aria-hidden="true">×</span>
              </button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
