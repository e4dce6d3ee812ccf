import type { Dialect } from './dialect';
import { openAiChat } from './openai-chat';

/** Every dialect the extension understands, tried in this order on a stream's first messages. */
export const DIALECTS: readonly Dialect[] = [openAiChat];

export type { Dialect, DialectMessage, DialectRead, DialectReader } from './dialect';
