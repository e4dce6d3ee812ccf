import OpenAI from 'openai';
import { exposeClient } from '../client-result';

// The official SDK in browser mode, streaming from the local site as if it were the API.
exposeClient(async () => {
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: `${location.origin}/v1`, dangerouslyAllowBrowser: true });
  const stream = await client.chat.completions.create({
    model: 'cogvideox-demo',
    stream: true,
    messages: [{ role: 'user', content: '一条狗' }],
  });
  const received: unknown[] = [];
  let text = '';
  for await (const chunk of stream) {
    received.push(chunk);
    text += chunk.choices[0]?.delta.content ?? '';
  }
  return { text, received };
});
