import type { WriteBacklog } from '../store/write-backlog';

type StorageTrouble = 'quota' | 'unavailable' | 'version' | 'other';

// Names of the DOMExceptions IndexedDB throws when it cannot be used at all: off in a private or
// locked-down profile (InvalidStateError, SecurityError), a broken profile folder (UnknownError),
// or no `indexedDB` global (ReferenceError).
const UNAVAILABLE = new Set(['InvalidStateError', 'SecurityError', 'UnknownError', 'NotFoundError', 'ReferenceError']);

/** What kind of storage trouble an error (or its `Name: message` text) is. */
export function storageTrouble(error: unknown): StorageTrouble {
  const name = errorName(error);
  if (name === 'QuotaExceededError' || /quota/i.test(errorMessage(error))) return 'quota';
  if (name === 'VersionError') return 'version';
  if (UNAVAILABLE.has(name) || /indexeddb/i.test(errorMessage(error))) return 'unavailable';
  return 'other';
}

/** Why the library could not be read, and what to do about it; shown in place of the gallery. */
export function libraryReadErrorText(error: unknown): string {
  const detail = errorMessage(error);
  switch (storageTrouble(error)) {
    case 'quota':
      return `The browser has no storage space left for the video library (${detail}). Free some disk space, then close and reopen the popup.`;
    case 'version':
      return 'Video Keeper was updated while this popup was open. Close and reopen the popup.';
    case 'unavailable':
      return `The browser's database (IndexedDB) is not available to Video Keeper (${detail}). It is switched off in some private or locked-down profiles: allow site data for extensions, then close and reopen the popup.`;
    case 'other':
      return `Could not read the video library: ${detail}. Close and reopen the popup to retry.`;
  }
}

/** Says that captures wait to be saved, why, and what to do; shown above the gallery. */
export function backlogNoticeText(backlog: Pick<WriteBacklog, 'updates' | 'error'>): string {
  const count = backlog.updates.length;
  const what = `${count} captured ${count === 1 ? 'change is' : 'changes are'} not saved yet`;
  switch (storageTrouble(backlog.error)) {
    case 'quota':
      return `${what}: the browser has no storage space left (${backlog.error}). Video Keeper keeps them and retries; free some disk space.`;
    case 'unavailable':
      return `${what}: the browser's database is not available (${backlog.error}). Video Keeper keeps them and retries.`;
    case 'version':
    case 'other':
      return `${what}: ${backlog.error}. Video Keeper keeps them and retries.`;
  }
}

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string') {
    return (error as { name: string }).name;
  }
  // A stored error text, `QuotaExceededError: …`.
  return typeof error === 'string' ? (/^(\w+Error)\b/.exec(error)?.[1] ?? '') : '';
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message ? `${error.name}: ${error.message}` : error.name;
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return `${errorName(error)}: ${(error as { message: string }).message}`;
  }
  return String(error);
}
