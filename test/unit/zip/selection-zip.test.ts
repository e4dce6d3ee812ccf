import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promptsCsv, selectionZip, type SelectionZipSource, type ZipFileState } from '@/src/zip/selection-zip';
import type { VideoEntry } from '@/src/store/video-entry';

const run = promisify(execFile);
let dir: string;

const entry = (id: string, prompt: string, extra: Partial<VideoEntry> = {}): VideoEntry => ({
  id,
  status: 'done',
  progress: 0,
  videoUrl: `https://cdn.test/${id}.mp4?Signature=secret`,
  coverUrl: `https://cdn.test/${id}.jpeg`,
  prompt,
  taskId: `t-${id}`,
  model: 'seedance',
  site: 'https://jimeng.jianying.com',
  pageUrl: 'https://jimeng.jianying.com/ai-tool/video',
  endpointUrl: 'https://jimeng.jianying.com/api',
  index: 0,
  createdAt: Date.UTC(2026, 11, 7),
  updatedAt: 1,
  ...extra,
});

const bytes = (size: number, seed: number): Uint8Array => Uint8Array.from({ length: size }, (_, index) => (index * seed) % 251);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'video-keeper-zip-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('selectionZip', () => {
  it('a ZIP of three (one copy, one fetched, one unreachable) passes unzip -t, with sidecars, videos.json, prompts.csv and errors.txt', async () => {
    const entries = [entry('a', '一只狗在雪地里奔跑'), entry('b', '=cmd|" 城市夜景, "延时"'), entry('c', '海浪拍打礁石')];
    const copyVideo = bytes(300_000, 7);
    const fetchedVideo = bytes(200_000, 13);
    const source: SelectionZipSource = {
      copy: async (item) => (item.id === 'a' ? { video: new Blob([copyVideo as BlobPart], { type: 'video/mp4' }), cover: new Blob([bytes(100, 3) as BlobPart], { type: 'image/png' }) } : undefined),
      async fetch(url, kind) {
        if (url.includes('/c.')) return { ok: false, error: 'HTTP 403' };
        const body = kind === 'video' ? fetchedVideo : bytes(50, 5);
        return { ok: true, body: new Blob([body as BlobPart]).stream(), size: body.length };
      },
    };
    const states: [string, ZipFileState['state']][] = [];
    const stream = selectionZip(entries, source, {
      fileName: (item) => `${item.prompt!.slice(0, 4)}_${item.taskId!}.mp4`,
      onProgress: (id, state) => states.push([id, state.state]),
    });
    const path = join(dir, 'three.zip');
    await writeFile(path, new Uint8Array(await new Response(stream).arrayBuffer()));

    const test = await run('unzip', ['-t', path]);
    expect(test.stdout).toMatch(/No errors detected/);
    const list = (await run('unzip', ['-Z1', path])).stdout.trim().split('\n');
    expect(list).toEqual([
      '一只狗在_t-a.mp4',
      '一只狗在_t-a.png',
      '一只狗在_t-a.json',
      '=cmd_t-b.mp4',
      '=cmd_t-b.jpg',
      '=cmd_t-b.json',
      '海浪拍打_t-c.json',
      'videos.json',
      'prompts.csv',
      'errors.txt',
    ]);
    const read = async (name: string): Promise<Buffer> => (await run('unzip', ['-p', path, name], { encoding: 'buffer', maxBuffer: 10_000_000 })).stdout;
    expect((await read('一只狗在_t-a.mp4')).equals(copyVideo)).toBe(true);
    expect((await read('=cmd_t-b.mp4')).equals(fetchedVideo)).toBe(true);
    const csv = (await read('prompts.csv')).toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('"一只狗在雪地里奔跑"');
    expect(csv).toContain(`"'=cmd|"" 城市夜景, ""延时"""`);
    const videos = JSON.parse((await read('videos.json')).toString('utf8')) as { id: string; file: string | null; video: string }[];
    expect(videos.map((video) => [video.id, video.file])).toEqual([
      ['a', '一只狗在_t-a.mp4'],
      ['b', '=cmd_t-b.mp4'],
      ['c', null],
    ]);
    // The signed query string is a credential; it is not written out.
    expect(JSON.stringify(videos)).not.toContain('Signature');
    expect((await read('errors.txt')).toString('utf8')).toMatch(/海浪拍打_t-c\.mp4\t.*HTTP 403/);
    expect(states.filter(([id]) => id === 'c').map(([, state]) => state)).toEqual(['waiting', 'failed']);
    expect(states.filter(([id]) => id === 'a').at(-1)?.[1]).toBe('complete');
  });

  it('same names get numbered; the CSV has a BOM and CRLF lines', () => {
    const csv = promptsCsv([{ id: 'x', site: 's', page: 'p', createdAt: 'd', status: 'done', file: 'f.mp4', coverFile: null, sidecar: 'f.json', prompt: '多行\n提示' }]);
    expect(csv).toBe('\uFEFFfile,prompt,site,model,taskId,createdAt,page\r\n"f.mp4","多行\n提示","s","","","d","p"\r\n');
  });

  it('a duplicate file name is numbered, not overwritten', async () => {
    const entries = [entry('a', 'same'), entry('b', 'same')];
    const source: SelectionZipSource = { copy: async () => ({ video: new Blob(['v']) }), fetch: async () => ({ ok: false, error: 'no' }) };
    const path = join(dir, 'dupes.zip');
    await writeFile(path, new Uint8Array(await new Response(selectionZip(entries, source, { fileName: () => 'same.mp4' })).arrayBuffer()));
    const list = (await run('unzip', ['-Z1', path])).stdout.trim().split('\n');
    expect(list.slice(0, 4)).toEqual(['same.mp4', 'same.json', 'same (2).mp4', 'same (2).json']);
    expect(await readFile(path)).toBeTruthy();
  });
});
