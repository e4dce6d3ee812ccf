import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { downloadEntry, sidecarName } from '@/src/download/download-entry';
import { storyFile } from '@/src/download/story-file';
import { entryStory, shortened, sidecarJson } from '@/src/download/video-story';
import type { VideoEntry } from '@/src/store/video-entry';
import { makeMp4, probe, readBytes } from '../../support/mp4-files';

const entry: VideoEntry = {
  id: 'task:jimeng:42:0',
  status: 'done',
  progress: 0,
  videoUrl: 'https://v3.vlabvod.com/a.mp4?x-expires=1&x-signature=abc',
  prompt: '一只橘猫在窗台上晒太阳，镜头缓慢推进，电影感光线，4K 高清画质，温暖的午后氛围，背景是城市天际线和飘动的窗帘，细节丰富，色彩饱满，画面稳定流畅，适合做手机壁纸和短视频封面使用',
  taskId: '42',
  model: 'seedance-1.0',
  site: 'https://jimeng.jianying.com',
  pageUrl: 'https://jimeng.jianying.com/ai-tool/video/generate',
  endpointUrl: 'https://jimeng.jianying.com/mweb/v1/get_history',
  index: 0,
  createdAt: Date.UTC(2026, 11, 7, 10),
  updatedAt: 0,
};

describe('the story of a video', () => {
  it('title is the prompt shortened at a whole character; the comment holds prompt, site, model, task and page', () => {
    const story = entryStory(entry);
    expect(story.title!.length).toBeLessThanOrEqual(80);
    expect(story.title!.endsWith('…')).toBe(true);
    expect(entry.prompt!.startsWith(story.title!.slice(0, -1))).toBe(true);
    expect(story.comment).toBe(`${entry.prompt!}\n\nSite: https://jimeng.jianying.com\nModel: seedance-1.0\nTask: 42\nPage: https://jimeng.jianying.com/ai-tool/video/generate`);
    expect(story).toMatchObject({ description: entry.prompt, date: '2026-12-07T10:00:00.000Z', encoder: 'Video Keeper' });
    expect(shortened('a  b\n c')).toBe('a b c');
    // A family emoji is one grapheme of 11 code units: never cut in half.
    expect(shortened('👩‍👩‍👧‍👦'.repeat(3), 15)).toBe('👩‍👩‍👧‍👦…');
  });

  it('the sidecar names no signed query string', () => {
    const json = JSON.parse(sidecarJson(entry)) as Record<string, unknown>;
    expect(json).toMatchObject({ prompt: entry.prompt, model: 'seedance-1.0', taskId: '42', site: entry.site, page: entry.pageUrl, createdAt: '2026-12-07T10:00:00.000Z' });
    expect(String(json.video)).not.toMatch(/signature|expires/);
    expect(sidecarName('cats/一只_42.mp4')).toBe('cats/一只_42.json');
  });

  it('a copy gets the story; with embedding off the copy is as kept; no copy and no fetch: the link', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'video-keeper-story-'));
    try {
      const mp4 = new Blob([(await readBytes(await makeMp4(dir, 'in.mp4', { seconds: 1 }))) as BlobPart], { type: 'video/mp4' });
      const deps = { copy: async () => mp4, entry: async () => entry, fetchVideo: vi.fn(async () => undefined) };
      const written = await storyFile(entry.id, { embed: true }, deps);
      await writeFile(join(dir, 'out.mp4'), new Uint8Array(await written!.arrayBuffer()));
      expect((await probe(join(dir, 'out.mp4'))).format.tags).toMatchObject({ title: entryStory(entry).title, encoder: 'Video Keeper' });
      expect(await storyFile(entry.id, { embed: false }, deps)).toBe(mp4);
      const none = { ...deps, copy: async () => undefined };
      expect(await storyFile(entry.id, { embed: true }, none)).toBeUndefined();
      expect(none.fetchVideo).not.toHaveBeenCalled();
      const fetched = { ...none, fetchVideo: vi.fn(async () => mp4) };
      expect((await storyFile(entry.id, { embed: true, fetch: true }, fetched))!.size).toBeGreaterThan(mp4.size);
      expect(fetched.fetchVideo).toHaveBeenCalledWith(entry.videoUrl, entry.site);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('a link downloaded as it is gets its sidecar when asked; a file from bytes does not', async () => {
    const download = vi.fn(async () => 7);
    const sidecar = vi.fn(async () => 8);
    expect(await downloadEntry(entry, { download }, () => 'cats/猫.mp4', { sidecar })).toMatchObject({ ok: true, filename: 'cats/猫.mp4' });
    expect(sidecar).toHaveBeenCalledWith('cats/猫.json', sidecarJson(entry));
    sidecar.mockClear();
    const local = { open: vi.fn(async () => 'blob:x'), handedOver: vi.fn() };
    await downloadEntry(entry, { download }, () => 'cats/猫.mp4', { sidecar, local, story: { embed: true, fetch: true } });
    expect(local.open).toHaveBeenCalledWith(entry.id, { embed: true, fetch: true });
    expect(sidecar).not.toHaveBeenCalled();
  });
});
