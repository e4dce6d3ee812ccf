/** Engine.IO packet types, by their digit (protocol v3 and v4 alike). */
const ENGINE_IO_TYPES = ['open', 'close', 'ping', 'pong', 'message', 'upgrade', 'noop'] as const;

export type EngineIoPacketType = (typeof ENGINE_IO_TYPES)[number];

/** One Engine.IO packet: a WebSocket text frame of a Socket.IO connection. */
export interface EngineIoPacket {
  type: EngineIoPacketType;
  /** What follows the type digit: the handshake JSON of `open`, the Socket.IO packet of `message`, the probe of `ping`. */
  data: string;
}

/** A Socket.IO event the server emitted (`socket.emit(event, data)`). */
export interface SocketIoEvent {
  /** `/` unless the packet names another namespace. */
  namespace: string;
  event: string;
  /** The event's first argument (Open WebUI emits exactly one). */
  data: unknown;
}

/**
 * Reads the Engine.IO framing of one WebSocket text frame (`0{…}` open, `2`/`3` ping/pong,
 * `4…` message), or undefined when the frame is not one. Over WebSocket every frame is one
 * packet; binary frames (attachments) never reach here.
 */
export function parseEngineIoPacket(frame: string): EngineIoPacket | undefined {
  const type = ENGINE_IO_TYPES[frame.charCodeAt(0) - 48];
  return type ? { type, data: frame.slice(1) } : undefined;
}

/**
 * Reads one WebSocket text frame of Socket.IO (v2–v4 servers) into the event it carries:
 * `42["chat-events",{…}]`, `42/admin,["x",1]`, `4217["x",1]` (with an ack id).
 * Everything else is undefined: Engine.IO control packets, Socket.IO connect/disconnect and
 * ack packets, binary events (their payload is only placeholders until the attachments
 * arrive, in binary frames), and malformed text.
 * https://socket.io/docs/v4/socket-io-protocol/#packet-encoding
 */
export function parseSocketIoFrame(frame: string): SocketIoEvent | undefined {
  const packet = parseEngineIoPacket(frame);
  if (packet?.type !== 'message' || packet.data[0] !== '2') return undefined;
  let rest = packet.data.slice(1);
  let namespace = '/';
  if (rest[0] === '/') {
    const comma = rest.indexOf(',');
    if (comma < 0) return undefined;
    namespace = rest.slice(0, comma);
    rest = rest.slice(comma + 1);
  }
  // An ack id: digits before the payload.
  rest = rest.replace(/^\d+/, '');
  if (rest[0] !== '[') return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(rest);
  } catch {
    return undefined;
  }
  if (!Array.isArray(payload) || typeof payload[0] !== 'string') return undefined;
  return { namespace, event: payload[0], data: payload[1] };
}
