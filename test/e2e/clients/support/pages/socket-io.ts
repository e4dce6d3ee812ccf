import { io } from 'socket.io-client';
import { exposeClient } from '../client-result';

interface ChatEvent {
  chat_id: string;
  message_id: string;
  data: { type: string; data: { content?: string; done?: boolean } };
}

// Open WebUI's client setup (src/routes/+layout.svelte): Socket.IO over WebSocket at /ws/socket.io,
// answers arriving as `chat-events` whose `chat:completion` content is the whole answer so far.
// The socket stays open after the answer, as it does in Open WebUI.
exposeClient(
  () =>
    new Promise((resolve, reject) => {
      const received: unknown[] = [];
      let text = '';
      const socket = io(location.origin, { path: '/ws/socket.io', transports: ['websocket'], reconnection: false });
      socket.on('connect_error', reject);
      socket.on('connect', () => socket.emit('chat', { chat_id: 'chat-1', message_id: 'message-1' }));
      socket.on('chat-events', (event: ChatEvent) => {
        received.push(event);
        const { type, data } = event.data;
        if (type !== 'chat:completion') return;
        if (data.content) text = data.content;
        if (data.done) resolve({ text, received });
      });
    }),
);
