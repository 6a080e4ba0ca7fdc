import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { InProcessEventBus } from '../../events/in-process-event-bus.js';
import { RedisEventBus } from '../../events/redis-event-bus.js';
import { killConnectionsNamed, testRedisUrl, uniqueRedisPrefix } from '../../test-support/redis.js';
import type { SseChannel } from '../../http/sse.js';
import type { GenerationDto } from './dto.js';
import { GenerationEvents } from './events.js';
import { streamGeneration } from './event-stream.js';

/** An SSE channel that records what is sent on it. */
function recordingChannel() {
  const sent: Array<[string, any]> = [];
  const closers: Array<() => void> = [];
  let closed = false;
  const channel: SseChannel = {
    send: (event, data) => void (closed || sent.push([event, data])),
    sendData: (text) => void (closed || sent.push(['', text])),
    close: () => {
      if (closed) return;
      closed = true;
      for (const fn of closers) fn();
    },
    onClose: (fn) => (closed ? fn() : closers.push(fn)),
  };
  return { channel, sent, isClosed: () => closed };
}

const snapshot = (status: string) => ({ id: 'g1', status }) as GenerationDto;

describe('streamGeneration', () => {
  it('sends the snapshot first even when events arrive while it is read, then those events in order', async () => {
    const events = new GenerationEvents(new InProcessEventBus());
    const { channel, sent, isClosed } = recordingChannel();
    let status = 'running';
    const load = async () => {
      if (sent.length === 0 && status === 'running') {
        // Published after the subscription and before the snapshot is sent.
        events.publish('g1', { type: 'progress', progress: 0.5 });
        events.publish('g1', { type: 'status', status: 'succeeded' });
        const read = snapshot(status);
        status = 'succeeded';
        return read;
      }
      return snapshot(status);
    };
    await streamGeneration(channel, events, 'g1', load);
    await new Promise((r) => setImmediate(r));
    expect(sent).toEqual([
      ['generation', { id: 'g1', status: 'running' }],
      ['progress', { type: 'progress', progress: 0.5 }],
      ['status', { type: 'status', status: 'succeeded' }],
      ['generation', { id: 'g1', status: 'succeeded' }],
    ]);
    expect(isClosed()).toBe(true);
  });

  it('ends with the snapshot alone when the generation ended before the subscription was confirmed', async () => {
    const events = new GenerationEvents(new InProcessEventBus());
    const { channel, sent, isClosed } = recordingChannel();
    await streamGeneration(channel, events, 'g1', async () => snapshot('failed'));
    expect(sent).toEqual([['generation', { id: 'g1', status: 'failed' }]]);
    expect(isClosed()).toBe(true);
    // Closing unsubscribed it: later events go nowhere.
    events.publish('g1', { type: 'status', status: 'failed' });
    expect(sent).toHaveLength(1);
  });

  it('ends with the stored final state when the final event never comes (its worker died before announcing it)', async () => {
    const events = new GenerationEvents(new InProcessEventBus());
    const { channel, sent, isClosed } = recordingChannel();
    let status = 'running';
    await streamGeneration(channel, events, 'g1', async () => snapshot(status), 20);
    await new Promise((r) => setTimeout(r, 60));
    expect(isClosed()).toBe(false); // still running: the rereads change nothing
    status = 'succeeded'; // stored, never published
    await vi.waitFor(() => expect(isClosed()).toBe(true));
    expect(sent).toEqual([['generation', { id: 'g1', status: 'running' }], ['generation', { id: 'g1', status: 'succeeded' }]]);
  });

  it('unsubscribes when the client leaves', async () => {
    const events = new GenerationEvents(new InProcessEventBus());
    const { channel, sent } = recordingChannel();
    await streamGeneration(channel, events, 'g1', async () => snapshot('running'));
    channel.close();
    events.publish('g1', { type: 'progress', progress: 0.9 });
    expect(sent).toEqual([['generation', { id: 'g1', status: 'running' }]]);
  });

  it('ends when the Redis connection breaks, since events may be lost (the client reconnects for a fresh snapshot)', async () => {
    const prefix = `${uniqueRedisPrefix()}:`;
    const bus = new RedisEventBus({ url: testRedisUrl, prefix });
    const admin = new Redis(testRedisUrl);
    try {
      const { channel, sent, isClosed } = recordingChannel();
      await streamGeneration(channel, new GenerationEvents(bus), 'g1', async () => snapshot('running'));
      expect(isClosed()).toBe(false);
      await killConnectionsNamed(admin, `${prefix}subscriber`);
      await vi.waitFor(() => expect(isClosed()).toBe(true));
      expect(sent).toEqual([['generation', { id: 'g1', status: 'running' }]]);
    } finally {
      await admin.quit();
      await bus.close();
    }
  });
});
