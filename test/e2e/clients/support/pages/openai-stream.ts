import OpenAI from 'openai';

/**
 * Streams one chat completion through the official SDK in browser mode, as a chat page does,
 * and returns the answer text with every chunk the SDK handed over.
 */
export async function streamOpenAiChat(options: { baseURL: string; model: string; prompt: string }): Promise<{ text: string; received: unknown[] }> {
  const client = new OpenAI({ apiKey: 'sk-test', baseURL: options.baseURL, dangerouslyAllowBrowser: true });
  const stream = await client.chat.completions.create({
    model: options.model,
    stream: true,
    messages: [{ role: 'user', content: options.prompt }],
  });
  const received: unknown[] = [];
  let text = '';
  for await (const chunk of stream) {
    received.push(chunk);
    text += chunk.choices[0]?.delta.content ?? '';
  }
  return { text, received };
}
