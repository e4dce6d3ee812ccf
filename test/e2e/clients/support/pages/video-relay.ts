import OpenAI from 'openai';
import { exposeClient } from '../client-result';

// A chat page talking to a sora2api-style relay through the official SDK: progress streams in
// `delta.reasoning_content`, the answer is a fenced html <video> block in `delta.content`.
exposeClient(async () => {
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${location.origin}/relay/v1`, dangerouslyAllowBrowser: true });
  const stream = await client.chat.completions.create({
    model: 'sora-video-10s',
    stream: true,
    messages: [{ role: 'user', content: 'a corgi surfing at sunset' }],
  });
  const received: unknown[] = [];
  let text = '';
  for await (const chunk of stream) {
    received.push(chunk);
    text += chunk.choices[0]?.delta.content ?? '';
  }
  return { text, received };
});
