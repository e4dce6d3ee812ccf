import { describe, expect, it, vi } from 'vitest';
import {
  BackgroundClientError,
  createBackgroundSender,
  isEntriesChanged,
} from '../../../src/gallery/background-client';

describe('createBackgroundSender', () => {
  it('sends the request and returns a well-formed response', async () => {
    const sendMessage = vi.fn(async () => ({ ok: true, downloadId: 3, filename: 'a_1.mp4', extra: 1 }));
    const send = createBackgroundSender(sendMessage);
    await expect(send({ type: 'download-entry', id: 'task:1:0' })).resolves.toEqual({
      ok: true,
      downloadId: 3,
      filename: 'a_1.mp4',
    });
    expect(sendMessage).toHaveBeenCalledExactlyOnceWith({ type: 'download-entry', id: 'task:1:0' });
  });

  it('passes a refusal through', async () => {
    const send = createBackgroundSender(async () => ({ ok: false, error: 'no such entry' }));
    await expect(send({ type: 'download-entry', id: 'x' })).resolves.toEqual({ ok: false, error: 'no such entry' });
  });

  it.each([
    ['send-failed', () => Promise.reject(new Error('Receiving end does not exist.'))],
    ['no-response', () => Promise.resolve(undefined)],
    ['bad-response', () => Promise.resolve({ ok: true, filename: 3 })],
    ['bad-response', () => Promise.resolve('ok')],
  ] as const)('rejects with a typed %s error', async (type, sendMessage) => {
    const send = createBackgroundSender(sendMessage);
    const error: unknown = await send({ type: 'download-entry', id: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackgroundClientError);
    expect((error as BackgroundClientError).type).toBe(type);
  });
});

describe('isEntriesChanged', () => {
  it('recognizes only the broadcast', () => {
    expect(isEntriesChanged({ type: 'entries-changed' })).toBe(true);
    expect(isEntriesChanged({ type: 'stream-open' })).toBe(false);
    expect(isEntriesChanged('entries-changed')).toBe(false);
    expect(isEntriesChanged(null)).toBe(false);
  });
});
