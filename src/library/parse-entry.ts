import { parseHttpUrl } from '../extract/http-url';
import { ENTRY_SOURCES, type BreakReason, type FailureReason, type VideoEntry, type VideoStatus } from '../store/video-entry';

const STATUSES: readonly VideoStatus[] = ['generating', 'done', 'partial', 'failed'];
const BREAKS: readonly BreakReason[] = ['stream-error', 'interrupted', 'truncated'];
const FAILURES: readonly FailureReason[] = ['no-result', ...BREAKS];
const MAX_TEXT = 100_000;
/** Renditions of one video a site may list; more is not one video's. */
const MAX_ALTERNATES = 16;

/**
 * A `VideoEntry` from untrusted JSON (an imported library file, an undo from a page), or a
 * text saying what is wrong with it. Every field is checked; URLs must be http(s); unknown
 * fields are dropped.
 */
export function parseVideoEntry(value: unknown): { ok: true; entry: VideoEntry } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'not an object' };
  const record = value as Record<string, unknown>;
  const text = (key: string, required = false): string | undefined | Error => {
    const field = record[key];
    if (field === undefined) return required ? new Error(`${key} is missing`) : undefined;
    if (typeof field !== 'string' || field.length > MAX_TEXT) return new Error(`${key} is not a string`);
    return field;
  };
  const url = (key: string, required = false): string | undefined | Error => {
    const field = text(key, required);
    if (field === undefined || field instanceof Error) return field;
    return parseHttpUrl(field) === undefined ? new Error(`${key} is not an http(s) URL`) : field;
  };
  const number = (key: string, required = false): number | undefined | Error => {
    const field = record[key];
    if (field === undefined) return required ? new Error(`${key} is missing`) : undefined;
    return typeof field === 'number' && Number.isFinite(field) && field >= 0 ? field : new Error(`${key} is not a number`);
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
    id: text('id', true),
    status: oneOf('status', STATUSES),
    progress: number('progress', true),
    videoUrl: url('videoUrl'),
    videoKey: text('videoKey'),
    expiresAt: number('expiresAt'),
    coverUrl: url('coverUrl'),
    prompt: text('prompt'),
    taskId: text('taskId'),
    inputImageUrl: url('inputImageUrl'),
    model: text('model'),
    site: url('site', true),
    pageUrl: url('pageUrl', true),
    endpointUrl: url('endpointUrl', true),
    index: number('index', true),
    failureReason: oneOf('failureReason', FAILURES),
    partialReason: oneOf('partialReason', BREAKS),
    failureMessage: text('failureMessage'),
    percent: number('percent'),
    width: number('width'),
    height: number('height'),
    durationMs: number('durationMs'),
    alternates: urls('alternates'),
    source: oneOf('source', ENTRY_SOURCES),
    createdAt: number('createdAt', true),
    updatedAt: number('updatedAt', true),
  };
  for (const field of Object.values(fields)) if (field instanceof Error) return { ok: false, error: field.message };
  if (fields.status === undefined) return { ok: false, error: 'status is missing' };
  if (record.needsCheck !== undefined && record.needsCheck !== true) return { ok: false, error: 'needsCheck is not true' };
  if (record.truncated !== undefined && record.truncated !== true) return { ok: false, error: 'truncated is not true' };

  const entry: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) if (field !== undefined) entry[key] = field;
  if (record.needsCheck === true) entry.needsCheck = true;
  if (record.truncated === true) entry.truncated = true;
  return { ok: true, entry: entry as unknown as VideoEntry };
}
