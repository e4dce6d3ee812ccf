import { describe, expect, it, vi } from 'vitest';
import { whileKeptAlive, KEEP_ALIVE_MS } from '@/src/background/keep-alive';
import { createOffscreenUrlBackend, ORPHAN_URL_MS, serveObjectUrls, type OffscreenApi } from '@/src/offline/offscreen-urls';
import { parseOffscreenRequest } from '@/src/protocol/offscreen-requests';
import type { OffscreenRequest } from '@/src/protocol/messages';

describe('parseOffscreenRequest', () => {
  it('takes only the two requests, with sane values', () => {
    expect(parseOffscreenRequest({ type: 'offscreen-object-url', id: 'task:1:0' })).toEqual({ type: 'offscreen-object-url', id: 'task:1:0' });
    expect(parseOffscreenRequest({ type: 'offscreen-revoke', url: 'blob:chrome-extension://x/1' })).toEqual({
      type: 'offscreen-revoke',
      url: 'blob:chrome-extension://x/1',
    });
    for (const junk of [
      null,
      'offscreen-object-url',
      { type: 'offscreen-object-url', id: 5 },
      { type: 'offscreen-object-url', id: 'x'.repeat(5001) },
      { type: 'offscreen-revoke', url: 'https://evil.test/' },
      { type: 'entries-changed' },
    ]) {
      expect(parseOffscreenRequest(junk)).toBeUndefined();
    }
  });
});

describe('offscreen blob: URLs (Chrome)', () => {
  function setup() {
    const calls: string[] = [];
    let next = 0;
    const createDocument = vi.fn<OffscreenApi['createDocument']>(async () => void calls.push('create'));
    const closeDocument = vi.fn<OffscreenApi['closeDocument']>(async () => void calls.push('close'));
    const offscreen: OffscreenApi = { createDocument, closeDocument };
    const send = async (request: OffscreenRequest): Promise<unknown> => {
      calls.push(request.type);
      if (request.type === 'offscreen-revoke') return { ok: true };
      return request.id === 'none' ? { url: undefined } : { url: `blob:ext/${++next}` };
    };
    return { calls, createDocument, closeDocument, backend: createOffscreenUrlBackend({ offscreen, send, documentUrl: 'chrome-extension://x/offscreen.html' }) };
  }

  it('opens the document once, and closes it only when every URL it made was revoked', async () => {
    const { calls, createDocument, closeDocument, backend } = setup();
    const [a, b] = await Promise.all([backend.create('a'), backend.create('b')]);
    expect([a, b]).toEqual(['blob:ext/1', 'blob:ext/2']);
    expect(createDocument).toHaveBeenCalledTimes(1);
    expect(createDocument).toHaveBeenCalledWith(expect.objectContaining({ reasons: ['BLOBS'] }));
    await backend.revoke(a!);
    expect(closeDocument).not.toHaveBeenCalled();
    expect(await backend.create('none')).toBeUndefined();
    expect(closeDocument).not.toHaveBeenCalled();
    await backend.revoke(b!);
    expect(closeDocument).toHaveBeenCalledTimes(1);
    await backend.create('c');
    expect(createDocument).toHaveBeenCalledTimes(2);
    expect(calls.at(-1)).toBe('offscreen-object-url');
  });

  it('opens no document for an entry without a kept copy, and closes one that found none', async () => {
    const { createDocument, closeDocument, backend } = setup();
    const copies = createOffscreenUrlBackend({
      offscreen: { createDocument, closeDocument },
      send: async () => ({ url: undefined }),
      documentUrl: 'chrome-extension://x/offscreen.html',
      hasCopy: async (id) => id === 'kept',
    });
    expect(await copies.create('not-kept')).toBeUndefined();
    expect(createDocument).not.toHaveBeenCalled();
    // Kept, but the document found none (deleted meanwhile): it does not stay open.
    expect(await copies.create('kept')).toBeUndefined();
    expect(createDocument).toHaveBeenCalledTimes(1);
    expect(closeDocument).toHaveBeenCalledTimes(1);
    expect(await backend.create('none')).toBeUndefined();
    expect(closeDocument).toHaveBeenCalledTimes(2);
  });

  it('goes on with a document an earlier worker left open', async () => {
    const { createDocument, backend } = setup();
    createDocument.mockRejectedValue(new Error('Only a single offscreen document may be created.'));
    expect(await backend.create('a')).toBe('blob:ext/1');
  });

  it('the document side makes URLs, revokes on request and revokes a forgotten one after a while', async () => {
    const revoked: string[] = [];
    const timers: Array<[() => void, number]> = [];
    const serve = serveObjectUrls(
      { create: async (id) => (id === 'a' ? 'blob:doc/a' : undefined), revoke: async (url) => void revoked.push(url) },
      { setTimeout: (run, ms) => timers.push([run, ms]) },
    );
    expect(await serve({ type: 'offscreen-object-url', id: 'a' })).toEqual({ url: 'blob:doc/a' });
    expect(await serve({ type: 'offscreen-object-url', id: 'b' })).toEqual({ url: undefined });
    expect(timers.map(([, ms]) => ms)).toEqual([ORPHAN_URL_MS]);
    expect(await serve({ type: 'offscreen-revoke', url: 'blob:doc/a' })).toEqual({ ok: true });
    timers[0]![0]();
    expect(revoked).toEqual(['blob:doc/a', 'blob:doc/a']);
  });
});

describe('whileKeptAlive', () => {
  it('pings every 20 s while the work runs, and stops after, also when it fails', async () => {
    vi.useFakeTimers();
    try {
      const ping = vi.fn(async () => ({}));
      let finish!: () => void;
      const running = whileKeptAlive(() => new Promise<void>((resolve) => (finish = resolve)), ping);
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 3);
      expect(ping).toHaveBeenCalledTimes(3);
      finish();
      await running;
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 3);
      expect(ping).toHaveBeenCalledTimes(3);
      await expect(whileKeptAlive(() => Promise.reject(new Error('quota')), ping)).rejects.toThrow('quota');
      await vi.advanceTimersByTimeAsync(KEEP_ALIVE_MS * 3);
      expect(ping).toHaveBeenCalledTimes(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
