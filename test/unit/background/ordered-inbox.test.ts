import { describe, expect, it } from 'vitest';
import { createOrderedInbox } from '@/src/background/ordered-inbox';

const later = <T>(value: T, ms: number): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('ordered inbox', () => {
  it('delivers ready items at once while nothing waits', () => {
    const seen: number[] = [];
    const inbox = createOrderedInbox<number>((item) => seen.push(item));
    inbox.put(1);
    inbox.put(2);
    expect(seen).toEqual([1, 2]);
  });

  it('holds everything behind a pending item, and reads one at a time', async () => {
    const seen: string[] = [];
    const inbox = createOrderedInbox<string>((item) => seen.push(item));
    inbox.put('open');
    const started: string[] = [];
    inbox.put(() => (started.push('slow'), later('slow batch', 30)));
    inbox.put(() => {
      // One read at a time: the second starts only once the first is delivered.
      started.push(seen.includes('slow batch') ? 'fast after slow' : 'fast too early');
      return later('fast batch', 1);
    });
    inbox.put('end');
    expect(seen).toEqual(['open']);
    await inbox.idle();
    expect(seen).toEqual(['open', 'slow batch', 'fast batch', 'end']);
    expect(started).toEqual(['slow', 'fast after slow']);
    inbox.put('next');
    expect(seen.at(-1)).toBe('next');
  });

  it('goes on past an item whose delivery throws', async () => {
    const seen: string[] = [];
    const inbox = createOrderedInbox<string>((item) => {
      if (item === 'bad') throw new Error('bad');
      seen.push(item);
    });
    inbox.put(() => later('bad', 1));
    inbox.put('good');
    await inbox.idle();
    expect(seen).toEqual(['good']);
  });
});
