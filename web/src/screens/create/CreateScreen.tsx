import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ApiError } from '../../api/client';
import { enginesApi, type EngineList } from '../../api/engines';
import { assetUrls, generationsApi } from '../../api/generations';
import type { Generation } from '../../api/types';
import { useUser } from '../../app/session';
import { errorText } from '../../i18n/error-text';
import { useT } from '../../i18n/i18n';
import { engineName } from '../../i18n/engine-name';
import { createDraft, useCreateDraft, type CreateDraft } from '../../state/create-draft';
import { CostNotice } from './CostNotice';
import { useBillingSummary } from './use-billing-summary';
import { useOwnKeyEngines } from './use-own-key-engines';
import { CreateControls } from './CreateControls';
import { EngineNotice } from './EngineNotice';
import { PromptIdeas } from './PromptIdeas';
import { PromptHelp } from '../../components/prompt-help/PromptHelp';
import { emptyForm, fitToEngine, fromParams, parseSeed, requestedPixels, toRequest, type CreateForm, type ReferenceImage } from './form-state';
import { referenceFromAsset, ReferencesField } from './ReferencesField';
import { useCheckingRefresh } from '../../components/use-checking-refresh';
import { RunResults } from './RunResults';
import { useUploadQueue } from './upload-queue';
import './create.css';

/** Runs started in this tab, kept while the person visits other screens (and forgotten when someone else signs in). */
let recentRuns: { userId: string; runs: Generation[] } = { userId: '', runs: [] };
const MAX_RUNS_SHOWN = 10;

function draftHasContent(d: CreateDraft): boolean {
  return d.prompt !== undefined || d.references.length > 0;
}

/** Applies a remix or "use as reference" hand-off from another screen (or from an image on this one). */
function applyDraft(form: CreateForm, draft: CreateDraft): CreateForm {
  let next = draft.prompt !== undefined ? fromParams(form, draft, (id) => assetUrls(id).thumbnail) : form;
  const added: ReferenceImage[] = draft.references.map((r) => ({ id: r.id, thumbnail: r.urls.thumbnail }));
  if (added.length) {
    const known = new Set(next.references.map((r) => r.id));
    next = { ...next, references: [...next.references, ...added.filter((r) => !known.has(r.id))] };
  }
  return next;
}

export default function CreateScreen() {
  const t = useT();
  const user = useUser();
  const id = useId();
  const [engines, setEngines] = useState<EngineList | null>(null);
  // Plans and balance, for the cost shown before sending (absent on a server without plans, or if it fails to load).
  const [billing, refreshBilling] = useBillingSummary();
  const [loadError, setLoadError] = useState<unknown>(null);
  const [form, setForm] = useState<CreateForm>(() => emptyForm('', user.preferences.watermarkByDefault));
  const [submitting, setSubmitting] = useState(false);
  /** A sentence of ours, or an error to turn into one. */
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [promptError, setPromptError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [runs, setRuns] = useState<Generation[]>(() => (recentRuns.userId === user.id ? recentRuns.runs : []));
  const promptRef = useRef<HTMLTextAreaElement>(null);
  const draft = useCreateDraft();
  const ownKeyEngines = useOwnKeyEngines();

  const caps = useMemo(() => engines?.items.find((e) => e.id === form.engineId), [engines, form.engineId]);
  const capsRef = useRef(caps);
  capsRef.current = caps;

  useEffect(() => {
    recentRuns = { userId: user.id, runs };
  }, [runs, user.id]);


  const loadEngines = useCallback(() => {
    setLoadError(null);
    const controller = new AbortController();
    enginesApi.list(controller.signal).then(
      (list) => {
        setEngines(list);
        setForm((current) => {
          const wanted = list.items.find((e) => e.id === current.engineId) ?? list.items.find((e) => e.id === list.default) ?? list.items[0];
          return wanted ? fitToEngine(current, wanted).form : current;
        });
      },
      (err: unknown) => {
        if ((err as Error).name !== 'AbortError') setLoadError(err);
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(loadEngines, [loadEngines]);

  // Remix / use-as-reference hand-offs, both on arrival and while the screen is open.
  useEffect(() => {
    if (!engines || !draftHasContent(draft)) return;
    const taken = createDraft.take();
    setForm((current) => {
      const merged = applyDraft(current, taken);
      const target = engines.items.find((e) => e.id === merged.engineId) ?? engines.items.find((e) => e.id === current.engineId);
      if (!target) return current;
      const fitted = fitToEngine(merged, target);
      if (fitted.droppedReferences > 0) setNotice(t('create.referencesDropped', { n: fitted.droppedReferences, max: target.maxReferences }));
      return fitted.form;
    });
    if (taken.prompt !== undefined) promptRef.current?.focus();
  }, [draft, engines, t]);

  const patch = useCallback((p: Partial<CreateForm>) => setForm((current) => ({ ...current, ...p })), []);

  const maxReferences = caps?.maxReferences ?? 0;
  const formRef = useRef(form);
  formRef.current = form;
  const uploads = useUploadQueue({
    freeSlots: () => (capsRef.current?.maxReferences ?? 0) - formRef.current.references.length,
    onUploaded: (asset) =>
      setForm((current) => {
        if (current.references.some((r) => r.id === asset.id)) return current;
        return { ...current, references: [...current.references, referenceFromAsset(asset)] };
      }),
  });
  // References still being checked: usable once the check ends; dropped, with a word why, when it refused them.
  useCheckingRefresh(form.references.filter((r) => r.checking).map((r) => r.id), (refId, asset) => {
    setForm((current) => ({
      ...current,
      references: asset
        ? current.references.map((r) => (r.id === refId ? referenceFromAsset(asset) : r))
        : current.references.filter((r) => r.id !== refId),
    }));
    if (!asset) setNotice(t('image.notAccepted'));
  });
  // Pasting an image anywhere on the screen adds it as a reference (text paste is left alone).
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])].filter((f) => f.type.startsWith('image/'));
      if (!files.length || !capsRef.current || capsRef.current.maxReferences === 0) return;
      event.preventDefault();
      uploads.enqueue(files);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [uploads.enqueue]);

  const changeEngine = (engineId: string) => {
    const next = engines?.items.find((e) => e.id === engineId);
    if (!next) return;
    const fitted = fitToEngine(form, next);
    setForm(fitted.form);
    setNotice(fitted.droppedReferences > 0 ? t('create.referencesDropped', { n: fitted.droppedReferences, max: next.maxReferences }) : null);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (!caps || submitting) return;
    setSubmitError(null);
    if (!form.prompt.trim()) {
      setPromptError(t('create.promptRequired'));
      promptRef.current?.focus();
      return;
    }
    setPromptError(null);
    if (Number.isNaN(parseSeed(form.seed))) return;
    if (uploads.uploading > 0) {
      setSubmitError(t('create.waitForUploads'));
      return;
    }
    setSubmitting(true);
    try {
      const started = await generationsApi.generate(toRequest(form, caps));
      setRuns((current) => [started, ...current].slice(0, MAX_RUNS_SHOWN));
      if (billing?.plan) refreshBilling();
      // On a phone the results are below the form: bring the new run into view.
      requestAnimationFrame(() => document.getElementById(`run-${started.id}`)?.scrollIntoView({ block: 'nearest' }));
    } catch (err) {
      if (err instanceof ApiError && err.details?.field === 'prompt') setPromptError(errorText(t, err));
      else setSubmitError(err);
    } finally {
      setSubmitting(false);
    }
  };

  const onPromptKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const addRun = useCallback((g: Generation) => setRuns((current) => [g, ...current].slice(0, MAX_RUNS_SHOWN)), []);

  return (
    <div className="create-screen">
      <h1 className="visually-hidden">{t('create.title')}</h1>
      <form className="create-form card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className="section-title">{t('create.title')}</h2>
        <div className="field">
          <label htmlFor={`${id}-prompt`}>{t('create.prompt')}</label>
          <textarea
            id={`${id}-prompt`} ref={promptRef} rows={4} maxLength={4000} value={form.prompt}
            placeholder={t('create.promptPlaceholder')}
            aria-invalid={promptError ? true : undefined}
            aria-describedby={`${id}-prompt-hint${promptError ? ` ${id}-prompt-error` : ''}`}
            onChange={(e) => patch({ prompt: e.target.value })}
            onKeyDown={onPromptKey}
          />
          <span className="field-hint" id={`${id}-prompt-hint`}>{t('create.promptHint')}</span>
          {form.prompt.trim() === '' && (
            <PromptIdeas
              onPick={(prompt) => {
                patch({ prompt });
                promptRef.current?.focus();
              }}
            />
          )}
          <PromptHelp prompt={form.prompt} onPick={(prompt) => { patch({ prompt }); promptRef.current?.focus(); }} />
          {promptError && <span className="field-error" id={`${id}-prompt-error`} role="alert">{promptError}</span>}
        </div>

        {loadError !== null && (
          <div className="alert error" role="alert">
            {errorText(t, loadError)}{' '}
            <button type="button" className="link-button" onClick={loadEngines}>{t('common.retry')}</button>
          </div>
        )}
        {!engines && loadError === null && <p className="loading" role="status">{t('create.loadingEngines')}</p>}
        {engines && engines.items.length === 0 && <p className="alert info">{t('create.noEngines')}</p>}

        {engines && caps && (
          <>
            <div className="field">
              <label htmlFor={`${id}-engine`}>{t('create.engine')}</label>
              <select id={`${id}-engine`} value={form.engineId} onChange={(e) => changeEngine(e.target.value)} aria-describedby={`${id}-engine-notice`}>
                {engines.items.map((e) => (
                  <option key={e.id} value={e.id}>{ownKeyEngines.has(e.id) ? `${engineName(t, e)} · ${t('providerKeys.yourKey')}` : engineName(t, e)}</option>
                ))}
              </select>
              <EngineNotice caps={caps} id={`${id}-engine-notice`} />
            </div>
            <CreateControls form={form} caps={caps} onChange={patch} />
            {maxReferences > 0 ? (
              <ReferencesField
                references={form.references}
                max={maxReferences}
                uploads={uploads.items}
                uploading={uploads.uploading}
                onFiles={uploads.enqueue}
                onDismissUpload={uploads.dismiss}
                onAdd={(refs) => setForm((current) => ({ ...current, references: [...current.references, ...refs].slice(0, maxReferences) }))}
                onRemove={(refId) => setForm((current) => ({ ...current, references: current.references.filter((r) => r.id !== refId) }))}
              />
            ) : (
              <p className="muted">{t('create.noReferences')}</p>
            )}
            {notice && <p className="alert info" role="status">{notice}</p>}
          </>
        )}

        {submitError !== null && <p className="alert error" role="alert">{typeof submitError === 'string' ? submitError : errorText(t, submitError)}</p>}
        <div className="row create-submit">
          <button type="submit" className="button primary" disabled={!caps || submitting}>
            {submitting ? t('create.starting') : form.count > 1 ? t('create.generateSet', { n: form.count }) : t('create.generate')}
          </button>
          <span className="field-hint">{t('create.shortcut')}</span>
          {caps && (ownKeyEngines.has(caps.id)
            ? <span id={`${id}-cost`} className="field-hint" role="status">{t('providerKeys.runsOnYourKey')}</span>
            : <CostNotice billing={billing} requests={[{ engine: caps.id, count: form.count, ...requestedPixels(form, caps) }]} id={`${id}-cost`} />)}
        </div>
      </form>

      <section className="create-results" aria-labelledby={`${id}-results`}>
        <h2 id={`${id}-results`} className="section-title">{t('create.results')}</h2>
        {runs.length === 0 ? (
          <p className="empty-state">{t('create.resultsEmpty')}</p>
        ) : (
          runs.map((g) => <RunResults key={g.id} generation={g} onRerun={addRun} />)
        )}
      </section>
    </div>
  );
}
