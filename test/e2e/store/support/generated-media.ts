import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** Debian's ffmpeg (.ci/run installs it), with its lavfi test sources and drawtext. */
export const FFMPEG = '/usr/bin/ffmpeg';
/** The CJK font .ci/run installs: it draws the Latin and the Chinese captions alike. */
const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';

// Each cover is one frame of a lavfi source: gradients in several shapes and palettes and two
// views of the Mandelbrot set, so no two videos in the store images look alike.
const SOURCES = [
  'gradients=s=640x360:type=radial:c0=0xffb347:c1=0xff5e62:c2=0x2b1055:n=3:x0=320:y0=300:x1=640:y1=0',
  'gradients=s=640x360:type=linear:c0=0x0f2027:c1=0x2c5364:c2=0x6dd5ed:n=3:x0=0:y0=0:x1=640:y1=360',
  'gradients=s=640x360:type=spiral:c0=0xff7a18:c1=0x7b2ff7:c2=0x00c2a8:n=3',
  'mandelbrot=s=640x360:start_scale=0.6:start_x=-0.743643887:start_y=0.131825904:maxiter=120',
  'gradients=s=640x360:type=circular:c0=0x11998e:c1=0x38ef7d:c2=0x0b486b:n=3',
  'gradients=s=640x360:type=linear:c0=0xf8b195:c1=0xf67280:c2=0x6c5b7b:c3=0x355c7d:n=4:x0=0:y0=360:x1=640:y1=0',
  'gradients=s=640x360:type=radial:c0=0xe0eafc:c1=0x7f7fd5:c2=0x1a1a40:n=3:x0=200:y0=120:x1=640:y1=360',
  'mandelbrot=s=640x360:start_scale=2.4:start_x=-0.6:start_y=0:maxiter=60:inner=period',
  'gradients=s=640x360:type=spiral:c0=0xfdc830:c1=0xf37335:c2=0x8e0e00:n=3',
  'gradients=s=640x360:type=linear:c0=0x000428:c1=0x004e92:c2=0xfdfcfb:n=3:x0=320:y0=0:x1=320:y1=360',
] as const;

/** What `generateStoreMedia` wrote: file names (in `dir`) of the covers and the videos. */
export interface StoreMedia {
  covers: string[];
  videos: string[];
}

/**
 * Writes one captioned 640×360 JPEG cover per caption (up to ten) and a one-second captioned WebM
 * clip into `dir`, in one ffmpeg run (≈2 s on a loaded 2-core machine). Captions go through `textfile=`, never through the filter
 * graph's own quoting.
 */
export async function generateStoreMedia(dir: string, captions: readonly string[]): Promise<StoreMedia> {
  const count = Math.min(captions.length, SOURCES.length);
  const inputs: string[] = [];
  const graph: string[] = [];
  const outputs: string[] = [];
  const covers: string[] = [];
  const videos: string[] = [];
  for (let n = 0; n < count; n++) {
    await writeFile(join(dir, `caption-${n}.txt`), captions[n]!);
    // The first also makes a clip: the same picture, moving (the spiral turns), at a low rate,
    // since each gradient frame costs ~0.1 s of CPU.
    const clip = n === 0;
    inputs.push('-f', 'lavfi', '-i', clip ? `${SOURCES[n]!}:r=8` : SOURCES[n]!);
    const caption = `drawtext=fontfile=${FONT}:textfile=${join(dir, `caption-${n}.txt`)}:fontsize=30:fontcolor=white:box=1:boxcolor=black@0.4:boxborderw=12:x=28:y=h-th-32`;
    // Trimmed, so each source stops after what its outputs need (a Mandelbrot frame is slow).
    const trim = clip ? 'trim=duration=1' : 'trim=end_frame=1';
    graph.push(`[${n}]${trim},format=yuv420p,${caption}${clip ? `,split[c${n}][v${n}]` : `[c${n}]`}`);
    covers.push(`cover-${n}.jpg`);
    outputs.push('-map', `[c${n}]`, '-frames:v', '1', join(dir, covers[n]!));
    if (clip) {
      videos.push(`clip-${n}.webm`);
      outputs.push('-map', `[v${n}]`, '-s', '320x180', '-c:v', 'libvpx', '-b:v', '300k', join(dir, `clip-${n}.webm`));
    }
  }
  // The page that stands in for a video app; its content is drawn by the test (store-shots.ts).
  await writeFile(join(dir, 'studio.html'), '<!doctype html><html><head><meta charset="utf-8"><title>Studio</title></head><body></body></html>');
  await promisify(execFile)(FFMPEG, ['-loglevel', 'error', '-y', ...inputs, '-filter_complex', graph.join(';'), ...outputs]);
  return { covers, videos };
}

/** Serves the files of `dir` by plain name (`/cover-3.jpg`) on loopback, as a video app's CDN would. */
export async function serveFiles(dir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const types: Record<string, string> = { jpg: 'image/jpeg', webm: 'video/webm', html: 'text/html; charset=utf-8' };
  const server = createServer((request, response) => {
    const name = /^\/([a-z0-9-]+\.(jpg|webm|html))$/.exec(request.url ?? '');
    const path = name ? join(dir, name[1]!) : undefined;
    void (path ? stat(path) : Promise.reject(new Error('no such file'))).then(
      (info) => {
        response.writeHead(200, { 'content-type': types[name![2]!]!, 'content-length': info.size, 'access-control-allow-origin': '*' });
        createReadStream(path!).pipe(response);
      },
      () => {
        response.writeHead(404).end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
