import type { BreakReason, FailureReason, VideoEntry } from '../store/video-entry';
import { t, uiLocale } from '../i18n/t';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// The relative time is in the language of the popup's words (`5分钟前` beside Chinese words, not
// French beside English ones); the absolute time follows the user's locale because that is how
// they read dates.
const relative = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * One line for the entry's state: `Generating · 42%` (a video app's or relay's percent) or
 * `Generating · 🔥×3`, `Done`, `Partial · <reason>`, `Failed · <reason>` (a video app's own words
 * when it gave some: they are shown as text, never markup).
 */
export function statusLabel(
  entry: Pick<VideoEntry, 'status' | 'progress' | 'failureReason' | 'partialReason' | 'percent' | 'failureMessage'>,
): string {
  switch (entry.status) {
    case 'generating':
      if (entry.percent !== undefined) return t('statusGeneratingPercent', Math.round(entry.percent));
      return entry.progress > 0 ? t('statusGeneratingProgress', entry.progress) : t('statusGeneratingStarted');
    case 'done':
      return t('statusDone');
    case 'partial':
      return entry.partialReason
        ? t('statusPartialBecause', partialReasonText(entry.partialReason))
        : t('statusPartialStreaming');
    case 'failed':
      return t('statusFailedBecause', entry.failureMessage ?? failureReasonText(entry.failureReason));
  }
  // A status no version wrote (a damaged database): say nothing rather than something wrong.
  return '';
}

/** Why a partial entry's answer did not end cleanly; its video was kept all the same. */
export function partialReasonText(reason: BreakReason): string {
  switch (reason) {
    case 'stream-error':
      return t('partialStreamError');
    case 'interrupted':
      return t('partialInterrupted');
    case 'truncated':
      return t('partialTruncated');
  }
  return t('partialUnknown');
}

/** Why an entry failed, in words the user can act on. */
export function failureReasonText(reason: FailureReason | undefined): string {
  switch (reason) {
    case 'no-result':
      return t('failedNoResult');
    case 'stream-error':
      return t('failedStreamError');
    case 'interrupted':
      return t('failedInterrupted');
    case 'truncated':
      return t('failedTruncated');
    case undefined:
      return t('unknownReason');
  }
  return t('unknownReason');
}

/** `localhost:3000` from `http://localhost:3000`; the input itself when it is not a URL. */
export function siteHost(origin: string): string {
  try {
    return new URL(origin).host || origin;
  } catch {
    return origin;
  }
}

/** `just now`, `5 minutes ago`, `yesterday` (`刚刚`, `5分钟前`, `昨天`) … up to a week, then the absolute date. */
export function formatRelativeTime(then: number, now: number): string {
  // A clock that moved backwards must not show "in 3 minutes".
  const elapsed = Math.max(0, now - then);
  if (elapsed < MINUTE) return t('justNow');
  if (elapsed < HOUR) return relative.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return relative.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 7 * DAY) return relative.format(-Math.floor(elapsed / DAY), 'day');
  return formatAbsoluteTime(then);
}

/** Date and time in the user's locale, e.g. `Mar 25, 2025, 2:03 PM`. */
export function formatAbsoluteTime(time: number): string {
  return absolute.format(time);
}
