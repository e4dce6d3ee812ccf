import { statelessDialect, type Dialect } from './dialect';

/**
 * A bare text body: the Vercel AI SDK's text stream (`toTextStreamResponse()`,
 * `streamProtocol: 'text'`, `TextStreamChatTransport`) sends the answer as it is, with no
 * framing and no end marker. The reassembler's `text` framing hands the body over piece by
 * piece (`message.text`); every piece is answer text, and the body's whole end is the answer's
 * end. Nothing JSON is ever read here.
 */
export const plainText: Dialect = {
  ...statelessDialect('plain-text', ({ json, text }) => {
    if (text === undefined || json !== undefined) return undefined;
    return text === '' ? {} : { text };
  }),
  endsWithBody: true,
};
