import { TextStreamChatTransport, type UIMessage } from 'ai';
import { exposeClient } from '../client-result';
import { readAssistantText } from './ui-message-reader';

// The Vercel AI SDK v5 client for a text stream (`streamProtocol: 'text'` in v4): the
// TextStreamChatTransport posts the chat and turns the bare text body into text parts;
// the assistant message is built the way useChat does.
exposeClient(async () => {
  const transport = new TextStreamChatTransport<UIMessage>({ api: '/api/chat-text' });
  const chunks = await transport.sendMessages({
    trigger: 'submit-message',
    chatId: 'chat-1',
    messageId: undefined,
    messages: [{ id: 'user-1', role: 'user', parts: [{ type: 'text', text: '一条狗' }] }],
    abortSignal: undefined,
  });
  const received: string[] = [];
  const text = await readAssistantText(chunks, (chunk) => {
    if (chunk.type === 'text-delta') received.push(chunk.delta);
  });
  return { text, received };
});
