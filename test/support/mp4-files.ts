import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const FFMPEG = '/usr/bin/ffmpeg';
export const FFPROBE = '/usr/bin/ffprobe';

/** A two-second H.264 + AAC MP4 made by Debian's ffmpeg; `faststart` puts `moov` before `mdat`. */
export async function makeMp4(dir: string, name: string, options: { faststart?: boolean; seconds?: number } = {}): Promise<string> {
  const path = join(dir, name);
  await run(FFMPEG, [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-f', 'lavfi', '-i', 'sine=frequency=440'],
    ...['-t', String(options.seconds ?? 2), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
    ...(options.faststart ? ['-movflags', '+faststart'] : []),
    path,
  ]);
  return path;
}

export interface Probe {
  format: { duration: string; tags?: Record<string, string> };
  streams: { codec_type: string; codec_name: string; duration?: string; nb_frames?: string }[];
}

/** What ffprobe reads of a file: its format (with tags) and streams. */
export async function probe(path: string): Promise<Probe> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', path]);
  return JSON.parse(stdout) as Probe;
}

/** ffmpeg decodes every frame of every stream of `path` without an error (the offsets are right). */
export async function decodesCleanly(path: string): Promise<string> {
  const { stderr } = await run(FFMPEG, ['-v', 'error', '-i', path, '-f', 'null', '-']);
  return stderr;
}

export async function readBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}

interface RawBox {
  type: string;
  start: number;
  size: number;
}

function boxesIn(bytes: Uint8Array, from: number, to: number): RawBox[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found: RawBox[] = [];
  for (let at = from; at < to; ) {
    const size = view.getUint32(at);
    found.push({ type: new TextDecoder('latin1').decode(bytes.subarray(at + 4, at + 8)), start: at, size });
    at += size;
  }
  return found;
}

/** The `mdat` payloads of a file, in order (the media bytes an editor must leave untouched). */
export function mediaPayloads(bytes: Uint8Array): Uint8Array[] {
  return boxesIn(bytes, 0, bytes.length)
    .filter((box) => box.type === 'mdat')
    .map((box) => bytes.subarray(box.start + 8, box.start + box.size));
}

/** The top-level box types, in order. */
export function topLevelTypes(bytes: Uint8Array): string[] {
  return boxesIn(bytes, 0, bytes.length).map((box) => box.type);
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);

/**
 * The same MP4 with every `stco` turned into a `co64` (ffmpeg writes `co64` only past 4 GB): the
 * tables and `moov` grow, and when `moov` precedes the media every offset moves by that growth.
 */
export function toCo64(bytes: Uint8Array): Uint8Array {
  const top = boxesIn(bytes, 0, bytes.length);
  const moov = top.find((box) => box.type === 'moov')!;
  const mediaAfter = top.some((box) => box.type === 'mdat' && box.start > moov.start);
  let growth = 0;
  const count = (from: number, to: number): void => {
    for (const box of boxesIn(bytes, from, to)) {
      if (CONTAINERS.has(box.type)) count(box.start + 8, box.start + box.size);
      if (box.type === 'stco') growth += 4 * new DataView(bytes.buffer, bytes.byteOffset).getUint32(box.start + 12);
    }
  };
  count(moov.start + 8, moov.start + moov.size);
  const rewrite = (box: RawBox): Uint8Array => {
    if (CONTAINERS.has(box.type)) return wrap(box.type, ...boxesIn(bytes, box.start + 8, box.start + box.size).map(rewrite));
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    if (box.type !== 'stco') return bytes.subarray(box.start, box.start + box.size);
    const entries = view.getUint32(box.start + 12);
    const out = new Uint8Array(8 + entries * 8);
    const outView = new DataView(out.buffer);
    outView.setUint32(4, entries);
    for (let index = 0; index < entries; index += 1) {
      outView.setBigUint64(8 + index * 8, BigInt(view.getUint32(box.start + 16 + index * 4) + (mediaAfter ? growth : 0)));
    }
    return wrap('co64', out);
  };
  return concat(...top.map((box) => (box === moov ? rewrite(box) : bytes.subarray(box.start, box.start + box.size))));
}

function wrap(type: string, ...parts: Uint8Array[]): Uint8Array {
  const body = concat(...parts);
  const out = new Uint8Array(8 + body.length);
  new DataView(out.buffer).setUint32(0, out.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(body, 8);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Whether a file holds any `co64` box (checked by its type bytes inside `moov`). */
export function hasCo64(bytes: Uint8Array): boolean {
  return new TextDecoder('latin1').decode(bytes).includes('co64');
}
