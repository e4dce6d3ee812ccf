import axios, { type AxiosProgressEvent } from 'axios';
import { exposeClient } from '../client-result';

// chatgpt-web's page (src/views/chat/index.vue, src/api/index.ts): axios posts to
// /api/chat-process over XMLHttpRequest and, on every download progress event, reads the
// growing responseText, takes what follows its last line break (searched from length - 2) and
// parses it as the latest ChatMessage, whose `text` is the whole answer so far.
exposeClient(async () => {
  const seen: string[] = [];
  let text = '';
  await axios.post(
    '/api/chat-process',
    { prompt: '一条狗', options: {} },
    {
      adapter: 'xhr',
      onDownloadProgress: ({ event }: AxiosProgressEvent) => {
        const xhr = (event as ProgressEvent).target as XMLHttpRequest;
        const { responseText } = xhr;
        seen.push(responseText);
        const lastIndex = responseText.lastIndexOf('\n', responseText.length - 2);
        const chunk = lastIndex === -1 ? responseText : responseText.substring(lastIndex);
        try {
          const data = JSON.parse(chunk) as { text: string };
          text = data.text;
        } catch {
          // The last message is still arriving; the next event has it whole.
        }
      },
    },
  );
  return { text, received: seen };
});
