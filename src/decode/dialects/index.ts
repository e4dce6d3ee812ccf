import { anthropicMessages } from './anthropic-messages';
import { chanzhaoyuChatGptWeb } from './chanzhaoyu-chatgpt-web';
import { chatGptWeb } from './chatgpt-web';
import type { Dialect } from './dialect';
import { gemini } from './gemini';
import { jsonMediaScan } from './json-media-scan';
import { lobeChat } from './lobechat';
import { ollama } from './ollama';
import { openAiChat } from './openai-chat';
import { openAiResponses } from './openai-responses';
import { openAiVideoRelay } from './openai-video-relay';
import { openWebUiSocketIo } from './open-webui-socket-io';
import { plainText } from './plain-text';
import { vercelAiDataStream } from './vercel-ai-data-stream';
import { vercelAiUiStream } from './vercel-ai-ui-stream';

/**
 * Every dialect the extension understands, tried in this order on a stream's first messages.
 * Dialects told apart by SSE event names come first (LobeChat's `event: data` can wrap an
 * OpenAI chunk that `openai-chat` would otherwise take), and a dialect that refines another
 * comes before it (`openai-video-relay` before `openai-chat`); the JSON media scan comes
 * last, as it is the only one that reads JSON of any shape.
 */
export const DIALECTS: readonly Dialect[] = [
  lobeChat,
  chatGptWeb,
  vercelAiDataStream,
  openAiVideoRelay,
  openAiChat,
  openAiResponses,
  anthropicMessages,
  gemini,
  ollama,
  vercelAiUiStream,
  openWebUiSocketIo,
  chanzhaoyuChatGptWeb,
  plainText,
  jsonMediaScan,
];

export type { Dialect, DialectIssue, DialectMessage, DialectRead, DialectReader } from './dialect';
