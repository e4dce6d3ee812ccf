import { describe, it } from 'vitest';
import { expectOpenWebUiChatEvents } from './support/client-expectations';
import { useClientHarness } from './support/client-harness';

const harness = useClientHarness(['socket-io']);

describe('socket.io-client (WebSocket), as Open WebUI streams answers', () => {
  it('delivers every chat-events payload unchanged and the video is stored once', async () => {
    const result = await harness.runClient('socket-io');
    expectOpenWebUiChatEvents(result);

    // Needs the decode layer to read WEBSOCKET_CONTENT_TYPE streams with the Open WebUI
    // Socket.IO dialect (src/transport/open-webui-socket-dialect.ts).
    await harness.expectSeedStoredOnce({
      // The socket's URL, as http: (the background takes http(s) endpoints only).
      endpointUrl: `${harness.site.origin}/ws/socket.io/`,
      pageUrl: harness.site.pageUrl('socket-io'),
    });
  });
});
