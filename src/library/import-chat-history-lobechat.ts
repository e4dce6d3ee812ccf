import { historyAnswer, messageText, record, stringOf, type HistoryAnswer, type HistoryRead } from './import-chat-history-parts';

/**
 * LobeChat's export (Settings → Data → export, src/utils/config.ts `createConfigFile`):
 * `{ exportType, state: { sessions, sessionGroups, topics, messages: [{ id, role, content,
 * sessionId, topicId, parentId, createdAt, model }] }, version }`. Messages of all chats are one
 * list; a chat is a session and topic. The prompt of an answer is its `parentId` message when that
 * is the user's, else the last user message before it (by `createdAt`) in the same chat.
 */
export function readLobeChatExport(root: unknown): HistoryRead | undefined {
  const state = record(record(root)?.state);
  if (!state || !Array.isArray(state.messages)) return undefined;
  const messages = state.messages.map(record).filter((message) => message !== undefined);
  const byId = new Map<string, Record<string, unknown>>();
  for (const message of messages) {
    const id = stringOf(message.id);
    if (id) byId.set(id, message);
  }
  const chatOf = (message: Record<string, unknown>): string =>
    `${stringOf(message.sessionId) ?? 'inbox'}\u0000${stringOf(message.topicId) ?? ''}`;
  const ordered = messages
    .map((message, position) => ({ message, position, time: typeof message.createdAt === 'number' ? message.createdAt : 0 }))
    .sort((a, b) => a.time - b.time || a.position - b.position);
  const lastPrompt = new Map<string, string>();
  const answers: HistoryAnswer[] = [];
  for (const { message } of ordered) {
    const text = messageText(message.content);
    if (text === undefined) continue;
    const chat = chatOf(message);
    if (message.role === 'user') {
      lastPrompt.set(chat, text);
      continue;
    }
    if (message.role !== 'assistant') continue;
    const parent = byId.get(stringOf(message.parentId) ?? '');
    const prompt = parent?.role === 'user' ? messageText(parent.content) : lastPrompt.get(chat);
    answers.push(historyAnswer(text, prompt, stringOf(message.model)));
  }
  return { chats: new Set(messages.map(chatOf)).size, answers };
}
