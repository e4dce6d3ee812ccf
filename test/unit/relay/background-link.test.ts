import { beforeEach, describe, expect, it } from 'vitest';
import type { BackgroundToRelayMessage, RelayMessage, StreamOpen } from '@/src/protocol/messages';
import { createBackgroundLink, type BackgroundLink } from '@/src/relay/background-link';
import { createFakePort, type FakePort } from '../../support/fake-port';

type Port = FakePort<BackgroundToRelayMessage, RelayMessage>;
const open: StreamOpen = { type: 'stream-open', streamId: 'n0-1', endpointUrl: 'https://example.test/api', contentType: 'application/json', startedAt: 0 };

let ports: Port[];
let received: BackgroundToRelayMessage[];
let events: string[];
let unconfirmed: boolean;
let refuseConnect: boolean;
let link: BackgroundLink;

beforeEach(() => {
  ports = [];
  received = [];
  events = [];
  unconfirmed = true;
  refuseConnect = false;
  link = createBackgroundLink({
    connect() {
      if (refuseConnect) throw new Error('Extension context invalidated.');
      const port = createFakePort<BackgroundToRelayMessage, RelayMessage>();
      ports.push(port);
      return port;
    },
    warn: (message) => events.push(`warn: ${message}`),
    onMessage: (message) => received.push(message),
    unconfirmed: () => unconfirmed,
    onReconnect: () => events.push('reconnect'),
    onStop: () => events.push('stop'),
  });
});

describe('createBackgroundLink', () => {
  it('opens its Port on the first message and passes on what the background sends', () => {
    expect(ports).toHaveLength(0);
    link.send(open);
    link.send(open);
    expect(ports).toHaveLength(1);
    expect(ports[0]!.posted).toEqual([open, open]);
    ports[0]!.deliver({ type: 'stream-closed', streamId: 'n0-1' });
    expect(received).toEqual([{ type: 'stream-closed', streamId: 'n0-1' }]);
  });

  it('opens a new Port at once when the old one breaks with something unconfirmed, and has it replayed', () => {
    link.send(open);
    ports[0]!.drop();
    expect(ports).toHaveLength(2);
    expect(events).toEqual(['reconnect']);
    link.send(open);
    expect(ports[1]!.posted).toEqual([open]);
  });

  it('waits for the next message to open a new Port when nothing was unconfirmed', () => {
    link.send(open);
    unconfirmed = false;
    ports[0]!.drop();
    expect(ports).toHaveLength(1);
    expect(events).toEqual([]);
    link.send(open);
    expect(ports).toHaveLength(2);
  });

  it('stops for good when no Port can be opened', () => {
    refuseConnect = true;
    link.send(open);
    expect(link.stopped()).toBe(true);
    expect(events).toEqual(['warn: capture relay stopped: Error: Extension context invalidated.', 'stop']);
    refuseConnect = false;
    link.send(open);
    expect(ports).toHaveLength(0);
  });

  it('closes its Port when stopped, and does not reconnect after', () => {
    link.send(open);
    link.stop();
    expect(events).toEqual(['stop']);
    expect(() => ports[0]!.postMessage(open)).toThrow();
    ports[0]!.drop();
    link.send(open);
    expect(ports).toHaveLength(1);
  });
});
