/** Reads a Server-Sent Events stream to its end, calling `onEvent` with each event's name and parsed data. */
export async function readEvents(url: string, cookie: string, onEvent: (event: string, payload: any) => void): Promise<void> {
  const res = await fetch(url, { headers: { cookie } });
  if (!res.ok) throw new Error(`event stream ${url} answered ${res.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of res.body!) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) onEvent(event, JSON.parse(data));
    }
  }
}
