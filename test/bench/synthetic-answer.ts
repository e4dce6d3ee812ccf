/**
 * Synthetic OpenAI `chat.completion.chunk` streams that carry a video model's answer, built
 * once per size and stamped with a run id per request, so every run is a new video (the store
 * merges answers by task id and by video URL) while no run pays for building megabytes.
 */

/** Stands for the run id in a template; every run id has exactly its length. */
export const RUN_PLACEHOLDER = 'run-XXXXXXXXXXXXXXXX';

/** `run-0000000000000007`: same length as the placeholder. */
export function runId(n: number): string {
  return `run-${String(n).padStart(RUN_PLACEHOLDER.length - 4, '0')}`;
}

let runs = 0;
/** A run id never used before in this process: each run is a new task and a new video URL. */
export function nextRunId(): string {
  runs += 1;
  return runId(runs);
}

export interface SyntheticAnswerOptions {
  /** `data:` events, `[DONE]` not counted. */
  events: number;
  /** Approximate body size; filler tokens are sized to reach it. */
  bytes: number;
  /** Origin the video and cover URLs point at. */
  mediaOrigin: string;
}

/** A built stream; `forRun` copies it with the run id filled in. */
export interface AnswerTemplate {
  bytes: Buffer;
  events: number;
  /** Byte offset after each event (`\n\n` included), for paced sending. */
  eventEnds: Uint32Array;
  /** Answer text of one run (what the page's chat UI would show). */
  text(run: string): string;
  forRun(run: string): Buffer;
  /** Entry id the extension stores the run's video under. */
  entryId(run: string): string;
  videoUrl(run: string): string;
}

const PROMPT = '一条狗 running through a sunflower field at golden hour, 4K 🌻';
const PROGRESS_MARKS = 60;
// Mixed scripts so the decoders see one-, two-, three- and four-byte UTF-8 characters.
const FILLER =
  'Shot 1: a golden retriever races through tall sunflowers, camera tracking low at 24 fps. ' +
  '镜头二：阳光穿过花瓣，小狗停下回头。 Lighting — warm rim light, soft bokeh; café-style grade. ' +
  'Shot 3 🎬 slow push-in, dust motes 🌞 drifting, ambient wind and distant birdsong.\n';

/** Builds a stream of `events` chunk events (≈ `bytes` long) whose answer holds one video. */
export function buildAnswer(options: SyntheticAnswerOptions): AnswerTemplate {
  const run = RUN_PLACEHOLDER;
  const videoUrl = `${options.mediaOrigin}/media/${run}_0.mp4`;
  const coverUrl = `${options.mediaOrigin}/media/${run}_cover_0.jpeg`;
  const head = [
    '> ',
    'VideoTask(id=',
    run,
    ', image_url=None, prompt=',
    PROMPT,
    ')\n',
    '[🤫 任务进度](',
    ...Array.from({ length: PROGRESS_MARKS }, () => '🔥'),
    ')🎉🎉🎉\n\n',
  ];
  const tail = [
    '\n[^1]: [封面](',
    coverUrl,
    ')\n\n',
    '[^2]: [视频](',
    videoUrl,
    ')\n\n',
    '[视频](',
    videoUrl,
    ')[^1][^2]\n\n',
  ];
  const fillerEvents = options.events - head.length - tail.length - 1; // the last event only finishes
  if (fillerEvents < 0) throw new Error(`an answer needs at least ${head.length + tail.length + 1} events`);

  // Compact but complete chunks (~122 bytes with a 3-byte token: 60 000 events make 7 MB).
  const envelope = 'data: {"id":"vk","object":"chat.completion.chunk","model":"cogvideox","choices":[{"index":0,';
  const event = (content: string | undefined): string =>
    content === undefined
      ? `${envelope}"delta":{},"finish_reason":"stop"}]}\n\n`
      : `${envelope}"delta":{"content":${JSON.stringify(content)}}}]}\n\n`;
  const overhead = Buffer.byteLength(event(''));

  const parts: string[] = [];
  const texts: string[] = [];
  let size = 0;
  const push = (content: string | undefined): void => {
    const text = event(content);
    parts.push(text);
    if (content !== undefined) texts.push(content);
    size += Buffer.byteLength(text);
  };
  for (const token of head) push(token);
  const tailSize = tail.reduce((sum, token) => sum + Buffer.byteLength(event(token)), 0) + Buffer.byteLength(event(undefined));

  // By code point, so a token never ends inside a surrogate pair.
  const filler = Array.from(FILLER);
  let cursor = 0;
  for (let left = fillerEvents; left > 0; left -= 1) {
    // Sized from what is left, so the total lands on `bytes` whatever the characters weigh.
    const want = Math.max(1, Math.round((options.bytes - size - tailSize) / left) - overhead);
    let token = '';
    while (Buffer.byteLength(JSON.stringify(token)) - 2 < want) {
      token += filler[cursor % filler.length] ?? '';
      cursor += 1;
    }
    push(token);
  }
  for (const token of tail) push(token);
  push(undefined);
  parts.push('data: [DONE]\n\n');

  const bytes = Buffer.from(parts.join(''));
  const eventEnds = new Uint32Array(parts.length);
  let end = 0;
  parts.forEach((part, index) => {
    end += Buffer.byteLength(part);
    eventEnds[index] = end;
  });

  const placeholder = Buffer.from(run);
  const offsets: number[] = [];
  for (let at = bytes.indexOf(placeholder); at >= 0; at = bytes.indexOf(placeholder, at + 1)) offsets.push(at);
  const answerText = texts.join('');
  const stamp = (text: string, id: string): string => text.replaceAll(RUN_PLACEHOLDER, id);

  return {
    bytes,
    events: options.events,
    eventEnds,
    text: (id) => stamp(answerText, id),
    forRun(id) {
      if (id.length !== RUN_PLACEHOLDER.length) throw new Error(`run id ${id} is not ${RUN_PLACEHOLDER.length} characters`);
      const copy = Buffer.from(bytes);
      for (const offset of offsets) copy.write(id, offset, 'latin1');
      return copy;
    },
    entryId: (id) => `task:${id}:0`,
    videoUrl: (id) => stamp(videoUrl, id),
  };
}
