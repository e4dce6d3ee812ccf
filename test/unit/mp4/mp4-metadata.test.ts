import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMp4Story, type Mp4Story } from '../../../src/mp4/mp4-metadata';
import { FFMPEG, decodesCleanly, hasCo64, makeMp4, mediaPayloads, probe, readBytes, toCo64, topLevelTypes, type Probe } from '../../support/mp4-files';

let dir: string;
const files: Record<'normal' | 'faststart' | 'co64' | 'co64-faststart', Uint8Array> = {} as never;

const story: Mp4Story = {
  title: '一只狗在雪地里奔跑',
  comment: '一只狗在雪地里奔跑，慢镜头\nSite: https://jimeng.jianying.com\nModel: seedance\nTask: 12345',
  description: '一只狗在雪地里奔跑，慢镜头',
  date: '2026-12-07T10:00:00.000Z',
  encoder: 'Video Keeper',
};

const sameMedia = (probed: Probe) => ({
  duration: probed.format.duration,
  streams: probed.streams.map((stream) => [stream.codec_type, stream.codec_name, stream.duration, stream.nb_frames]),
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'video-keeper-mp4-'));
  files.normal = await readBytes(await makeMp4(dir, 'normal.mp4'));
  files.faststart = await readBytes(await makeMp4(dir, 'faststart.mp4', { faststart: true }));
  files.co64 = toCo64(files.normal);
  files['co64-faststart'] = toCo64(files.faststart);
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('writeMp4Story', () => {
  it('the generated files are what the cases say they are', () => {
    expect(topLevelTypes(files.normal).indexOf('moov')).toBeGreaterThan(topLevelTypes(files.normal).indexOf('mdat'));
    expect(topLevelTypes(files.faststart).indexOf('moov')).toBeLessThan(topLevelTypes(files.faststart).indexOf('mdat'));
    expect(hasCo64(files.co64) && hasCo64(files['co64-faststart'])).toBe(true);
    expect(hasCo64(files.normal)).toBe(false);
  });

  it.each(['normal', 'faststart', 'co64', 'co64-faststart'] as const)('%s: ffprobe reads the story back; duration, streams and media bytes are unchanged; every frame decodes', async (name) => {
    const original = files[name];
    const originalPath = join(dir, `${name}-in.mp4`);
    await writeFile(originalPath, original);
    const written = await writeMp4Story(new Blob([original as BlobPart], { type: 'video/mp4' }), story);
    expect(written).toBeDefined();
    const bytes = new Uint8Array(await written!.arrayBuffer());
    const path = join(dir, `${name}-out.mp4`);
    await writeFile(path, bytes);

    const before = await probe(originalPath);
    const after = await probe(path);
    expect(after.format.tags).toMatchObject({ title: story.title, comment: story.comment, description: story.description, date: story.date, encoder: 'Video Keeper' });
    expect(sameMedia(after)).toEqual(sameMedia(before));
    expect(mediaPayloads(bytes)).toEqual(mediaPayloads(original));
    expect(topLevelTypes(bytes)).toEqual(topLevelTypes(original));
    expect(await decodesCleanly(path)).toBe('');
    // Written twice: the first story is replaced, not stacked.
    const again = await writeMp4Story(written!, { ...story, title: 'second' });
    const twicePath = join(dir, `${name}-twice.mp4`);
    await writeFile(twicePath, new Uint8Array(await again!.arrayBuffer()));
    expect((await probe(twicePath)).format.tags?.title).toBe('second');
    expect(await decodesCleanly(twicePath)).toBe('');
  }, 30_000);

  it('refuses what it cannot edit safely: not an MP4, truncated boxes, a fragmented MP4', async () => {
    expect(await writeMp4Story(new Blob(['<html>expired</html>']), story)).toBeUndefined();
    expect(await writeMp4Story(new Blob([files.faststart.subarray(0, 100) as BlobPart]), story)).toBeUndefined();
    const fragmented = join(dir, 'fragmented.mp4');
    await promisify(execFile)(FFMPEG, ['-v', 'error', '-y', '-i', await makeMp4(dir, 'plain.mp4'), '-c', 'copy', '-movflags', 'frag_keyframe+empty_moov', fragmented]);
    expect(await writeMp4Story(new Blob([(await readBytes(fragmented)) as BlobPart]), story)).toBeUndefined();
  }, 30_000);

  it('cuts an unbounded text', async () => {
    const written = await writeMp4Story(new Blob([files.normal as BlobPart]), { comment: 'x'.repeat(1_000_000) });
    expect(written!.size - files.normal.length).toBeLessThan(20_000);
  });
});
