import { useId, useState, type DragEvent } from 'react';
import type { Asset } from '../../api/types';
import { useT } from '../../i18n/i18n';
import type { ReferenceImage } from './form-state';
import { GalleryPickerDialog } from './GalleryPickerDialog';
import { UploadQueueList } from './UploadQueueList';
import type { UploadItem } from './upload-queue';

interface ReferencesFieldProps {
  references: ReferenceImage[];
  max: number;
  uploads: UploadItem[];
  uploading: number;
  disabled?: boolean;
  onFiles(files: File[]): void;
  onDismissUpload(key: string): void;
  onAdd(refs: ReferenceImage[]): void;
  onRemove(id: string): void;
}

export const referenceFromAsset = (a: Pick<Asset, 'id' | 'urls'> & { fileName?: string; checking?: boolean }): ReferenceImage => ({
  id: a.id,
  thumbnail: a.urls.thumbnail,
  ...(a.fileName ? { name: a.fileName } : {}),
  ...(a.checking ? { checking: true } : {}),
});

/** Reference images: drop, paste (handled by the screen), pick a file or choose from the gallery. */
export function ReferencesField(props: ReferencesFieldProps) {
  const { references, max, uploads, uploading, disabled, onFiles, onDismissUpload, onAdd, onRemove } = props;
  const t = useT();
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const [picking, setPicking] = useState(false);
  const remaining = Math.max(0, max - references.length - uploading);
  const full = remaining === 0;

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (disabled) return;
    const files = [...e.dataTransfer.files];
    if (files.length) onFiles(files);
  };

  return (
    <section className="references" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        {t('create.references')} <span className="muted">{t('create.referencesCount', { n: references.length, max })}</span>
      </h2>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}${full ? ' full' : ''}`}
        data-testid="reference-dropzone"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = full ? 'none' : 'copy';
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        {references.length > 0 && (
          <ul className="reference-list" aria-label={t('create.referencesChosen')}>
            {references.map((ref, i) => (
              <li key={ref.id} className="reference-thumb">
                <img src={ref.thumbnail} alt={t('create.referenceN', { n: i + 1 })} width={72} height={72} />
                {ref.checking && <span className="tile-checking" role="status" title={t('image.checkingHint')}>{t('image.checking')}</span>}
                <button type="button" className="reference-remove" onClick={() => onRemove(ref.id)} aria-label={t('create.referenceRemove', { n: i + 1 })} disabled={disabled}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="dropzone-hint muted">{full ? t('create.referencesFull', { max }) : t('create.dropHint')}</p>
        <div className="row">
          <input
            id={`${id}-file`} type="file" accept="image/*" multiple className="visually-hidden" disabled={disabled || full}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              if (files.length) onFiles(files);
            }}
          />
          <label htmlFor={`${id}-file`} className={`button${disabled || full ? ' disabled' : ''}`} aria-disabled={disabled || full || undefined}>
            {t('create.chooseFiles')}
          </label>
          <button type="button" className="button" onClick={() => setPicking(true)} disabled={disabled || full}>
            {t('create.fromGallery')}
          </button>
        </div>
      </div>
      <UploadQueueList items={uploads} onDismiss={onDismissUpload} max={max} />
      {picking && (
        <GalleryPickerDialog
          remaining={remaining}
          alreadyChosen={new Set(references.map((r) => r.id))}
          onClose={() => setPicking(false)}
          onPick={(assets) => {
            setPicking(false);
            onAdd(assets.map(referenceFromAsset));
          }}
        />
      )}
    </section>
  );
}
