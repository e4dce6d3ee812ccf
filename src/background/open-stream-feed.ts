import type { StreamIssue } from '../decode/answer-reassembler';
import type { CaptureJournal } from '../capture-log/capture-journal';
import type { StreamOpen } from '../protocol/messages';
import type { SiteExtractor } from '../sites/extractors';
import type { EntryUpdate } from '../store/merge-entry';
import type { CaptureLog } from './capture-log-entry';
import { openCaptureSession } from './open-capture-session';
import { redirectReport } from './redirect-report';
import type { RelayPortOrigin } from './relay-port-origin';
import type { StreamBudget } from './stream-budget';
import { createStreamFeed, type StreamFeed } from './stream-feed';
import type { UnchangedBodies } from './unchanged-bodies';

/** What every stream of the capture service opens with. */
export interface StreamOpening {
  /** The site extractors of the moment (rule packs change them). */
  extractors(): readonly SiteExtractor[];
  /** A fresh reading budget for one stream. */
  streamBudget(): StreamBudget;
  /** The last answer of each video-app call: an unchanged poll is not read again. */
  unchangedBodies: UnchangedBodies;
  write: (updates: EntryUpdate[]) => Promise<unknown>;
  log: (entry: CaptureLog) => void;
  journal?: CaptureJournal | undefined;
}

/**
 * Opens the session of one `stream-open` from a relay Port of `origin` (by the site's
 * extractor, else the dialects: `openCaptureSession`), notes it in the capture log, and
 * returns the feed its chunks go to.
 */
export function openStreamFeed(message: StreamOpen, origin: RelayPortOrigin, opening: StreamOpening): StreamFeed {
  const { streamId } = message;
  const { site, pageUrl } = origin;
  // A media redirect the page world reported is read as a response of the endpoint asked for.
  const redirect = redirectReport(message, pageUrl);
  const endpointUrl = redirect?.endpointUrl ?? message.endpointUrl;
  const source = {
    site,
    pageUrl,
    endpointUrl,
    contentType: message.contentType,
    ...(message.requestModel ? { requestModel: message.requestModel } : {}),
  };
  const onIssue = (issue: StreamIssue): void => opening.log({ streamId, ...issue });
  const requestBody = redirect ? undefined : message.requestBody;
  const session = openCaptureSession({ ...source, method: message.method ?? 'GET', ...(requestBody ? { requestBody } : {}) }, opening.extractors(), onIssue, opening.unchangedBodies);
  const feed = createStreamFeed({ streamId, session, budget: opening.streamBudget(), write: opening.write, log: opening.log, journal: opening.journal });
  opening.journal?.opened(streamId, { at: message.startedAt, site, method: message.method ?? 'GET', endpointUrl, contentType: message.contentType });
  if (redirect) feed.read(redirect.body, false);
  return feed;
}
