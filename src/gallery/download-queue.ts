import { t } from '../i18n/t';

/** Where one file of a batch download stands. */
export type QueuedDownloadState =
  | { state: 'waiting' }
  | { state: 'starting' }
  | { state: 'downloading'; downloadId: number; filename: string; received: number; total: number }
  | { state: 'complete'; downloadId: number; filename: string }
  | { state: 'failed'; error: string };

export interface QueuedDownload {
  id: string;
  status: QueuedDownloadState;
}

/** A `downloads.onChanged` delta, reduced to what the queue reads. */
export interface DownloadDelta {
  id: number;
  state?: 'in_progress' | 'interrupted' | 'complete';
  error?: string;
  bytesReceived?: number;
  totalBytes?: number;
}

export interface DownloadQueueOptions {
  /** Starts one download (the background's `download-entry`). */
  start(id: string): Promise<{ ok: true; downloadId: number; filename: string } | { ok: false; error: string }>;
  /** Called after every change, with every item in queue order. */
  onChange(items: readonly QueuedDownload[]): void;
  /** Downloads running at once; default 2 (browsers throttle more per host anyway). */
  concurrency?: number;
}

export interface DownloadQueue {
  /** Adds entries (an entry already queued and not finished is not added twice). */
  add(ids: readonly string[]): void;
  /** Feeds a `downloads.onChanged` delta; deltas of downloads not in the queue are ignored. */
  update(delta: DownloadDelta): void;
  items(): readonly QueuedDownload[];
  /** Drops finished items from the list. */
  clearFinished(): void;
}

/**
 * A batch download: entries start a few at a time, each reports progress from the browser's
 * `downloads.onChanged` and ends complete or failed with the reason; a failure never stops the rest.
 */
export function createDownloadQueue(options: DownloadQueueOptions): DownloadQueue {
  const concurrency = options.concurrency ?? 2;
  const items: QueuedDownload[] = [];
  // A small local file can finish before `start` resolves with its id: its deltas wait here.
  const early = new Map<number, DownloadDelta>();
  const changed = (): void => options.onChange(items.map((item) => ({ ...item })));
  const running = (): number =>
    items.filter((item) => item.status.state === 'starting' || item.status.state === 'downloading').length;
  const finished = (item: QueuedDownload): boolean => item.status.state === 'complete' || item.status.state === 'failed';

  const apply = (item: QueuedDownload, delta: DownloadDelta): void => {
    if (item.status.state !== 'downloading') return;
    const current = item.status;
    if (delta.state === 'complete') {
      item.status = { state: 'complete', downloadId: current.downloadId, filename: current.filename };
    } else if (delta.state === 'interrupted') {
      item.status = { state: 'failed', error: t('downloadInterrupted', delta.error ?? t('unknownReason')) };
    } else {
      item.status = {
        ...current,
        received: delta.bytesReceived ?? current.received,
        total: delta.totalBytes ?? current.total,
      };
    }
  };

  const pump = (): void => {
    while (running() < concurrency) {
      const next = items.find((item) => item.status.state === 'waiting');
      if (!next) return;
      next.status = { state: 'starting' };
      void options.start(next.id).then(
        (result) => {
          next.status = result.ok
            ? { state: 'downloading', downloadId: result.downloadId, filename: result.filename, received: 0, total: 0 }
            : { state: 'failed', error: result.error };
          const waiting = result.ok ? early.get(result.downloadId) : undefined;
          if (waiting && result.ok) {
            early.delete(result.downloadId);
            apply(next, waiting);
          }
          changed();
          pump();
        },
        (error: unknown) => {
          next.status = { state: 'failed', error: error instanceof Error ? error.message : String(error) };
          changed();
          pump();
        },
      );
    }
  };

  return {
    add(ids) {
      for (const id of ids) {
        if (items.some((item) => item.id === id && !finished(item))) continue;
        const done = items.findIndex((item) => item.id === id);
        if (done >= 0) items.splice(done, 1);
        items.push({ id, status: { state: 'waiting' } });
      }
      changed();
      pump();
    },
    update(delta) {
      const item = items.find((candidate) => candidate.status.state === 'downloading' && candidate.status.downloadId === delta.id);
      if (!item) {
        // Possibly ours, its id not known yet (see `early`); merged so a later `complete` wins.
        if (items.some((candidate) => candidate.status.state === 'starting')) {
          early.set(delta.id, { ...early.get(delta.id), ...delta });
        }
        return;
      }
      apply(item, delta);
      changed();
      pump();
    },
    items: () => items.map((item) => ({ ...item })),
    clearFinished() {
      const kept = items.filter((item) => !finished(item));
      items.splice(0, items.length, ...kept);
      changed();
    },
  };
}
