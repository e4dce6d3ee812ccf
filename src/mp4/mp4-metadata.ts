/**
 * Writes iTunes-style metadata (`moov/udta/meta/ilst`) into an MP4 without touching its media.
 *
 * The file is a Blob and stays one: only the top-level box headers and the `moov` box (a few KB
 * to a few MB) are read; the output is a Blob made of slices of the input around the new `moov`,
 * so a large video is never copied into memory. When `moov` comes before the media (a
 * "faststart" file), every chunk offset (`stco` and `co64`) that points past it is moved by the
 * change in its size; otherwise the offsets stay as they are. What this module cannot edit
 * safely (fragmented MP4, boxes it cannot walk, a `stco` that would overflow) it refuses
 * (`undefined`), and the caller keeps the file unchanged.
 */

/** The story written into the file; every field is optional text. */
export interface Mp4Story {
  /** `©nam` (ffprobe: `title`). */
  title?: string;
  /** `©cmt` (ffprobe: `comment`). */
  comment?: string;
  /** `desc` (ffprobe: `description`). */
  description?: string;
  /** `©day` (ffprobe: `date`), e.g. an ISO date. */
  date?: string;
  /** `©too` (ffprobe: `encoder`). */
  encoder?: string;
}

/** `moov` larger than this is not read (a sample table of hours of video is a few MB). */
export const MAX_MOOV_BYTES = 64 * 1024 * 1024;
/** Each text is cut to this many UTF-16 units, so a hostile prompt cannot grow the box without end. */
export const MAX_TEXT_LENGTH = 16_000;

interface Box {
  type: string;
  /** Offset of the box's first byte. */
  start: number;
  /** Whole size, header included. */
  size: number;
  headerSize: number;
}

/** Children of the boxes walked to reach the chunk offset tables. */
const CONTAINERS = new Set(['trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf']);
const textEncoder = new TextEncoder();

/**
 * The MP4 in `file` with `story` as its metadata (any earlier `udta/meta` replaced; the rest of
 * `udta` kept), or undefined when the file is not an MP4 this editor can rewrite safely.
 */
export async function writeMp4Story(file: Blob, story: Mp4Story): Promise<Blob | undefined> {
  const top = await topLevelBoxes(file);
  if (!top) return undefined;
  const moov = top.filter((box) => box.type === 'moov');
  const firstMedia = top.find((box) => box.type === 'mdat');
  // Fragments carry their own offsets (tfhd, sidx, mfra) that this editor does not rewrite.
  const box = moov[0];
  if (moov.length !== 1 || !box || !firstMedia || top.some((item) => item.type === 'moof' || item.type === 'mfra')) return undefined;
  // A 64-bit or to-the-end `moov` header does not occur in practice; refused rather than rewritten.
  if (box.size > MAX_MOOV_BYTES || box.headerSize !== 8 || new DataView(await file.slice(box.start, box.start + 4).arrayBuffer()).getUint32(0) === 0) {
    return undefined;
  }
  const old = new Uint8Array(await file.slice(box.start, box.start + box.size).arrayBuffer());
  const rebuilt = rebuildMoov(old, story, box.start + box.size);
  if (!rebuilt) return undefined;
  return new Blob([file.slice(0, box.start), rebuilt as BlobPart, file.slice(box.start + box.size)], { type: file.type || 'video/mp4' });
}

/** The top-level boxes, or undefined when the file does not parse as a sequence of boxes. */
async function topLevelBoxes(file: Blob): Promise<Box[] | undefined> {
  const boxes: Box[] = [];
  let offset = 0;
  while (offset < file.size) {
    if (boxes.length > 10_000) return undefined;
    const head = new Uint8Array(await file.slice(offset, offset + 16).arrayBuffer());
    const box = readBoxHeader(head, 0, file.size - offset);
    if (!box) return undefined;
    boxes.push({ ...box, start: offset });
    offset += box.size;
  }
  if (boxes[0]?.type !== 'ftyp') return undefined;
  return boxes;
}

/** The header at `at` of `bytes`, with `room` bytes from `at` to the end of the parent. */
function readBoxHeader(bytes: Uint8Array, at: number, room: number): Box | undefined {
  if (room < 8 || bytes.length < at + 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let size = view.getUint32(at);
  const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
  let headerSize = 8;
  if (size === 1) {
    if (bytes.length < at + 16) return undefined;
    size = Number(view.getBigUint64(at + 8));
    headerSize = 16;
  } else if (size === 0) {
    size = room;
  }
  if (size < headerSize || size > room) return undefined;
  return { type, start: at, size, headerSize };
}

/** The children of the box whose content is `bytes[from, to)`, or undefined when they do not tile it. */
function children(bytes: Uint8Array, from: number, to: number): Box[] | undefined {
  const found: Box[] = [];
  for (let at = from; at < to; ) {
    const box = readBoxHeader(bytes, at, to - at);
    // A size 0 (to the end of the file) is only allowed at the top level.
    if (!box || new DataView(bytes.buffer, bytes.byteOffset).getUint32(at) === 0) return undefined;
    found.push(box);
    at += box.size;
  }
  return found;
}

/**
 * A new `moov` (`old`, with an 8-byte header) with `story` in `udta/meta`; each chunk offset at or
 * past `moovEnd` (media after `moov`, as in a faststart file) moves by the change in its size.
 */
function rebuildMoov(old: Uint8Array, story: Mp4Story, moovEnd: number): Uint8Array | undefined {
  const headerSize = 8;
  const top = children(old, headerSize, old.length);
  if (!top) return undefined;
  const meta = metaBox(story);
  const udta = top.find((box) => box.type === 'udta');
  let udtaParts: Uint8Array[];
  if (udta) {
    const inner = children(old, udta.start + udta.headerSize, udta.start + udta.size);
    if (!inner) return undefined;
    udtaParts = inner.filter((box) => box.type !== 'meta').map((box) => old.subarray(box.start, box.start + box.size));
  } else {
    udtaParts = [];
  }
  const newUdta = box('udta', ...udtaParts, meta);
  const delta = newUdta.length - (udta?.size ?? 0);

  const body = old.slice(headerSize);
  if (delta !== 0 && !shiftChunkOffsets(body, moovEnd, delta)) return undefined;
  // Everything but the old udta, in order, then the new udta (where players and ffmpeg look).
  const parts: Uint8Array[] = [];
  for (const child of top) {
    if (child === udta) continue;
    parts.push(body.subarray(child.start - headerSize, child.start - headerSize + child.size));
  }
  parts.push(newUdta);
  return box('moov', ...parts);
}

/**
 * Adds `delta` to every entry at or past `from` of every `stco`/`co64` under the boxes of `body`
 * (the content of `moov`). False when a value would not fit or a table runs past its box.
 */
function shiftChunkOffsets(body: Uint8Array, from: number, delta: number): boolean {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const walk = (start: number, to: number): boolean => {
    const boxes = children(body, start, to);
    if (!boxes) return false;
    for (const child of boxes) {
      const contentStart = child.start + child.headerSize;
      const end = child.start + child.size;
      if (CONTAINERS.has(child.type)) {
        if (!walk(contentStart, end)) return false;
      } else if (child.type === 'stco' || child.type === 'co64') {
        const wide = child.type === 'co64';
        if (end - contentStart < 8) return false;
        const count = view.getUint32(contentStart + 4);
        const width = wide ? 8 : 4;
        if (contentStart + 8 + count * width > end) return false;
        for (let index = 0; index < count; index += 1) {
          const at = contentStart + 8 + index * width;
          if (wide) {
            const value = view.getBigUint64(at);
            if (value >= BigInt(from)) view.setBigUint64(at, value + BigInt(delta));
          } else {
            if (view.getUint32(at) < from) continue;
            const value = view.getUint32(at) + delta;
            if (value < 0 || value > 0xffff_ffff) return false;
            view.setUint32(at, value);
          }
        }
      }
    }
    return true;
  };
  return walk(0, body.length);
}

/** `meta` (a full box) with the `mdir` handler iTunes and ffmpeg look for, and the items. */
function metaBox(story: Mp4Story): Uint8Array {
  const handler = fullBox('hdlr', new Uint8Array(4), ascii('mdir'), ascii('appl'), new Uint8Array(8), new Uint8Array(1));
  const items: Uint8Array[] = [];
  const add = (type: number[], value: string | undefined): void => {
    if (!value) return;
    // Type 1: UTF-8 text, locale 0.
    const data = box('data', u32(1), u32(0), textEncoder.encode(value.slice(0, MAX_TEXT_LENGTH)));
    items.push(boxOfType(new Uint8Array(type), data));
  };
  add([0xa9, 0x6e, 0x61, 0x6d], story.title); // ©nam
  add([0xa9, 0x63, 0x6d, 0x74], story.comment); // ©cmt
  add([0x64, 0x65, 0x73, 0x63], story.description); // desc
  add([0xa9, 0x64, 0x61, 0x79], story.date); // ©day
  add([0xa9, 0x74, 0x6f, 0x6f], story.encoder); // ©too
  return fullBox('meta', handler, box('ilst', ...items));
}

function fullBox(type: string, ...parts: Uint8Array[]): Uint8Array {
  return box(type, new Uint8Array(4), ...parts);
}

function box(type: string, ...parts: Uint8Array[]): Uint8Array {
  return boxOfType(ascii(type), ...parts);
}

function boxOfType(type: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  const size = 8 + parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, size);
  out.set(type, 4);
  let at = 8;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}
