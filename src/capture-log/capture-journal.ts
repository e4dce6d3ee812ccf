/**
 * The capture log: the last responses the extension looked at, so a user can see why nothing
 * was captured when a site changes its JSON. Metadata only: never a body, never a query string
 * (signed links and tokens live there), never a message text (it may quote the body).
 */

import { CAPTURE_LOG_LIMIT, parseCaptureLogRecords } from '../protocol/capture-log-records';
import type { CaptureLogRecord } from '../protocol/messages';

/** One line of the log; the type lives with the message protocol, which carries it to the log page. */
export type JournalRecord = CaptureLogRecord;

/** Responses kept at most; the oldest go first. */
export const JOURNAL_LIMIT = CAPTURE_LOG_LIMIT;

/** Issue types that mean what should have read the response could not. */
const UNREAD = new Set(['unknown-dialect', 'unknown-framing', 'unknown-shape']);

export interface CaptureJournal {
  opened(streamId: string, record: Pick<JournalRecord, 'at' | 'site' | 'method'> & { endpointUrl: string; contentType: string }): void;
  /** The stream read `size` characters so far; `summary` is what read it and what it found. */
  progressed(streamId: string, size: number, summary: { handledBy?: string; found: number; generic?: number }): void;
  issue(streamId: string, type: string): void;
  closed(streamId: string, ended: string, summary: { handledBy?: string; found: number; generic?: number }): void;
  /** Newest first. */
  records(): JournalRecord[];
  /** Puts records an earlier worker kept (oldest first) before the ones seen since. */
  restore(older: JournalRecord[]): void;
  clear(): void;
}

/**
 * An in-memory ring of `JOURNAL_LIMIT` records. `onChange` is called after each change, for the
 * caller to persist the records (session storage, so they outlive a stopped worker but not the
 * browser); `initial` restores them.
 */
export function createCaptureJournal(options: { onChange?: (records: JournalRecord[]) => void; initial?: JournalRecord[] } = {}): CaptureJournal {
  /** Oldest first. */
  const ring: JournalRecord[] = (options.initial ?? []).slice(-JOURNAL_LIMIT);
  const byStream = new Map<string, JournalRecord>();
  const changed = (): void => options.onChange?.(ring);

  const settle = (record: JournalRecord): void => {
    if (record.found > 0) record.outcome = 'found';
    else if (!record.handledBy || record.issues.some((type) => UNREAD.has(type))) record.outcome = 'skipped';
    else record.outcome = 'nothing';
  };

  return {
    opened(streamId, { at, site, method, endpointUrl, contentType }) {
      const record: JournalRecord = {
        at,
        site,
        path: pathOf(endpointUrl),
        method,
        type: contentType.split(';')[0]?.trim().toLowerCase().slice(0, 100) ?? '',
        size: 0,
        found: 0,
        outcome: 'open',
        issues: [],
      };
      byStream.set(streamId, record);
      ring.push(record);
      while (ring.length > JOURNAL_LIMIT) {
        const dropped = ring.shift();
        for (const [id, item] of byStream) if (item === dropped) byStream.delete(id);
      }
      changed();
    },
    progressed(streamId, size, summary) {
      const record = byStream.get(streamId);
      if (!record) return;
      record.size = size;
      if (summary.handledBy) record.handledBy = summary.handledBy;
      record.found = summary.found;
      if (summary.generic) record.generic = summary.generic;
    },
    issue(streamId, type) {
      const record = byStream.get(streamId);
      if (!record || record.issues.includes(type) || record.issues.length >= 16) return;
      record.issues.push(type);
      changed();
    },
    closed(streamId, ended, summary) {
      const record = byStream.get(streamId);
      if (!record) return;
      byStream.delete(streamId);
      if (summary.handledBy) record.handledBy = summary.handledBy;
      record.found = summary.found;
      if (summary.generic) record.generic = summary.generic;
      record.ended = ended;
      settle(record);
      changed();
    },
    records: () => [...ring].reverse(),
    restore(older) {
      ring.unshift(...older.map((record) => (record.outcome === 'open' ? { ...record, outcome: 'skipped' as const, ended: 'worker-stopped' } : record)));
      ring.splice(0, Math.max(0, ring.length - JOURNAL_LIMIT));
    },
    clear() {
      ring.length = 0;
      byStream.clear();
      changed();
    },
  };
}

/** `host/path` of a URL, without scheme, credentials, query or fragment; bounded. */
export function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`.slice(0, 300);
  } catch {
    return '';
  }
}

/** Records from storage, keeping only well-formed ones (the value may be anything). */
export function parseJournalRecords(value: unknown): JournalRecord[] {
  return parseCaptureLogRecords(value);
}
