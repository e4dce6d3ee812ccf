import { describe, expect, it } from 'vitest';
import type { SiteRequest } from '@/src/sites/extractors';
import { readGenericTasks } from '@/src/sites/generic-task-reader';

const request: SiteRequest = { method: 'GET', url: new URL('https://app.example.test/api/v9/jobs') };
const context = { mediaHosts: ['cdn.example.test'] };
const read = (json: unknown, req: SiteRequest = request) => readGenericTasks(json, req, context);

describe('readGenericTasks', () => {
  it('never takes a link out of text that holds it among words (a prompt naming its start frame on a media host)', () => {
    const json = { jobs: [{ id: 'j-2', status: 'running', full_command: 'https://cdn.example.test/u/start.png a lighthouse --end https://cdn.example.test/u/end.png --video 1' }] };
    expect(read(json).flatMap((task) => task.videos)).toEqual([]);
  });

  it('finds one output video with its cover, task id, prompt and size; input images and avatars are never the video or the cover', () => {
    const json = {
      code: 0,
      data: {
        job: {
          job_id: 'j-1',
          state: 'succeeded',
          prompt: 'a cat walks',
          input: { image_url: 'https://cdn.example.test/in.png', first_frame: 'https://cdn.example.test/in2.png' },
          author: { avatar: 'https://cdn.example.test/me.jpg' },
          model: { icon: 'https://cdn.example.test/model.png' },
          output: { video: { url: 'https://cdn.example.test/out.mp4', width: 1280, height: 720 }, thumbnail: 'https://cdn.example.test/out.jpg' },
        },
      },
    };
    expect(read(json)).toEqual([
      {
        taskId: 'j-1',
        status: 'done',
        prompt: 'a cat walks',
        inputImages: ['https://cdn.example.test/in.png', 'https://cdn.example.test/in2.png'],
        videos: [{ url: 'https://cdn.example.test/out.mp4', cover: 'https://cdn.example.test/out.jpg', width: 1280, height: 720 }],
      },
    ]);
  });

  it('tells videos by extension, by field name and by media host; pictures never are videos', () => {
    const tasks = read({
      items: [
        { id: 1, file: 'https://other.test/a.webm' },
        { id: 2, play_addr: 'https://other.test/stream?id=2' },
        { id: 3, resource: 'https://cdn.example.test/v/3' },
        { id: 4, resource: 'https://cdn.example.test/v/4.png' },
        { id: 5, image: 'https://cdn.example.test/v/5' },
        { id: 6, link: 'https://other.test/page' },
      ],
    });
    expect(tasks.map((task) => [task.taskId, task.videos[0]?.url])).toEqual([
      ['1', 'https://other.test/a.webm'],
      ['2', 'https://other.test/stream?id=2'],
      ['3', 'https://cdn.example.test/v/3'],
    ]);
  });

  it('keeps renditions of one video as alternates, the unwatermarked first; a list item is its own video', () => {
    const tasks = read({
      task_id: 't',
      videos: [
        { id: 'a', watermark_url: 'https://cdn.example.test/a-wm.mp4', no_watermark_url: 'https://cdn.example.test/a.mp4', cover: 'https://cdn.example.test/a.jpg' },
        { id: 'b', url: 'https://cdn.example.test/b.mp4', cover: 'https://cdn.example.test/b.jpg' },
      ],
    });
    expect(tasks).toEqual([
      {
        taskId: 't',
        status: 'done',
        inputImages: [],
        videos: [
          { url: 'https://cdn.example.test/a.mp4', cover: 'https://cdn.example.test/a.jpg', alternates: ['https://cdn.example.test/a-wm.mp4'] },
          { url: 'https://cdn.example.test/b.mp4', cover: 'https://cdn.example.test/b.jpg' },
        ],
      },
    ]);
  });

  it('never takes a URL the request sent, and takes the prompt from the request when the answer has none', () => {
    const post: SiteRequest = { method: 'POST', url: request.url, body: JSON.stringify({ prompt: 'waves', img: 'https://cdn.example.test/up.mp4' }) };
    const tasks = read({ id: 'x', video: 'https://cdn.example.test/up.mp4', result: { video: 'https://cdn.example.test/x.mp4' } }, post);
    expect(tasks).toEqual([{ taskId: 'x', status: 'done', prompt: 'waves', inputImages: [], videos: [{ url: 'https://cdn.example.test/x.mp4' }] }]);
  });

  it('reports a task without a video only where an id and a status word say so, with percent or failure words', () => {
    expect(read({ data: { task_id: 'g', status: 'processing', progress: 0.42 } })).toEqual([{ taskId: 'g', status: 'generating', percent: 42, inputImages: [], videos: [] }]);
    expect(read({ data: { id: 'f', status: 'FAILED', fail_reason: 'moderation' } })).toEqual([{ taskId: 'f', status: 'failed', failure: 'moderation', inputImages: [], videos: [] }]);
    expect(read({ data: { id: 'n', status: 3 } })).toEqual([]);
    expect(read({ code: 0, status: 'ok' })).toEqual([]);
  });

  it('reads JSON nested in a string field, and names a video without an id by a hash of its address', () => {
    const [task] = read({ extra: JSON.stringify({ video_url: 'https://other.test/n.mp4?sig=1' }) });
    expect(task?.videos).toEqual([{ url: 'https://other.test/n.mp4?sig=1' }]);
    expect(task?.taskId).toMatch(/^video-[0-9a-f]{8}$/);
    expect(read({ extra: JSON.stringify({ video_url: 'https://other.test/n.mp4?sig=2' }) })[0]?.taskId).toBe(task?.taskId);
  });

  it('takes only http(s) links: javascript:, data: and relative ones are nothing', () => {
    expect(read({ id: 1, video_url: 'javascript:alert(1)', poster: 'data:image/png;base64,AA', play: '/v/1.mp4' })).toEqual([]);
  });

  it('survives hostile input: deep nesting, huge arrays and many keys stay within bounds and time', () => {
    let deep: unknown = { video_url: 'https://cdn.example.test/deep.mp4' };
    for (let level = 0; level < 100_000; level += 1) deep = { a: deep };
    const wide = { items: Array.from({ length: 200_000 }, (_, index) => ({ id: index, video_url: `https://cdn.example.test/${index}.mp4` })) };
    const keys = Object.fromEntries(Array.from({ length: 100_000 }, (_, index) => [`k${index}`, 'x'.repeat(10)]));
    // Bounded against the cost of merely serializing the same values, so a loaded machine slows both alike.
    const serializing = performance.now();
    for (const value of [wide, keys]) JSON.stringify(value);
    const serializeMs = performance.now() - serializing;
    const started = performance.now();
    expect(read(deep)).toEqual([]);
    const many = read(wide);
    expect(many.length).toBeLessThanOrEqual(100);
    expect(many[0]?.videos[0]?.url).toBe('https://cdn.example.test/0.mp4');
    expect(read(keys)).toEqual([]);
    expect(read(null)).toEqual([]);
    expect(read('https://cdn.example.test/a.mp4')).toEqual([]);
    expect(performance.now() - started).toBeLessThan(40 * serializeMs + 1000);
  });
});
