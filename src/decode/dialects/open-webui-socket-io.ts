import { createOpenWebUiEventReader, OPEN_WEBUI_CHAT_EVENT } from '../../transport/open-webui-events';
import { parseEngineIoPacket, parseSocketIoFrame } from '../../transport/socket-io-packets';
import type { Dialect, DialectRead } from './dialect';

/**
 * Open WebUI over Socket.IO, as a dialect of a copied WebSocket (WEBSOCKET_CONTENT_TYPE):
 * each NDJSON line is one frame's text, so a message's `json` is a string such as
 * `42["chat-events",{…}]`. Every Engine.IO frame is claimed (the handshake and pings come
 * first and must not look like an unknown dialect); `chat-events` give the answer's text.
 */
export const openWebUiSocketIo: Dialect = {
  name: 'open-webui-socket-io',
  create() {
    const reader = createOpenWebUiEventReader();
    let currentMessage: string | undefined;
    return {
      read({ json }) {
        if (typeof json !== 'string' || !parseEngineIoPacket(json)) return undefined;
        const event = parseSocketIoFrame(json);
        const update = event?.event === OPEN_WEBUI_CHAT_EVENT ? reader.read(event.data) : undefined;
        const read: DialectRead = {};
        if (update && update.messageId !== currentMessage) {
          // Open WebUI keeps one socket per tab: each new message id is the next answer.
          if (currentMessage !== undefined) read.answerStart = true;
          currentMessage = update.messageId;
        }
        if (update?.text) read.text = update.text;
        if (update?.model) read.model = update.model;
        if (update?.done) read.finished = true;
        if (update?.rewritten) {
          // Open WebUI replaced text already passed on: what follows is appended after it.
          read.issue = { type: 'unsupported-delta', message: 'the answer was rewritten mid-stream' };
        }
        return read;
      },
    };
  },
};
