import { isRecord } from '../extractors/extract-helpers';
import type { SiteExtractor } from '../extractors/site-extractor';
import { readRulePack, type PackApp } from './rule-pack';
import type { RuleError } from './rule-schema';

/** `storage.local` key of the rule packs the user imported or subscribed to. */
export const RULE_PACKS_KEY = 'siteRulePacks';

/** A pack as kept: its last good text (read again, and checked again, at every load) and where it came from. */
export interface StoredRulePack {
  name: string;
  version: string;
  /** The pack's JSON as it was last read without a problem. */
  text: string;
  /** A subscription's https URL; absent for a pack imported from a file. */
  url?: string;
  /** The subscription's last ETag (sent as `If-None-Match`). */
  etag?: string;
  /** When the subscription was last fetched (ms), good or not. */
  checkedAt?: number;
  /** When `text` was last replaced (ms). */
  updatedAt: number;
  /** Why the last update was refused (the last good pack stays in use). */
  lastError?: RuleError | { type: 'fetch'; detail: string };
}

/** The stored packs, keeping only well-formed records (the value may be anything). */
export function parseStoredPacks(value: unknown): StoredRulePack[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): StoredRulePack[] => {
    if (!isRecord(item) || typeof item.name !== 'string' || typeof item.version !== 'string' || typeof item.text !== 'string') return [];
    if (typeof item.updatedAt !== 'number') return [];
    const pack: StoredRulePack = { name: item.name, version: item.version, text: item.text, updatedAt: item.updatedAt };
    if (typeof item.url === 'string' && item.url.startsWith('https://')) pack.url = item.url;
    if (typeof item.etag === 'string') pack.etag = item.etag;
    if (typeof item.checkedAt === 'number') pack.checkedAt = item.checkedAt;
    if (isRecord(item.lastError) && typeof item.lastError.type === 'string' && typeof item.lastError.detail === 'string') {
      pack.lastError = item.lastError as StoredRulePack['lastError'];
    }
    return [pack];
  });
}

/** One stored pack, compiled; a pack that no longer reads (a newer extension refuses it) is reported, not used. */
export interface LoadedPack {
  stored: StoredRulePack;
  apps: PackApp[];
  error?: RuleError;
}

/** Reads every stored pack again against the built-ins. */
export function loadStoredPacks(stored: readonly StoredRulePack[], builtIns: readonly SiteExtractor[]): LoadedPack[] {
  return stored.map((pack) => {
    const reading = readRulePack(pack.text, builtIns);
    return reading.ok ? { stored: pack, apps: reading.apps } : { stored: pack, apps: [], error: reading.error };
  });
}

/** The list with `pack` put in place of the pack of the same name (or added at the end). */
export function withPack(packs: readonly StoredRulePack[], pack: StoredRulePack): StoredRulePack[] {
  const at = packs.findIndex((item) => item.name === pack.name);
  return at < 0 ? [...packs, pack] : packs.map((item, index) => (index === at ? pack : item));
}
