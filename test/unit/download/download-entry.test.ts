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
