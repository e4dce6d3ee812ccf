import type { SiteExtractor } from '../extractors/site-extractor';
import { readRulePack } from './rule-pack';
import type { StoredRulePack } from './rule-pack-store';
import { MAX_PACK_BYTES } from './rule-schema';

/**
 * Subscriptions to rule packs by https URL: fetched when the user subscribes, then at most once
 * a day (an alarm), with the last ETag so an unchanged pack costs a 304. The request carries
 * nothing of the user's (no cookies, no referrer, no library data); the answer is read up to
 * 256 KiB and checked like an imported file. A failed or refused update keeps the last good pack.
 */

/** Name of the alarm that checks subscriptions (hourly; each subscription is fetched once a day at most). */
export const RULE_PACK_ALARM = 'rule-pack-updates';
export const RULE_PACK_CHECK_MINUTES = 60;
export const UPDATE_EVERY_MS = 24 * 60 * 60 * 1000;

type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export type FetchedPack = { kind: 'not-modified' } | { kind: 'text'; text: string; etag?: string } | { kind: 'error'; detail: string } | { kind: 'too-large'; detail: string };

/** The https URL of a subscription, normalized, or undefined when it is not one. */
export function subscriptionUrl(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' && url.hostname && !url.username && !url.password ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The origin permission a subscription's fetch needs (asked for when the user subscribes). */
export function subscriptionPermission(url: string): { origins: string[] } {
  return { origins: [`${new URL(url).origin}/*`] };
}

/** Fetches a pack's text: at most `MAX_PACK_BYTES`, no credentials, `If-None-Match` when an ETag is known. */
export async function fetchRulePack(url: string, etag: string | undefined, fetchLike: FetchLike): Promise<FetchedPack> {
  let response: Response;
  try {
    response = await fetchLike(url, {
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-cache',
      redirect: 'follow',
      headers: etag ? { 'if-none-match': etag } : {},
    });
  } catch (error) {
    return { kind: 'error', detail: error instanceof Error ? error.message : String(error) };
  }
  if (response.status === 304) return { kind: 'not-modified' };
  if (!response.ok) return { kind: 'error', detail: `HTTP ${response.status}` };
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > MAX_PACK_BYTES) {
    await response.body?.cancel().catch(() => {});
    return { kind: 'too-large', detail: `${Math.ceil(declared / 1024)} KiB` };
  }
  const reader = response.body?.getReader();
  if (!reader) return { kind: 'error', detail: 'no body' };
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_PACK_BYTES) {
      await reader.cancel().catch(() => {});
      return { kind: 'too-large', detail: `over ${MAX_PACK_BYTES / 1024} KiB` };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const tag = response.headers.get('etag');
  return { kind: 'text', text: new TextDecoder().decode(bytes), ...(tag ? { etag: tag } : {}) };
}

/**
 * One subscription brought up to date: a new good pack replaces the old; a refused or failed
 * one keeps the old and says why (`lastError`). `previous` is undefined on the first fetch
 * (then a refusal is returned as the error, and nothing is kept).
 */
export async function updateSubscription(
  url: string,
  previous: StoredRulePack | undefined,
  deps: { fetch: FetchLike; now: number; builtIns: readonly SiteExtractor[] },
): Promise<{ ok: true; pack: StoredRulePack } | { ok: false; pack?: StoredRulePack; error: NonNullable<StoredRulePack['lastError']> }> {
  const fetched = await fetchRulePack(url, previous?.etag, deps.fetch);
  const keep = (error: NonNullable<StoredRulePack['lastError']>) =>
    ({ ok: false, error, ...(previous ? { pack: { ...previous, checkedAt: deps.now, lastError: error } } : {}) }) as const;
  if (fetched.kind === 'not-modified') {
    if (!previous) return keep({ type: 'fetch', detail: 'HTTP 304 without a pack' });
    const pack: StoredRulePack = { ...previous, checkedAt: deps.now };
    delete pack.lastError;
    return { ok: true, pack };
  }
  if (fetched.kind === 'error') return keep({ type: 'fetch', detail: fetched.detail });
  if (fetched.kind === 'too-large') return keep({ type: 'too-large', detail: fetched.detail });
  const reading = readRulePack(fetched.text, deps.builtIns);
  if (!reading.ok) return keep(reading.error);
  return {
    ok: true,
    pack: {
      name: reading.pack.name,
      version: reading.pack.version,
      text: fetched.text,
      url,
      ...(fetched.etag ? { etag: fetched.etag } : {}),
      checkedAt: deps.now,
      updatedAt: deps.now,
    },
  };
}

/** Whether a subscription is due (never fetched, or last fetched a day ago or more). */
export function subscriptionDue(pack: StoredRulePack, now: number): boolean {
  return pack.url !== undefined && (pack.checkedAt === undefined || now - pack.checkedAt >= UPDATE_EVERY_MS);
}

/** Brings every due subscription up to date; the list keeps its order, each pack in its place. */
export async function updateDueSubscriptions(
  packs: readonly StoredRulePack[],
  deps: { fetch: FetchLike; now: number; builtIns: readonly SiteExtractor[] },
): Promise<StoredRulePack[]> {
  const result: StoredRulePack[] = [];
  for (const pack of packs) {
    if (!pack.url || !subscriptionDue(pack, deps.now)) {
      result.push(pack);
      continue;
    }
    const update = await updateSubscription(pack.url, pack, deps);
    result.push(update.pack ?? pack);
  }
  return result;
}
