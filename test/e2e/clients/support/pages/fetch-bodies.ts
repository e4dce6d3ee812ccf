import { exposeClient } from '../client-result';

/** How the page consumes the fetched body; the extension's tee must see the same bytes each way. */
export type BodyConsumer = 'text' | 'json' | 'arrayBuffer' | 'pipeThrough';

const request = (stream: boolean): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'cogvideox-demo', stream, messages: [{ role: 'user', content: '一条狗' }] }),
});

exposeClient(async (options) => {
  const consumer = options?.consumer as BodyConsumer;
  if (consumer === 'json') {
    const response = await fetch('/v1/chat/completions', request(false));
    const completion = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    return { text: completion.choices[0]?.message.content ?? '', received: [completion] };
  }
  const response = await fetch('/v1/chat/completions', request(true));
  let body = '';
  if (consumer === 'text') body = await response.text();
  else if (consumer === 'arrayBuffer') body = new TextDecoder().decode(await response.arrayBuffer());
  else if (consumer === 'pipeThrough') {
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) body += next.value;
  } else throw new Error(`unknown consumer ${String(consumer)}`);
  return { text: body, received: [body] };
});
