import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { assetsApi, saveFile } from '../api/assets';
import { generationsApi } from '../api/generations';
import type { Asset, Generation } from '../api/types';
import { errorText } from '../i18n/error-text';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { createDraft } from '../state/create-draft';
import { AlbumPicker } from './AlbumPicker';
import { downloadName, type ImageRef } from './image-ref';
import { useOpenInList } from './viewer/image-list';
import { ListViewer } from './viewer/ListViewer';
import { ShareDialog } from './share/ShareDialog';
import { TagEditor } from './TagEditor';
import './dialogs.css';

export type ImageActionId =
  | 'open' | 'download' | 'favorite' | 'album' | 'share' | 'tags' | 'edit' | 'rerun' | 'remix' | 'reference' | 'delete';

export interface ImageActionsProps {
  image: ImageRef;
  /** The generation the image came from, when the caller already has it (saves a request for re-run and remix). */
  generation?: Generation;
  /** The image after a change made here (favourite, tags). */
  onChange?(image: Asset): void;
  /** The image was moved to the trash. */
  onDeleted?(id: string): void;
  /** A re-run was started; without this handler a link to History is shown. */
  onRerun?(generation: Generation): void;
  /** Leave out actions that make no sense where the component is shown. */
  hide?: ImageActionId[];
  /** Open the menu upwards (near the bottom of the screen). */
  menuUp?: boolean;
}

type Overlay = 'viewer' | 'album' | 'share' | 'tags' | null;

interface Status {
  text: string;
  historyLink?: boolean;
  error?: boolean;
}

/**
 * The result actions of any image, one component for Create, History, Gallery and Album: a favourite toggle and a
 * menu (a WAI-ARIA menu button: arrows move, Escape closes) with open large, download, add to album, tags, edit,
 * re-run, remix, use as reference and delete.
 */
export function ImageActions({ image, generation, onChange, onDeleted, onRerun, hide = [], menuUp }: ImageActionsProps) {
  const t = useT();
  const [, navigate] = useLocation();
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [current, setCurrent] = useState<ImageRef>(image);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);

  useEffect(() => setCurrent(image), [image]);

  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(null), status.historyLink ? 8000 : 4000);
    return () => clearTimeout(timer);
  }, [status]);

  // Close on a click outside the menu.
  useEffect(() => {
    if (!open) return;
    const onDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  // "Open large" opens the large view of the set or list the screen shows, or of this image alone.
  const openInList = useOpenInList();
  const alone = {
    items: [current],
    onChange: (updated: Asset) => { setCurrent(updated); onChange?.(updated); },
    onDeleted: (id: string) => { setStatus({ text: t('actions.deleted') }); onDeleted?.(id); },
  };

  const closeOverlay = useCallback(() => setOverlay(null), []);
  const generationId = generation?.id ?? current.generationId ?? null;
  const isEdit = generation ? generation.mode === 'edit' : current.kind === 'edited';

  async function run(task: () => Promise<void>) {
    setOpen(false);
    setBusy(true);
    try {
      await task();
    } catch (err) {
      setStatus({ text: errorText(t, err), error: true });
    } finally {
      setBusy(false);
    }
  }

  /** The full asset, loaded when only an output reference was given. */
  async function fullAsset(): Promise<ImageRef> {
    if (current.favorite !== undefined && current.tags !== undefined) return current;
    const loaded = await assetsApi.get(current.id);
    setCurrent(loaded);
    return loaded;
  }

  const toggleFavorite = () =>
    run(async () => {
      const before = await fullAsset();
      const updated = await assetsApi.setFavorite(current.id, !before.favorite);
      setCurrent(updated);
      onChange?.(updated);
      setStatus({ text: t(updated.favorite ? 'actions.favorited' : 'actions.unfavorited') });
    });

  const sourceGeneration = async (): Promise<Generation> => generation ?? generationsApi.get(generationId!);

  const items: { id: ImageActionId; label: MessageKey; act(): void; danger?: boolean; show: boolean }[] = [
    { id: 'open', label: 'actions.open', show: true, act: () => { setOpen(false); if (openInList) openInList(current.id); else setOverlay('viewer'); } },
    { id: 'download', label: 'actions.download', show: true, act: () => { setOpen(false); saveFile(current.urls.content, downloadName(current)); } },
    { id: 'album', label: 'actions.addToAlbum', show: true, act: () => { setOpen(false); setOverlay('album'); } },
    { id: 'share', label: 'share.action', show: true, act: () => { setOpen(false); setOverlay('share'); } },
    {
      id: 'tags', label: 'actions.tags', show: true,
      act: () => void run(async () => { await fullAsset(); setOverlay('tags'); }),
    },
    { id: 'edit', label: 'actions.edit', show: true, act: () => navigate(`/edit/${encodeURIComponent(current.id)}`) },
    {
      id: 'rerun', label: 'actions.rerun', show: generationId !== null,
      act: () => void run(async () => {
        const started = await generationsApi.rerun(generationId!);
        if (onRerun) onRerun(started);
        else setStatus({ text: t('actions.rerunStarted'), historyLink: true });
      }),
    },
    {
      id: 'remix', label: 'actions.remix', show: generationId !== null && !isEdit,
      act: () => void run(async () => {
        const g = await sourceGeneration();
        createDraft.remix({ prompt: g.prompt, engine: g.engine, params: g.params });
        navigate('/');
      }),
    },
    {
      id: 'reference', label: 'actions.useAsReference', show: true,
      act: () => {
        createDraft.addReference({ id: current.id, urls: current.urls, width: current.width, height: current.height });
        navigate('/');
      },
    },
    {
      id: 'delete', label: 'actions.delete', show: true, danger: true,
      act: () => void run(async () => {
        await assetsApi.trash(current.id);
        setStatus({ text: t('actions.deleted') });
        onDeleted?.(current.id);
      }),
    },
  ];
  const visible = items.filter((item) => item.show && !hide.includes(item.id));

  function onMenuKey(event: KeyboardEvent<HTMLUListElement>) {
    const buttons = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number) => buttons[(i + buttons.length) % buttons.length]?.focus();
    switch (event.key) {
      case 'ArrowDown': event.preventDefault(); focusAt(index + 1); break;
      case 'ArrowUp': event.preventDefault(); focusAt(index - 1); break;
      case 'Home': event.preventDefault(); focusAt(0); break;
      case 'End': event.preventDefault(); focusAt(buttons.length - 1); break;
      case 'Escape': event.preventDefault(); setOpen(false); buttonRef.current?.focus(); break;
      case 'Tab': setOpen(false); break;
    }
  }

  const favorite = current.favorite === true;
  return (
    <div className="actions-bar">
      {!hide.includes('favorite') && (
        <button
          type="button"
          className="button ghost icon-button favorite-toggle"
          aria-pressed={favorite}
          aria-label={t(favorite ? 'actions.unfavorite' : 'actions.favorite')}
          title={t(favorite ? 'actions.unfavorite' : 'actions.favorite')}
          disabled={busy}
          onClick={() => void toggleFavorite()}
        >
          <span aria-hidden="true">{favorite ? '♥' : '♡'}</span>
        </button>
      )}
      <button
        ref={buttonRef}
        type="button"
        className="button ghost icon-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t('actions.menu')}
        title={t('actions.menu')}
        disabled={busy}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <ul id={menuId} ref={menuRef} role="menu" aria-label={t('actions.menu')} className={menuUp ? 'actions-menu up' : 'actions-menu'} onKeyDown={onMenuKey}>
          {visible.map((item) => (
            <li key={item.id} role="none">
              {item.id === 'delete' && <div role="separator" />}
              <button type="button" role="menuitem" tabIndex={-1} className={item.danger ? 'danger-item' : undefined} onClick={item.act}>
                {t(item.label)}
              </button>
            </li>
          ))}
        </ul>
      )}
      <span className={status ? `action-status${status.error ? ' error' : ''}` : 'visually-hidden'} role="status">
        {busy ? t('actions.working') : status?.text}
        {status?.historyLink && (
          <>
            {' '}
            <Link href="/history">{t('actions.seeHistory')}</Link>
          </>
        )}
      </span>
      {overlay === 'viewer' && (
        <ListViewer list={alone} startId={current.id} onClose={closeOverlay} />
      )}
      {overlay === 'album' && (
        <AlbumPicker
          assetIds={[current.id]}
          onClose={() => setOverlay(null)}
          onAdded={(album, added) => {
            setOverlay(null);
            setStatus({ text: t('albumPicker.added', { n: added, name: album.name }) });
          }}
        />
      )}
      {overlay === 'share' && <ShareDialog target={{ assetId: current.id }} onClose={() => setOverlay(null)} />}
      {overlay === 'tags' && (
        <TagEditor
          assetId={current.id}
          initial={current.tags ?? []}
          onClose={() => setOverlay(null)}
          onSaved={(updated) => {
            setOverlay(null);
            setCurrent(updated);
            onChange?.(updated);
            setStatus({ text: t('tags.saved') });
          }}
        />
      )}
    </div>
  );
}
