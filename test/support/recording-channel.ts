import type { CopyStream, PageChannel } from '@/src/capture/page-channel';
import type { StreamOutcome } from '@/src/protocol/messages';

/** One copy a page-world hook opened on a recording channel, as it was fed. */
export interface RecordedCopy {
  url: string;
  contentType: string;
  requestBody: unknown;
  chunks: Array<string | Uint8Array>;
  outcome?: StreamOutcome;
  /** Opened to be sniffed (the real channel's part, tested in page-channel.test.ts). */
  sniff?: true;
}

/**
 * A PageChannel for the page-world hooks' unit tests: every copy a hook opens is recorded with
 * what it pushed and how it ended; a copy that has ended takes nothing more, as the real one.
 * `appHosts`: the video app's hosts the relay would have told the page world.
 */
export function recordingChannel(appHosts: readonly string[] = []): { channel: PageChannel; copies: RecordedCopy[] } {
  const copies: RecordedCopy[] = [];
  const channel: PageChannel = {
    appHosts,
    open(url, contentType, requestBody, _method, sniff) {
      const copy: RecordedCopy = { url, contentType, requestBody, chunks: [], ...(sniff && { sniff }) };
      copies.push(copy);
      const stream: CopyStream = {
        push: (chunk) => (copy.outcome ? false : (copy.chunks.push(chunk), true)),
        end: (outcome) => void (copy.outcome ??= outcome),
      };
      return stream;
    },
  };
  return { channel, copies };
}
