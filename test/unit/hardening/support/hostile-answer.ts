/** The answer the hostile corpus is built around (test/fixtures/streams/hostile/README.md). */
export const TASK_TEXT = '> VideoTask(id=7001, image_url=None, prompt=一只猫在钢琴上)\n';
export const HOSTILE_VIDEO = 'https://cdn.test/h/7001_0.mp4';
export const STOP_EVENT = `data: ${JSON.stringify({ id: 'chatcmpl-h', object: 'chat.completion.chunk', created: 1742889537, model: 'cogvideox', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`;
export const DONE_EVENT = 'data: [DONE]\n\n';

/** The JSON of one OpenAI chat chunk carrying `content`. */
export function answerEvent(content: string): string {
  return JSON.stringify({
    id: 'chatcmpl-h',
    object: 'chat.completion.chunk',
    created: 1742889537,
    model: 'cogvideox',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  });
}

const encoder = new TextEncoder();

/**
 * A stream of about `bytes` bytes, in 64 KB network chunks, built as it is read (nothing of its
 * size is ever held): the task line, then filler lines, with the video link first or last.
 */
export function* bigStream({ bytes, videoFirst }: { bytes: number; videoFirst: boolean }): Generator<Uint8Array> {
  const event = (content: string): Uint8Array => encoder.encode(`data: ${answerEvent(content)}\n\n`);
  const video = event(`[视频](${HOSTILE_VIDEO})\n`);
  yield event(TASK_TEXT);
  if (videoFirst) yield video;
  const filler = event(`${'lorem ipsum '.repeat(5400)}\n`);
  for (let sent = 0; sent < bytes; sent += filler.length) yield filler;
  if (!videoFirst) yield video;
  yield encoder.encode(STOP_EVENT + DONE_EVENT);
}
