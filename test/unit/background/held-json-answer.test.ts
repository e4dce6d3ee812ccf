import { describe, expect, it } from 'vitest';
import { holdJsonAnswer } from '@/src/background/held-json-answer';

function recordingFramer() {
  const fed: string[] = [];
  let ended = 0;
  return { fed, ended: () => ended, framer: { feed: (text: string) => fed.push(text), end: () => (ended += 1) } };
}

describe('holdJsonAnswer', () => {
  it('holds a complete answer and gives its whole text back, none of it to the framer', () => {
    const { fed, framer } = recordingFramer();
    const answer = holdJsonAnswer(framer, true, 100);
    answer.feed('{"a":');
    answer.feed('1}');
    expect(fed).toEqual([]);
    expect(answer.finish(true)).toBe('{"a":1}');
    expect(fed).toEqual([]);
  });

  it('gives what it held to the framer when the answer did not end complete', () => {
    const { fed, framer } = recordingFramer();
    const answer = holdJsonAnswer(framer, true, 100);
    answer.feed('{"a":');
    answer.feed('1');
    expect(answer.finish(false)).toBeUndefined();
    expect(fed).toEqual(['{"a":', '1']);
  });

  it('gives the framer what it held once past the cap, and the rest as it comes', () => {
    const { fed, framer } = recordingFramer();
    const answer = holdJsonAnswer(framer, true, 5);
    answer.feed('abc');
    expect(fed).toEqual([]);
    answer.feed('def');
    expect(fed).toEqual(['abc', 'def']);
    answer.feed('ghi');
    expect(fed).toEqual(['abc', 'def', 'ghi']);
    expect(answer.finish(true)).toBeUndefined();
    expect(fed).toEqual(['abc', 'def', 'ghi']);
  });

  it('holds nothing when told not to', () => {
    const { fed, ended, framer } = recordingFramer();
    const answer = holdJsonAnswer(framer, false);
    answer.feed('{}');
    expect(fed).toEqual(['{}']);
    expect(answer.finish(true)).toBeUndefined();
    expect(fed).toEqual(['{}']);
    expect(ended()).toBe(0); // ending the framer is the session's
  });
});
