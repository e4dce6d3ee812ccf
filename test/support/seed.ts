import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const streams = fileURLToPath(new URL('../fixtures/streams/', import.meta.url));

/** The seed answer as it travels on the wire. */
export const seedSse: Uint8Array = readFileSync(`${streams}cogvideo-dog.sse`);
/** The seed as a user's saved, pretty-printed log. */
export const seedPretty: string = readFileSync(`${streams}cogvideo-dog.pretty.txt`, 'utf8');

export interface ExpectedVideo {
  video: string;
  cover: string;
  taskId: string;
  prompt: string;
}

/** What the page must receive and what the extension must capture from the seed. */
export const seedExpected: { content: string; videos: ExpectedVideo[] } = JSON.parse(
  readFileSync(`${streams}cogvideo-dog.expected.json`, 'utf8'),
) as { content: string; videos: ExpectedVideo[] };

/** Wraps answer text into OpenAI chat chunks, one per piece, ending with `[DONE]` unless `done` is false. */
export function openAiStream(pieces: string[], model = 'cogvideox', done = true): string {
  const events = pieces.map((content, index) =>
    JSON.stringify({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1742889537 + index,
      model,
      choices: [{ index: 0, delta: { content }, finish_reason: null }],
    }),
  );
  return `${events.map((data) => `data: ${data}\n\n`).join('')}${done ? 'data: [DONE]\n\n' : ''}`;
}
