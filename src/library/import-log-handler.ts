import type { BackgroundRequests } from '../protocol/messages';
import type { SiteExtractor } from '../sites/extractors';
import type { EntryUpdate } from '../store/merge-entry';
import type { VideoEntry } from '../store/video-entry';
import { importCapturedLog } from './import-captured-log';
import { importChatHistory } from './import-chat-history';

type ImportLog = BackgroundRequests['import-log'];

/**
 * The background's answer to `import-log`: a chat app's history export, else a saved stream or
 * HAR read as a live capture reads (the background's current extractors), stored through `write`
 * (the capture's one write queue, so link checks, offline copies and done signals follow).
 */
export function createImportLogHandler(deps: {
  write(updates: EntryUpdate[]): Promise<VideoEntry[]>;
  extractors(): readonly SiteExtractor[];
}): (request: ImportLog['request']) => Promise<ImportLog['response']> {
  return async ({ text, fileName }) => {
    try {
      const history = importChatHistory(text);
      if (history) {
        const kept = await deps.write(history.updates);
        return { ok: true, streams: 0, videos: kept.length, chats: { app: history.app, count: history.chats } };
      }
      const { updates, streams } = importCapturedLog(text, fileName, deps.extractors());
      const stored = await deps.write(updates);
      return { ok: true, streams, videos: stored.filter((entry) => entry.videoUrl).length };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
