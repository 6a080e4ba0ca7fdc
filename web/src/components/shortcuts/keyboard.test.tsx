import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nProvider } from '../../i18n/i18n';
import { ImageViewer } from '../ImageViewer';
import { ShortcutsSheet } from './ShortcutsSheet';

afterEach(cleanup);

const image = { id: 'a1', kind: 'generated' as const, width: 8, height: 8, urls: { content: '/c', thumbnail: '/t' }, favorite: false };

describe('keyboard', () => {
  it('in the large view: arrows step, f favourites, Delete trashes; nothing while typing or with a modifier', () => {
    const calls: string[] = [];
    const on = (name: string) => () => calls.push(name);
    render(
      <I18nProvider locale="en">
        <input aria-label="typing here" />
        <ImageViewer image={image} onClose={() => {}} onPrevious={on('previous')} onNext={on('next')} onFavorite={on('favorite')} onTrash={on('trash')} />
      </I18nProvider>,
    );
    for (const key of ['ArrowLeft', 'ArrowRight', 'f', 'Delete']) fireEvent.keyDown(window, { key });
    expect(calls).toEqual(['previous', 'next', 'favorite', 'trash']);
    fireEvent.keyDown(screen.getByLabelText('typing here'), { key: 'f' });
    fireEvent.keyDown(window, { key: 'f', ctrlKey: true });
    expect(calls).toHaveLength(4);
  });

  it('? opens the shortcuts sheet, in Chinese too', () => {
    render(<I18nProvider locale="zh"><ShortcutsSheet /><input aria-label="search" /></I18nProvider>);
    fireEvent.keyDown(screen.getByLabelText('search'), { key: '?' });
    expect(screen.queryByText('键盘快捷键')).toBeNull();
    fireEvent.keyDown(window, { key: '?' });
    expect(screen.getByText('键盘快捷键')).toBeTruthy();
    expect(screen.getByText('加入或移出收藏')).toBeTruthy();
  });
});
