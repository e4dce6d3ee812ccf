import { openCaptureSession, type CapturedResponse } from '../background/open-capture-session';
import { MEDIA_REDIRECT } from '../capture/media-redirect';
import { shouldCopyBody } from '../capture/should-copy-body';
import type { StreamIssue } from '../decode/answer-reassembler';
import { parseHttpUrl } from '../extract/http-url';
import { MAX_REQUEST_BODY, REDIRECT_CONTENT_TYPE } from '../protocol/messages';
import { SITE_EXTRACTORS, type SiteExtractor } from '../sites/extractors';
import { hostIsOrUnder } from '../sites/extractors/site-extractor';
import type { EntryUpdate } from '../store/merge-entry';
import { t } from '../i18n/t';

/** What importing a saved log found: the entry updates to store and what was odd about it. */
export interface ImportedLog {
  updates: EntryUpdate[];
  /** Streams (HAR responses, or the one saved stream) that were read. */
  streams: number;
  issues: StreamIssue[];
}

/** Redirect hops of a HAR followed at most (as a browser's fetch does). */
const MAX_REDIRECTS = 20;

/** Largest log read; a bigger file is refused rather than frozen on. */
export const MAX_LOG_CHARS = 64 * 1024 * 1024;

/**
 * Reads a log users keep of a chat or a video app — a saved stream (wire SSE, the pretty-printed
 * form with its broken `[DONE\n]`, NDJSON, a JSON body) or a DevTools HAR export — through the
 * session opener a live stream goes through (src/background/open-capture-session.ts): a HAR's
 * responses with their page, request method and body, so a video app's calls are read by its
 * site extractor and yield the same entries a live capture would. `extractors`: the background's
 * current ones (rule packs laid over the built-ins).
 */
export function importCapturedLog(text: string, fileName: string, extractors: readonly SiteExtractor[] = SITE_EXTRACTORS): ImportedLog {
  if (text.length > MAX_LOG_CHARS) throw new Error(t('logTooLarge', MAX_LOG_CHARS / 1024 / 1024));
  const har = parseHar(text, extractors);
  const issues: StreamIssue[] = [];
  const updates: EntryUpdate[] = [];
  if (har) {
    for (const item of har) {
      updates.push(...readStream(item.source, item.body, extractors, issues));
    }
    return { updates, streams: har.length, issues };
  }
  const source: CapturedResponse = {
    site: '',
    pageUrl: '',
    endpointUrl: '',
    contentType: savedStreamType(text, fileName),
    method: 'GET',
  };
  updates.push(...readStream(source, text, extractors, issues));
  return { updates, streams: 1, issues };
}

function readStream(source: CapturedResponse, body: string, extractors: readonly SiteExtractor[], issues: StreamIssue[]): EntryUpdate[] {
  const session = openCaptureSession(source, extractors, (issue) => issues.push(issue));
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
  source: CapturedResponse;
  body: string;
}

/**
 * The responses of a HAR file a live capture would have copied (src/capture/should-copy-body.ts,
 * with the video app's hosts when the page is one's), each with its page (the `Referer`, else the
 * HAR page it belongs to) and its request's method and text body; undefined when not a HAR.
 */
function parseHar(text: string, extractors: readonly SiteExtractor[]): HarStream[] | undefined {
  if (text.trimStart()[0] !== '{') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const log = record(record(parsed)?.log);
  const entries = log?.entries;
  if (!Array.isArray(entries)) return undefined;
  const pages = harPages(log?.pages);
  const redirects = new Map<string, string>();
  for (const entry of entries) {
    const url = record(record(entry)?.request)?.url;
    const target = redirectOf(record(entry));
    if (typeof url === 'string' && target !== undefined && !redirects.has(url)) redirects.set(url, target);
  }
  const streams: HarStream[] = [];
  for (const entry of entries) {
    const request = record(record(entry)?.request);
    const content = record(record(record(entry)?.response)?.content);
    const endpointUrl = parseHttpUrl(typeof request?.url === 'string' ? request.url : undefined);
    const mimeType = typeof content?.mimeType === 'string' ? content.mimeType : '';
    if (!endpointUrl) continue;
    const pageRef = record(entry)?.pageref;
    const pageUrl = parseHttpUrl(headerOf(request, 'referer')) ?? (typeof pageRef === 'string' ? pages.get(pageRef) : undefined) ?? endpointUrl;
    const method = typeof request?.method === 'string' ? request.method.toUpperCase() : 'GET';
    const site = new URL(pageUrl).origin;
    // A media redirect is read as the page world reports it: the final URL, as a JSON string (src/background/redirect-report.ts).
    const finalUrl = MEDIA_REDIRECT.test(endpointUrl) ? redirectEnd(endpointUrl, redirects) : undefined;
    if (finalUrl) {
      streams.push({ source: { site, pageUrl, endpointUrl, contentType: REDIRECT_CONTENT_TYPE, method }, body: JSON.stringify(finalUrl) });
      continue;
    }
    if (typeof content?.text !== 'string') continue;
    const copied = shouldCopyBody(mimeType, endpointUrl, -1, appHostsOf(new URL(pageUrl).hostname, extractors));
    const body = content.encoding === 'base64' ? decodeBase64(content.text) : content.text;
    if (!copied || (copied === 'sniff' && !/^\s*[[{]/.test(body.slice(0, 1024)))) continue;
    const postText = record(request?.postData)?.text;
    const requestBody = typeof postText === 'string' && postText.length <= MAX_REQUEST_BODY ? postText : undefined;
    streams.push({
      source: { site, pageUrl, endpointUrl, contentType: mimeType, method, ...(requestBody ? { requestBody } : {}) },
      body,
    });
  }
  return streams;
}

/** Where a chain of redirects that starts at `url` ends, as the HAR recorded its hops; undefined when it does not redirect. */
function redirectEnd(url: string, redirects: ReadonlyMap<string, string>): string | undefined {
  let current = url;
  for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
    const target = redirects.get(current);
    if (!target) break;
    let resolved: string | undefined;
    try {
      resolved = parseHttpUrl(new URL(target, current).href);
    } catch {
      break;
    }
    if (!resolved) break;
    current = resolved;
  }
  return current === url ? undefined : current;
}

/** A HAR entry's redirect target (`response.redirectURL` of a 3xx). */
function redirectOf(entry: Record<string, unknown> | undefined): string | undefined {
  const response = record(entry?.response);
  const status = response?.status;
  const target = response?.redirectURL;
  return typeof status === 'number' && status >= 300 && status < 400 && typeof target === 'string' && target !== '' ? target : undefined;
}

/** A HAR's pages by id: DevTools names each by its URL (`title`). */
function harPages(value: unknown): Map<string, string> {
  const pages = new Map<string, string>();
  if (!Array.isArray(value)) return pages;
  for (const page of value) {
    const item = record(page);
    const url = parseHttpUrl(typeof item?.title === 'string' ? item.title : undefined);
    if (typeof item?.id === 'string' && url) pages.set(item.id, url);
  }
  return pages;
}

/** The hosts whose JSON a live capture copies whatever the path on a page of `pageHost`: its video app's page and API hosts. */
function appHostsOf(pageHost: string, extractors: readonly SiteExtractor[]): string[] {
  const app = extractors.find((extractor) => extractor.hosts.some((host) => hostIsOrUnder(pageHost, host)));
  return app ? [...app.hosts, ...(app.apiHosts ?? [])] : [];
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
