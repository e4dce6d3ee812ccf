import { isRecord, nonBlank, statelessDialect, type DialectRead } from './dialect';

/**
 * Google Gemini `generateContent` / `streamGenerateContent` responses, whether streamed as SSE
 * (`alt=sse`), as one JSON array streamed element by element, or whole: the text is in
 * `candidates[0].content.parts[].text` (parts marked `thought` are thinking, not the answer),
 * `finishReason` ends it and `modelVersion` names the model. A prompt blocked outright comes
 * back with `promptFeedback.blockReason` and no candidates.
 */
export const gemini = statelessDialect('gemini', ({ json: message }) => {
  if (!isRecord(message)) return undefined;
  const blocked = isRecord(message.promptFeedback) ? nonBlank(message.promptFeedback.blockReason) : undefined;
  if (!Array.isArray(message.candidates) && !blocked) return undefined;
  const read: DialectRead = {};
  const model = nonBlank(message.modelVersion);
  // The REST API says `models/gemini-…`; the name alone is what users know.
  if (model) read.model = model.replace(/^models\//, '');
  if (blocked) {
    read.finished = true;
    read.issue = { type: 'server-error', message: `the prompt was blocked: ${blocked.slice(0, 100)}` };
    return read;
  }
  const candidates = message.candidates as unknown[];
  const candidate = candidates.find((item) => isRecord(item) && (item.index ?? 0) === 0);
  if (!isRecord(candidate)) return read;
  const parts = isRecord(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts : [];
  const text = (parts as unknown[])
    .map((part) => (isRecord(part) && part.thought !== true && typeof part.text === 'string' ? part.text : ''))
    .join('');
  if (text !== '') read.text = text;
  if (nonBlank(candidate.finishReason)) read.finished = true;
  return read;
});
