import type { VideoEntry } from '../store/video-entry';
import { exportLibrary, parseLibraryFile } from './library-file';
import { t, type MessageName } from '../i18n/t';
import { actionButton } from '../gallery/action-button';
import { formatBytes } from '../ui/format-bytes';

type Result<T> = ({ ok: true } & T) | { ok: false; error: string };

/** What the library section of the options page needs. */
export interface LibraryToolsDeps {
  all(): Promise<VideoEntry[]>;
  restore(entries: VideoEntry[]): Promise<Result<{ restored: number; skipped: number }>>;
  clear(): Promise<Result<{ removed: number }>>;
  /** `navigator.storage.estimate()`. */
  estimate(): Promise<{ usage?: number; quota?: number }>;
  /** Offers `text` as a file download named `name`. */
  saveFile(name: string, text: string): void;
  confirm(question: string): boolean;
  now(): number;
  /**
   * Reads a saved stream or HAR file (src/library/import-captured-log.ts), or a chat app's
   * history export (src/library/import-chat-history.ts, which names the `chats` it read).
   */
  importLog(text: string, fileName: string): Promise<{ streams: number; videos: number; chats?: { app: string; count: number } }>;
}

/** Export, import, clear all, and the storage the library uses. */
export function mountLibraryTools(root: HTMLElement, deps: LibraryToolsDeps): { refreshUsage(): Promise<void> } {
  const doc = root.ownerDocument;
  const usage = doc.createElement('p');
  usage.className = 'storage-used';
  const status = doc.createElement('p');
  status.className = 'library-status';
  status.setAttribute('role', 'status');

  const exportButton = button('export-library', t('exportLibrary'));
  exportButton.addEventListener('click', () => {
    void run(async () => {
      const entries = await deps.all();
      const date = new Date(deps.now()).toISOString().slice(0, 10);
      deps.saveFile(`video-keeper-library-${date}.json`, exportLibrary(entries, deps.now()));
      return entries.length === 1 ? t('exportedOne') : t('exportedCount', entries.length);
    });
  });

  const importLabel = doc.createElement('label');
  importLabel.className = 'import-label';
  importLabel.textContent = `${t('importLibrary')} `;
  const importInput = doc.createElement('input');
  importInput.type = 'file';
  importInput.accept = 'application/json,.json,.har,.sse,.txt,.ndjson,.jsonl,text/event-stream,text/plain';
  importInput.dataset.action = 'import-library';
  importLabel.append(importInput);
  importInput.addEventListener('change', () => {
    const file = importInput.files?.[0];
    if (!file) return;
    void run(async () => {
      const text = await file.text();
      const parsed = parseLibraryFile(text);
      if (!parsed.ok) {
        // Not a library export: perhaps a log the user kept of a chat (saved stream, HAR).
        const log = await deps.importLog(text, file.name);
        if (log.chats) {
          const videos = counted(log.videos, 'videoCountOne', 'videoCount');
          return t('importedChatsFound', videos, counted(log.chats.count, 'chatCountOne', 'chatCount'), log.chats.app);
        }
        if (log.videos === 0) throw new Error(parsed.error);
        const streams = counted(log.streams, 'streamCountOne', 'streamCount');
        return t('importedLogFound', streams, counted(log.videos, 'videoCountOne', 'videoCount'));
      }
      const result = await deps.restore(parsed.entries);
      if (!result.ok) throw new Error(result.error);
      const skipped = parsed.skipped.length + result.skipped;
      if (skipped) {
        const videos = counted(result.restored, 'videoCountOne', 'videoCount');
        return t('importedWithSkipped', videos, counted(skipped, 'brokenEntryCountOne', 'brokenEntryCount'));
      }
      return result.restored === 1 ? t('importedOne') : t('importedCount', result.restored);
    });
    importInput.value = '';
  });

  const clearButton = button('clear-library', t('clearLibrary'));
  clearButton.classList.add('danger');
  clearButton.addEventListener('click', () => {
    if (!deps.confirm(t('clearConfirm'))) return;
    void run(async () => {
      const result = await deps.clear();
      if (!result.ok) throw new Error(result.error);
      return result.removed === 1 ? t('clearedOne') : t('clearedCount', result.removed);
    });
  });

  async function run(action: () => Promise<string>): Promise<void> {
    status.removeAttribute('data-tone');
    try {
      status.textContent = await action();
    } catch (error) {
      status.dataset.tone = 'error';
      status.textContent = error instanceof Error ? error.message : String(error);
    }
    await refreshUsage();
  }

  async function refreshUsage(): Promise<void> {
    try {
      const { usage: used, quota } = await deps.estimate();
      usage.textContent =
        used === undefined || quota === undefined ? t('storageUnknown') : t('storageUsed', formatBytes(used), formatBytes(quota));
    } catch {
      usage.textContent = t('storageUnknown');
    }
  }

  const actions = doc.createElement('div');
  actions.className = 'library-actions';
  actions.append(exportButton, importLabel, clearButton);
  root.replaceChildren(usage, actions, status);
  void refreshUsage();
  return { refreshUsage };

  function button(action: string, text: string): HTMLButtonElement {
    return actionButton(doc, action, text);
  }
}

/** `1 video`, `3 videos`: English words its singular apart; Chinese says both alike. */
function counted(count: number, one: MessageName, many: MessageName): string {
  return count === 1 ? t(one) : t(many, count);
}
