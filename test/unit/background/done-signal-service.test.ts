import { describe, expect, it, vi } from 'vitest';
import { createDoneSignalService, type DoneSignalServiceOptions } from '@/src/background/done-signal-service';
import type { DoneSignalState } from '@/src/background/done-signals';
import type { VideoEntry, VideoStatus } from '@/src/store/video-entry';

const T0 = Date.UTC(2025, 2, 25, 6, 0, 0);

function entry(id: string, status: VideoStatus, createdAt = T0): VideoEntry {
  return {
    id,
    status,
    progress: 0,
    ...(status === 'done' ? { videoUrl: `https://cdn.example/${id}.mp4` } : {}),
    prompt: 'A dog runs on the grass',
    site: 'http://localhost:3000',
    pageUrl: 'http://localhost:3000/chat',
    endpointUrl: 'http://localhost:3000/v1/chat/completions',
    index: 0,
    createdAt,
    updatedAt: createdAt,
  };
}

/** A worker's service over `session` (shared between "workers" like storage.session) and `library`. */
function worker(session: { value?: unknown }, library: Map<string, VideoEntry>, settings = { autoDownload: true, notifyDone: true }) {
  const events: string[] = [];
  const logs: string[] = [];
  const download = vi.fn(async (item: VideoEntry) => void events.push(`download ${item.id}`));
  const notify = vi.fn(async (item: VideoEntry) => void events.push(`notify ${item.id}`));
  const options: DoneSignalServiceOptions = {
    state: {
      load: async () => session.value,
      save: async (state: DoneSignalState) => {
        events.push(`save ${state.signalled.join(',')}`);
        session.value = JSON.parse(JSON.stringify(state));
      },
    },
    settings: async () => settings,
    getEntry: async (id) => library.get(id),
    download,
    notify,
    now: () => T0 + 10_000,
    log: (message) => logs.push(message),
  };
  return { service: createDoneSignalService(options), options, download, notify, events, logs };
}

describe('done signal service', () => {
  it('downloads and notifies a video once, after saving that it did', async () => {
    const { service, events } = worker({}, new Map());
    await service.stored([entry('task:1:0', 'generating')], T0 + 1);
    await service.stored([entry('task:1:0', 'done')], T0 + 2);
    await service.stored([entry('task:1:0', 'done')], T0 + 3);
    expect(events).toEqual(['save ', 'save task:1:0', 'download task:1:0', 'notify task:1:0']);
  });

  it('does what the settings say: nothing when both are off, and still never later', async () => {
    const session = {};
    const off = worker(session, new Map(), { autoDownload: false, notifyDone: false });
    await off.service.stored([entry('task:1:0', 'done', T0 + 1)], T0 + 1);
    expect(off.download).not.toHaveBeenCalled();
    expect(off.notify).not.toHaveBeenCalled();
    // Switched on afterwards: the same entry written again is not new any more.
    const on = worker(session, new Map());
    await on.service.stored([entry('task:1:0', 'done', T0 + 1)], T0 + 1);
    expect(on.events.filter((event) => !event.startsWith('save'))).toEqual([]);
  });

  it('survives the worker being stopped between the generating write and the done one', async () => {
    const session: { value?: unknown } = {};
    const library = new Map<string, VideoEntry>();
    const first = worker(session, library);
    await first.service.stored([entry('task:2:0', 'generating')], T0 + 1);

    // A new worker: the video arrives done (a later answer), the entry itself is old by now.
    const second = worker(session, library);
    await second.service.stored([entry('task:2:0', 'done')], T0 + 50_000);
    expect(second.download).toHaveBeenCalledTimes(1);

    // A third worker sees the stream replayed: nothing again.
    const third = worker(session, library);
    await third.service.stored([entry('task:2:0', 'generating'), entry('task:2:0', 'done')], T0 + 60_000);
    await third.service.resume();
    expect(third.download).not.toHaveBeenCalled();
    expect(third.notify).not.toHaveBeenCalled();
  });

  it('on resume, signals watched entries that became done while no worker ran and forgets deleted ones', async () => {
    const session: { value?: unknown } = {};
    const library = new Map<string, VideoEntry>();
    await worker(session, library).service.stored([entry('task:3:0', 'generating'), entry('task:4:0', 'generating'), entry('task:5:0', 'generating')], T0 + 1);
    library.set('task:3:0', entry('task:3:0', 'done'));
    library.set('task:4:0', entry('task:4:0', 'generating'));
    // task:5:0 was deleted from the gallery.
    const next = worker(session, library);
    await next.service.resume();
    expect(next.events).toEqual(['save task:3:0', 'download task:3:0', 'notify task:3:0']);
    expect((session.value as DoneSignalState).watching.map((item) => item.id)).toEqual(['task:4:0']);
  });

  it('runs one write after another, so two quick writes of the same entry signal it once', async () => {
    const { service, download } = worker({}, new Map());
    const done = entry('task:6:0', 'done', T0 + 5);
    await Promise.all([service.stored([done], T0 + 5), service.stored([done], T0 + 5)]);
    expect(download).toHaveBeenCalledTimes(1);
  });

  it('logs a failed download or notification and a storage that cannot be read or written, and goes on', async () => {
    const { service, options, download, notify, logs } = worker({}, new Map());
    options.state.load = async () => {
      throw new Error('storage gone');
    };
    options.state.save = async () => {
      throw new Error('quota');
    };
    download.mockRejectedValueOnce(new Error('This video has no downloadable link yet.'));
    notify.mockRejectedValueOnce(new Error('the notifications permission is not granted'));
    await service.stored([entry('task:7:0', 'done', T0 + 5)], T0 + 5);
    expect(logs).toEqual([
      expect.stringContaining('could not be read (Error: storage gone)'),
      expect.stringContaining('could not be saved: Error: quota'),
      'auto-download of task:7:0 failed: Error: This video has no downloadable link yet.',
      'done notification of task:7:0 failed: Error: the notifications permission is not granted',
    ]);
    // Remembered in memory all the same: this worker does not repeat it.
    await service.stored([entry('task:7:0', 'done', T0 + 5)], T0 + 5);
    expect(download).toHaveBeenCalledTimes(1);
  });
});

describe('automatic downloads are gated', () => {
  it('never downloads a link on a local address from a public page, and still notifies it', async () => {
    const { service, download, notify, logs } = worker({}, new Map());
    const lan: VideoEntry = { ...entry('task:9:0', 'done', T0 + 1), site: 'https://chat.example', pageUrl: 'https://chat.example/c', videoUrl: 'http://192.168.1.1/admin.mp4' };
    await service.stored([lan], T0 + 1);
    expect(download).not.toHaveBeenCalled();
    expect(notify).toHaveBeenCalledTimes(1);
    expect(logs.join('\n')).toMatch(/no auto-download of task:9:0: its link is on a local network address/);
  });

  it('downloads a local link from a page on a local address (a self-hosted chat)', async () => {
    const { service, download } = worker({}, new Map());
    await service.stored([{ ...entry('task:8:0', 'done', T0 + 1), videoUrl: 'http://127.0.0.1:9000/v.mp4' }], T0 + 1);
    expect(download).toHaveBeenCalledTimes(1);
  });

  it('starts at most 12 automatic downloads per site in 10 minutes; other sites are not held back', async () => {
    const { service, download, logs } = worker({}, new Map());
    const flood = Array.from({ length: 20 }, (_, index) => ({ ...entry(`task:f${index}:0`, 'done', T0 + 1), site: 'https://flood.example' }));
    await service.stored(flood, T0 + 1);
    expect(download).toHaveBeenCalledTimes(12);
    await service.stored([entry('task:other:0', 'done', T0 + 2)], T0 + 2);
    expect(download).toHaveBeenCalledTimes(13);
    expect(logs.filter((line) => /more than 12 automatic downloads from https:\/\/flood.example/.test(line))).toHaveLength(8);
  });
});
