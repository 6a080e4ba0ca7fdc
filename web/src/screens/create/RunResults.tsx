import { generationsApi } from '../../api/generations';
import type { Generation } from '../../api/types';
import { ImageActions } from '../../components/ImageActions';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { useMemo, useState } from 'react';
import { ShareButton } from '../../components/share/ShareButton';
import { useListViewer } from '../../components/viewer/image-list';
import { countByStatus, isFinished, outputImage, setImages, type ProgressState, type Tile } from './generation-progress';
import { useGenerationStream } from './use-generation-stream';

interface RunProps {
  generation: Generation;
  onRerun(generation: Generation): void;
}

/** One generation followed live: fixed-size tiles that fill in as each image is stored, and a cancel button. */
export function RunResults({ generation, onRerun }: RunProps) {
  const state = useGenerationStream(generation);
  return <RunView state={state} onRerun={onRerun} />;
}

export function RunView({ state, onRerun }: { state: ProgressState; onRerun(generation: Generation): void }) {
  const t = useT();
  const [cancelError, setCancelError] = useState<unknown>(null);
  const [canceling, setCanceling] = useState(false);
  const { generation, status, tiles } = state;
  const counts = countByStatus(tiles);
  const finished = isFinished(status);
  const ratio = `${generation.params.width} / ${generation.params.height}`;
  // The engine's live preview is of the image it works on: the first one still to come.
  const firstPending = finished ? -1 : tiles.find((tile) => tile.status === 'pending')?.index;
  const images = useMemo(() => setImages(generation, tiles), [generation, tiles]);
  const viewer = useListViewer({ items: images });

  const cancel = async () => {
    setCanceling(true);
    setCancelError(null);
    try {
      await generationsApi.cancel(generation.id);
    } catch (err) {
      setCancelError(err);
    } finally {
      setCanceling(false);
    }
  };

  return (
    <article id={`run-${generation.id}`} className="run card" aria-label={t('create.runLabel', { prompt: generation.prompt })} data-status={status}>
      <header className="run-header">
        <p className="run-prompt">{generation.prompt}</p>
        <p className="run-status muted" role="status">
          {t(`create.status.${status}`)}
          {' · '}
          {t('create.readyCount', { done: counts.done, total: tiles.length })}
          {counts.failed > 0 && ` · ${t('create.failedCount', { n: counts.failed })}`}
        </p>
        {!finished && (
          <button type="button" className="button" onClick={() => void cancel()} disabled={canceling}>
            {t('create.cancel')}
          </button>
        )}
        {counts.done > 0 && <ShareButton target={{ generationId: generation.id }} />}
      </header>
      {!finished && (
        <progress className="run-progress" max={100} value={Math.round(state.progress * 100)} aria-label={t('create.progress')} />
      )}
      {cancelError !== null && <p className="alert error" role="alert">{errorText(t, cancelError)}</p>}
      {status === 'failed' && state.error && counts.done === 0 && (
        <p className="alert error" role="alert">{t('create.runFailed', { reason: state.error.message || errorText(t, null) })}</p>
      )}
      {viewer.provide(
        <ol className="result-grid" data-count={tiles.length}>
          {tiles.map((tile) => (
            <ResultTile key={tile.index} tile={tile} ratio={ratio} total={tiles.length} generation={generation} onRerun={onRerun}
              preview={tile.index === firstPending ? state.preview : undefined} />
          ))}
        </ol>,
      )}
      {viewer.view}
    </article>
  );
}

function ResultTile({ tile, ratio, total, generation, onRerun, preview }: {
  tile: Tile; ratio: string; total: number; generation: Generation; onRerun(g: Generation): void; preview?: string;
}) {
  const t = useT();
  const label = t('create.imageN', { n: tile.index + 1, total });
  return (
    <li className={`result-item ${tile.status}`} data-testid="result-tile" data-state={tile.status}>
      <div className="tile" style={{ ['--ratio' as string]: ratio }}>
        {tile.status === 'done' && tile.asset && (
          <img src={tile.asset.urls.thumbnail} alt={t('create.resultAlt', { n: tile.index + 1, prompt: generation.prompt })} width={tile.asset.width} height={tile.asset.height} />
        )}
        {tile.status === 'pending' && preview && (
          <img className="tile-preview" src={preview} alt={t('create.livePreview', { n: tile.index + 1 })} data-testid="live-preview" />
        )}
        {tile.status === 'pending' && (
          <div className="tile-placeholder" aria-hidden="true">
            <span className="spinner" />
          </div>
        )}
        {tile.status === 'failed' && (
          <div className="tile-message error">
            <strong>{t('create.imageFailed')}</strong>
            <span>{tile.error?.message || t('error.generic')}</span>
          </div>
        )}
        {tile.status === 'canceled' && <div className="tile-message muted">{t('create.imageCanceled')}</div>}
      </div>
      <div className="result-footer">
        <span className="muted">{label}</span>
        {tile.status === 'done' && tile.asset && (
          <ImageActions
            image={outputImage(generation, tile.asset)}
            generation={generation}
            onRerun={onRerun}
            menuUp
          />
        )}
      </div>
    </li>
  );
}
