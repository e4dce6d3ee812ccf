import type { CaptureLogRecord } from './messages';

/** Lines the capture log keeps, and so the most a page is sent. */
export const CAPTURE_LOG_LIMIT = 200;

/** The well-formed capture log records of an untrusted value (storage, a message), the last `CAPTURE_LOG_LIMIT`. */
export function parseCaptureLogRecords(value: unknown): CaptureLogRecord[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((item): item is CaptureLogRecord => {
      if (typeof item !== 'object' || item === null) return false;
      const record = item as Record<string, unknown>;
      return (
        typeof record.at === 'number' &&
        typeof record.site === 'string' &&
        typeof record.path === 'string' &&
        typeof record.method === 'string' &&
        typeof record.type === 'string' &&
        typeof record.size === 'number' &&
        typeof record.found === 'number' &&
        typeof record.outcome === 'string' &&
        Array.isArray(record.issues)
      );
    })
    .slice(-CAPTURE_LOG_LIMIT);
}
