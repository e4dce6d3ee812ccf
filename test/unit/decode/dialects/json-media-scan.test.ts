import { describe, expect, it } from 'vitest';
import { jsonMediaScan } from '@/src/decode/dialects/json-media-scan';
import { DIALECTS } from '@/src/decode/dialects';
import { openAiStream, seedExpected } from '../../../support/seed';
import { expectFixture, fixturesOf, runText, sseText } from './fixture-runner';

const scan = (json: unknown) => jsonMediaScan.create().read({ json });

describe('json-media-scan dialect', () => {
  for (const fixture of fixturesOf('json-media-scan')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split('(')[0]?.trim()})`, () => expectFixture(fixture));
  }

  it('is registered last', () => {
    expect(DIALECTS.at(-1)).toBe(jsonMediaScan);
  });

  it('reads lists of videos, each with its own cover', () => {
    const body = {
      code: 0,
      data: {
        task_id: 'k1',
        task_status: 'succeed',
        task_result: {
          videos: [
            { id: 'v1', url: 'https://cdn.example.com/a.mp4', cover_url: 'https://cdn.example.com/a.jpg', duration: '5' },
            { id: 'v2', url: 'https://cdn.example.com/b.webm' },
          ],
        },
      },
    };
    expect(scan(body)?.text).toBe(
      '[封面](https://cdn.example.com/a.jpg)\n[视频](https://cdn.example.com/a.mp4)\n[视频](https://cdn.example.com/b.webm)\n',
    );
  });

  it('reads a video and a cover given as objects', () => {
    const body = {
      result: { video: { url: 'https://cdn.example.com/stream/123' }, thumbnail: { url: 'https://cdn.example.com/123.png' } },
    };
    expect(scan(body)?.text).toBe('[封面](https://cdn.example.com/123.png)\n[视频](https://cdn.example.com/stream/123)\n');
  });

  it('takes neither images under video keys, nor URLs that are not video files, nor input images', () => {
    const body = {
      video_url: 'https://cdn.example.com/frame.png',
      url: 'https://example.com/page',
      image_url: 'https://cdn.example.com/in.mp4',
    };
    expect(scan(body)).toBeUndefined();
    expect(scan({ video_url: 'javascript:alert(1)//.mp4', url: 'ftp://example.com/a.mp4' })).toBeUndefined();
  });

  it('encodes parentheses so the markdown link survives', () => {
    expect(scan({ url: 'https://cdn.example.com/dog (1).mp4' })?.text).toBe('[视频](https://cdn.example.com/dog%20%281%29.mp4)\n');
  });

  it('passes each video on once per stream', () => {
    const reader = jsonMediaScan.create();
    const poll = { status: 'SUCCESS', video_url: 'https://cdn.example.com/a.mp4' };
    expect(reader.read({ json: poll })?.text).toBe('[视频](https://cdn.example.com/a.mp4)\n');
    expect(reader.read({ json: poll })).toEqual({});
  });

  it('skips a branch past its depth bound, reads its siblings, and says so', () => {
    let deep: unknown = { url: 'https://cdn.example.com/deep.mp4' };
    for (let level = 0; level < 40; level += 1) deep = { next: deep };
    const read = scan({ deep, video_url: 'https://cdn.example.com/top.mp4' });
    expect(read?.text).toBe('[视频](https://cdn.example.com/top.mp4)\n');
    expect(read?.issue?.type).toBe('scan-limit');
  });

  it('stops after 64 videos and says so', () => {
    const videos = Array.from({ length: 70 }, (_, index) => ({ url: `https://cdn.example.com/${index}.mp4` }));
    const read = scan({ videos });
    expect(read?.text?.match(/\[视频\]/g)).toHaveLength(64);
    expect(read?.issue?.type).toBe('scan-limit');
  });

  it('does not take an OpenAI stream, even one whose chunks hold video URLs', () => {
    const chunk = {
      object: 'chat.completion.chunk',
      choices: [
        {
          index: 0,
          delta: { content: '', annotations: [{ type: 'url_citation', url_citation: { url: 'https://example.com/cited.mp4' } }] },
        },
      ],
      video_url: 'https://example.com/extra.mp4',
    };
    const stream = sseText([[undefined, chunk]]) + openAiStream([seedExpected.content]);
    const outcome = runText('text/event-stream', [stream]);
    expect(outcome.text).toBe(seedExpected.content);
    expect(outcome.videos.map((video) => video.videoUrl)).toEqual([seedExpected.videos[0]!.video]);
  });

  it('finds nothing in chat messages: their text is not under a URL key', () => {
    expect(scan({ choices: [{ index: 0, delta: { content: seedExpected.content } }] })).toBeUndefined();
    expect(scan({ type: 'content_block_delta', delta: { type: 'text_delta', text: seedExpected.content } })).toBeUndefined();
  });
});
