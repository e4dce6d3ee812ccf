import type { StreamIssue } from '../decode/answer-reassembler';
import type { SiteExtractor, SiteMatch } from '../sites/extractors';
import type { CaptureSession, SessionSource } from './capture-session';
import { holdJsonAnswer } from './held-json-answer';
import { readSiteMessage, type SiteMessageReading } from './read-site-message';
import { siteFramingOf } from './site-framing';
import { siteMessageFramer } from './site-message-framer';
import { siteRequestOf } from './site-request';
import { createSiteTaskKeeper } from './site-task-keeper';
import type { UnchangedBodies } from './unchanged-bodies';

export { siteFramingOf } from './site-framing';

/** What a site session needs beyond a chat stream's source: the request (prompts live there). */
export interface SiteSessionSource extends SessionSource {
  method: string;
  requestBody?: string;
}

/** A response on a video app's hosts that none of its endpoints matches: the generic reader reads it alone. */
export interface UnmatchedSiteResponse {
  extractor: SiteExtractor;
  endpoint?: undefined;
}

/**
 * One response of a video app's endpoint, read by its site extractor instead of the chat
 * dialects: the body is framed as the endpoint or its content type says (src/decode/), each
 * message goes through the extractor, and the tasks it reports become entry updates. What the
 * extractor cannot read (an unknown shape, a throw, or no video where the JSON holds one: the
 * site renamed a field) goes to the generic task reader (src/sites/generic-task-reader.ts),
 * and the log says so (`unknown-shape`, "kept N with the generic reader"); so do endpoints
 * marked `generic` and, keeping only tasks with a video, responses no endpoint matches (the
 * site moved a path). Nothing here touches the page or the rest of the stream. Pure like the
 * chat session: a replay yields the same updates. Given
 * `unchanged`, a JSON answer is held until it ends and, when the same call answered exactly the
 * same text last time, not read again (a poll of an unchanged library).
 */
export function createSiteCaptureSession(
  match: SiteMatch | UnmatchedSiteResponse,
  source: SiteSessionSource,
  onIssue: (issue: StreamIssue) => void,
  unchanged?: UnchangedBodies,
): CaptureSession {
  const { extractor, endpoint } = match;
  const label = `${extractor.name} ${endpoint?.name ?? '(no endpoint)'}`;
  const reported = new Set<string>();
  const issue = (type: StreamIssue['type'], message: string): void => {
    if (reported.has(type)) return;
    reported.add(type);
    onIssue({ type, message });
  };
  const keeper = createSiteTaskKeeper(extractor.name, source);
  const reading: SiteMessageReading = {
    extractor,
    endpoint,
    request: siteRequestOf(source.method, source.endpointUrl, source.requestBody),
    context: { mediaHosts: extractor.mediaHosts ?? [] },
    label,
    issue,
    keep: keeper.keep,
  };
  const framing = siteFramingOf(source.contentType, endpoint?.framing);
  const framer = siteMessageFramer(framing, source.contentType, (text) => readSiteMessage(text, reading), issue, label);
  const answer = holdJsonAnswer(framer, unchanged !== undefined && framing === 'json');
  const call = `${label} ${source.method} ${source.endpointUrl} ${source.requestBody ?? ''}`;
  let ended = false;
  /** What an unchanged answer held when it was read (it is not read again). */
  let found: number | undefined;

  return {
    entryIds: keeper.entryIds,
    summary: () => ({ handledBy: `${extractor.name}/${endpoint?.name ?? 'generic'}${endpoint?.rule ? ` (${endpoint.rule})` : ''}`, found: found ?? keeper.tasks.size, ...(keeper.generic.size > 0 ? { generic: keeper.generic.size } : {}) }),
    push(text) {
      if (ended) return [];
      answer.feed(text);
      return keeper.take();
    },
    end(how) {
      if (ended) return [];
      ended = true;
      const body = answer.finish(how === 'complete');
      if (body !== undefined && unchanged) {
        const before = unchanged.foundBefore(call, body);
        if (before !== undefined) {
          found = before;
          return [];
        }
        framer.feed(body);
        framer.end();
        // An answer that raised an issue is read (and logged) again next time.
        if (reported.size === 0) unchanged.remember(call, body, keeper.tasks.size);
        return keeper.take();
      }
      framer.end();
      if (how !== 'complete') issue('stream-broke', `${label}: the response ended as ${how}; only what arrived was read`);
      return keeper.take();
    },
  };
}
