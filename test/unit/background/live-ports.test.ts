import { describe, expect, it } from 'vitest';
import { createLivePorts } from '@/src/background/live-ports';

describe('live ports', () => {
  it('joins the entry ids of every connected port, and forgets a port once removed', () => {
    const ports = createLivePorts();
    ports.add({ entryIds: () => ['a', 'b'], idle: () => Promise.resolve() });
    const remove = ports.add({ entryIds: () => new Set(['b', 'c']), idle: () => Promise.resolve() });
    expect([...ports.entryIds()].sort()).toEqual(['a', 'b', 'c']);
    remove();
    expect([...ports.entryIds()].sort()).toEqual(['a', 'b']);
  });

  it('is idle once every port is', async () => {
    const ports = createLivePorts();
    let release = (): void => {};
    const slow = new Promise<void>((resolve) => (release = resolve));
    ports.add({ entryIds: () => [], idle: () => slow });
    let idle = false;
    const waiting = ports.idle().then(() => (idle = true));
    await Promise.resolve();
    expect(idle).toBe(false);
    release();
    await waiting;
    expect(idle).toBe(true);
  });
});
