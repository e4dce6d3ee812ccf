import type { WriteBacklog } from '../store/write-backlog';
import { t } from '../i18n/t';

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
      return t('libraryNoSpace', detail);
    case 'version':
      return t('libraryUpdated');
    case 'unavailable':
      return t('libraryUnavailable', detail);
    case 'other':
      return t('libraryReadRetry', detail);
  }
}

/** Says that captures wait to be saved, why, and what to do; shown above the gallery. */
export function backlogNoticeText(backlog: Pick<WriteBacklog, 'updates' | 'error'>): string {
  const count = backlog.updates.length;
  // English has a singular; Chinese says both alike. The count and the reason are separate
  // messages so each language words its plural once rather than once per reason.
  const what = count === 1 ? t('backlogOne') : t('backlogCount', count);
  switch (storageTrouble(backlog.error)) {
    case 'quota':
      return t('backlogNoSpace', what, backlog.error);
    case 'unavailable':
      return t('backlogUnavailable', what, backlog.error);
    case 'version':
    case 'other':
      return t('backlogError', what, backlog.error);
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
