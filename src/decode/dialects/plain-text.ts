import { statelessDialect } from './dialect';

/**
 * A bare text body: the Vercel AI SDK's text stream (`toTextStreamResponse()`,
 * `streamProtocol: 'text'`, `TextStreamChatTransport`) sends the answer as it is, with no
 * framing and no end marker. The reassembler's `text` framing hands the body over piece by
 * piece (`message.text`); every piece is answer text. Nothing JSON is ever read here.
 */
export const plainText = statelessDialect('plain-text', ({ json, text }) => {
  if (text === undefined || json !== undefined) return undefined;
  return text === '' ? {} : { text };
});
