import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { generationsApi } from '../../api/generations';
import { workflowsApi } from '../../api/workflows';
import type { Generation } from '../../api/types';
import { ImageActions } from '../../components/ImageActions';
import { ShareButton } from '../../components/share/ShareButton';
import { ImageTile } from '../../components/ImageTile';
import { errorText } from '../../i18n/error-text';
import { useI18n } from '../../i18n/i18n';
import { styleName } from '../../i18n/style-name';
import { createDraft } from '../../state/create-draft';
import { isFinished, outputImage, setImages } from '../create/generation-progress';
import { useListViewer } from '../../components/viewer/image-list';
import { useGenerationStream } from '../create/use-generation-stream';
import { statusKey } from './HistoryFilters';

interface HistoryCardProps {
  generation: Generation;
  onRerun(started: Generation): void;
}

const seconds = (from: string | null, to: string | null) =>
  from && to ? ((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1) : null;

/** One generation or edit: prompt, status (live while it runs), parameters, timing and its images in order. */
export function HistoryCard({ generation: initial, onRerun }: HistoryCardProps) {
  const { t, locale } = useI18n();
  const [, navigate] = useLocation();
  const live = useGenerationStream(initial);
  const g = live.generation.status === live.status ? live.generation : { ...live.generation, status: live.status };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }), [locale]);
  const finished = isFinished(live.status);
  const took = seconds(g.startedAt, g.finishedAt);
  const waited = seconds(g.createdAt, g.startedAt);
  const count = live.tiles.length;
  const images = useMemo(() => setImages(g, live.tiles), [g, live.tiles]);
  const viewer = useListViewer({ items: images });

  async function act(task: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  }

  const p = g.params;
  return (
    <article className="card history-card" aria-labelledby={`h-${g.id}`}>
      <header className="history-head">
        <span className={`badge mode-${g.mode}`}>{t(g.mode === 'edit' ? 'history.edit' : 'history.generation')}</span>
        <span className={`badge status-${live.status}`}>{t(statusKey(live.status))}</span>
        {count > 1 && <span className="badge">{t('history.setOf', { n: count })}</span>}
        <time className="muted" dateTime={g.createdAt}>{dateFormat.format(new Date(g.createdAt))}</time>
      </header>
      <h2 id={`h-${g.id}`} className="history-prompt">{g.prompt}</h2>
      {!finished && (
        <div className="history-progress">
          <label htmlFor={`p-${g.id}`} className="visually-hidden">{t('history.progress')}</label>
          <progress id={`p-${g.id}`} max={1} value={live.progress} />
        </div>
      )}
      {live.error && <p className="alert error">{live.error.message || t('error.generic')}</p>}
      <dl className="history-params">
        <div><dt>{t('history.engineLabel')}</dt><dd><code>{g.engine}</code>{g.model && <> · <code>{g.model}</code></>}</dd></div>
        <div><dt>{t('history.size')}</dt><dd>{p.width}×{p.height}{p.size && !/x/i.test(p.size) ? ` (${p.size})` : ''}</dd></div>
        {p.aspectRatio && <div><dt>{t('history.aspect')}</dt><dd>{p.aspectRatio}</dd></div>}
        {g.mode === 'generate' && <div><dt>{t('history.seed')}</dt><dd>{p.resolvedSeed}{p.seed === null ? '' : ' 🔒'}</dd></div>}
        {p.style && <div><dt>{t('history.style')}</dt><dd>{styleName(t, p.style)}</dd></div>}
        {p.references.length > 0 && <div><dt>{t('history.references')}</dt><dd>{p.references.length}</dd></div>}
        {p.instruction && <div><dt>{t('history.instruction')}</dt><dd>{p.instruction}</dd></div>}
        {p.operations && p.operations.length > 0 && (
          <div><dt>{t('history.operations')}</dt><dd>{(p.operations as { op: string }[]).map((o) => o.op).join(', ')}</dd></div>
        )}
        {took && <div><dt>{t('history.created')}</dt><dd>{t('history.took', { s: took })}{waited ? `, ${t('history.waited', { s: waited })}` : ''}</dd></div>}
      </dl>
      {g.workflowRun && (
        <p>
          <Link href={`/workflows?run=${encodeURIComponent(g.workflowRun.id)}`}>
            {t('workflows.partOfRun', { n: g.workflowRun.step + 1, name: g.workflowRun.name })}
          </Link>
        </p>
      )}
      {g.parentAssetId && (
        <p className="history-source">
          {t('history.sourceImage')}{' '}
          <Link href={`/edit/${encodeURIComponent(g.parentAssetId)}`}>
            <img className="history-source-thumb" src={`/api/v1/assets/${encodeURIComponent(g.parentAssetId)}/thumbnail`} alt={t('image.alt', { name: g.parentAssetId.slice(-6) })} width={40} height={40} />
          </Link>
        </p>
      )}
      {viewer.view}
      {viewer.provide(<ol className="history-outputs">
        {live.tiles.map((tile) => (
          <li key={tile.index} className="history-output">
            {tile.asset ? (
              <>
                <ImageTile image={{ ...tile.asset, prompt: g.prompt }} />
                <div className="history-output-foot">
                  <span className="muted small" aria-hidden={count === 1}>{count > 1 ? `${tile.index + 1}/${count}` : ''}</span>
                  <ImageActions
                    image={outputImage(g, tile.asset)}
                    generation={g}
                    onRerun={onRerun}
                  />
                </div>
              </>
            ) : (
              <div className="tile history-placeholder" role="img" aria-label={tile.error ? t('history.imageFailed', { i: tile.index + 1, reason: tile.error.message }) : t('history.imagePending', { i: tile.index + 1 })}>
                <span className="small">{tile.error ? tile.error.message : tile.index + 1}</span>
              </div>
            )}
          </li>
        ))}
      </ol>)}
      {error && <p className="alert error" role="alert">{error}</p>}
      <div className="row">
        {finished && (
          <button type="button" className="button" disabled={busy} onClick={() => void act(async () => onRerun(await generationsApi.rerun(g.id)))}>
            {t('history.rerun')}
          </button>
        )}
        {g.mode === 'generate' && (
          <button type="button" className="button" onClick={() => { createDraft.remix({ prompt: g.prompt, engine: g.engine, params: g.params }); navigate('/'); }}>
            {t('history.remix')}
          </button>
        )}
        {live.tiles.some((tile) => tile.asset) && <ShareButton target={{ generationId: g.id }} />}
        {finished && live.tiles.some((tile) => tile.asset) && (
          <button type="button" className="button" disabled={busy} onClick={() => void act(async () => {
            const saved = await workflowsApi.saveFromGeneration(g.id);
            navigate(`/workflows?id=${encodeURIComponent(saved.id)}`);
          })}>
            {t('workflows.saveFromHistory')}
          </button>
        )}
        {!finished && (
          <button type="button" className="button danger" disabled={busy} onClick={() => void act(async () => void (await generationsApi.cancel(g.id)))}>
            {t('history.cancel')}
          </button>
        )}
      </div>
    </article>
  );
}
