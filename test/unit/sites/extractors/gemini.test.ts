import { describe, expect, it } from 'vitest';
import { findSiteEndpoint, type SiteEndpoint, type SiteRequest } from '@/src/sites/extractors';
import { gemini } from '@/src/sites/extractors/gemini';
import { loadSiteExpectation, loadSiteFixture, requestOf, tasksOf } from './site-fixtures';

const [expected] = loadSiteExpectation('gemini').entries;
const TASK = 'rc_1d5f9b3e7a2c6d48';

function endpoint(name: string): SiteEndpoint {
  const found = gemini.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(`no endpoint ${name}`);
  return found;
}

/** A candidate with a video block `[12][59][0][0][0]` whose `[0][7]` is `urls`. */
function candidate(id: string, urls: unknown): unknown[] {
  const ext: unknown[] = [];
  ext[59] = [[[[[null, null, null, null, null, null, null, urls]]]]];
  return [id, ['answer'], null, null, null, null, null, null, [2], null, null, null, ext];
}
const frame = (rpcId: string | null, payload: unknown): unknown => [['wrb.fr', rpcId, JSON.stringify(payload), null, null, null, 'generic'], ['di', 3]];
const stream: SiteRequest = requestOf(loadSiteFixture('gemini', 'stream-generate'));
const read: SiteRequest = requestOf(loadSiteFixture('gemini', 'read-chat'));

describe('gemini recorded calls', () => {
  it('StreamGenerate: the candidate’s video and thumbnail, the prompt from the request’s f.req', () => {
    expect(tasksOf(gemini, 'stream-generate')).toEqual([
      { taskId: TASK, status: 'done', prompt: expected!.prompt, inputImages: [], videos: [{ url: expected!.videoUrl, cover: expected!.coverUrl }] },
    ]);
  });

  it('the chat read (hNvQHb): the video turn only, not the image, the music with a video track or the text turns', () => {
    expect(tasksOf(gemini, 'read-chat')).toEqual([
      { taskId: TASK, status: 'done', prompt: expected!.prompt, inputImages: [], videos: [{ url: expected!.videoUrl, cover: expected!.coverUrl }] },
    ]);
  });
});

describe('gemini edge cases', () => {
  it('serves gemini.google.com (also under /u/<n>/), and not another Google host', () => {
    expect(findSiteEndpoint('gemini.google.com', 'POST', 'https://gemini.google.com/u/1/_/BardChatUi/data/batchexecute?rpcids=hNvQHb')?.endpoint.name).toBe('read-chat');
    expect(findSiteEndpoint('gemini.google.com', 'POST', stream.url.href)?.endpoint.name).toBe('stream-generate');
    expect(findSiteEndpoint('mail.google.com', 'POST', stream.url.href)).toBeUndefined();
  });

  it('a video block without its links yet is generating; a candidate without a video block is no task', () => {
    const payload = [null, ['c', 'r'], null, null, [candidate('rc_a', []), ['rc_b', ['just text']]]];
    expect(gemini.extract(frame(null, payload), stream, endpoint('stream-generate'))).toEqual([
      { taskId: 'rc_a', status: 'generating', prompt: expected!.prompt, inputImages: [], videos: [] },
    ]);
  });

  it('other rpcs of batchexecute, timing frames and failed calls give nothing; what is not a frame is an unknown shape', () => {
    const readChat = endpoint('read-chat');
    const turn = [['c', 'r'], null, [['hi']], [[candidate('rc_c', ['https://lh3.googleusercontent.com/t', 'https://contribution.usercontent.google.com/download?c=v'])]]];
    expect(gemini.extract(frame('MaZiqc', [[turn]]), read, readChat)).toEqual([]);
    expect(gemini.extract([['e', 4, null, null, 12]], read, readChat)).toEqual([]);
    expect(gemini.extract([['er', null, null, null, null, 400, null, null, null, 3]], read, readChat)).toEqual([]);
    expect(gemini.extract({ candidates: [] }, read, readChat)).toBeUndefined();
    expect(gemini.extract(frame('hNvQHb', [[turn]]), read, readChat)?.[0]).toMatchObject({ taskId: 'rc_c', status: 'done', prompt: 'hi' });
  });

  it('a non-http video link (javascript:, data:) is not a video', () => {
    const payload = [null, null, null, null, [candidate('rc_d', ['https://lh3.googleusercontent.com/t', 'data:video/mp4;base64,AAAA'])]];
    expect(gemini.extract(frame(null, payload), { method: 'POST', url: stream.url }, endpoint('stream-generate'))).toEqual([
      { taskId: 'rc_d', status: 'generating', inputImages: [], videos: [] },
    ]);
  });
});
