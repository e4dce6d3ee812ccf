import type { BreakReason, FailureReason, VideoEntry } from '../store/video-entry';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The popup's words are English, so the relative time is too; the absolute time follows the
// user's locale because that is how they read dates.
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One line for the entry's state: `Generating · 🔥×3`, `Done`, `Partial · <reason>`, `Failed · <reason>`. */
export function statusLabel(entry: Pick<VideoEntry, 'status' | 'progress' | 'failureReason' | 'partialReason'>): string {
  switch (entry.status) {
    case 'generating':
      return entry.progress > 0 ? `Generating · 🔥×${entry.progress}` : 'Generating…';
    case 'done':
      return 'Done';
    case 'partial':
      return entry.partialReason
        ? `Partial · ${partialReasonText(entry.partialReason)}`
        : 'Video saved · the answer is still streaming';
    case 'failed':
      return `Failed · ${failureReasonText(entry.failureReason)}`;
  }
  // A status no version wrote (a damaged database): say nothing rather than something wrong.
  return '';
}

/** Why a partial entry's answer did not end cleanly; its video was kept all the same. */
export function partialReasonText(reason: BreakReason): string {
  switch (reason) {
    case 'stream-error':
      return 'the stream broke after the video arrived; the link or later videos may be incomplete';
    case 'interrupted':
      return 'the page was closed before the answer ended; later videos may be missing';
    case 'truncated':
      return 'the answer was too long and was cut at a size limit; later videos may be missing';
  }
  return 'the answer did not end cleanly';
}

/** Why an entry failed, in words the user can act on. */
export function failureReasonText(reason: FailureReason | undefined): string {
  switch (reason) {
    case 'no-result':
      return 'the answer ended without a video (the model failed or timed out)';
    case 'stream-error':
      return 'the stream broke before the video arrived';
    case 'interrupted':
      return 'the page was closed before the video arrived';
    case 'truncated':
      return 'the answer was too long and was cut at a size limit before the video arrived';
    case undefined:
      return 'unknown reason';
  }
  return 'unknown reason';
}

/** `localhost:3000` from `http://localhost:3000`; the input itself when it is not a URL. */
export function siteHost(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** `just now`, `5 minutes ago`, `yesterday` … up to a week, then the absolute date. */
export function formatRelativeTime(then: number, now: number): string {
  // A clock that moved backwards must not show "in 3 minutes".
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return formatAbsoluteTime(then);
}

/** Date and time in the user's locale, e.g. `Mar 25, 2025, 2:03 PM`. */
export function formatAbsoluteTime(time: number): string {
  return absolute.format(time);
}
