import { describe, expect, it } from 'vitest';
import { createCaptureSession, type SessionSource } from '@/src/background/capture-session';
import type { StreamIssue } from '@/src/decode/answer-reassembler';
import type { EntryUpdate } from '@/src/store/merge-entry';
import { openAiStream, seedExpected, seedSse } from '../../support/seed';

const source: SessionSource = {
  site: 'http://localhost:3000',
  pageUrl: 'http://localhost:3000/chat',
  endpointUrl: 'http://localhost:3000/v1/chat/completions',
  contentType: 'text/event-stream',
  requestModel: 'cogvideox',
};

/** Runs a whole stream through a session the way the relay delivers it: bytes -> text chunks. */
function capture(byteChunks: Uint8Array[], how: 'complete' | 'error' | 'disconnected' = 'complete') {
  const issues: StreamIssue[] = [];
  const session = createCaptureSession(source, (issue) => issues.push(issue));
  const decoder = new TextDecoder();
  const updates: EntryUpdate[][] = [];
  for (const bytes of byteChunks) updates.push(session.push(decoder.decode(bytes, { stream: true })));
  updates.push(session.push(decoder.decode()));
  const final = session.end(how);
  return { updates: updates.filter((batch) => batch.length > 0), final, issues };
}

const expected = seedExpected.videos[0]!;
const seedEntry = {
  id: `task:${expected.taskId}:0`,
  status: 'done',
  videoUrl: expected.video,
  videoKey: expected.video,
  coverUrl: expected.cover,
  prompt: expected.prompt,
  taskId: expected.taskId,
  model: 'cogvideox',
  site: source.site,
  index: 0,
};

describe('createCaptureSession', () => {
  it('captures the seed as one done entry with video, cover, prompt, task id and model', () => {
    const { final, issues } = capture([seedSse]);
    expect(final).toHaveLength(1);
    expect(final[0]).toMatchObject(seedEntry);
    expect(issues).toEqual([]);
  });

  it('gives the same entries when the seed is split at every byte offset', () => {
    const reference = JSON.stringify(capture([seedSse]).final);
    for (let offset = 1; offset < seedSse.length; offset += 1) {
      const { final } = capture([seedSse.subarray(0, offset), seedSse.subarray(offset)]);
      if (JSON.stringify(final) !== reference) expect.fail(`split at byte ${offset} changed the entries`);
    }
  }, 120_000);

  it('reports the entry as generating, with progress, before the result arrives', () => {
    const session = createCaptureSession(source, () => {});
    const text = openAiStream(['> VideoTask(id=5, image_url=None, prompt=一只猫)\n', '[🤫 任务进度](', '🔥', '🔥'], 'cogvideox', false);
    const early = session.push(text.slice(0, text.indexOf('任务进度')));
    expect(early).toEqual([
      expect.objectContaining({ id: 'task:5:0', status: 'generating', progress: 0, prompt: '一只猫' }),
    ]);
    const later = session.push(text.slice(text.indexOf('任务进度')));
    expect(later).toEqual([expect.objectContaining({ id: 'task:5:0', status: 'generating', progress: 2 })]);
  });

  it('writes nothing while only plain text streams', () => {
    const session = createCaptureSession(source, () => {});
    expect(session.push(openAiStream(['Hello', ' there']))).toEqual([]);
    expect(session.end('complete')).toEqual([]);
  });

  it('fails the entry when the answer ends without a video', () => {
    const text = openAiStream(['> VideoTask(id=6, image_url=None, prompt=p)\n[🤫 任务进度](🔥🔥']);
    const session = createCaptureSession(source, () => {});
    session.push(text);
    expect(session.end('complete')).toEqual([
      expect.objectContaining({ id: 'task:6:0', status: 'failed', failureReason: 'no-result', progress: 2 }),
    ]);
  });

  it('says why: a broken stream and a closed page are different failures', () => {
    const text = openAiStream(['> VideoTask(id=6, image_url=None, prompt=p)\n'], 'cogvideox', false);
    for (const [how, reason] of [
      ['error', 'stream-error'],
      ['disconnected', 'interrupted'],
    ] as const) {
      const session = createCaptureSession(source, () => {});
      session.push(text);
      expect(session.end(how)[0]).toMatchObject({ status: 'failed', failureReason: reason });
    }
  });

  it('keeps a video as partial until its answer ends, and says how a broken one broke', () => {
    const text = openAiStream(['> VideoTask(id=8, image_url=None, prompt=p)\n', '[视频](https://cdn.test/8.mp4)\n'], 'cogvideox', false);
    const mid = createCaptureSession(source, () => {});
    expect(mid.push(text)).toEqual([expect.objectContaining({ id: 'task:8:0', status: 'partial' })]);
    expect(mid.push('')).toEqual([]);
    for (const [how, expected] of [
      ['complete', { status: 'done' }],
      ['error', { status: 'partial', partialReason: 'stream-error' }],
      ['aborted', { status: 'partial', partialReason: 'stream-error' }],
      ['disconnected', { status: 'partial', partialReason: 'interrupted' }],
      ['truncated', { status: 'partial', partialReason: 'truncated', truncated: true }],
    ] as const) {
      const session = createCaptureSession(source, () => {});
      session.push(text);
      const [update] = session.end(how);
      expect(update).toMatchObject(expected);
      if (how !== 'truncated') expect(update?.truncated).toBeUndefined();
      expect(session.end(how)).toEqual([]);
    }
  });

  it('keeps an answer that said it was over final, whatever its transport does afterwards', () => {
    // sse.js aborts its XHR in the event that brings [DONE]; a socket stays open after done.
    const text = openAiStream(['> VideoTask(id=10, image_url=None, prompt=p)\n', '[视频](https://cdn.test/10.mp4)\n']);
    for (const how of ['aborted', 'error', 'disconnected'] as const) {
      const session = createCaptureSession(source, () => {});
      expect(session.push(text)).toEqual([expect.objectContaining({ id: 'task:10:0', status: 'done' })]);
      expect(session.end(how)).toEqual([expect.objectContaining({ id: 'task:10:0', status: 'done' })]);
    }
    const failed = createCaptureSession(source, () => {});
    expect(failed.push(openAiStream(['> VideoTask(id=11, image_url=None, prompt=p)\n[🤫 任务进度](🔥']))).toEqual([
      expect.objectContaining({ status: 'failed', failureReason: 'no-result' }),
    ]);
  });

  it('reads each answer of an Open WebUI socket as its own task', () => {
    const frames: string[] = ['0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000}', '40{"sid":"n"}'];
    const answer = (messageId: string, taskId: string, prompt: string) => {
      const content = `> VideoTask(id=${taskId}, image_url=None, prompt=${prompt})\n[🤫 任务进度](🔥)🎉🎉🎉\n\n[视频](https://cdn.test/${taskId}.mp4)\n`;
      for (const end of [content.length / 2, content.length]) {
        const data = { type: 'chat:completion', data: { content: content.slice(0, Math.floor(end)) } };
        frames.push(`42${JSON.stringify(['chat-events', { chat_id: 'c', message_id: messageId, data }])}`);
      }
      const done = { type: 'chat:completion', data: { done: true, content: content.trim() } };
      frames.push(`42${JSON.stringify(['chat-events', { chat_id: 'c', message_id: messageId, data: done }])}`);
    };
    answer('m1', '101', '一条狗');
    answer('m2', '202', '一只猫');
    const session = createCaptureSession({ ...source, contentType: 'application/x-video-keeper-websocket+ndjson' }, () => {});
    const pushed = session.push(frames.map((frame) => `${JSON.stringify(frame)}\n`).join(''));
    const final = new Map([...pushed, ...session.end('disconnected')].map((update) => [update.id, update]));
    expect(final.get('task:101:0')).toMatchObject({ status: 'done', prompt: '一条狗', videoUrl: 'https://cdn.test/101.mp4' });
    expect(final.get('task:202:0')).toMatchObject({ status: 'done', prompt: '一只猫', videoUrl: 'https://cdn.test/202.mp4' });
    expect(final.size).toBe(2);
  });

  it('fails a task cut at a size cap as truncated, and one whose server sent an error as a broken stream', () => {
    const task = openAiStream(['> VideoTask(id=9, image_url=None, prompt=p)\n'], 'cogvideox', false);
    const cut = createCaptureSession(source, () => {});
    cut.push(task);
    expect(cut.end('truncated')).toEqual([expect.objectContaining({ status: 'failed', failureReason: 'truncated', truncated: true })]);
    const errored = createCaptureSession(source, () => {});
    errored.push(`${task}event: error\ndata: {"error":"upstream"}\n\n`);
    expect(errored.end('complete')).toEqual([expect.objectContaining({ status: 'failed', failureReason: 'stream-error' })]);
  });

  it('prefers the streamed model name over the request body', () => {
    const session = createCaptureSession(source, () => {});
    session.push(openAiStream(['[视频](https://cdn.test/v.mp4)\n'], 'cogvideox-flash'));
    expect(session.end('complete')[0]).toMatchObject({ id: 'url:https://cdn.test/v.mp4', model: 'cogvideox-flash' });
  });

  it('gives a signed link its expiry and key, and a task-less video an id without the signature', () => {
    const signed = (date: string, signature: string) =>
      `https://bucket.s3.amazonaws.com/out/v.mp4?X-Amz-Date=${date}T080000Z&X-Amz-Expires=3600&X-Amz-Signature=${signature}`;
    const ends = [signed('20250326', 'aaa'), signed('20250327', 'bbb')].map((url) => {
      const session = createCaptureSession(source, () => {});
      session.push(openAiStream([`[视频](${url})\n`]));
      return session.end('complete');
    });
    expect(ends[0]).toEqual([
      expect.objectContaining({
        id: 'url:https://bucket.s3.amazonaws.com/out/v.mp4',
        videoUrl: signed('20250326', 'aaa'),
        videoKey: 'https://bucket.s3.amazonaws.com/out/v.mp4',
        expiresAt: Date.UTC(2025, 2, 26, 9),
      }),
    ]);
    expect(ends[1]?.[0]?.id).toBe(ends[0]?.[0]?.id);
    expect(ends[0]?.[0]?.needsCheck).toBeUndefined();
  });

  it('asks for a check of a video known only by its label', () => {
    const session = createCaptureSession(source, () => {});
    session.push(openAiStream(['[点击下载](https://proxy.test/files/abc/content)\n']));
    expect(session.end('complete')).toEqual([
      expect.objectContaining({ videoUrl: 'https://proxy.test/files/abc/content', needsCheck: true, status: 'done' }),
    ]);
  });

  it('reads results in the other formats too (a <video> tag with its poster)', () => {
    const session = createCaptureSession(source, () => {});
    session.push(openAiStream(['> VideoTask(id=21, image_url=None, prompt=p)\n', '<video src="https://cdn.test/21.mp4"', ' poster="https://cdn.test/21.jpg"></video>\n']));
    expect(session.end('complete')).toEqual([
      expect.objectContaining({ id: 'task:21:0', videoUrl: 'https://cdn.test/21.mp4', coverUrl: 'https://cdn.test/21.jpg' }),
    ]);
  });
});
