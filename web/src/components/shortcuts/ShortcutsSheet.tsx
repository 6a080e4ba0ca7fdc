import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { Dialog } from '../Dialog';
import { isShortcutKey } from '../ImageViewer';

const GROUPS: { title: MessageKey; rows: [keys: string[], action: MessageKey][] }[] = [
  {
    title: 'shortcuts.galleryGroup',
    rows: [
      [['←', '→', '↑', '↓'], 'shortcuts.move'],
      [['Space'], 'shortcuts.select'],
      [['Enter'], 'shortcuts.open'],
      [['Ctrl', 'A'], 'shortcuts.selectAll'],
      [['Esc'], 'shortcuts.clear'],
    ],
  },
  {
    title: 'shortcuts.viewerGroup',
    rows: [
      [['←', '→'], 'shortcuts.previousNext'],
      [['+', '−', '0'], 'shortcuts.zoom'],
      [['←', '→', '↑', '↓'], 'shortcuts.pan'],
      [['F'], 'shortcuts.favorite'],
      [['Delete'], 'shortcuts.trash'],
      [['?'], 'shortcuts.show'],
    ],
  },
];

/** The list of keyboard shortcuts, opened anywhere in the studio with `?` (outside text fields). */
export function ShortcutsSheet() {
  const t = useT();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || !isShortcutKey(event)) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <Dialog title={t('shortcuts.title')} onClose={() => setOpen(false)}>
      {GROUPS.map((group) => (
        <table key={group.title} className="shortcuts-table">
          <caption>{t(group.title)}</caption>
          <thead>
            <tr><th scope="col">{t('shortcuts.keys')}</th><th scope="col">{t('shortcuts.action')}</th></tr>
          </thead>
          <tbody>
            {group.rows.map(([keys, action]) => (
              <tr key={action}>
                <td>{keys.map((k) => <kbd key={k}>{k}</kbd>)}</td>
                <td>{t(action)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Dialog>
  );
}
