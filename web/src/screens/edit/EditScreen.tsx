import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { assetsApi } from '../../api/assets';
import { ApiError } from '../../api/client';
import { editsApi, type EditRequest } from '../../api/edits';
import { enginesApi } from '../../api/engines';
import type { Asset, EngineCapabilities, Generation } from '../../api/types';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { editEngines, toolState } from './ai-tools';
import { AfterPreview } from './AfterPreview';
import { AiToolsPanel } from './AiToolsPanel';
import { CropEditor } from './CropEditor';
import { EditRun } from './EditRun';
import { CostNotice } from '../create/CostNotice';
import { useBillingSummary } from '../create/use-billing-summary';
import { EditToolsPanel } from './EditToolsPanel';
import { EnginePicker } from './EnginePicker';
import { WorkflowSelect } from '../create/WorkflowSelect';
import { workflowFor } from '../create/workflow-choice';
import { initialTools, toOperations, type EditTools } from './edit-model';
import './edit.css';

/**
 * Edit one image: by instruction (the engine's edit mode) or with classic tools previewed live. Either way the
 * server makes a new image linked to this one, and the run is followed here until it is stored.
 */
export default function EditScreen({ params }: { params: { assetId: string } }) {
  const t = useT();
  const id = useId();
  const [asset, setAsset] = useState<Asset | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tools, setTools] = useState<EditTools | null>(null);
  const [ratio, setRatio] = useState<number | null>(null);
  const [instruction, setInstruction] = useState('');
  const [runs, setRuns] = useState<Generation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [understood, setUnderstood] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [engines, setEngines] = useState<EngineCapabilities[]>([]);
  const [engineId, setEngineId] = useState('');
  const [workflow, setWorkflow] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    enginesApi.list(controller.signal).then((list) => {
      const editing = editEngines(list.items, list.default);
      setEngines(editing);
      setEngineId((current) => current || editing[0]?.id || '');
    }, () => undefined);
    return () => controller.abort();
  }, []);
  const chosen = engines.find((e) => e.id === engineId);
  const [billing, refreshBilling] = useBillingSummary();

  useEffect(() => {
    setAsset(null);
    setLoadError(null);
    setRuns([]);
    assetsApi.get(params.assetId).then(
      (a) => {
        setAsset(a);
        setTools(initialTools(a.width, a.height));
        setRatio(null);
      },
      setLoadError,
    );
  }, [params.assetId]);

  async function submit(body: EditRequest) {
    setBusy(true);
    setError(null);
    setUnderstood([]);
    try {
      const started = await editsApi.create(body);
      setRuns((r) => [started, ...r]);
      if (billing?.plan) refreshBilling();
    } catch (err) {
      setError(errorText(t, err));
      const list = err instanceof ApiError ? err.details?.understood : undefined;
      if (Array.isArray(list)) setUnderstood(list.map(String));
    } finally {
      setBusy(false);
    }
  }

  if (loadError) {
    return (
      <section className="empty-state">
        <p role="alert">{loadError instanceof ApiError && loadError.status === 404 ? t('edit.notFound') : errorText(t, loadError)}</p>
        <Link href="/gallery">{t('nav.gallery')}</Link>
      </section>
    );
  }
  if (!asset || !tools) return <p className="loading" role="status">{t('common.loading')}</p>;

  const operations = toOperations(tools, asset.width, asset.height);
  const onInstruction = (event: FormEvent) => {
    event.preventDefault();
    const named = workflowFor(chosen, 'instruct', workflow);
    if (instruction.trim()) void submit({ assetId: asset.id, instruction: instruction.trim(), ...(chosen ? { engine: chosen.id } : {}), ...(named ? { workflow: named } : {}) });
  };
  const canInstruct = !chosen || toolState('instruct', chosen, engines).enabled;
  // An edit, an AI tool or an upscale makes one image, priced by the size of the image it starts from (as the server does).
  const editCost = chosen ? [{ engine: chosen.id, width: asset.width, height: asset.height, count: 1 }] : [];

  return (
    <section className="edit-screen">
      <h1>{t('edit.title')}</h1>
      <form className="card edit-instruction" onSubmit={onInstruction}>
        {engines.length > 0 && <EnginePicker engines={engines} chosen={engineId} onChoose={setEngineId} />}
        <div className="field">
          <label htmlFor={`${id}-instruction`}>{t('edit.instruction')}</label>
          <textarea id={`${id}-instruction`} rows={2} maxLength={2000} value={instruction} aria-describedby={`${id}-hint`} onChange={(e) => setInstruction(e.target.value)} />
          <span id={`${id}-hint`} className="field-hint">{t('edit.instructionHint')}</span>
        </div>
        <WorkflowSelect caps={chosen} tool="instruct" value={workflow} onChange={setWorkflow} />
        <button type="submit" className="button primary" disabled={busy || !instruction.trim() || !canInstruct} aria-describedby={`${id}-cost`}>{t('edit.applyInstruction')}</button>
        {chosen && <CostNotice billing={billing} requests={editCost} id={`${id}-cost`} />}
      </form>
      {error && (
        <div className="alert error" role="alert">
          <p>{error}</p>
          {understood.length > 0 && (
            <details>
              <summary>{t('edit.understood')}</summary>
              <ul>{understood.map((u) => <li key={u}>{u}</li>)}</ul>
            </details>
          )}
        </div>
      )}
      {runs.map((g) => <EditRun key={g.id} generation={g} />)}
      <h2>{t('edit.aiTools')}</h2>
      {chosen && <CostNotice billing={billing} requests={editCost} id={`${id}-tools-cost`} />}
      <AiToolsPanel asset={asset} engines={engines} chosen={chosen} busy={busy} onSubmit={submit} onError={(err) => setError(errorText(t, err))} />
      <h2>{t('edit.tools')}</h2>
      <div className="edit-views">
        <div className="edit-view">
          <h3>{t('edit.before')}</h3>
          <CropEditor asset={asset} crop={tools.crop} ratio={ratio} onChange={(crop) => setTools({ ...tools, crop })} />
        </div>
        <div className="edit-view">
          <h3>{t('edit.after')}</h3>
          <AfterPreview asset={asset} tools={tools} />
          <p className="muted small">{t('edit.previewNote')}</p>
        </div>
      </div>
      <EditToolsPanel asset={asset} tools={tools} ratio={ratio} onRatio={setRatio} onChange={setTools} />
      <div className="row edit-apply">
        <button type="button" className="button primary" disabled={busy || operations.length === 0} onClick={() => void submit({ assetId: asset.id, operations })}>
          {t('edit.apply')}
        </button>
        <button type="button" className="button" onClick={() => { setTools(initialTools(asset.width, asset.height)); setRatio(null); }}>
          {t('edit.reset')}
        </button>
        {operations.length === 0 && <span className="muted small">{t('edit.nothingToApply')}</span>}
      </div>
    </section>
  );
}
