import { MAX_JSON_BODY, type StreamIssue } from '../decode/answer-reassembler';
import { createBatchexecuteDecoder } from '../decode/batchexecute-decoder';
import { createJsonLinesDecoder } from '../decode/json-lines-decoder';
import { createJsonSequenceDecoder } from '../decode/json-sequence-decoder';
import { cannotBeJson } from '../decode/json-text';
import { createMultipartMixedDecoder } from '../decode/multipart-mixed-decoder';
import { createSseDecoder } from '../decode/sse-decoder';
import type { SiteExtractor, SiteFraming, SiteMatch, SiteRequest, SiteTask } from '../sites/extractors';
import { readGenericTasks } from '../sites/generic-task-reader';
import { siteTaskUpdates } from '../sites/site-task-updates';
import type { EntryUpdate } from '../store/merge-entry';
import type { CaptureSession, SessionSource } from './capture-session';
import type { UnchangedBodies } from './unchanged-bodies';

const NOT_JSON = Symbol('not JSON');

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
  const context = { mediaHosts: extractor.mediaHosts ?? [] };
  const generic = new Set<string>();
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
    let json: unknown = NOT_JSON;
    try {
      if (!cannotBeJson(trimmed)) json = JSON.parse(trimmed);
    } catch {
      // Reported below.
    }
    if (json === NOT_JSON) {
      issue('not-json', `${label}: a message was not JSON: ${trimmed.slice(0, 80)}`);
      return;
    }
    const readGeneric = (): SiteTask[] => readGenericTasks(json, request, context);
    if (!endpoint) {
      // Only videos: a path no endpoint knows may be anything, and a task without a video is no loss.
      keep(readGeneric().filter((task) => task.videos.length > 0), true);
      return;
    }
    if (endpoint.generic) {
      keep(readGeneric(), true);
      return;
    }
    let found: SiteTask[] | undefined;
    let failure: string | undefined;
    try {
      found = extractor.extract(json, request, endpoint);
    } catch (error) {
      failure = `the extractor failed on this response (${String(error).slice(0, 120)})`;
    }
    if (found === undefined) {
      const kept = readGeneric();
      issue('unknown-shape', `${label}: ${failure ?? 'the response has a shape the extractor does not know (the site may have changed)'}; unknown shape: kept ${kept.length} with the generic reader`);
      keep(kept, true);
      return;
    }
    // The extractor knew the envelope but found no video where the JSON holds one: a field renamed.
    if (found.length > 0 && found.every((task) => task.videos.length === 0)) {
      const missed = readGeneric().filter((task) => task.videos.length > 0);
      if (missed.length > 0) {
        issue('unknown-shape', `${label}: the extractor found no video where the generic reader found ${missed.length} (the site may have changed); unknown shape: kept ${missed.length} with the generic reader`);
        const known = found;
        const joined = missed.map((task) => joinTask(task, known, missed.length === 1));
        keep(known.filter((task) => !joined.some((item) => item.taskId === task.taskId)), false);
        keep(joined, true);
        return;
      }
    }
    keep(found, false);
  };

  const keep = (found: readonly SiteTask[], byGenericReader: boolean): void => {
    for (const task of found) {
      tasks.add(task.taskId);
      if (byGenericReader) generic.add(task.taskId);
      const updates = siteTaskUpdates(task, {
        extractor: extractor.name,
        site: source.site,
        pageUrl: source.pageUrl,
        endpointUrl: source.endpointUrl,
        ...(byGenericReader ? { generic: true } : {}),
      });
      for (const update of updates) entryIds.add(update.id);
      pending.push(...updates);
    }
  };

  const framing = siteFramingOf(source.contentType, endpoint?.framing);
  const framer = framerOf(framing, source.contentType, readMessage, issue, label);

  // A JSON answer is one value, read when it closes anyway: holding its text costs no update
  // any delay. Past the cap it goes to the framer as it comes.
  const call = `${label} ${source.method} ${source.endpointUrl} ${source.requestBody ?? ''}`;
  let held: string[] | undefined = unchanged && framing === 'json' ? [] : undefined;
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
    summary: () => ({ handledBy: `${extractor.name}/${endpoint?.name ?? 'generic'}${endpoint?.rule ? ` (${endpoint.rule})` : ''}`, found: found ?? tasks.size, ...(generic.size > 0 ? { generic: generic.size } : {}) }),
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

/**
 * A task the generic reader found a video for, with what the extractor read of the same task (its
 * prompt, input images, model and, when both saw one task, its id): the extractor knows those
 * better, the generic reader only the video.
 */
function joinTask(task: SiteTask, known: readonly SiteTask[], alone: boolean): SiteTask {
  const same = known.find((item) => item.taskId === task.taskId) ?? (alone && known.length === 1 ? known[0] : undefined);
  if (!same) return task;
  return {
    ...task,
    taskId: same.taskId,
    ...(same.prompt ? { prompt: same.prompt } : {}),
    ...(same.model ? { model: same.model } : {}),
    inputImages: same.inputImages.length > 0 ? same.inputImages : task.inputImages,
  };
}

/** The decoder of an endpoint's framing: each whole message's text goes to `read`. */
function framerOf(
  framing: SiteFraming,
  contentType: string,
  read: (text: string) => void,
  issue: (type: StreamIssue['type'], message: string) => void,
  label: string,
): { feed(text: string): void; end(): void } {
  switch (framing) {
    case 'sse':
      return createSseDecoder(
        (event) => read(event.data),
        (decodeIssue) => issue(decodeIssue.type, decodeIssue.message),
      );
    case 'batchexecute':
      return createBatchexecuteDecoder(read, (decodeIssue) => issue(decodeIssue.type, `${label}: ${decodeIssue.message}`), MAX_JSON_BODY);
    case 'json-lines':
      return createJsonLinesDecoder(read, () => issue('too-large', `${label}: a JSON value larger than ${MAX_JSON_BODY} characters was dropped`), MAX_JSON_BODY);
    case 'multipart':
      return createMultipartMixedDecoder(contentType, read, () => issue('too-large', `${label}: a JSON value larger than ${MAX_JSON_BODY} characters was dropped`), MAX_JSON_BODY);
    case 'json':
      return createJsonSequenceDecoder(read, () => issue('too-large', `${label}: a JSON value larger than ${MAX_JSON_BODY} characters was dropped`), MAX_JSON_BODY);
  }
}

/**
 * How to read a site response: as the response says when it says event stream or
 * `multipart/mixed` (one GraphQL endpoint, such as Meta AI's, answers either), else as the
 * endpoint declares.
 */
export function siteFramingOf(contentType: string, declared: SiteFraming | undefined): SiteFraming {
  const type = contentType.trim().toLowerCase();
  if (type.startsWith('text/event-stream')) return 'sse';
  if (type.startsWith('multipart/mixed')) return 'multipart';
  return declared ?? 'json';
}
