import { describe, expect, it, vi } from 'vitest';
import { ALARMS, runAlarm } from '@/src/background/alarms';
import { createSiteStatus } from '@/src/background/site-status';
import { storageSlot, type StorageArea } from '@/src/background/storage-slot';
import { createStoredCaptureLog } from '@/src/background/stored-capture-log';

function memoryArea(): StorageArea & { items: Record<string, unknown> } {
  const stored = new Map<string, unknown>();
  return {
    get items() {
      return Object.fromEntries(stored);
    },
    get: async (key) => (stored.has(key) ? { [key]: stored.get(key) } : {}),
    set: async (values) => {
      for (const [key, value] of Object.entries(values)) stored.set(key, value);
    },
    remove: async (key) => {
      stored.delete(key);
    },
  };
}

describe('the background features the entrypoint wires', () => {
  it('a storage slot reads, writes and removes one key', async () => {
    const area = memoryArea();
    const slot = storageSlot<number>(area, 'n');
    expect(await slot.load()).toBeUndefined();
    await slot.save(3);
    expect(await slot.load()).toBe(3);
    await slot.save(undefined);
    expect(area.items).toEqual({});
  });

  it('the capture log is restored at start and saved once per burst of changes, a second later', async () => {
    const area = memoryArea();
    await area.set({ log: [{ at: 1, site: 'https://a.test', path: 'a.test/x', method: 'GET', type: 'application/json', size: 1, found: 0, outcome: 'nothing', issues: [] }] });
    const timers: Array<[() => void, number]> = [];
    const journal = createStoredCaptureLog(storageSlot(area, 'log'), (run, ms) => timers.push([run, ms]));
    await vi.waitFor(() => expect(journal.records()).toHaveLength(1));
    journal.opened('s1', { at: 2, site: 'https://b.test', method: 'GET', endpointUrl: 'https://b.test/y', contentType: 'application/json' });
    journal.opened('s2', { at: 3, site: 'https://b.test', method: 'GET', endpointUrl: 'https://b.test/z', contentType: 'application/json' });
    expect(timers.map(([, ms]) => ms)).toEqual([1000]);
    timers[0]![0]();
    await vi.waitFor(() => expect(area.items.log).toHaveLength(3));
  });

  it("site status: a video app's page is on unless switched off; any other page as its site access says", async () => {
    const status = createSiteStatus({ isAppOn: async (name) => name !== 'kling', siteStatus: async () => ({ state: 'unsupported' }) });
    expect(await status('https://www.vidu.com/create')).toEqual({ state: 'default', origin: 'https://www.vidu.com' });
    expect(await status('https://klingai.kuaishou.com/x')).toMatchObject({ state: 'switched-off', origin: 'https://klingai.kuaishou.com' });
    expect(await status('chrome://newtab')).toEqual({ state: 'unsupported' });
  });

  it('alarms run their own task only', () => {
    const sweep = vi.fn();
    runAlarm(ALARMS.sweep, { [ALARMS.sweep]: sweep });
    runAlarm('toString', { [ALARMS.sweep]: sweep });
    expect(sweep).toHaveBeenCalledTimes(1);
  });
});
