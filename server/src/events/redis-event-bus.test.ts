import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectionIdsNamed, killConnectionsNamed, testRedisUrl, uniqueRedisPrefix } from '../test-support/redis.js';
import { RedisEventBus } from './redis-event-bus.js';

let admin: Redis;
const buses: RedisEventBus[] = [];
const errors: unknown[] = [];

beforeAll(() => {
  admin = new Redis(testRedisUrl);
});
afterAll(() => admin.quit());
afterEach(async () => {
  await Promise.all(buses.splice(0).map((b) => b.close()));
  expect(errors.splice(0)).toEqual([]);
});

/** Two buses as two processes would have them, sharing a prefix of their own. */
function twoBuses(prefix = `${uniqueRedisPrefix()}:`): [RedisEventBus, RedisEventBus, string] {
  const make = () => new RedisEventBus({ url: testRedisUrl, prefix, onError: (err) => errors.push(err) });
  const pair: [RedisEventBus, RedisEventBus] = [make(), make()];
  buses.push(...pair);
  return [...pair, prefix];
}

function collect() {
  const got: unknown[] = [];
  return { got, listener: (e: unknown) => void got.push(e) };
}

const subscribersOf = async (channel: string) => Number(((await admin.pubsub('NUMSUB', channel)) as [string, number])[1]);


describe('RedisEventBus', () => {
  it('delivers what one process publishes to the subscribers of another, as JSON', async () => {
    const [a, b] = twoBuses();
    const seen = collect();
    await b.subscribe('generation.g1', seen.listener);
    a.publish('generation.g1', { type: 'status', status: 'running', nested: { n: 1 } });
    await vi.waitFor(() => expect(seen.got).toEqual([{ type: 'status', status: 'running', nested: { n: 1 } }]));
  });

  it('stops delivering after unsubscribe, and unsubscribes the channel when its last listener leaves', async () => {
    const [a, b, prefix] = twoBuses();
    const first = collect();
    const second = collect();
    const stopFirst = await b.subscribe('t', first.listener);
    const stopSecond = await b.subscribe('t', second.listener);
    expect(await subscribersOf(`${prefix}t`)).toBe(1);

    stopFirst();
    a.publish('t', 1);
    await vi.waitFor(() => expect(second.got).toEqual([1]));
    expect(first.got).toEqual([]);
    expect(await subscribersOf(`${prefix}t`)).toBe(1);

    stopSecond();
    stopSecond();
    await vi.waitFor(async () => expect(await subscribersOf(`${prefix}t`)).toBe(0));
    a.publish('t', 2);
    // A marker on another topic, published after: once it is in, the event before it had its chance.
    const marker = collect();
    await b.subscribe('marker', marker.listener);
    a.publish('marker', 'm');
    await vi.waitFor(() => expect(marker.got).toEqual(['m']));
    expect(second.got).toEqual([1]);
  });

  it('counts the same listener subscribed twice as two subscriptions', async () => {
    const [a, b] = twoBuses();
    const seen = collect();
    const stop = await b.subscribe('t', seen.listener);
    await b.subscribe('t', seen.listener);
    stop();
    a.publish('t', 'still here');
    await vi.waitFor(() => expect(seen.got).toEqual(['still here']));
  });

  it('carries many topics on one subscriber connection, each event to its own topic only', async () => {
    const [a, b, prefix] = twoBuses();
    const topics = Array.from({ length: 40 }, (_, i) => `generation.${i}`);
    const seen = new Map(topics.map((topic) => [topic, collect()]));
    await Promise.all(topics.map((topic) => b.subscribe(topic, seen.get(topic)!.listener)));
    for (const topic of topics) a.publish(topic, topic);
    await vi.waitFor(() => expect(topics.every((topic) => seen.get(topic)!.got.length === 1)).toBe(true));
    for (const topic of topics) expect(seen.get(topic)!.got).toEqual([topic]);
    expect(await connectionIdsNamed(admin, `${prefix}subscriber`)).toHaveLength(2); // one per bus, two buses
    expect(await subscribersOf(`${prefix}${topics[7]}`)).toBe(1);
  });

  it('delivers the events of one publisher in publish order', async () => {
    const [a, b] = twoBuses();
    const seen = collect();
    await b.subscribe('ordered', seen.listener);
    const sent = Array.from({ length: 300 }, (_, i) => ({ i }));
    for (const event of sent) a.publish('ordered', event);
    await vi.waitFor(() => expect(seen.got).toHaveLength(sent.length));
    expect(seen.got).toEqual(sent);
  });

  it('keeps two installations with different prefixes apart on one Redis', async () => {
    const [publisherOfA, subscriberOfA] = twoBuses();
    const [publisherOfB, subscriberOfB] = twoBuses();
    const seenByA = collect();
    const seenByB = collect();
    await subscriberOfA.subscribe('t', seenByA.listener);
    await subscriberOfB.subscribe('t', seenByB.listener);
    publisherOfA.publish('t', 'for A');
    publisherOfB.publish('t', 'for B');
    await vi.waitFor(() => expect([seenByA.got, seenByB.got]).toEqual([['for A'], ['for B']]));
  });

  it('tells its subscribers when the connection is lost, and subscribes again once it is back', async () => {
    const [a, b, prefix] = twoBuses();
    const seen = collect();
    let interruptions = 0;
    await b.subscribe('t1', seen.listener, () => interruptions++);
    await b.subscribe('t2', seen.listener);
    // Both buses share the name, so both lose their connection; each must come back on its own.
    const before = await killConnectionsNamed(admin, `${prefix}subscriber`);
    await vi.waitFor(async () => {
      const after = await connectionIdsNamed(admin, `${prefix}subscriber`);
      expect(after).toHaveLength(2);
      expect(after.filter((id) => before.includes(id))).toEqual([]);
    }, { timeout: 10_000 });
    await vi.waitFor(async () => expect(await subscribersOf(`${prefix}t2`)).toBe(1), { timeout: 10_000 });
    expect(await subscribersOf(`${prefix}t1`)).toBe(1);
    expect(interruptions).toBe(1);
    a.publish('t1', 'after');
    a.publish('t2', 'after too');
    await vi.waitFor(() => expect(seen.got).toEqual(['after', 'after too']));
  });
});
