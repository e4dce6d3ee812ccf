import { exposeClient } from '../client-result';
import { streamOpenAiChat } from './openai-stream';

// The official SDK in browser mode, streaming from the local site as if it were the API.
exposeClient(() => streamOpenAiChat({ baseURL: `${location.origin}/v1`, model: 'cogvideox-demo', prompt: '一条狗' }));
