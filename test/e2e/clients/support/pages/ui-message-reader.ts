import { readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';

/**
 * Reads a transport's chunks the way `useChat` does (`readUIMessageStream` builds the assistant
 * message), handing each chunk to `record` on a tee of its own; returns the message's text.
 */
export async function readAssistantText(chunks: ReadableStream<UIMessageChunk>, record: (chunk: UIMessageChunk) => void): Promise<string> {
  const [forMessages, forRecord] = chunks.tee();
  const recording = (async () => {
    const reader = forRecord.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) record(next.value);
  })();
  let message: UIMessage | undefined;
  for await (const update of readUIMessageStream<UIMessage>({ stream: forMessages })) message = update;
  await recording;
  return (message?.parts ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
}
