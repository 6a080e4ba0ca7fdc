import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, act, render, screen } from '@testing-library/react';
import { ApiError } from '../../api/client';
import type { Asset } from '../../api/types';
import { UploadQueueList } from './UploadQueueList';
import { useUploadQueue, type Uploader } from './upload-queue';

/** An uploader whose uploads the test finishes by hand. */
function manualUploader() {
  const pending = new Map<string, { progress(l: number, t: number): void; resolve(a: Asset): void; reject(e: unknown): void }>();
  const uploader: Uploader = (file, onProgress) =>
    new Promise((resolve, reject) => pending.set(file.name, { progress: onProgress, resolve, reject }));
  return { uploader, pending };
}

const png = (name: string) => new File([new Uint8Array([137, 80, 78, 71])], name, { type: 'image/png' });
const asset = (id: string) => ({ id, urls: { content: `/c/${id}`, thumbnail: `/t/${id}` } }) as Asset;

function Harness({ uploader, slots, uploaded }: { uploader: Uploader; slots: number; uploaded: string[] }) {
  const q = useUploadQueue({ freeSlots: () => slots, uploader, onUploaded: (a) => uploaded.push(a.id) });
  return (
    <>
      <input aria-label="files" type="file" multiple onChange={(e) => q.enqueue([...(e.target.files ?? [])])} />
      <UploadQueueList items={q.items} onDismiss={q.dismiss} max={slots} />
    </>
  );
}

function drop(files: File[]) {
  const input = screen.getByLabelText('files');
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

afterEach(cleanup);

describe('the reference upload queue', () => {
  it('shows each file with its progress and leaves the queue once it is stored', async () => {
    const { uploader, pending } = manualUploader();
    const uploaded: string[] = [];
    render(<Harness uploader={uploader} slots={3} uploaded={uploaded} />);
    drop([png('one.png'), png('two.png')]);
    expect(screen.getAllByRole('progressbar')).toHaveLength(2);

    act(() => pending.get('one.png')!.progress(50, 200));
    expect(screen.getByLabelText('Uploading one.png').getAttribute('value')).toBe('25');

    await act(async () => pending.get('one.png')!.resolve(asset('A')));
    expect(uploaded).toEqual(['A']);
    expect(screen.queryByText('one.png')).toBeNull();
    expect(screen.getByText('two.png')).toBeTruthy();
  });

  it('shows the server’s reason when an upload fails, until it is dismissed', async () => {
    const { uploader, pending } = manualUploader();
    render(<Harness uploader={uploader} slots={3} uploaded={[]} />);
    drop([png('big.png')]);
    await act(async () =>
      pending.get('big.png')!.reject(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The file is larger than this server accepts: uploads are limited to 30 MB.')),
    );
    expect(screen.getByRole('alert').textContent).toContain('uploads are limited to 30 MB');
    act(() => screen.getByRole('button', { name: 'Dismiss big.png' }).click());
    expect(screen.queryByText('big.png')).toBeNull();
  });

  it('rejects files that are not images and files past the engine’s reference limit without uploading them', () => {
    const { uploader, pending } = manualUploader();
    render(<Harness uploader={uploader} slots={1} uploaded={[]} />);
    drop([new File(['hello'], 'notes.txt', { type: 'text/plain' }), png('a.png'), png('b.png')]);
    expect([...pending.keys()]).toEqual(['a.png']);
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toEqual(['This is not an image file.', 'Not added: this engine takes at most 1 reference images.']);
  });
});
