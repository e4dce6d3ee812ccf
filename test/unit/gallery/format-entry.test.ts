import { describe, expect, it } from 'vitest';
import {
  failureReasonText,
  formatAbsoluteTime,
  formatRelativeTime,
  partialReasonText,
  siteHost,
  statusLabel,
} from '../../../src/gallery/format-entry';

const NOW = Date.UTC(2025, 2, 25, 12, 0, 0);
const MINUTE = 60_000;

describe('statusLabel', () => {
  it('counts the progress marks while generating', () => {
    expect(statusLabel({ status: 'generating', progress: 6 })).toBe('Generating · 🔥×6');
    expect(statusLabel({ status: 'generating', progress: 0 })).toBe('Generating…');
  });

  it("shows a video app's percent while generating, and its own words when it failed", () => {
    expect(statusLabel({ status: 'generating', progress: 6, percent: 41.6 })).toBe('Generating · 42%');
    expect(statusLabel({ status: 'failed', progress: 0, failureReason: 'no-result', failureMessage: '<b>moderated</b>' })).toBe('Failed · <b>moderated</b>');
  });

  it('says done, or failed with the reason', () => {
    expect(statusLabel({ status: 'done', progress: 6 })).toBe('Done');
    expect(statusLabel({ status: 'failed', progress: 2, failureReason: 'no-result' })).toBe(
      `Failed · ${failureReasonText('no-result')}`,
    );
    expect(statusLabel({ status: 'failed', progress: 0 })).toBe('Failed · unknown reason');
  });
});

describe('failureReasonText', () => {
  it.each(['no-result', 'stream-error', 'interrupted', 'truncated'] as const)('has words for %s', (reason) => {
    expect(failureReasonText(reason)).not.toBe(failureReasonText(undefined));
  });
});

describe('partial entries', () => {
  it('say the video is saved while the answer still streams', () => {
    expect(statusLabel({ status: 'partial', progress: 6 })).toBe('Video saved · the answer is still streaming');
  });

  it.each(['stream-error', 'interrupted', 'truncated'] as const)('say why the answer broke: %s', (reason) => {
    expect(statusLabel({ status: 'partial', progress: 6, partialReason: reason })).toBe(`Partial · ${partialReasonText(reason)}`);
    expect(new Set(['stream-error', 'interrupted', 'truncated'].map((item) => partialReasonText(item as typeof reason))).size).toBe(3);
  });
});

describe('siteHost', () => {
  it.each([
    ['http://localhost:3000', 'localhost:3000'],
    ['http://127.0.0.1:8080', '127.0.0.1:8080'],
    ['http://[::1]:3000', '[::1]:3000'],
    ['https://chatglm.cn', 'chatglm.cn'],
    ['not an origin', 'not an origin'],
  ])('%s → %s', (origin, host) => {
    expect(siteHost(origin)).toBe(host);
  });
});

describe('formatRelativeTime', () => {
  it.each([
    [0, 'just now'],
    [59_000, 'just now'],
    [MINUTE, '1 minute ago'],
    [5 * MINUTE, '5 minutes ago'],
    [60 * MINUTE, '1 hour ago'],
    [25 * 60 * MINUTE, 'yesterday'],
    [3 * 24 * 60 * MINUTE, '3 days ago'],
  ])('%i ms ago → %s', (elapsed, text) => {
    expect(formatRelativeTime(NOW - elapsed, NOW)).toBe(text);
  });

  it('never says "in …" when the clock went backwards', () => {
    expect(formatRelativeTime(NOW + 5 * MINUTE, NOW)).toBe('just now');
  });

  it('gives the absolute date after a week', () => {
    const then = NOW - 30 * 24 * 60 * MINUTE;
    expect(formatRelativeTime(then, NOW)).toBe(formatAbsoluteTime(then));
    expect(formatAbsoluteTime(then)).toMatch(/2025/);
  });
});
