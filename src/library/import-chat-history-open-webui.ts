import { historyAnswer, listAnswers, messageText, record, stringOf, type HistoryAnswer, type HistoryRead } from './import-chat-history-parts';

/** Steps up a branch at most: a longer chain (or a cycle) is not a real chat. */
const MAX_DEPTH = 10_000;

/**
 * Open WebUI's chat export (the chat menu's "Export chat (.json)", ChatMenu.svelte
 * `downloadJSONExport`: `JSON.stringify([chat])`; Settings → Chats → export: all of them): an array
 * of `{ id, title, chat: { title, models, messages: [...], history: { currentId, messages: { <id>:
 * { id, parentId, childrenIds, role, content, model } } } } }`. The history is a tree (a
 * regenerated answer is a sibling), so every answer in it is read, and its prompt is the nearest
 * user message up its `parentId` chain (as src/lib/utils `createMessagesList` walks it). Chats
 * with no history fall back to the flat `messages` list.
 */
export function readOpenWebUiExport(root: unknown): HistoryRead | undefined {
  const items = Array.isArray(root) ? root : record(root)?.chat ? [root] : undefined;
  if (!items || items.length === 0) return undefined;
  const chats = items.map((item) => record(record(item)?.chat)).filter((chat) => chat !== undefined);
  if (chats.length === 0 || chats.length !== items.length) return undefined;
  const answers: HistoryAnswer[] = [];
  for (const chat of chats) {
    const history = record(record(chat.history)?.messages);
    if (history) answers.push(...treeAnswers(history));
    else if (Array.isArray(chat.messages)) answers.push(...listAnswers(chat.messages, false));
  }
  return { chats: chats.length, answers };
}

function treeAnswers(messages: Record<string, unknown>): HistoryAnswer[] {
  const answers: HistoryAnswer[] = [];
  for (const value of Object.values(messages)) {
    const message = record(value);
    const text = messageText(message?.content);
    if (!message || message.role !== 'assistant' || text === undefined) continue;
    let prompt: string | undefined;
    const seen = new Set<string>();
    let parentId = stringOf(message.parentId);
    while (parentId && !seen.has(parentId) && seen.size < MAX_DEPTH) {
      seen.add(parentId);
      const parent = record(Object.hasOwn(messages, parentId) ? messages[parentId] : undefined);
      if (parent?.role === 'user') {
        prompt = messageText(parent.content);
        break;
      }
      parentId = stringOf(parent?.parentId);
    }
    answers.push(historyAnswer(text, prompt, stringOf(message.model)));
  }
  return answers;
}
