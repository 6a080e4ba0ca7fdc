/** A one-line progress bar redrawn in place on a terminal (stderr), or a line per change when it is not one. */
export function progressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }, label: string) {
  let last = '';
  return {
    update(share: number, note = '') {
      const width = 24;
      const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
      const line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${Math.round(share * 100)}%${note ? ` ${note}` : ''}`;
      if (line === last) return;
      last = line;
      stream.write(stream.isTTY ? `\r${line}` : `${line}\n`);
    },
    done() {
      if (stream.isTTY && last) stream.write('\n');
    },
  };
}
