import { listAnswers, record, type HistoryAnswer, type HistoryRead } from './import-chat-history-parts';

/** NextChat's chat store key (app/constant.ts `StoreKey.Chat`), the backup file's top-level key. */
const CHAT_STORE_KEY = 'chat-next-web-store';

/**
 * NextChat's backup (Settings → Backup: the app state of app/utils/sync.ts `getLocalAppState`,
 * keyed by store): `{ "chat-next-web-store": { sessions: [{ topic, messages: [{ role, content,
 * date, model? }] }] }, … }`. `content` is a string or a multimodal part list. The prompt of an
 * answer is the last user message before it in its session.
 */
export function readNextChatBackup(root: unknown): HistoryRead | undefined {
  const sessions = record(record(root)?.[CHAT_STORE_KEY])?.sessions;
  if (!Array.isArray(sessions)) return undefined;
  const answers: HistoryAnswer[] = [];
  let chats = 0;
  for (const session of sessions) {
    const messages = record(session)?.messages;
    if (!Array.isArray(messages)) continue;
    chats++;
    answers.push(...listAnswers(messages, true));
  }
  return { chats, answers };
}
