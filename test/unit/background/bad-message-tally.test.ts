import { describe, expect, it } from 'vitest';
import { createBadMessageTally } from '@/src/background/bad-message-tally';
import type { CaptureLog } from '@/src/background/capture-service';

describe('bad message tally', () => {
  it('logs the first twenty one by one, then one line per thousand, and a total at the end', () => {
    const logs: CaptureLog[] = [];
    const tally = createBadMessageTally('https://example.com', (entry) => logs.push(entry));
    for (let count = 0; count < 2500; count += 1) tally.count();
    tally.summarize();
    expect(logs.filter((entry) => entry.message === 'malformed relay message dropped')).toHaveLength(20);
    expect(logs.slice(20).map((entry) => entry.message)).toEqual([
      '1000 malformed relay messages dropped from https://example.com',
      '2000 malformed relay messages dropped from https://example.com',
      '2500 malformed relay messages dropped from https://example.com in all',
    ]);
    expect(logs.every((entry) => entry.type === 'bad-message')).toBe(true);
  });

  it('adds no total when each was logged already', () => {
    const logs: CaptureLog[] = [];
    const tally = createBadMessageTally('https://example.com', (entry) => logs.push(entry));
    for (let count = 0; count < 20; count += 1) tally.count();
    tally.summarize();
    expect(logs).toHaveLength(20);
  });
});
