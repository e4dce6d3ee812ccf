import { describe, expect, it } from 'vitest';
import { doubao } from '@/src/sites/extractors/doubao';
import type { SiteEndpoint, SiteRequest } from '@/src/sites/extractors';
import { siteTaskUpdates } from '@/src/sites/site-task-updates';
import { mergeEntry } from '@/src/store/merge-entry';
import type { VideoEntry } from '@/src/store/video-entry';
import { loadSiteExpectation, loadSiteFixture, tasksOf } from './site-fixtures';

const VID = 'v0d8b2g10004d4c7e1rc77u5a1k2m3n0';
const PROMPT = '一只橘猫戴着宇航员头盔漂浮在空间站里，镜头缓慢环绕';
const expected = loadSiteExpectation('doubao').entries[0]!;
const INPUT = expected.inputImages![0]!;

function endpoint(name: string): SiteEndpoint {
  const found = doubao.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const post = (path: string, body?: unknown): SiteRequest => ({
  method: 'POST',
  url: new URL(`https://www.doubao.com${path}`),
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

describe('doubao extractor, on the recorded calls', () => {
  it('completion: the 2074 message inside the event’s JSON string names the video by vid, generating, with the request’s prompt and image', () => {
    expect(tasksOf(doubao, 'completion')).toEqual([{ taskId: VID, status: 'generating', prompt: PROMPT, inputImages: [INPUT], videos: [] }]);
  });

  it('chain: the 2074 block gives the watermarked download, the play URL as alternate, the preview as cover', () => {
    const [task] = tasksOf(doubao, 'chain-single');
    expect(task).toMatchObject({ taskId: VID, status: 'done', prompt: PROMPT });
    expect(task?.videos).toHaveLength(1);
    expect(task?.videos[0]?.url).toContain('download=1');
    expect(task?.videos[0]?.alternates).toHaveLength(1);
    expect(task?.videos[0]?.cover).toBe(expected.coverUrl);
    expect(task?.videos[0]?.clean).toBeUndefined();
  });

  it('play info: the 1080p main is the clean copy, the 720p and the backups alternates', () => {
    const [task] = tasksOf(doubao, 'play-info');
    expect(task?.taskId).toBe(VID);
    expect(task?.videos[0]?.url).toBe(expected.videoUrl);
    expect(task?.videos[0]?.clean).toBe(true);
    expect(task?.videos[0]?.alternates?.[0]).toContain('definition=720p');
    expect(task?.videos[0]?.alternates).toHaveLength(3);
  });

  it('the clean copy replaces the chat’s watermarked link in the stored entry, which keeps it as an alternate; a late chain replay does not undo it', () => {
    const stored = new Map<string, VideoEntry>();
    const source = { extractor: 'doubao', site: 'https://www.doubao.com', pageUrl: 'https://www.doubao.com/chat/1', endpointUrl: 'https://www.doubao.com/x' };
    let now = 0;
    const apply = (fixture: string) => {
      for (const task of tasksOf(doubao, fixture)) {
        for (const update of siteTaskUpdates(task, source)) stored.set(update.id, mergeEntry(stored.get(update.id), update, (now += 1)));
      }
    };
    apply('completion');
    apply('chain-single');
    const watermarked = [...stored.values()][0]!.videoUrl!;
    apply('play-info');
    apply('chain-single');
    const [entry] = [...stored.values()];
    expect(stored.size).toBe(1);
    expect(entry?.videoUrl).toBe(expected.videoUrl);
    expect(entry?.coverUrl).toBe(expected.coverUrl);
    expect(entry?.prompt).toBe(PROMPT);
    expect(entry?.inputImageUrl).toBe(INPUT);
    expect(entry?.alternates).toContain(watermarked);
  });
});

describe('doubao extractor, edge cases', () => {
  const completion = endpoint('completion');
  const request = post('/samantha/chat/completion', JSON.parse(loadSiteFixture('doubao', 'completion').request.body!));

  it('text events, the end event and a non-video message report nothing; an event without event_type is an unknown shape', () => {
    expect(doubao.extract({ event_type: 2003, event_data: '{}' }, request, completion)).toEqual([]);
    expect(doubao.extract({ event_type: 2001, event_data: JSON.stringify({ message: { content_type: 10000, content: '{"text":"hi"}' } }) }, request, completion)).toEqual([]);
    expect(doubao.extract({ event_type: 2001, event_data: 'not json' }, request, completion)).toEqual([]);
    expect(doubao.extract({ code: 710022004, message: 'rate limited' }, request, completion)).toBeUndefined();
  });

  it('a creation with a video URL in the stream is done at once', () => {
    const content = JSON.stringify({ creations: [{ video: { vid: 'v1', video_url: 'https://v3-doubao.douyinvod.com/a/video/tos/x/', video_cover: { url: 'https://p9.byteimg.com/c.jpeg' } } }] });
    expect(doubao.extract({ event_type: 2001, event_data: JSON.stringify({ message: { content_type: 2074, content } }) }, request, completion)).toEqual([
      {
        taskId: 'v1',
        status: 'done',
        prompt: PROMPT,
        inputImages: [INPUT],
        videos: [{ url: 'https://v3-doubao.douyinvod.com/a/video/tos/x/', cover: 'https://p9.byteimg.com/c.jpeg' }],
      },
    ]);
  });

  it('play info: an error code is an empty report, an answer without play_infos an unknown shape; original_media_info comes first', () => {
    const playInfo = endpoint('play-info');
    const playRequest = post('/samantha/video/get_play_info', { vid: 'v2' });
    expect(doubao.extract({ code: 710012001, msg: 'not found' }, playRequest, playInfo)).toEqual([]);
    expect(doubao.extract({ code: 0, data: {} }, playRequest, playInfo)).toBeUndefined();
    const both = { code: 0, data: { original_media_info: { main_url: 'https://v3-doubao.douyinvod.com/orig/' }, play_infos: [{ main: 'https://v3-doubao.douyinvod.com/wm/' }] } };
    expect(doubao.extract(both, playRequest, playInfo)?.[0]?.videos[0]).toEqual({
      url: 'https://v3-doubao.douyinvod.com/orig/',
      alternates: ['https://v3-doubao.douyinvod.com/wm/'],
      clean: true,
    });
  });

  it('a chain with two video requests gives its videos no prompt rather than a wrong one', () => {
    const chain = loadSiteFixture('doubao', 'chain-single').response.body as { downlink_body: { pull_singe_chain_downlink_body: { messages: unknown[] } } };
    const messages = chain.downlink_body.pull_singe_chain_downlink_body.messages;
    const twice = { downlink_body: { pull_singe_chain_downlink_body: { messages: [messages[0], messages[0], messages[1]] } } };
    const [task] = doubao.extract(twice, post('/im/chain/single'), endpoint('chain-single')) ?? [];
    expect(task?.taskId).toBe(VID);
    expect(task?.prompt).toBeUndefined();
  });
});
