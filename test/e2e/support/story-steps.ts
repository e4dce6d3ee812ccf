import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { entryStory } from '../../../src/download/video-story';
import { writeMp4Story } from '../../../src/mp4/mp4-metadata';
import type { VideoEntry } from '../../../src/store/video-entry';
import { mediaPayloads, probe } from '../../support/mp4-files';

export const run = promisify(execFile);
export const sampleMp4 = await readFile(fileURLToPath(new URL('../../fixtures/media/sample.mp4', import.meta.url)));

/** The bytes a download of `entry` from its copy of the sample video must have: the sample with the entry's story. */
export async function sampleWithStory(entry: VideoEntry): Promise<Buffer> {
  const written = await writeMp4Story(new Blob([sampleMp4]), entryStory(entry));
  if (!written) throw new Error('the sample MP4 could not be edited');
  return Buffer.from(await written.arrayBuffer());
}

/** What ffprobe reads of a downloaded file, beside the sample it came from: the story, and the same media. */
export async function probeAgainstSample(path: string, sampleCopyPath: string): Promise<{ tags: Record<string, string>; sameMedia: boolean; sameBytes: boolean }> {
  const [after, before] = await Promise.all([probe(path), probe(sampleCopyPath)]);
  const media = (probed: typeof after) => JSON.stringify({ duration: probed.format.duration, streams: probed.streams.map((stream) => [stream.codec_type, stream.codec_name, stream.duration]) });
  const payload = (bytes: Uint8Array) => Buffer.concat(mediaPayloads(bytes));
  return {
    tags: after.format.tags ?? {},
    sameMedia: media(after) === media(before),
    sameBytes: payload(await readFile(path)).equals(payload(sampleMp4)),
  };
}

/** Plays MP4 bytes in an extension page of the browser under test: resolves with the duration once a frame has played. */
export async function playsInPage(page: Page, bytes: Uint8Array): Promise<number> {
  await page.bringToFront();
  return page.evaluate(async (base64) => {
    const raw = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const video = document.createElement('video');
    video.muted = true;
    video.preload = 'auto';
    video.src = URL.createObjectURL(new Blob([raw], { type: 'video/mp4' }));
    document.body.append(video);
    const event = (name: string): Promise<void> =>
      new Promise((resolve, reject) => {
        video.addEventListener(name, () => resolve(), { once: true });
        video.addEventListener('error', () => reject(new Error(`decode error ${video.error?.code ?? '?'}`)), { once: true });
      });
    try {
      // A frame decoded at the start and another after a seek into the middle: the sample offsets are right.
      if (video.readyState < 2) await event('loadeddata');
      const seeked = event('seeked');
      video.currentTime = video.duration / 2;
      await seeked;
      return video.duration;
    } finally {
      URL.revokeObjectURL(video.src);
      video.remove();
    }
  }, Buffer.from(bytes).toString('base64'));
}

/** Merges `patch` into the stored settings, as the options page saves them. */
export function patchSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  return page.evaluate(async (changes) => {
    type Area = { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
    const scope = globalThis as unknown as { browser?: { storage: { local: Area } }; chrome?: { storage: { local: Area } } };
    const storage = (scope.browser ?? scope.chrome)!.storage;
    const stored = (await storage.local.get('settings')).settings ?? {};
    await storage.local.set({ settings: { ...stored, ...changes } });
  }, patch);
}
