/**
 * The last user message of an OpenAI-style chat request body, or `undefined` when the body is not one.
 * Content may be a string or a list of parts (`{ type: 'text', text }`), as the API allows both.
 */
export function readUserPrompt(body: string): string | undefined {
  let request: unknown;
  try {
    request = JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
  if (!isRecord(request) || !Array.isArray(request.messages)) return undefined;
  const messages: unknown[] = request.messages;
  const user = messages.findLast((message) => isRecord(message) && message.role === 'user');
  if (!isRecord(user)) return undefined;
  const { content } = user;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return undefined;
  const parts: unknown[] = content;
  const text = parts
    .map((part) => (isRecord(part) && part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
  return text === '' ? undefined : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
