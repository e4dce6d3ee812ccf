import { describe, expect, it } from 'vitest';
import { sora } from '@/src/sites/extractors/sora';
import type { SiteEndpoint, SiteRequest } from '@/src/sites/extractors';
import { loadSiteExpectation, loadSiteFixture, requestOf, tasksOf } from './site-fixtures';

const TASK = 'task_01kn28krhqf1ham2nx633k7yt6';
const PROMPT = 'A red fox trots through fresh snow at dawn, low tracking shot, soft golden light';
const SAS =
  'st=2026-12-06T19%3A02%3A11Z&se=2026-12-12T20%3A02%3A11Z&sks=b&skt=2026-12-06T19%3A02%3A11Z&ske=2026-12-12T20%3A02%3A11Z&sv=2018-11-09&sr=b&sp=r&sig=Yv3w9T2kq1xk8lR0pHf2cN6dZs4Ua7bEoM5iJt1gW0c%3D&az=oaivgprodscus';
const asset = (rest: string) => `https://videos.openai.com/vg-assets/assets%2F${TASK}%2Fvideos%2F${rest}?${SAS}`;
const NO_WATERMARK = asset('00000%2Fsrc.mp4');
const THE_VIDEO = {
  url: NO_WATERMARK,
  cover: asset('00000%2Fthumbnail.webp'),
  width: 352,
  height: 640,
  durationMs: 10100,
  alternates: [asset('00000_wm%2Fsrc.mp4'), asset('00000%2Fmd.mp4'), asset('00000%2Fpreview.gif')],
};

function endpoint(name: string): SiteEndpoint {
  const found = sora.endpoints.find((item) => item.name === name);
  if (!found) throw new Error(name);
  return found;
}
const get = (url: string): SiteRequest => ({ method: 'GET', url: new URL(url) });

describe('sora extractor, on the recorded calls', () => {
  it('create: the new task, generating, with the prompt from the request body', () => {
    expect(tasksOf(sora, 'create')).toEqual([{ taskId: TASK, status: 'generating', prompt: PROMPT, inputImages: [], videos: [] }]);
  });

  it('pending: queued without a percent, then running at progress_pct × 100; the style image is not taken', () => {
    expect(tasksOf(sora, 'pending.queued')).toEqual([{ taskId: TASK, status: 'generating', prompt: PROMPT, inputImages: [], videos: [] }]);
    expect(tasksOf(sora, 'pending.running')).toEqual([
      { taskId: TASK, status: 'generating', percent: 40, prompt: PROMPT, inputImages: [], videos: [] },
    ]);
  });

  it('pending: the same task when the live framing hands the list over item by item', () => {
    const fixture = loadSiteFixture('sora', 'pending.running');
    const endpoint = sora.endpoints.find((item) => item.name === 'pending')!;
    const items = fixture.response.body as unknown[];
    expect(items.map((item) => sora.extract(item, requestOf(fixture), endpoint))).toEqual([tasksOf(sora, 'pending.running')]);
  });

  it('drafts: the no-watermark source is the video, the watermarked file, stream and gif alternates, the thumbnail the cover', () => {
    const tasks = tasksOf(sora, 'drafts');
    expect(tasks).toHaveLength(2);
    expect(tasks[0]).toEqual({ taskId: TASK, status: 'done', prompt: PROMPT, inputImages: [], videos: [THE_VIDEO] });
  });

  it('drafts: a content violation is a failed task with the site’s words', () => {
    expect(tasksOf(sora, 'drafts')[1]).toEqual({
      taskId: 'task_01kn2c0w7yq1f9bq3v8m2k4h5r',
      status: 'failed',
      failure: 'This content may violate our guardrails concerning similarity to third-party content.',
      prompt: 'A news anchor who is a famous actor reads breaking news',
      inputImages: [],
      videos: [],
    });
  });

  it('one draft and the user’s own post land on the same task as the drafts list, with the same video', () => {
    expect(tasksOf(sora, 'draft')).toEqual([{ taskId: TASK, status: 'done', prompt: PROMPT, inputImages: [], videos: [THE_VIDEO] }]);
    // Attachments carry `encodings.*.url` where drafts carry `path`; the OG preview image is not the cover.
    expect(tasksOf(sora, 'profile-feed')).toEqual([{ taskId: TASK, status: 'done', prompt: PROMPT, inputImages: [], videos: [THE_VIDEO] }]);
  });
});

describe('sora extractor, edge cases', () => {
  const drafts = endpoint('drafts');
  const request = get('https://sora.chatgpt.com/backend/project_y/profile/drafts?limit=15');

  it('falls back to downloadable_url when no_watermark is null and encodings hold storage paths, not URLs', () => {
    const item = {
      id: 'gen_01a',
      task_id: 'task_01a',
      kind: 'sora_draft',
      downloadable_url: 'https://videos.openai.com/az/files/00000000-aaaa%2Fraw?sig=1',
      download_urls: { watermark: 'https://videos.openai.com/az/files/00000000-aaaa%2Fraw?sig=1', no_watermark: null },
      url: 'https://videos.openai.com/az/files/abc_00000000-aaaa%2Fdrvs%2Fmd%2Fraw?sig=1',
      encodings: { source: { path: 'az/files/00000000-aaaa/raw' }, thumbnail: { path: 'javascript:alert(1)' } },
    };
    expect(sora.extract({ items: [item], cursor: null }, request, drafts)).toEqual([
      {
        taskId: 'task_01a',
        status: 'done',
        inputImages: [],
        videos: [
          {
            url: 'https://videos.openai.com/az/files/00000000-aaaa%2Fraw?sig=1',
            alternates: ['https://videos.openai.com/az/files/abc_00000000-aaaa%2Fdrvs%2Fmd%2Fraw?sig=1'],
          },
        ],
      },
    ]);
  });

  it('groups two drafts of one task into one task, ordered by generation id whatever the list order', () => {
    const draft = (id: string) => ({ id, task_id: 'task_01b', kind: 'sora_draft', downloadable_url: `https://videos.openai.com/az/files/${id}%2Fraw` });
    const tasks = sora.extract({ items: [draft('gen_01z'), draft('gen_01c')] }, request, drafts);
    expect(tasks).toHaveLength(1);
    expect(tasks?.[0]?.videos.map((video) => video.url)).toEqual([
      'https://videos.openai.com/az/files/gen_01c%2Fraw',
      'https://videos.openai.com/az/files/gen_01z%2Fraw',
    ]);
  });

  it('reads a finished pending task’s generations, and a failure_reason as failed', () => {
    const pending = endpoint('pending');
    const pendingRequest = get('https://sora.chatgpt.com/backend/nf/pending/v2');
    const done = { id: 'task_01d', status: 'succeeded', progress_pct: 1, generations: [{ id: 'gen_01d', downloadable_url: 'https://videos.openai.com/az/files/d%2Fraw' }] };
    const failed = { id: 'task_01e', status: 'failed', failure_reason: 'Generation timed out', progress_pct: null, generations: [] };
    expect(sora.extract([done, failed], pendingRequest, pending)).toEqual([
      { taskId: 'task_01d', status: 'done', inputImages: [], videos: [{ url: 'https://videos.openai.com/az/files/d%2Fraw' }] },
      { taskId: 'task_01e', status: 'failed', failure: 'Generation timed out', inputImages: [], videos: [] },
    ]);
    expect(sora.extract([{ id: 'task_01g', status: 'running', progress_pct: 63 }], pendingRequest, pending)?.[0]?.percent).toBe(63);
    expect(sora.extract([], pendingRequest, pending)).toEqual([]);
    expect(sora.extract({ items: [] }, pendingRequest, pending)).toBeUndefined();
  });

  it('never reads liked posts (other people’s) nor posts the user does not own', () => {
    const feed = endpoint('profile-feed');
    const attachment = { task_id: 'task_01f', downloadable_url: 'https://videos.openai.com/az/files/f%2Fraw' };
    const body = { items: [{ post: { is_owner: true, text: 'mine', attachments: [attachment] } }] };
    expect(sora.extract(body, get('https://sora.chatgpt.com/backend/project_y/profile_feed/me?filter=liked&limit=5&cut=nf2'), feed)).toEqual([]);
    const notMine = { items: [{ post: { is_owner: false, text: 'theirs', attachments: [attachment] } }] };
    expect(sora.extract(notMine, get('https://sora.chatgpt.com/backend/project_y/profile_feed/me?limit=15'), feed)).toEqual([]);
  });

  it('does not claim the public feed, and knows only its own shapes', () => {
    expect(sora.endpoints.some((item) => item.path.test('/backend/project_y/feed'))).toBe(false);
    expect(sora.extract({ detail: 'Unauthorized' }, request, drafts)).toBeUndefined();
    expect(sora.extract({ error: { message: 'Invalid sentinel token' } }, { method: 'POST', url: new URL('https://sora.chatgpt.com/backend/nf/create') }, endpoint('create'))).toEqual([]);
  });
});

describe('sora extractor, the 2026 changes', () => {
  const extension = loadSiteExpectation('sora').entries.find((entry) => entry.taskId === 'task_01kq3m8x2v7b9c4d6e8f0a1b2c')!;

  it('long video extension: a new task, generating, with the user_prompt of the request', () => {
    expect(tasksOf(sora, 'long-video-extension')).toEqual([{ taskId: extension.taskId, status: 'generating', prompt: extension.prompt, inputImages: [], videos: [] }]);
  });

  it('drafts on Azure: no_watermark null, so downloadable_url (az/files/{uuid}%2Fraw, no .mp4) is the video; storage paths are never taken', () => {
    const [task] = tasksOf(sora, 'drafts.2026');
    expect(task).toMatchObject({ taskId: extension.taskId, status: 'done', prompt: extension.prompt });
    const video = task?.videos[0];
    expect(video?.url).toBe(extension.videoUrl);
    expect(video?.url).toMatch(/\/az\/files\/[0-9a-f-]+%2Fraw\?/);
    expect(video?.cover).toBeUndefined();
    expect(video?.durationMs).toBe(20100);
    // The md stream is an alternate (the end-card copy is not read).
    expect(video?.alternates?.map((url) => /%2Fdrvs%2F(\w+)%2F/.exec(url)?.[1])).toEqual(['md']);
  });

  it('post tree: the user’s own post gives the same video with the Azure thumbnail as cover; another user’s remix in children makes nothing', () => {
    const tasks = tasksOf(sora, 'post-tree');
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ taskId: extension.taskId, status: 'done' });
    expect(tasks[0]?.videos[0]?.url).toBe(extension.videoUrl);
    expect(tasks[0]?.videos[0]?.cover).toBe(extension.coverUrl);
  });

  it('post tree of someone else’s post reports nothing; create/storyboard is read as create', () => {
    const tree = endpoint('post-tree');
    const request = get('https://sora.chatgpt.com/backend/project_y/post/s_abc/tree?limit=20&max_depth=1');
    const theirs = { post: { id: 's_abc', permissions: { can_delete: false }, attachments: [{ task_id: 'task_x', downloadable_url: 'https://videos.openai.com/az/files/x%2Fraw' }] }, children: [] };
    expect(sora.extract(theirs, request, tree)).toEqual([]);
    expect(sora.extract({ cursor: null }, request, tree)).toBeUndefined();
    expect(sora.endpoints.find((item) => item.path.test('/backend/nf/create/storyboard'))?.name).toBe('create');
  });
});

