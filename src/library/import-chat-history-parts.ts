/** Shapes and helpers the chat-history readers share (one file per app beside this one). */

/** One answer of a chat, with the user message it answered. */
export interface HistoryAnswer {
  text: string;
  /** The user's message before the answer, when the file has one. */
  prompt?: string;
  model?: string;
}

/** What an app's reader finds in its export: how many chats, and every answer in them. */
export interface HistoryRead {
  chats: number;
  answers: HistoryAnswer[];
}

/** The text of a message's `content`: a string, or the text parts of a multimodal list. */
export function messageText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts = content.slice(0, 1000).flatMap((part) => {
    const value = record(part);
    return value?.type === 'text' && typeof value.text === 'string' ? [value.text] : [];
  });
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** `value` as a plain object, or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `value` when it is a string. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An answer as the readers report it: a prompt or model only when the file has one. */
export function historyAnswer(text: string, prompt: string | undefined, model: string | undefined): HistoryAnswer {
  return { text, ...(prompt === undefined ? {} : { prompt }), ...(model ? { model } : {}) };
}

/**
 * The answers of a flat message list (`{ role, content, model? }` in order): each assistant
 * message, with the last user message before it as its prompt, and its `model` when `withModel`.
 */
export function listAnswers(messages: readonly unknown[], withModel: boolean): HistoryAnswer[] {
  const answers: HistoryAnswer[] = [];
  let prompt: string | undefined;
  for (const value of messages) {
    const message = record(value);
    const text = messageText(message?.content);
    if (!message || text === undefined) continue;
    if (message.role === 'user') prompt = text;
    else if (message.role === 'assistant') answers.push(historyAnswer(text, prompt, withModel ? stringOf(message.model) : undefined));
  }
  return answers;
}
