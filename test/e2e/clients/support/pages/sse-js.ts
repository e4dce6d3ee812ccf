import { SSE } from 'sse.js';
import { exposeClient } from '../client-result';

// sse.js streams over XMLHttpRequest (LibreChat's client): responseText read on progress events.
exposeClient(
  () =>
    new Promise((resolve, reject) => {
      const received: unknown[] = [];
      let text = '';
      const source = new SSE('/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ model: 'cogvideox-demo', stream: true, messages: [{ role: 'user', content: '一条狗' }] }),
        start: false,
      });
      source.addEventListener('message', (event: MessageEvent<string>) => {
        received.push(event.data);
        if (event.data === '[DONE]') {
          source.close();
          resolve({ text, received });
          return;
        }
        const chunk = JSON.parse(event.data) as { choices: Array<{ delta?: { content?: string } }> };
        text += chunk.choices[0]?.delta?.content ?? '';
      });
      source.addEventListener('error', (event: unknown) => reject(new Error(`sse.js error: ${JSON.stringify(event)}`)));
      source.stream();
    }),
);
