import { MAX_JSON_BODY, type StreamIssue } from '../decode/answer-reassembler';
import { createJsonLinesDecoder } from '../decode/json-lines-decoder';
import { createJsonSequenceDecoder } from '../decode/json-sequence-decoder';
import { createSseDecoder } from '../decode/sse-decoder';
import type { SiteMatch, SiteRequest, SiteTask } from '../sites/extractors';
import { siteTaskUpdates } from '../sites/site-task-updates';
import type { EntryUpdate } from '../store/merge-entry';
import type { CaptureSession, SessionSource } from './capture-session';
import type { UnchangedBodies } from './unchanged-bodies';

/** What a site session needs beyond a chat stream's source: the request (prompts live there). */
export interface SiteSessionSource extends SessionSource {
  method: string;
  requestBody?: string;
}

/**
 * One response of a video app's endpoint, read by its site extractor instead of the chat
 * dialects: the body is framed as the endpoint says (one JSON value, SSE of JSON, or JSON lines), each
 * message goes through the extractor, and the tasks it reports become entry updates. An
 * unknown shape or an extractor that throws is logged (`unknown-shape`) and skipped: the page
 * and the rest of the stream are unaffected. Pure like the chat session: a replay yields the
 * same updates. Given `unchanged`, a JSON answer is held until it ends and, when the same call
 * answered exactly the same text last time, not read again (a poll of an unchanged library).
 */
export function createSiteCaptureSession(
  match: SiteMatch,
  source: SiteSessionSource,
  onIssue: (issue: StreamIssue) => void,
  unchanged?: UnchangedBodies,
): CaptureSession {
  const { extractor, endpoint } = match;
  const label = `${extractor.name} ${endpoint.name}`;
  const entryIds = new Set<string>();
  const tasks = new Set<string>();
  const reported = new Set<string>();
  let pending: EntryUpdate[] = [];
  let ended = false;
  /** What an unchanged answer held when it was read (it is not read again). */
  let found: number | undefined;
  const issue = (type: StreamIssue['type'], message: string): void => {
    if (reported.has(type)) return;
    reported.add(type);
    onIssue({ type, message });
  };

  let request: SiteRequest;
  try {
    request = {
      method: source.method,
      url: new URL(source.endpointUrl),
      ...(source.requestBody === undefined ? {} : { body: source.requestBody }),
    };
  } catch {
    request = { method: source.method, url: new URL('https://invalid.invalid/') };
  }

  const readMessage = (text: string): void => {
    const trimmed = text.trim();
    if (trimmed === '' || trimmed === '[DONE]') return;
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      issue('not-json', `${label}: a message was not JSON: ${trimmed.slice(0, 80)}`);
      return;
    }
    let found: SiteTask[] | undefined;
    try {
      found = extractor.extract(json, request, endpoint);
    } catch (error) {
      issue('unknown-shape', `${label}: the extractor failed on this response (${String(error).slice(0, 120)})`);
      return;
    }
    if (found === undefined) {
      issue('unknown-shape', `${label}: the response has a shape the extractor does not know (the site may have changed)`);
      return;
    }
    for (const task of found) {
      tasks.add(task.taskId);
      const updates = siteTaskUpdates(task, {
        extractor: extractor.name,
        site: source.site,
        pageUrl: source.pageUrl,
        endpointUrl: source.endpointUrl,
      });
      for (const update of updates) entryIds.add(update.id);
      pending.push(...updates);
    }
  };

  const tooLarge = (): void => issue('too-large', `${label}: a JSON value larger than ${MAX_JSON_BODY} characters was dropped`);
  const framer = (() => {
    switch (endpoint.framing ?? 'json') {
      case 'sse':
        return createSseDecoder(
          (event) => readMessage(event.data),
          (decodeIssue) => issue(decodeIssue.type, decodeIssue.message),
        );
      case 'json-lines':
        return createJsonLinesDecoder(readMessage, tooLarge, MAX_JSON_BODY);
      default:
        return createJsonSequenceDecoder(readMessage, tooLarge, MAX_JSON_BODY);
    }
  })();

  // A JSON answer is one value, read when it closes anyway: holding its text costs no update
  // any delay. Past the cap it goes to the framer as it comes.
  const call = `${label} ${source.method} ${source.endpointUrl} ${source.requestBody ?? ''}`;
  let held: string[] | undefined = unchanged && (endpoint.framing ?? 'json') === 'json' ? [] : undefined;
  let heldSize = 0;
  const release = (): void => {
    for (const part of held ?? []) framer.feed(part);
    held = undefined;
  };

  const take = (): EntryUpdate[] => {
    const updates = pending;
    pending = [];
    return updates;
  };

  return {
    entryIds,
    summary: () => ({ handledBy: `${extractor.name}/${endpoint.name}`, found: found ?? tasks.size }),
    push(text) {
      if (ended) return [];
      if (held) {
        held.push(text);
        heldSize += text.length;
        if (heldSize > MAX_JSON_BODY) release();
        return take();
      }
      framer.feed(text);
      return take();
    },
    end(how) {
      if (ended) return [];
      ended = true;
      if (held && unchanged && how === 'complete') {
        const body = held.join('');
        held = undefined;
        const before = unchanged.foundBefore(call, body);
        if (before !== undefined) {
          found = before;
          return [];
        }
        framer.feed(body);
        framer.end();
        // An answer that raised an issue is read (and logged) again next time.
        if (reported.size === 0) unchanged.remember(call, body, tasks.size);
        return take();
      }
      release();
      framer.end();
      if (how !== 'complete') issue('stream-broke', `${label}: the response ended as ${how}; only what arrived was read`);
      return take();
    },
  };
}
