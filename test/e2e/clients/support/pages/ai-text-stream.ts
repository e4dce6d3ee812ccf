import { readUIMessageStream, TextStreamChatTransport, type UIMessage } from 'ai';
import { exposeClient } from '../client-result';

// The Vercel AI SDK v5 client for a text stream (`streamProtocol: 'text'` in v4): the
// TextStreamChatTransport posts the chat and turns the bare text body into text parts;
// readUIMessageStream builds the assistant message the way useChat does.
exposeClient(async () => {
  const transport = new TextStreamChatTransport<UIMessage>({ api: '/api/chat-text' });
  const chunks = await transport.sendMessages({
    trigger: 'submit-message',
    chatId: 'chat-1',
    messageId: undefined,
    messages: [{ id: 'user-1', role: 'user', parts: [{ type: 'text', text: '一条狗' }] }],
    abortSignal: undefined,
  });
  const [forMessages, forRecord] = chunks.tee();
  const received: string[] = [];
  const recording = (async () => {
    const reader = forRecord.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (next.value.type === 'text-delta') received.push(next.value.delta);
    }
  })();
  let message: UIMessage | undefined;
  for await (const update of readUIMessageStream<UIMessage>({ stream: forMessages })) message = update;
  await recording;
  const text = (message?.parts ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
  return { text, received };
});
