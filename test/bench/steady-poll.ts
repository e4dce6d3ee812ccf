import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createSiteCaptureSession } from '../../src/background/site-capture-session';
import { createUnchangedBodies, type UnchangedBodies } from '../../src/background/unchanged-bodies';
import { createWriteQueue } from '../../src/background/write-queue';
import { findSiteEndpoint } from '../../src/sites/extractors';
import type { EntryUpdate } from '../../src/store/merge-entry';
import { openVideoDb } from '../../src/store/video-db';
import { createVideoStore } from '../../src/store/video-store';
import type { FigureResult } from './report-table';
import { median } from './stats';

/** The budget (docs/benchmarks.md): CPU per unchanged poll of a 100-item library; writes must be 0. */
export const TARGET_MS_PER_100 = 1;

export interface SteadyPollOptions {
  items: number;
  /** Unchanged polls measured after the first (which fills the library) and the warm-up. */
  polls: number;
  warmup: number;
}

const FIXTURE = 'test/fixtures/sites/sora/drafts.json';

/**
 * Figure: a video app left open, its page polling the user's library every few seconds with
 * nothing new (Sora's drafts list, `items` drafts). Each poll goes through what the background
 * does with it: the site session (with the call's last answer kept, as the capture service
 * does) and the write queue into the store (`createVideoStore`, IndexedDB); and, for
 * comparison, the same polls read in full (framing, `JSON.parse`, the extractor, the entry
 * updates, a look-up and merge per item), as after a worker restart. Measured in this Node process:
 * the store runs on fake-indexeddb (IndexedDB in JavaScript), so its share is an upper bound of
 * a browser's, where IndexedDB's work is in the browser's own code. Writes are the IndexedDB
 * `put`s the poll makes, counted on `IDBObjectStore.prototype.put`.
 */
export async function measureSteadyPoll(options: SteadyPollOptions): Promise<FigureResult[]> {
  const body = libraryBody(options.items);
  const pageUrl = 'https://sora.chatgpt.com/drafts';
  const endpointUrl = `https://sora.chatgpt.com/backend/project_y/profile/drafts/v2?limit=${options.items}`;
  const match = findSiteEndpoint('sora.chatgpt.com', 'GET', endpointUrl);
  if (!match) throw new Error('the Sora drafts endpoint is not routed');
  const store = createVideoStore(await openVideoDb(`steady-poll-${Date.now()}`));
  let stored = 0;
  const queue = createWriteQueue({ store, schedule: () => {}, now: () => Date.now(), onStored: (entries) => (stored += entries.length), log: (message) => console.warn(message) });
  const puts = countPuts();

  const read = (memo: UnchangedBodies | undefined): EntryUpdate[] => {
    const session = createSiteCaptureSession(match, { site: 'https://sora.chatgpt.com', pageUrl, endpointUrl, contentType: 'application/json', method: 'GET' }, () => {}, memo);
    // The text arrives in 64 KiB parts, as the background reads a body's Blobs.
    const updates: EntryUpdate[] = [];
    for (let at = 0; at < body.length; at += 65_536) updates.push(...session.push(body.slice(at, at + 65_536)));
    return [...updates, ...session.end('complete')];
  };

  const memo = createUnchangedBodies();
  const first = read(memo);
  await queue.write(first);
  const entries = (await store.list()).length;

  /** Unchanged polls: the background's path (`memo`), or one that reads the body in full (a worker just restarted). */
  const measure = async (withMemo: boolean): Promise<{ readMs: number; writeMs: number; cpuMs: number; writes: number; told: number }> => {
    for (let run = 0; run < options.warmup; run += 1) await queue.write(read(withMemo ? memo : undefined));
    const readMs: number[] = [];
    const writeMs: number[] = [];
    const cpuMs: number[] = [];
    const putsBefore = puts.count;
    const storedBefore = stored;
    for (let run = 0; run < options.polls; run += 1) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const updates = read(withMemo ? memo : undefined);
      const parsed = performance.now();
      await queue.write(updates);
      const end = performance.now();
      const used = process.cpuUsage(cpu);
      readMs.push(parsed - start);
      writeMs.push(end - parsed);
      cpuMs.push((used.user + used.system) / 1000);
    }
    return {
      readMs: median(readMs),
      writeMs: median(writeMs),
      cpuMs: median(cpuMs),
      writes: (puts.count - putsBefore) / options.polls,
      told: (stored - storedBefore) / options.polls,
    };
  };
  const steady = await measure(true);
  const full = await measure(false);
  puts.restore();

  const per100 = (value: number): string => `${((value * 100) / options.items).toFixed(2)} ms`;
  const notes = [
    `${options.items} drafts (${(body.length / 1024).toFixed(0)} KiB of JSON) → ${first.length} updates, ${entries} entries; ${options.polls} unchanged polls after ${options.warmup} warm-up, medians; process CPU (user + system) of the whole poll`,
    `the background's path (the call's last answer kept, src/background/unchanged-bodies.ts): CPU ${steady.cpuMs.toFixed(2)} ms, read ${steady.readMs.toFixed(2)} ms, store ${steady.writeMs.toFixed(2)} ms; ${steady.writes} IndexedDB puts, ${steady.told} entries told changed`,
    `the first poll after a worker restart (the body read in full: framing, JSON.parse, extractor, entry updates, ${options.items} look-ups and merges on fake-indexeddb): CPU ${full.cpuMs.toFixed(2)} ms, read ${full.readMs.toFixed(2)} ms, store ${full.writeMs.toFixed(2)} ms; ${full.writes} IndexedDB puts (an unchanged merge is not written, src/store/same-entry.ts), ${full.told} entries told changed`,
    'Node, not a browser: the store runs on fake-indexeddb, an upper bound of what IndexedDB costs the worker itself',
  ];
  return [
    {
      figure: `steady state: IndexedDB writes per unchanged poll (${options.items} items)`,
      measured: String(steady.writes),
      baseline: `${full.writes} when read in full`,
      ratio: '',
      target: '0',
      met: steady.writes === 0 && full.writes === 0,
      notes,
    },
    {
      figure: `steady state: background CPU per unchanged poll, per 100 items`,
      measured: per100(steady.cpuMs),
      baseline: `${per100(full.cpuMs)} when read in full`,
      ratio: '',
      target: `< ${TARGET_MS_PER_100} ms`,
      met: (steady.cpuMs * 100) / options.items < TARGET_MS_PER_100,
      notes: [],
    },
  ];
}

/** Sora's drafts list with `items` distinct drafts, each shaped as the recorded one. */
function libraryBody(items: number): string {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { response: { body: { items: Record<string, unknown>[]; cursor?: unknown } } };
  const template = JSON.stringify(fixture.response.body.items[0]);
  const taskId = String(fixture.response.body.items[0]?.task_id);
  const genId = String(fixture.response.body.items[0]?.id);
  const drafts = Array.from({ length: items }, (_, index) => {
    const suffix = index.toString(36).padStart(4, '0');
    return JSON.parse(template.replaceAll(taskId, `${taskId.slice(0, -4)}${suffix}`).replaceAll(genId, `${genId.slice(0, -4)}${suffix}`)) as unknown;
  });
  return JSON.stringify({ items: drafts, cursor: null });
}

function countPuts(): { count: number; restore(): void } {
  const prototype = (globalThis as unknown as { IDBObjectStore: { prototype: { put: (...args: unknown[]) => unknown } } }).IDBObjectStore.prototype;
  const put = prototype.put;
  const counter = {
    count: 0,
    restore: () => {
      prototype.put = put;
    },
  };
  prototype.put = function (this: unknown, ...args: unknown[]) {
    counter.count += 1;
    return put.apply(this, args);
  };
  return counter;
}
