import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n';
import { ImageTile } from './ImageTile';

afterEach(cleanup);

const image = { id: 'a1', width: 64, height: 48, urls: { content: '/c', thumbnail: '/t' }, fileName: 'holiday.png' };

describe('an image tile', () => {
  it('marks an upload the image check has not looked at yet, in English and Chinese', () => {
    render(<I18nProvider locale="en"><ImageTile image={{ ...image, checking: true }} /></I18nProvider>);
    expect(screen.getByRole('status').textContent).toBe('Being checked…');
    cleanup();
    render(<I18nProvider locale="zh"><ImageTile image={{ ...image, checking: true }} /></I18nProvider>);
    expect(screen.getByRole('status').textContent).toBe('检查中…');
  });

  it('shows nothing of the kind for a checked image', () => {
    render(<I18nProvider locale="en"><ImageTile image={image} /></I18nProvider>);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
