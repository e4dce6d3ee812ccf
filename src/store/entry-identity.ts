import { linkExpiry } from '../extract/link-expiry';
import { videoKey } from '../extract/video-key';
import { entryIdPart } from './entry-id';

/**
 * How every producer of entries (the chat session, the site task updates, the page scan, the
 * context menu, the chat-history import) names an entry and its video, so the same video from
 * two ways in is one entry. Ids are `task:<taskId>:<n>` for a chat answer's task,
 * `task:<extractor>:<taskId>:<n>` for a video app's, and `url:<videoKey>` for a video known by its
 * link alone (src/store/video-entry.ts).
 */

/** A video link's identity: its key without signature and expiry parameters, and when the link expires. */
export interface LinkIdentity {
  videoKey: string;
  expiresAt?: number;
}

export function linkIdentity(videoUrl: string, key: string = videoKey(videoUrl)): LinkIdentity {
  const expiresAt = linkExpiry(videoUrl);
  return { videoKey: key, ...(expiresAt === undefined ? {} : { expiresAt }) };
}

/** The entry of a video known by its link alone: keyed without the signature, so a re-signed link is the same entry. */
export function linkEntryIdentity(videoUrl: string, key: string = videoKey(videoUrl)): LinkIdentity & { id: string } {
  return { id: `url:${key}`, ...linkIdentity(videoUrl, key) };
}

/**
 * Entry id of the n-th video of a chat answer's task: stable across replays. The task id cannot
 * hold the separator (`entryIdPart`), so it never takes the form of a video app's entry id.
 */
export function chatTaskEntryId(taskId: string, index: number): string {
  return `task:${entryIdPart(taskId)}:${index}`;
}

/** Entry id of the n-th video of a video app's task, namespaced by its extractor. */
export function siteTaskEntryId(extractor: string, taskId: string, index: number): string {
  return `task:${extractor}:${entryIdPart(taskId)}:${index}`;
}
