import { exposeClient } from '../client-result';
import { streamOpenAiChat } from './openai-stream';

// A chat page talking to a sora2api-style relay through the official SDK: progress streams in
// `delta.reasoning_content`, the answer is a fenced html <video> block in `delta.content`.
exposeClient(() => streamOpenAiChat({ baseURL: `${location.origin}/relay/v1`, model: 'sora-video-10s', prompt: 'a corgi surfing at sunset' }));
