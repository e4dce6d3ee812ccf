import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { exposeClient } from '../client-result';

// The Vercel AI SDK v5 client: DefaultChatTransport posts the chat and reads the UI message
// stream; readUIMessageStream builds the assistant message the way useChat does.
exposeClient(async () => {
  const transport = new DefaultChatTransport<UIMessage>({ api: '/api/chat', body: { model: 'cogvideox-demo' } });
  const received: unknown[] = [];
  const chunks = await transport.sendMessages({
    trigger: 'submit-message',
    chatId: 'chat-1',
    messageId: undefined,
    messages: [{ id: 'user-1', role: 'user', parts: [{ type: 'text', text: '一条狗' }] }],
    abortSignal: undefined,
  });
  const [forMessages, forRecord] = chunks.tee();
  const recording = (async () => {
    const reader = forRecord.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) received.push(next.value);
  })();
  let message: UIMessage | undefined;
  for await (const update of readUIMessageStream<UIMessage>({ stream: forMessages })) message = update;
  await recording;
  const text = (message?.parts ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
  return { text, received };
});
