import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { entryStory } from '../../src/download/video-story';
import { writeMp4Story } from '../../src/mp4/mp4-metadata';
import { fetchMedia } from '../../src/offline/fetch-media';
import type { VideoEntry } from '../../src/store/video-entry';
import { selectionZip } from '../../src/zip/selection-zip';
import { makeMp4, readBytes } from '../support/mp4-files';
import type { FigureResult } from './report-table';
import { MiB } from './stats';

const entry = (id: string): VideoEntry => ({
  id,
  status: 'done',
  progress: 0,
  videoUrl: `https://cdn.test/${id}.mp4`,
  prompt: '一只狗在雪地里奔跑，慢镜头',
  taskId: id,
  site: 'https://jimeng.jianying.com',
  pageUrl: 'https://jimeng.jianying.com/',
  endpointUrl: 'https://jimeng.jianying.com/api',
  index: 0,
  createdAt: 0,
  updatedAt: 0,
});

/** Peak resident memory over `before` while `work` runs, sampled every 20 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peak: number; ms: number }> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peak: peak - before, ms: performance.now() - start };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The copy of a 50 MB MP4 (fetched over loopback by the copy's own `fetchMedia`, then the story
 * written in, as Download does) and a ZIP of 1 GB of videos (ten 100 MB disk-backed files) streamed
 * to disk: time and the process's peak resident memory over its level before. In Node: the same
 * modules the extension runs; a browser adds its own Blob store (on disk past a few MB).
 */
export async function measureCopyAndZip(): Promise<FigureResult[]> {
  const dir = await mkdtemp(join(tmpdir(), 'video-keeper-bench-copy-'));
  try {
    // A real MP4 (ffmpeg) grown to 50 MB by a trailing `free` box: the editor must walk past it.
    const small = await readBytes(await makeMp4(dir, 'small.mp4', { seconds: 1 }));
    const padding = 50 * MiB - small.length;
    const video = Buffer.alloc(50 * MiB);
    video.set(small);
    video.writeUInt32BE(padding, small.length);
    video.write('free', small.length + 4, 'latin1');
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': video.length });
      response.end(video);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v.mp4`;
    const copy = await peakRss(async () => {
      const fetched = await fetchMedia(url, { kind: 'video', maxBytes: 512 * MiB, site: 'http://127.0.0.1', fetch: (target, init) => fetch(target, init) });
      if (!fetched.ok) throw new Error(fetched.detail);
      const written = await writeMp4Story(fetched.blob, entryStory(entry('copy')));
      if (!written) throw new Error('the 50 MB MP4 was not edited');
      return written.size;
    });
    server.close();

    const files: Blob[] = [];
    for (let index = 0; index < 10; index += 1) {
      const path = join(dir, `v${index}.mp4`);
      await writeFile(path, '');
      const handle = await open(path, 'r+');
      await handle.truncate(100 * MiB);
      await handle.close();
      files.push(await openAsBlob(path, { type: 'video/mp4' }));
    }
    const entries = files.map((_, index) => entry(`zip-${index}`));
    const zipPath = join(dir, 'selection.zip');
    const zip = await peakRss(async () => {
      const stream = selectionZip(entries, { copy: async (item) => ({ video: files[entries.indexOf(item)]! }), fetch: async () => ({ ok: false, error: 'none' }) }, { fileName: (item) => `${item.id}.mp4` });
      await stream.pipeTo(Writable.toWeb(createWriteStream(zipPath)));
      return (await openAsBlob(zipPath)).size;
    });
    const mb = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;
    return [
      {
        figure: 'copy of a 50 MB video (fetch + story), Node',
        measured: `${copy.ms.toFixed(0)} ms, peak RSS +${mb(copy.peak)}`,
        baseline: '50 MiB file',
        ratio: `${(copy.peak / (50 * MiB)).toFixed(2)}× file`,
        target: '—',
        met: undefined,
        notes: [`copy: fetchMedia over loopback into a Blob, then writeMp4Story (moov rebuilt, media sliced): ${copy.value} bytes out`],
      },
      {
        figure: 'ZIP of 1 GB of videos (10 × 100 MiB), Node',
        measured: `${(zip.ms / 1000).toFixed(1)} s, peak RSS +${mb(zip.peak)}`,
        baseline: '1000 MiB in',
        ratio: `${(zip.peak / (1000 * MiB)).toFixed(3)}× input`,
        target: '< 64 MiB',
        met: zip.peak < 64 * MiB,
        notes: [`zip: selectionZip (client-zip) from disk-backed Blobs to a file, ${zip.value} bytes written`],
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
