import { describe, expect, it } from 'vitest';
import { createCaptureSession } from '@/src/background/capture-session';
import { DIALECTS } from '@/src/decode/dialects';
import { openAiVideoRelay } from '@/src/decode/dialects/openai-video-relay';
import { decodeChunks, expectFixture, fixturesOf, loadFixture, runText, sseText } from './fixture-runner';

const SSE = 'text/event-stream';
const VIDEO = 'https://oscdn2.dyysy.com/MP4/s_6953e2c377bc819185440082d9683a45.mp4';
const chunk = (id: string, delta: Record<string, unknown>, finish: string | null = null) => ({
  id,
  object: 'chat.completion.chunk',
  model: 'sora',
  choices: [{ index: 0, delta: { content: null, reasoning_content: null, tool_calls: null, ...delta }, finish_reason: finish }],
});
const progress = (id: string, percent: number) => chunk(id, { reasoning_content: `**Video Generation Progress**: ${percent}% (processing)\n` });
const answer = (id: string) => chunk(id, { content: `\`\`\`html\n<video src='${VIDEO}' controls></video>\n\`\`\`` }, 'STOP');

describe('openai-video-relay dialect', () => {
  for (const fixture of fixturesOf('openai-video-relay')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(' src/')[0]})`, () => expectFixture(fixture));
  }

  it('reads the fixture the same however it is cut (inside events, escapes and the fence)', () => {
    const fixture = loadFixture('openai-video-relay.sse');
    const text = new TextDecoder().decode(fixture.bytes);
    const offsets = [text.indexOf('\\n**') + 1, text.indexOf('40%') + 1, text.indexOf('```') + 2, text.indexOf("src='") + 3, text.indexOf('\n\ndata') + 1];
    expect(runText(SSE, decodeChunks(fixture.bytes, offsets))).toMatchObject({ text: fixture.expected.text, percent: 87, videos: [{ videoUrl: VIDEO }] });
  });

  it('is a refinement of openai-chat, registered before it', () => {
    const names = DIALECTS.map((dialect) => dialect.name);
    expect(openAiVideoRelay.refines).toBe('openai-chat');
    expect(names.indexOf('openai-video-relay')).toBeLessThan(names.indexOf('openai-chat'));
  });

  it('without it, openai-chat still reads the video, but not the progress nor a task', () => {
    const fixture = loadFixture('openai-video-relay.sse');
    const others = DIALECTS.filter((dialect) => dialect.name !== 'openai-video-relay');
    const outcome = runText(SSE, decodeChunks(fixture.bytes, []), others);
    expect(outcome).toMatchObject({ text: fixture.expected.text, videos: [{ videoUrl: VIDEO }] });
    expect(outcome.percent).toBeUndefined();
    expect(outcome.task).toBeUndefined();
  });

  it('never makes reasoning text the answer, a video or a prompt', () => {
    const stream = sseText([
      [undefined, chunk('c1', { role: 'assistant', reasoning_content: '**Generation Process Begins**\n\nsee https://cdn.example/x.mp4\n' })],
      [undefined, chunk('c2', { reasoning_content: '> VideoTask(id=1, image_url=None, prompt=nope)\n' })],
      [undefined, progress('c3', 55)],
    ]);
    expect(runText(SSE, [stream])).toMatchObject({ text: '', videos: [], task: { id: 'c1', prompt: '' }, percent: 55 });
  });

  it('leaves ordinary streams, with or without reasoning, to openai-chat', () => {
    const reader = openAiVideoRelay.create();
    expect(reader.read({ json: chunk('c', { role: 'assistant', content: '' }) })).toBeUndefined();
    expect(reader.read({ json: chunk('c', { reasoning_content: 'Let me think about the dog.' }) })).toBeUndefined();
    expect(reader.read({ json: chunk('c', { reasoning_content: '' , content: 'hi' }) })).toBeUndefined();
    expect(reader.read({ json: answer('c') })).toBeUndefined();
  });

  it('reads the error event a failed generation ends with as a server error; the task then fails', () => {
    const failure = { error: { message: 'Upstream API timeout', type: 'server_error', param: null, code: null } };
    const stream = sseText([[undefined, progress('c1', 20)], [undefined, failure], [undefined, '[DONE]']]);
    expect(runText(SSE, [stream])).toMatchObject({ text: '', issues: ['server-error'], task: { id: 'c1' }, videos: [] });
    const session = createCaptureSession(
      { site: 'http://127.0.0.1', pageUrl: 'http://127.0.0.1/', endpointUrl: 'http://127.0.0.1/v1/chat/completions', contentType: SSE },
      () => undefined,
    );
    session.push(stream);
    expect(session.end('complete')).toMatchObject([{ id: 'task:c1:0', status: 'failed', failureReason: 'stream-error' }]);
  });

  it("makes no task of an image or character generation: only a video's progress does", () => {
    const image = sseText([
      [undefined, chunk('c1', { role: 'assistant', reasoning_content: '**Generation Process Begins**\n\nInitializing generation request...\n' })],
      [undefined, chunk('c2', { reasoning_content: '**Processing**\n\nGeneration in progress: 40% completed...\n' })],
      [undefined, chunk('c3', { content: '![Generated Image](https://cdn.example/i.png)' }, 'STOP')],
    ]);
    const outcome = runText(SSE, [image]);
    expect(outcome).toMatchObject({ text: '![Generated Image](https://cdn.example/i.png)', finished: true, videos: [] });
    expect(outcome.task).toBeUndefined();
    expect(outcome.percent).toBeUndefined();
  });

  it('keeps the highest percent and does not go back', () => {
    const stream = sseText([[undefined, progress('a', 10)], [undefined, progress('b', 60)], [undefined, progress('c', 30)], [undefined, progress('d', 250)]]);
    expect(runText(SSE, [stream]).percent).toBe(100);
  });

  it('stores one entry: generating with its percent, then done with the video', () => {
    const session = createCaptureSession(
      { site: 'http://127.0.0.1', pageUrl: 'http://127.0.0.1/', endpointUrl: 'http://127.0.0.1/v1/chat/completions', contentType: SSE },
      () => undefined,
    );
    const first = chunk('chatcmpl-1', { role: 'assistant', reasoning_content: '**Generation Process Begins**\n' });
    // The heading alone says nothing of a video yet (it may be an image): no entry.
    expect(session.push(sseText([[undefined, first]]))).toEqual([]);
    expect(session.push(sseText([[undefined, progress('chatcmpl-2', 40)]]))).toMatchObject([
      { id: 'task:chatcmpl-1:0', status: 'generating', percent: 40, model: 'sora' },
    ]);
    const updates = [...session.push(sseText([[undefined, answer('chatcmpl-3')], [undefined, '[DONE]']])), ...session.end('complete')];
    expect(updates.map((update) => [update.id, update.status, update.videoUrl])).toContainEqual(['task:chatcmpl-1:0', 'done', VIDEO]);
    expect(new Set(updates.map((update) => update.id))).toEqual(new Set(['task:chatcmpl-1:0']));
  });
});
