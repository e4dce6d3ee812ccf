import { createCaptureSession, type SessionSource } from '../background/capture-session';
import { shouldCopyBody } from '../capture/should-copy-body';
import type { StreamIssue } from '../decode/answer-reassembler';
import { parseHttpUrl } from '../extract/http-url';
import type { EntryUpdate } from '../store/merge-entry';
import { t } from '../i18n/t';

/** What importing a saved log found: the entry updates to store and what was odd about it. */
export interface ImportedLog {
  updates: EntryUpdate[];
  /** Streams (HAR responses, or the one saved stream) that were read. */
  streams: number;
  issues: StreamIssue[];
}

/** Largest log read; a bigger file is refused rather than frozen on. */
export const MAX_LOG_CHARS = 64 * 1024 * 1024;

/**
 * Reads a log users keep of a chat — a saved stream (wire SSE, the pretty-printed form with its
 * broken `[DONE\n]`, NDJSON, a JSON body) or a DevTools HAR export — through the same capture
 * session a live stream goes through, so it yields the same entries a live capture would.
 */
export function importCapturedLog(text: string, fileName: string): ImportedLog {
  if (text.length > MAX_LOG_CHARS) throw new Error(t('logTooLarge', MAX_LOG_CHARS / 1024 / 1024));
  const har = parseHar(text);
  const issues: StreamIssue[] = [];
  const updates: EntryUpdate[] = [];
  if (har) {
    for (const item of har) {
      updates.push(...readStream(item.source, item.body, issues));
    }
    return { updates, streams: har.length, issues };
  }
  const source: SessionSource = {
    site: '',
    pageUrl: '',
    endpointUrl: '',
    contentType: savedStreamType(text, fileName),
  };
  updates.push(...readStream(source, text, issues));
  return { updates, streams: 1, issues };
}

function readStream(source: SessionSource, body: string, issues: StreamIssue[]): EntryUpdate[] {
  const session = createCaptureSession(source, (issue) => issues.push(issue));
  const latest = new Map<string, EntryUpdate>();
  for (const update of [...session.push(body), ...session.end('complete')]) latest.set(update.id, update);
  // A saved stream names no page: its entries belong to where their video lives.
  return [...latest.values()].map((update) => {
    if (update.site) return update;
    const media = parseHttpUrl(update.videoUrl ?? update.coverUrl ?? update.inputImageUrl);
    const origin = media ? new URL(media).origin : 'https://imported.invalid';
    return { ...update, site: origin, pageUrl: media ?? `${origin}/`, endpointUrl: media ?? `${origin}/` };
  });
}

function savedStreamType(text: string, fileName: string): string {
  if (/\.(ndjson|jsonl)$/i.test(fileName)) return 'application/x-ndjson';
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return 'application/json';
  return 'text/event-stream';
}

interface HarStream {
  source: SessionSource;
  body: string;
}

/** The chat-like responses of a HAR file, or undefined when the text is not a HAR. */
function parseHar(text: string): HarStream[] | undefined {
  if (text.trimStart()[0] !== '{') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const entries = record(record(parsed)?.log)?.entries;
  if (!Array.isArray(entries)) return undefined;
  const streams: HarStream[] = [];
  for (const entry of entries) {
    const request = record(record(entry)?.request);
    const content = record(record(record(entry)?.response)?.content);
    const endpointUrl = parseHttpUrl(typeof request?.url === 'string' ? request.url : undefined);
    const mimeType = typeof content?.mimeType === 'string' ? content.mimeType : '';
    if (!endpointUrl || typeof content?.text !== 'string' || !shouldCopyBody(mimeType, endpointUrl, -1)) continue;
    const body = content.encoding === 'base64' ? decodeBase64(content.text) : content.text;
    const pageUrl = parseHttpUrl(headerOf(request, 'referer')) ?? endpointUrl;
    streams.push({ source: { site: new URL(pageUrl).origin, pageUrl, endpointUrl, contentType: mimeType }, body });
  }
  return streams;
}

function headerOf(request: Record<string, unknown> | undefined, name: string): string | undefined {
  const headers = request?.headers;
  if (!Array.isArray(headers)) return undefined;
  for (const header of headers) {
    const item = record(header);
    if (typeof item?.name === 'string' && item.name.toLowerCase() === name && typeof item.value === 'string') return item.value;
  }
  return undefined;
}

function decodeBase64(text: string): string {
  const binary = atob(text);
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
