import type { StreamIssue } from '../decode/answer-reassembler';
import { cannotBeJson } from '../decode/json-text';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask } from '../sites/extractors';
import { readGenericTasks, type GenericReaderContext } from '../sites/generic-task-reader';
import { joinSiteTask } from './join-site-task';

const NOT_JSON = Symbol('not JSON');

/** What reads a site response's messages: made once per response, so a message costs no closure. */
export interface SiteMessageReading {
  extractor: SiteExtractor;
  /** Absent when no endpoint of the extractor matched (the site moved a path). */
  endpoint: SiteEndpoint | undefined;
  request: SiteRequest;
  context: GenericReaderContext;
  /** Names the extractor and endpoint in the log's messages. */
  label: string;
  issue(type: StreamIssue['type'], message: string): void;
  /** Takes the tasks of a message, and whether the generic task reader found them. */
  keep(found: readonly SiteTask[], byGenericReader: boolean): void;
}

/**
 * One whole message of a site response (as the framing cut it): empty messages and `[DONE]` are
 * skipped, a message that is not JSON is reported, and a JSON one is read for tasks.
 */
export function readSiteMessage(text: string, reading: SiteMessageReading): void {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '[DONE]') return;
  let json: unknown = NOT_JSON;
  try {
    if (!cannotBeJson(trimmed)) json = JSON.parse(trimmed);
  } catch {
    // Reported below.
  }
  if (json === NOT_JSON) {
    reading.issue('not-json', `${reading.label}: a message was not JSON: ${trimmed.slice(0, 80)}`);
    return;
  }
  readSiteJson(json, reading);
}

/**
 * The tasks of one JSON message, by the extractor; what it cannot read (an unknown shape, a
 * throw, or no video where the JSON holds one: the site renamed a field) goes to the generic
 * task reader (src/sites/generic-task-reader.ts), and the log says so (`unknown-shape`, "kept N
 * with the generic reader"); so do endpoints marked `generic` and, keeping only tasks with a
 * video, responses no endpoint matches.
 */
function readSiteJson(json: unknown, reading: SiteMessageReading): void {
  const { extractor, endpoint, request, context, label } = reading;
  if (!endpoint) {
    // Only videos: a path no endpoint knows may be anything, and a task without a video is no loss.
    reading.keep(readGenericTasks(json, request, context).filter((task) => task.videos.length > 0), true);
    return;
  }
  if (endpoint.generic) {
    reading.keep(readGenericTasks(json, request, context), true);
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
    const kept = readGenericTasks(json, request, context);
    reading.issue('unknown-shape', `${label}: ${failure ?? 'the response has a shape the extractor does not know (the site may have changed)'}; unknown shape: kept ${kept.length} with the generic reader`);
    reading.keep(kept, true);
    return;
  }
  // The extractor knew the envelope but found no video where the JSON holds one: a field renamed.
  if (found.length > 0 && found.every((task) => task.videos.length === 0)) {
    const missed = readGenericTasks(json, request, context).filter((task) => task.videos.length > 0);
    if (missed.length > 0) {
      reading.issue('unknown-shape', `${label}: the extractor found no video where the generic reader found ${missed.length} (the site may have changed); unknown shape: kept ${missed.length} with the generic reader`);
      const known = found;
      const joined = missed.map((task) => joinSiteTask(task, known, missed.length === 1));
      reading.keep(known.filter((task) => !joined.some((item) => item.taskId === task.taskId)), false);
      reading.keep(joined, true);
      return;
    }
  }
  reading.keep(found, false);
}
