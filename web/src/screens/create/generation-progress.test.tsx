import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { Generation } from '../../api/types';
import { initialProgress, progressReducer, type ProgressEvent, type ProgressState } from './generation-progress';
import { RunView } from './RunResults';

function queued(count: number): Generation {
  return {
    id: 'g1', mode: 'generate', status: 'queued', prompt: 'a quiet harbour at dawn', engine: 'builtin', model: null,
    progress: 0, parentAssetId: null, outputs: [], usage: null, createdAt: '2025-01-01T00:00:00.000Z', startedAt: null, finishedAt: null,
    params: { size: '1K', width: 1024, height: 768, seed: null, resolvedSeed: 7, count, style: null, watermark: false, references: [], model: null, aspectRatio: '4:3' },
  };
}

const feed = (state: ProgressState, events: ProgressEvent[]) => events.reduce(progressReducer, state);
const image = (index: number): ProgressEvent => ({ type: 'image', index, asset: { id: `a${index}`, width: 1024, height: 768, mime: 'image/jpeg' } });
const tileStates = () => screen.getAllByTestId('result-tile').map((t) => t.getAttribute('data-state'));

afterEach(cleanup);

describe('live progress of a set', () => {
  it('keeps one fixed tile per image and fills each the moment its image event arrives', () => {
    let state = initialProgress(queued(4));
    const { rerender } = render(<RunView state={state} onRerun={() => {}} />);
    expect(tileStates()).toEqual(['pending', 'pending', 'pending', 'pending']);

    state = feed(state, [{ type: 'status', status: 'running' }, image(2), { type: 'progress', progress: 0.25 }]);
    rerender(<RunView state={state} onRerun={() => {}} />);
    expect(tileStates()).toEqual(['pending', 'pending', 'done', 'pending']);
    expect(screen.getByAltText('Result 3: a quiet harbour at dawn').getAttribute('src')).toBe('/api/v1/assets/a2/thumbnail');
    expect(screen.getByRole('progressbar', { name: 'Progress' }).getAttribute('value')).toBe('25');
    for (const tile of screen.getAllByTestId('result-tile')) {
      expect((tile.querySelector('.tile') as HTMLElement).style.getPropertyValue('--ratio')).toBe('1024 / 768');
    }

    state = feed(state, [image(0), image(1), image(3), { type: 'status', status: 'succeeded' }]);
    rerender(<RunView state={state} onRerun={() => {}} />);
    expect(tileStates()).toEqual(['done', 'done', 'done', 'done']);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByText(/4 of 4 ready/)).toBeTruthy();
  });

  it('shows the engine\'s live preview in the first image still to come, and none once the set has ended', () => {
    const jpeg = 'data:image/jpeg;base64,/9j/4AAQ';
    let state = feed(initialProgress(queued(3)), [{ type: 'status', status: 'running' }, image(0), { type: 'preview', image: jpeg }]);
    const { rerender } = render(<RunView state={state} onRerun={() => {}} />);
    const previews = screen.getAllByTestId('live-preview');
    expect(previews).toHaveLength(1);
    expect(previews[0]!.getAttribute('src')).toBe(jpeg);
    expect(previews[0]!.getAttribute('alt')).toBe('Image 2 as the engine paints it (live preview)');
    expect(progressReducer(state, { type: 'preview', image: 'javascript:alert(1)' }).preview).toBe(jpeg);

    state = feed(state, [image(1), image(2), { type: 'status', status: 'succeeded' }, { type: 'preview', image: 'data:image/jpeg;base64,late' }]);
    rerender(<RunView state={state} onRerun={() => {}} />);
    expect(screen.queryByTestId('live-preview')).toBeNull();
  });

  it('shows a failed image with its reason while the others succeed', () => {
    const state = feed(initialProgress(queued(3)), [
      image(0),
      { type: 'output_error', index: 1, error: { code: 'ENGINE_ERROR', message: 'The engine refused this image.' } },
      image(2),
      { type: 'status', status: 'partial' },
    ]);
    render(<RunView state={state} onRerun={() => {}} />);
    expect(tileStates()).toEqual(['done', 'failed', 'done']);
    expect(screen.getByText('The engine refused this image.')).toBeTruthy();
    expect(screen.getByText(/Done, some images failed/)).toBeTruthy();
  });

  it('offers to share the set once one of its images is stored, with the same dialog as History', () => {
    let state = feed(initialProgress(queued(2)), [{ type: 'status', status: 'running' }]);
    const { rerender } = render(<RunView state={state} onRerun={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    state = feed(state, [image(0)]);
    rerender(<RunView state={state} onRerun={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Share' }));
    expect(screen.getByRole('dialog', { name: 'Share this set' })).toBeTruthy();
  });

  it('marks the images still waiting as canceled when the set is canceled, and offers cancel only while it runs', () => {
    let state = feed(initialProgress(queued(3)), [{ type: 'status', status: 'running' }, image(0)]);
    const { rerender } = render(<RunView state={state} onRerun={() => {}} />);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    state = progressReducer(state, { type: 'status', status: 'canceled' });
    rerender(<RunView state={state} onRerun={() => {}} />);
    expect(tileStates()).toEqual(['done', 'canceled', 'canceled']);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('takes a full snapshot (as sent first and last by the stream) over what it had', () => {
    const done: Generation = {
      ...queued(2),
      status: 'succeeded',
      progress: 1,
      outputs: [0, 1].map((index) => ({ index, asset: { id: `s${index}`, width: 1024, height: 768, mime: 'image/jpeg', urls: { content: `/c/s${index}`, thumbnail: `/t/s${index}` } } })),
    };
    const state = progressReducer(initialProgress(queued(2)), { type: 'generation', generation: done });
    expect(state.tiles.map((t) => [t.status, t.asset?.id])).toEqual([['done', 's0'], ['done', 's1']]);
    expect(state.status).toBe('succeeded');
  });
});
