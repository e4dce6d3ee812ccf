import { makeZip } from 'client-zip';
import { t } from '../i18n/t';
import { videoRecord, type VideoRecord } from '../download/video-story';
import type { VideoEntry } from '../store/video-entry';

/** Where one file of a ZIP's video comes from: a Blob (a kept copy, held on disk by the browser) or a streamed response. */
export type ZipBody = { ok: true; body: Blob | ReadableStream<Uint8Array>; size?: number } | { ok: false; error: string };

/** What the ZIP reads its files from; the gallery supplies the browser-backed ones. */
export interface SelectionZipSource {
  /** The entry's kept copy (video with its story written in, cover), if any. */
  copy(entry: VideoEntry): Promise<{ video?: Blob; cover?: Blob } | undefined>;
  /** Fetches a file of an entry that has no copy; the body is streamed into the ZIP, never held whole. */
  fetch(url: string, kind: 'video' | 'image', entry: VideoEntry): Promise<ZipBody>;
}

/** Progress of one video of the ZIP, in the download queue's terms. */
export type ZipFileState =
  | { state: 'waiting' }
  | { state: 'downloading'; filename: string; received: number; total: number }
  | { state: 'complete'; filename: string }
  | { state: 'failed'; error: string };

export interface SelectionZipOptions {
  /** The file name of a video inside the ZIP (the user's template; `/` makes folders), with its extension. */
  fileName(entry: VideoEntry): string;
  onProgress?(id: string, state: ZipFileState): void;
  /** ZIP time stamps; default now. */
  now?: () => number;
}

/** A row of `videos.json`: the video's record and the files the ZIP holds for it. */
export interface ZipVideoRecord extends VideoRecord {
  file: string | null;
  coverFile: string | null;
  sidecar: string;
}

/**
 * A ZIP of the `entries` as a stream: per video its file (from its copy, else fetched), its
 * cover and a `.json` sidecar; then at the top `videos.json`, `prompts.csv` (UTF-8 with BOM, so
 * spreadsheets read Chinese prompts) and, when something could not be fetched, `errors.txt`
 * (a failure never fails the whole ZIP). Files are pulled one at a time as the stream is read,
 * so memory holds one chunk, not the ZIP nor a video.
 */
export function selectionZip(entries: readonly VideoEntry[], source: SelectionZipSource, options: SelectionZipOptions): ReadableStream<Uint8Array> {
  const lastModified = new Date(options.now?.() ?? Date.now());
  const progress = (id: string, state: ZipFileState): void => options.onProgress?.(id, state);
  const names = uniqueNames();
  async function* files(): AsyncGenerator<{ name: string; input: Blob | ReadableStream<Uint8Array> | string; lastModified: Date; size?: number }> {
    const records: ZipVideoRecord[] = [];
    const errors: string[] = [];
    for (const entry of entries) progress(entry.id, { state: 'waiting' });
    for (const entry of entries) {
      const videoName = names(options.fileName(entry));
      const base = videoName.replace(/\.[a-z0-9]{1,5}$/i, '');
      const copy = await source.copy(entry).catch(() => undefined);
      const video: ZipBody = copy?.video
        ? { ok: true, body: copy.video }
        : entry.videoUrl
          ? await source.fetch(entry.videoUrl, 'video', entry).catch((error: unknown) => ({ ok: false as const, error: String(error) }))
          : { ok: false, error: t('downloadNoLink') };
      let file: string | null = null;
      if (video.ok) {
        file = videoName;
        const total = video.body instanceof Blob ? video.body.size : (video.size ?? 0);
        progress(entry.id, { state: 'downloading', filename: videoName, received: 0, total });
        yield { name: videoName, input: counted(video.body, (received) => progress(entry.id, { state: 'downloading', filename: videoName, received, total })), lastModified };
        progress(entry.id, { state: 'complete', filename: videoName });
      } else {
        errors.push(`${videoName}\t${entry.videoUrl ?? ''}\t${video.error}`);
        progress(entry.id, { state: 'failed', error: t('zipNotFetched', video.error) });
      }
      let coverFile: string | null = null;
      const cover: ZipBody | undefined = copy?.cover
        ? { ok: true, body: copy.cover }
        : entry.coverUrl
          ? await source.fetch(entry.coverUrl, 'image', entry).catch((error: unknown) => ({ ok: false as const, error: String(error) }))
          : undefined;
      if (cover?.ok) {
        coverFile = names(`${base}.${coverExtension(cover.body)}`);
        yield { name: coverFile, input: cover.body, lastModified };
      } else if (cover) {
        errors.push(`${base} (cover)\t${entry.coverUrl ?? ''}\t${cover.error}`);
      }
      const record: ZipVideoRecord = { ...videoRecord(entry), file, coverFile, sidecar: names(`${base}.json`) };
      records.push(record);
      yield { name: record.sidecar, input: `${JSON.stringify(record, null, 2)}\n`, lastModified };
    }
    yield { name: names('videos.json'), input: `${JSON.stringify(records, null, 2)}\n`, lastModified };
    yield { name: names('prompts.csv'), input: promptsCsv(records), lastModified };
    if (errors.length > 0) yield { name: names('errors.txt'), input: `${t('zipErrorsHeader')}\r\n${errors.join('\r\n')}\r\n`, lastModified };
  }
  return makeZip(files());
}

const CSV_COLUMNS = ['file', 'prompt', 'site', 'model', 'taskId', 'createdAt', 'page'] as const;

/** `prompts.csv`: one row per video, UTF-8 with a BOM and CRLF lines (RFC 4180), as spreadsheets read it. */
export function promptsCsv(records: readonly ZipVideoRecord[]): string {
  const rows = [CSV_COLUMNS.join(','), ...records.map((record) => CSV_COLUMNS.map((column) => csvCell(record[column] ?? '')).join(','))];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/**
 * One quoted CSV cell. A prompt is the page's text: one starting with `=`, `+`, `-`, `@` or a
 * control would run as a formula in a spreadsheet, so it is led by `'` (OWASP's advice).
 */
function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** Names unique within the ZIP: a second `a.mp4` becomes `a (2).mp4`. */
function uniqueNames(): (name: string) => string {
  const taken = new Set<string>();
  return (name) => {
    let candidate = name;
    for (let index = 2; taken.has(candidate.toLowerCase()); index += 1) {
      const dot = name.lastIndexOf('.');
      candidate = dot > 0 ? `${name.slice(0, dot)} (${index})${name.slice(dot)}` : `${name} (${index})`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  };
}

function coverExtension(body: Blob | ReadableStream<Uint8Array>): string {
  const type = body instanceof Blob ? body.type : '';
  return { 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'image/avif': 'avif' }[type] ?? 'jpg';
}

/** The body as a stream that reports the bytes read so far (at most every 1 MB, so progress stays cheap). */
function counted(body: Blob | ReadableStream<Uint8Array>, report: (received: number) => void): ReadableStream<Uint8Array> {
  let received = 0;
  let reported = 0;
  return (body instanceof Blob ? body.stream() : body).pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received - reported >= 1_000_000) {
          reported = received;
          report(received);
        }
        controller.enqueue(chunk);
      },
    }),
  );
}
