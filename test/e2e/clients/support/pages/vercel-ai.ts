import { DefaultChatTransport, type UIMessage } from 'ai';
import { exposeClient } from '../client-result';
import { readAssistantText } from './ui-message-reader';

// The Vercel AI SDK v5 client: DefaultChatTransport posts the chat and reads the UI message
// stream; the assistant message is built the way useChat does.
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
  const text = await readAssistantText(chunks, (chunk) => received.push(chunk));
  return { text, received };
});
