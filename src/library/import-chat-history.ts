import { linkEntryIdentity } from '../store/entry-identity';
import { createVideoAnswerReader } from '../extract/video-answer';
import type { EntryUpdate } from '../store/merge-entry';
import { MAX_LOG_CHARS } from './import-captured-log';
import type { HistoryAnswer, HistoryRead } from './import-chat-history-parts';
import { readLobeChatExport } from './import-chat-history-lobechat';
import { readNextChatBackup } from './import-chat-history-nextchat';
import { readOpenWebUiExport } from './import-chat-history-open-webui';

/** The chat apps whose export files are understood. */
export type ChatApp = 'NextChat' | 'Open WebUI' | 'LobeChat';

/** What importing a chat history file found. */
export interface ImportedChatHistory {
  app: ChatApp;
  chats: number;
  updates: EntryUpdate[];
}

/** Answers read at most from one file; text kept of one answer and of one prompt. */
export const MAX_ANSWERS = 100_000;
export const MAX_ANSWER_CHARS = 1024 * 1024;
const MAX_PROMPT_CHARS = 4000;
const MAX_MODEL_CHARS = 200;

const READERS: Array<{ app: ChatApp; read: (root: unknown) => HistoryRead | undefined }> = [
  { app: 'NextChat', read: readNextChatBackup },
  { app: 'LobeChat', read: readLobeChatExport },
  { app: 'Open WebUI', read: readOpenWebUiExport },
];

/**
 * Reads the chat export of NextChat (its backup JSON), Open WebUI (chat export JSON) or LobeChat
 * (its export JSON). Every video in every assistant message, in any form the live capture knows
 * (`createVideoAnswerReader`: markdown, HTML, bare links, task lines), becomes a `done` entry
 * with the user message before it as its prompt and `source: 'chat-history'`. Ids are
 * `url:<videoKey>`, as live captures of task-less videos, so a video the library has is merged,
 * not doubled. Undefined when the text is none of these exports (the caller tries other formats).
 */
export function importChatHistory(text: string): ImportedChatHistory | undefined {
  // A bigger file is refused by the log import the caller tries next, with a message.
  if (text.length > MAX_LOG_CHARS) return undefined;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const { app, read } of READERS) {
    const found = read(root);
    if (found) return { app, chats: found.chats, updates: answerUpdates(found.answers.slice(0, MAX_ANSWERS)) };
  }
  return undefined;
}

function answerUpdates(answers: HistoryAnswer[]): EntryUpdate[] {
  const updates = new Map<string, EntryUpdate>();
  for (const answer of answers) {
    const reader = createVideoAnswerReader();
    reader.push(`${answer.text.slice(0, MAX_ANSWER_CHARS)}\n`);
    reader.end();
    const prompt = (reader.answer.task?.prompt ?? oneLine(answer.prompt))?.slice(0, MAX_PROMPT_CHARS);
    const model = oneLine(answer.model)?.slice(0, MAX_MODEL_CHARS);
    reader.answer.videos.forEach((video, index) => {
      const { id, ...link } = linkEntryIdentity(video.videoUrl);
      if (updates.has(id)) return;
      // A chat export names no page: the entry belongs to where its video lives.
      const origin = new URL(video.videoUrl).origin;
      updates.set(id, {
        id,
        status: 'done',
        progress: 0,
        videoUrl: video.videoUrl,
        ...link,
        ...(video.unconfirmed ? { needsCheck: true } : {}),
        ...(video.coverUrl ? { coverUrl: video.coverUrl } : {}),
        ...(prompt ? { prompt } : {}),
        ...(model ? { model } : {}),
        site: origin,
        pageUrl: video.videoUrl,
        endpointUrl: video.videoUrl,
        index,
        source: 'chat-history',
      });
    });
  }
  return [...updates.values()];
}

function oneLine(text: string | undefined): string | undefined {
  const trimmed = text?.slice(0, MAX_PROMPT_CHARS * 2).replace(/\s+/g, ' ').trim();
  return trimmed || undefined;
}
