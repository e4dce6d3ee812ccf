import { describe, expect, it } from 'vitest';
import type { SiteRequest } from '@/src/sites/extractors/site-extractor';
import { RuleRefused, type TaskMapping } from '@/src/sites/rules/rule-schema';
import { compileTaskMapping } from '@/src/sites/rules/task-mapping';

const request: SiteRequest = { method: 'POST', url: new URL('https://api.example.com/v1/tasks?taskId=q1'), body: '{"prompt":"a cat on a boat","image":"https://cdn.example.com/in.jpg"}' };
const read = (map: TaskMapping, json: unknown, req: SiteRequest = request) => compileTaskMapping(map, 'test')(json, req);

describe('declarative task mapping', () => {
  it('reads a list of tasks: id, status by a value map, percent, prompt from the request, model, input images, video, cover, size, alternates', () => {
    const map: TaskMapping = {
      tasks: 'data.items[*]',
      id: 'id',
      status: { path: 'state', values: { SUCCESS: 'done', RUNNING: 'generating', BLOCKED: { status: 'failed', failure: 'moderated' } } },
      percent: 'progress',
      prompt: ['prompt', '$request.body.prompt'],
      model: 'model',
      inputImages: '$request.body.image',
      videos: { each: 'outputs[*]', url: 'url', cover: 'poster', alternates: ['watermarked', 'gif'], width: 'w', height: 'h', durationMs: { path: 'seconds', times: 1000 } },
    };
    const json = {
      data: {
        items: [
          { id: 1, state: 'SUCCESS', model: 'm1', outputs: [{ url: 'https://cdn.example.com/v.mp4', poster: 'https://cdn.example.com/p.jpg', watermarked: 'https://cdn.example.com/wm.mp4', w: 1280, h: 720, seconds: 5 }] },
          { id: 2, state: 'RUNNING', progress: 40 },
          { id: 3, state: 'BLOCKED', outputs: [{ url: 'https://cdn.example.com/hidden.mp4' }] },
          { state: 'SUCCESS' },
        ],
      },
    };
    expect(read(map, json)).toEqual([
      {
        taskId: '1',
        status: 'done',
        prompt: 'a cat on a boat',
        model: 'm1',
        inputImages: ['https://cdn.example.com/in.jpg'],
        videos: [{ url: 'https://cdn.example.com/v.mp4', cover: 'https://cdn.example.com/p.jpg', width: 1280, height: 720, durationMs: 5000, alternates: ['https://cdn.example.com/wm.mp4'] }],
      },
      { taskId: '2', status: 'generating', percent: 40, prompt: 'a cat on a boat', inputImages: ['https://cdn.example.com/in.jpg'], videos: [] },
      { taskId: '3', status: 'failed', failure: 'moderated', prompt: 'a cat on a boat', inputImages: ['https://cdn.example.com/in.jpg'], videos: [] },
    ]);
  });

  it('never takes an input image, a picture, a non-http link or the video itself as the video or the cover', () => {
    const map: TaskMapping = { tasks: 'task', id: 'id', status: { path: 's', values: { '1': 'done' } }, inputImages: 'input', videos: { each: 'files[*]', url: 'url', cover: ['cover', 'cover2'] } };
    const files = [{ url: 'https://c.example.com/in.jpg' }, { url: 'https://c.example.com/still.png' }, { url: 'javascript:alert(1)' }, { url: 'https://c.example.com/v.mp4', cover: 'https://c.example.com/v.mp4', cover2: 'https://c.example.com/in.jpg' }];
    expect(read(map, { task: { id: 'a', s: 1, input: 'https://c.example.com/in.jpg', files } })).toEqual([
      { taskId: 'a', status: 'done', inputImages: ['https://c.example.com/in.jpg'], videos: [{ url: 'https://c.example.com/v.mp4' }] },
    ]);
    // Done without a usable video is still generating.
    expect(read(map, { task: { id: 'a', s: 1, files: files.slice(0, 3) } })?.[0]?.status).toBe('generating');
  });

  it('shape, empty and skip: unknown shape is undefined, an error envelope and skipped tasks are []', () => {
    const map: TaskMapping = { shape: { path: 'code', exists: true }, empty: { path: 'code', notIn: [0] }, tasks: 'data', skip: { path: 'kind', startsWith: 'IMG_' }, id: 'id' };
    expect(read(map, { data: { id: 1 } })).toBeUndefined();
    expect(read(map, { code: 401, data: null })).toEqual([]);
    expect(read(map, { code: '0', data: { id: 1, kind: 'img_txt2img' } })).toEqual([]);
    expect(read(map, { code: 0, data: [1] })).toBeUndefined();
    expect(read(map, { code: 0, data: { name: 'no id' } })).toBeUndefined();
    expect(read(map, { code: 0, data: { id: 7 } })).toEqual([{ taskId: '7', status: 'generating', inputImages: [], videos: [] }]);
  });

  it('conditions combine with all, any and not; thresholds by atLeast', () => {
    const map: TaskMapping = {
      tasks: 'data',
      id: ['id', '$request.query.taskId'],
      status: { path: 'code', required: true, atLeast: [{ value: 90, means: 'failed' }, { value: 99, means: 'done' }], doneWhenVideos: true },
      failure: '$root.message',
      videos: { each: 'works[*]', when: { not: { any: [{ path: 'type', in: ['image'] }, { path: 'hidden', in: [true] }] } }, url: 'u' },
    };
    expect(read(map, { message: 'quota', data: { code: 95 } })).toEqual([{ taskId: 'q1', status: 'failed', failure: 'quota', inputImages: [], videos: [] }]);
    expect(read(map, { data: { code: 10, works: [{ u: 'https://x.example.com/a.mp4' }] } })?.[0]?.status).toBe('done');
    expect(read(map, { data: { code: 99, works: [{ u: 'https://x.example.com/a.mp4', type: 'image' }] } })?.[0]?.status).toBe('generating');
    expect(read(map, { data: { works: [] } })).toBeUndefined();
  });

  it('transforms: parse a JSON string (@json), resolve a relative URL on its base only, build a URL from a template on its origin only', () => {
    const map: TaskMapping = {
      tasks: 'data',
      id: 'meta@json.id',
      status: { otherwise: 'done' },
      prompt: 'meta@json.input.prompt',
      videos: { each: '', url: ['url', { path: 'path', resolve: 'https://media.example.com/' }, { path: 'key', template: 'https://cdn.example.com/v/{value}.mp4' }], cover: { path: 'coverKey', template: 'https://cdn.example.com/c/{value}.jpg' } },
    };
    const meta = JSON.stringify({ id: 'j1', input: { prompt: 'a fox' } });
    expect(read(map, { data: { meta, path: '/out/1.mp4' } })?.[0]).toMatchObject({ taskId: 'j1', prompt: 'a fox', status: 'done', videos: [{ url: 'https://media.example.com/out/1.mp4' }] });
    expect(read(map, { data: { meta, key: 'a b/c', coverKey: 'x' } })?.[0]?.videos).toEqual([{ url: 'https://cdn.example.com/v/a%20b/c.mp4', cover: 'https://cdn.example.com/c/x.jpg' }]);
    for (const path of ['//evil.example/x.mp4', '\\\\evil.example\\x.mp4', 'javascript:alert(1)', 'https://evil.example/x.mp4']) {
      expect(read(map, { data: { meta, path } })?.[0]?.videos, path).toEqual([]);
    }
    expect(read(map, { data: { meta, key: '../../../@evil.example/x' } })?.[0]?.videos?.[0]?.url ?? '').toMatch(/^https:\/\/cdn\.example\.com\//);
  });

  it('refuses a template or base that is not http(s), or lets the value choose the host', () => {
    const base = { tasks: 'data', id: 'id' };
    for (const spec of [
      { path: 'k', template: 'javascript:alert("{value}")' },
      { path: 'k', template: 'data:text/html,{value}' },
      { path: 'k', template: 'https://{value}.example.com/x.mp4' },
      { path: 'k', template: 'https://cdn.example.com/{value}/{value}' },
      { path: 'k', template: 'https://cdn.example.com/x.mp4' },
      { path: 'k', resolve: 'javascript:void(0)/' },
      { path: 'k', resolve: 'file:///etc/' },
    ]) {
      expect(() => compileTaskMapping({ ...base, videos: { each: '', url: spec } }, 'test'), JSON.stringify(spec)).toThrow(RuleRefused);
    }
    expect(() => compileTaskMapping({ ...base, id: 'a..b' }, 'test')).toThrow(RuleRefused);
    expect(() => compileTaskMapping({ ...base, id: '$window.x' }, 'test')).toThrow(RuleRefused);
  });
});
