import { fetchEventSource } from '@microsoft/fetch-event-source';
import { exposeClient } from '../client-result';

// Microsoft's fetch-based SSE client, the way chat UIs use it: POST with a JSON body.
exposeClient(async () => {
  const received: unknown[] = [];
  let text = '';
  await fetchEventSource('/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'cogvideox-demo', stream: true, messages: [{ role: 'user', content: '一条狗' }] }),
    openWhenHidden: true,
    onmessage(event) {
      received.push(event.data);
      if (event.data === '[DONE]') return;
      const chunk = JSON.parse(event.data) as { choices: Array<{ delta?: { content?: string } }> };
      text += chunk.choices[0]?.delta?.content ?? '';
    },
    onerror(error: unknown) {
      // No retries: a failure must fail the test.
      throw error;
    },
  });
  return { text, received };
});
