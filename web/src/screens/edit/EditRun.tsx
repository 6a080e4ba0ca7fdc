import { Link } from 'wouter';
import type { Generation } from '../../api/types';
import { assetUrls } from '../../api/generations';
import { ImageActions } from '../../components/ImageActions';
import { BeforeAfter } from '../../components/viewer/CompareImages';
import { useT } from '../../i18n/i18n';
import { isFinished } from '../create/generation-progress';
import { useGenerationStream } from '../create/use-generation-stream';

/** Follows one edit live: progress while it runs, then the new image with a link to it (or the reason it failed). */
export function EditRun({ generation }: { generation: Generation }) {
  const t = useT();
  const live = useGenerationStream(generation);
  const result = live.tiles[0]?.asset;
  const failed = isFinished(live.status) && !result;
  return (
    <section className="card edit-run" aria-live="polite" aria-labelledby="edit-run-title">
      <h2 id="edit-run-title">{t('edit.result')}</h2>
      {!isFinished(live.status) && (
        <>
          <p role="status">{t('edit.running')}</p>
          <progress max={1} value={live.progress} aria-label={t('edit.running')} />
          {live.preview && <img className="edit-preview" src={live.preview} alt={t('edit.livePreview')} data-testid="live-preview" />}
        </>
      )}
      {failed && (
        <p className="alert error" role="alert">
          {t('edit.failed')} {live.tiles[0]?.error?.message ?? live.error?.message ?? ''}
        </p>
      )}
      {result && (
        <div className="edit-result">
          {generation.parentAssetId ? (
            <BeforeAfter
              before={{ src: assetUrls(generation.parentAssetId).content, alt: t('viewer.sourceAlt') }}
              after={{ src: result.urls.content, alt: t('edit.resultAlt'), width: result.width, height: result.height }}
            />
          ) : (
            <img src={result.urls.thumbnail} alt={t('edit.resultAlt')} width={result.width} height={result.height} />
          )}
          <div>
            <p className="alert success" role="status">{t('edit.done')}</p>
            <p>
              <Link href={`/edit/${encodeURIComponent(result.id)}`} className="button">{t('edit.openResult')}</Link>
            </p>
            <ImageActions image={{ ...result, generationId: generation.id, kind: 'edited', prompt: generation.prompt }} generation={live.generation} hide={['edit']} />
          </div>
        </div>
      )}
    </section>
  );
}
