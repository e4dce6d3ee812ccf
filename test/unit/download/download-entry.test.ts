import { describe, expect, it, vi } from 'vitest';
import { downloadEntry } from '@/src/download/download-entry';
import type { VideoEntry } from '@/src/store/video-entry';

const entry = (overrides: Partial<VideoEntry>): VideoEntry => ({
  id: 'task:1:0',
  status: 'done',
  progress: 0,
  videoUrl: 'https://cdn.test/1.mp4',
  prompt: '一条狗',
  taskId: '1',
  site: 'http://localhost:3000',
  pageUrl: 'http://localhost:3000/',
  endpointUrl: 'http://localhost:3000/v1/chat/completions',
  index: 0,
  createdAt: 0,
  updatedAt: 0,
  ...overrides,
});

describe('downloadEntry', () => {
  it.each(['done', 'partial'] as const)('downloads a %s entry under its safe name', async (status) => {
    const download = vi.fn(async () => 3);
    expect(await downloadEntry(entry({ status }), { download })).toEqual({ ok: true, downloadId: 3, filename: '一条狗_1.mp4' });
  });

  it.each([
    ['a generating entry', { status: 'generating' as const }],
    ['a failed entry', { status: 'failed' as const }],
    ['a javascript: link', { videoUrl: 'javascript:alert(1)' }],
    ['a data: link', { videoUrl: 'data:video/mp4;base64,AAAA' }],
    ['a file: link', { videoUrl: 'file:///etc/passwd' }],
  ])('refuses %s', async (_name, overrides) => {
    const download = vi.fn(async () => 3);
    expect(await downloadEntry(entry(overrides), { download })).toMatchObject({ ok: false });
    expect(download).not.toHaveBeenCalled();
  });
});

describe('downloadEntry with offline copies', () => {
  const kept = (ids: string[]) => {
    const handed: Array<[string, number | undefined]> = [];
    const local = {
      open: async (id: string) => (ids.includes(id) ? `blob:ext/${id}` : undefined),
      handedOver: (url: string, downloadId: number | undefined) => void handed.push([url, downloadId]),
    };
    return { local, handed };
  };

  it('downloads the kept copy instead of the link, under the same name, and hands its URL over', async () => {
    const { local, handed } = kept(['task:1:0']);
    const download = vi.fn(async () => 9);
    expect(await downloadEntry(entry({}), { download }, undefined, { local })).toEqual({
      ok: true,
      downloadId: 9,
      filename: '一条狗_1.mp4',
      offline: true,
    });
    expect(download).toHaveBeenCalledWith(expect.objectContaining({ url: 'blob:ext/task:1:0', filename: '一条狗_1.mp4' }));
    expect(handed).toEqual([['blob:ext/task:1:0', 9]]);
  });

  it('still downloads an expired link from its copy, and refuses one without a copy instead of saving an error page', async () => {
    const expired = entry({ expiresAt: 1000 });
    const withCopy = kept(['task:1:0']);
    expect(await downloadEntry(expired, { download: async () => 4 }, undefined, { local: withCopy.local, now: 2000 })).toMatchObject({ ok: true, offline: true });
    const download = vi.fn(async () => 5);
    expect(await downloadEntry(expired, { download }, undefined, { local: kept([]).local, now: 2000 })).toEqual({
      ok: false,
      error: 'The link has expired and no offline copy was kept, so the video can no longer be downloaded or opened.',
    });
    expect(download).not.toHaveBeenCalled();
    expect(await downloadEntry(expired, { download }, undefined, { now: 999 })).toMatchObject({ ok: true, downloadId: 5 });
  });

  it('gives the URL back when the download does not start', async () => {
    const { local, handed } = kept(['task:1:0']);
    const refused = { download: async () => Promise.reject(new Error('Invalid filename')) };
    expect(await downloadEntry(entry({}), refused, undefined, { local })).toMatchObject({ ok: false });
    expect(handed).toEqual([['blob:ext/task:1:0', undefined]]);
  });
});

describe('createLocalCopyDownloads', () => {
  it('revokes a URL once its download completes or is interrupted, not before', async () => {
    const { createLocalCopyDownloads } = await import('@/src/download/local-copy-source');
    const revoked: string[] = [];
    const downloads = createLocalCopyDownloads(
      { create: async (id) => `blob:ext/${id}`, revoke: async (url) => void revoked.push(url) },
      () => {},
    );
    downloads.handedOver('blob:ext/a', 1);
    downloads.handedOver('blob:ext/b', 2);
    downloads.handedOver('blob:ext/c', undefined);
    expect(revoked).toEqual(['blob:ext/c']);
    downloads.downloadChanged({ id: 1, state: { current: 'in_progress' } });
    downloads.downloadChanged({ id: 7, state: { current: 'complete' } });
    expect(revoked).toEqual(['blob:ext/c']);
    downloads.downloadChanged({ id: 1, state: { current: 'complete' } });
    downloads.downloadChanged({ id: 2, state: { current: 'interrupted' } });
    downloads.downloadChanged({ id: 2, state: { current: 'interrupted' } });
    expect(revoked).toEqual(['blob:ext/c', 'blob:ext/a', 'blob:ext/b']);
  });
});
