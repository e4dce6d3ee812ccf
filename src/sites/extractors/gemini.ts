import { batchexecuteResults } from '../../decode/batchexecute-decoder';
import { at, httpUrl, idOf, list, nestedJson, siteVideo, text } from './extract-helpers';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask } from './site-extractor';

/** Turns and candidates are walked this far and no further. */
const MAX_ITEMS = 50;
/** The rpc that reads a chat back (gemini-webapi's `READ_CHAT`): how late videos show up. */
const READ_CHAT = 'hNvQHb';

/**
 * The Gemini app (gemini.google.com) making Veo videos in a chat. Both calls answer in Google's
 * batchexecute framing (src/decode/batchexecute-decoder.ts), each frame a list of envelopes whose
 * payload is JSON in a string, and everything in it is a positional array, not a keyed object:
 *
 * - `StreamGenerate` streams the answer: payload `[1]` is `[chatId, replyId]`, `[4]` the
 *   candidates; a candidate's `[0]` is its id (`rc_…`) and `[12][59][0][0][0]` its video, whose
 *   `[0][7]` is `[thumbnail, video]`. The prompt is the request's: form field `f.req` is
 *   `[null, "<JSON>"]` whose `[0][0]` is the user's text.
 * - `batchexecute` rpc `hNvQHb` reads the chat back (a video can finish after the stream did):
 *   payload `[0]` is the turns, each `[[chatId, replyId], …, [[userText]], [candidates]]`.
 *
 * Only candidates with a video are tasks (a chat is mostly text); the candidate id ties the
 * stream and the chat read into one entry. Images (`[12][7]`) and generated music with a video
 * track (`[12][86]`) are not Veo videos and are not read.
 */
const ENDPOINTS = [
  {
    name: 'stream-generate',
    method: 'POST',
    path: /^(\/u\/\d+)?\/_\/BardChatUi\/data\/assistant\.lamda\.BardFrontendService\/StreamGenerate$/,
    framing: 'batchexecute',
  },
  { name: 'read-chat', method: 'POST', path: /^(\/u\/\d+)?\/_\/BardChatUi\/data\/batchexecute$/, framing: 'batchexecute' },
] as const satisfies readonly SiteEndpoint[];

type EndpointName = (typeof ENDPOINTS)[number]['name'];

export const gemini: SiteExtractor = {
  name: 'gemini',
  hosts: ['gemini.google.com'],
  // [I] where Google serves generated media: the research notes show no Veo URL host for sure.
  mediaHosts: ['googleusercontent.com', 'usercontent.google.com'],
  endpoints: ENDPOINTS,
  extract(json, request, endpoint) {
    const results = batchexecuteResults(json);
    if (!results) return undefined;
    switch (endpoint.name as EndpointName) {
      case 'stream-generate': {
        const prompt = promptOf(request);
        return results.flatMap(({ payload }) => list(at(payload, 4)).slice(0, MAX_ITEMS).flatMap((candidate) => videoTask(candidate, prompt) ?? []));
      }
      case 'read-chat':
        return results.flatMap(({ rpcId, payload }) => (rpcId === READ_CHAT ? readChat(payload) : []));
      default:
        return undefined;
    }
  },
};

/** The turns of a chat read: each model candidate with a video, prompted by the turn's user text. */
function readChat(payload: unknown): SiteTask[] {
  return list(at(payload, 0))
    .slice(0, MAX_ITEMS)
    .flatMap((turn) => {
      const prompt = text(at(turn, 2, 0, 0));
      return list(at(turn, 3, 0))
        .slice(0, MAX_ITEMS)
        .flatMap((candidate) => videoTask(candidate, prompt) ?? []);
    });
}

/**
 * A candidate's video: done with `[thumbnail, video]`; a video block without its links yet is
 * still being made. Undefined for a candidate without a video block (text, images, music).
 */
function videoTask(candidate: unknown, prompt: string | undefined): SiteTask | undefined {
  const taskId = idOf(at(candidate, 0));
  const info = at(candidate, 12, 59, 0, 0, 0);
  if (!taskId || !Array.isArray(info)) return undefined;
  const base = { taskId, inputImages: [], ...(prompt === undefined ? {} : { prompt }) };
  const urls = list(at(info, 0, 7));
  const url = httpUrl(urls[1]);
  if (!url) return { ...base, status: 'generating', videos: [] };
  return { ...base, status: 'done', videos: [siteVideo(url, { cover: httpUrl(urls[0]) })] };
}

/** The user's text of a `StreamGenerate` request: `f.req` = `[null, "<JSON>"]`, whose `[0][0]` it is. */
function promptOf(request: SiteRequest): string | undefined {
  if (request.body === undefined) return undefined;
  let field: string | null;
  try {
    field = new URLSearchParams(request.body).get('f.req');
  } catch {
    return undefined;
  }
  return text(at(nestedJson(at(nestedJson(field), 1)), 0, 0));
}
