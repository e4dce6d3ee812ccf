/**
 * The family of site extractors: one module per first-party video app (`<site>.ts` beside this
 * file), each naming the hosts it serves and the endpoints it reads, with a pure parse from one
 * response into task records. Like the dialects (src/decode/dialects/), each has a recorded
 * fixture per endpoint (`test/fixtures/sites/<site>/<endpoint>.json`, with a README naming its
 * public source and date) and a test (`test/unit/sites/extractors/<site>.test.ts`); a meta-test
 * checks all three. The background picks an extractor by the page's host and the endpoint,
 * before any dialect; on a video app's hosts, what none of its endpoints reads goes to the generic
 * task reader (src/sites/generic-task-reader.ts).
 */

/** The request a response answered, as far as the page let the capture see it. */
export interface SiteRequest {
  /** Upper case (`GET`, `POST`…). */
  method: string;
  /** The endpoint, after redirects, with its query (ids are often there). */
  url: URL;
  /** The request body, when the page sent a string (at most 64 KiB). */
  body?: string;
}

/** One generated video of a task. Every URL is http(s). */
export interface SiteVideo {
  /** The best rendition the site gives this user (no watermark, full size, where offered). */
  url: string;
  /** A still of the generated video (never the input image). */
  cover?: string;
  width?: number;
  height?: number;
  durationMs?: number;
  /** Other renditions of the same video (watermarked, smaller, a preview or gif), best first. */
  alternates?: string[];
  /**
   * The site's own clean copy of a video another call showed first (Doubao's play info after
   * the chat's watermarked link): it takes the place of the link stored before.
   */
  clean?: true;
}

/** What one response says about one generation task of the user's. */
export interface SiteTask {
  /** The site's own id of the task, stable across create, polls and history lists. */
  taskId: string;
  status: 'generating' | 'done' | 'failed';
  /** 0–100 while generating, when the site says. */
  percent?: number;
  /** The site's own words on a failed task (moderation, timeout…). */
  failure?: string;
  prompt?: string;
  /** Images the user gave (first frame, last frame, references): never videos. */
  inputImages: string[];
  /** Empty while generating (or when the site withheld the result). */
  videos: SiteVideo[];
  model?: string;
}

/**
 * How a response body is framed: one JSON value, server-sent events of JSON, JSON lines
 * (src/decode/json-lines-decoder.ts), Google's `)]}'` length-prefixed batchexecute frames
 * (src/decode/batchexecute-decoder.ts), or `multipart/mixed` parts of JSON
 * (src/decode/multipart-mixed-decoder.ts).
 */
export type SiteFraming = 'json' | 'sse' | 'json-lines' | 'batchexecute' | 'multipart';

/** One endpoint an extractor reads. */
export interface SiteEndpoint {
  /** Kebab-case; names the endpoint's fixture (`test/fixtures/sites/<site>/<name>.json`). */
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Matched against the URL's path (no query). */
  path: RegExp;
  /** Default `json`. */
  framing?: SiteFraming;
  /** Read by the generic task reader (src/sites/generic-task-reader.ts) instead of the extractor's `extract`. */
  generic?: boolean;
  /** The site rule that declared this endpoint (`built-in rule`, or a pack's name and version), for the capture log. */
  rule?: string;
}

/** Result of `extract`: the tasks a message reports, or `undefined` for a shape the extractor does not know. */
export type SiteExtraction = SiteTask[] | undefined;

export interface SiteExtractor {
  /** Kebab-case; names the module, the fixture folder and the test file. */
  name: string;
  /** The page hosts it serves; each also covers its subdomains (`klingai.com` → `app.klingai.com`). */
  hosts: readonly string[];
  /** Hosts (each also covering its subdomains) the app's pages call for JSON: its API hosts, when not under `hosts`. */
  apiHosts?: readonly string[];
  /** Hosts (each also covering its subdomains) the app serves its generated videos and covers from: its CDNs. */
  mediaHosts?: readonly string[];
  endpoints: readonly SiteEndpoint[];
  /**
   * From one parsed JSON message of a response of `endpoint` to the tasks it reports: `[]` when
   * it reports none (an empty list, an envelope saying "not logged in"), `undefined` when the
   * shape is not the one known (logged as "unknown shape"). Pure; must not throw (its callers
   * guard anyway). Only the user's own generations: never public feeds of other people's videos.
   */
  extract(json: unknown, request: SiteRequest, endpoint: SiteEndpoint): SiteExtraction;
}

/** Whether `host` is `apex` or one of its subdomains. */
export function hostIsOrUnder(host: string, apex: string): boolean {
  const name = host.toLowerCase();
  return name === apex || name.endsWith(`.${apex}`);
}
