import { parseHttpUrl } from '../extract/http-url';
import { ENTRY_BOUNDS, isEntryDate } from './entry-bounds';
import { scrubEntryUrls } from './scrub-url';
import { ENTRY_SOURCES, type BreakReason, type FailureReason, type VideoEntry, type VideoStatus } from './video-entry';

const STATUSES: readonly VideoStatus[] = ['generating', 'done', 'partial', 'failed'];
const BREAKS: readonly BreakReason[] = ['stream-error', 'interrupted', 'truncated'];
const FAILURES: readonly FailureReason[] = ['no-result', ...BREAKS];
/** Characters of any other text field (URLs are capped tighter by `parseHttpUrl`). */
const MAX_TEXT = 100_000;
const { maxChars } = ENTRY_BOUNDS;
/** Renditions of one video a site may list; more is not one video's. */
const MAX_ALTERNATES = 16;

/**
 * A `VideoEntry` from untrusted JSON (an imported library file, an undo from a page), or a
 * text saying what is wrong with it. Every field is checked and bounded (`ENTRY_BOUNDS`): dates
 * inside the window, sizes and durations finite and positive, texts capped; URLs must be
 * http(s), and the page and endpoint URLs are scrubbed of secrets; unknown fields are dropped.
 */
export function parseVideoEntry(value: unknown): { ok: true; entry: VideoEntry } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not an object' };
  const record = value as Record<string, unknown>;
  const text = (key: string, required = false, max: number = MAX_TEXT): string | undefined | Error => {
    const field = record[key];
    if (field === undefined) return required ? new Error(`${key} is missing`) : undefined;
    if (typeof field !== 'string') return new Error(`${key} is not a string`);
    if (field.length > max) return new Error(`${key} is longer than ${max} characters`);
    return field;
  };
  const url = (key: string, required = false): string | undefined | Error => {
    const field = text(key, required);
    if (field === undefined || field instanceof Error) return field;
    return parseHttpUrl(field) === undefined ? new Error(`${key} is not an http(s) URL`) : field;
  };
  /** A number in [min, max]; `min` is exclusive for sizes (`positive`), which are never 0. */
  const number = (key: string, required: boolean, max: number, positive = false): number | undefined | Error => {
    const field = record[key];
    if (field === undefined) return required ? new Error(`${key} is missing`) : undefined;
    if (typeof field !== 'number' || !Number.isFinite(field)) return new Error(`${key} is not a number`);
    if (positive ? field <= 0 : field < 0) return new Error(`${key} is not ${positive ? 'positive' : 'a count'}`);
    return field <= max ? field : new Error(`${key} is over ${max}`);
  };
  const date = (key: string, required = false): number | undefined | Error => {
    const field = record[key];
    if (field === undefined) return required ? new Error(`${key} is missing`) : undefined;
    return typeof field === 'number' && isEntryDate(field) ? field : new Error(`${key} is not a date between 1970 and 2200`);
  };
  const urls = (key: string): string[] | undefined | Error => {
    const field = record[key];
    if (field === undefined) return undefined;
    if (!Array.isArray(field) || field.length > MAX_ALTERNATES) return new Error(`${key} is not a list of URLs`);
    for (const item of field as unknown[]) {
      if (typeof item !== 'string' || item.length > MAX_TEXT || parseHttpUrl(item) === undefined) {
        return new Error(`${key} holds something that is not an http(s) URL`);
      }
    }
    return [...(field as string[])];
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined | Error => {
    const field = record[key];
    if (field === undefined) return undefined;
    return allowed.includes(field as T) ? (field as T) : new Error(`${key} is not one of ${allowed.join(', ')}`);
  };

  const fields = {
    id: text('id', true, maxChars.id),
    status: oneOf('status', STATUSES),
    progress: number('progress', true, ENTRY_BOUNDS.maxProgress),
    videoUrl: url('videoUrl'),
    videoKey: text('videoKey', false, maxChars.videoKey),
    expiresAt: date('expiresAt'),
    coverUrl: url('coverUrl'),
    prompt: text('prompt', false, maxChars.prompt),
    taskId: text('taskId', false, maxChars.taskId),
    inputImageUrl: url('inputImageUrl'),
    model: text('model', false, maxChars.model),
    site: url('site', true),
    pageUrl: url('pageUrl', true),
    endpointUrl: url('endpointUrl', true),
    index: number('index', true, ENTRY_BOUNDS.maxIndex),
    failureReason: oneOf('failureReason', FAILURES),
    partialReason: oneOf('partialReason', BREAKS),
    failureMessage: text('failureMessage', false, maxChars.failureMessage),
    percent: number('percent', false, 100),
    width: number('width', false, ENTRY_BOUNDS.maxPixels, true),
    height: number('height', false, ENTRY_BOUNDS.maxPixels, true),
    durationMs: number('durationMs', false, ENTRY_BOUNDS.maxDurationMs, true),
    alternates: urls('alternates'),
    source: oneOf('source', ENTRY_SOURCES),
    createdAt: date('createdAt', true),
    updatedAt: date('updatedAt', true),
  };
  for (const field of Object.values(fields)) if (field instanceof Error) return { ok: false, error: field.message };
  if (fields.status === undefined) return { ok: false, error: 'status is missing' };
  if (record.needsCheck !== undefined && record.needsCheck !== true) return { ok: false, error: 'needsCheck is not true' };
  if (record.truncated !== undefined && record.truncated !== true) return { ok: false, error: 'truncated is not true' };

  const entry: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) if (field !== undefined) entry[key] = field;
  if (record.needsCheck === true) entry.needsCheck = true;
  if (record.truncated === true) entry.truncated = true;
  return { ok: true, entry: scrubEntryUrls(entry as unknown as VideoEntry) };
}
