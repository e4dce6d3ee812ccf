import { describe, expect, it } from 'vitest';
import { parseEngineIoPacket, parseSocketIoFrame } from '@/src/transport/socket-io-packets';

describe('parseEngineIoPacket', () => {
  it('reads the packet type of each Engine.IO frame', () => {
    expect(parseEngineIoPacket('0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000}')).toEqual({
      type: 'open',
      data: '{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000}',
    });
    expect(parseEngineIoPacket('2')).toEqual({ type: 'ping', data: '' });
    expect(parseEngineIoPacket('3probe')).toEqual({ type: 'pong', data: 'probe' });
    expect(parseEngineIoPacket('40{"sid":"b"}')).toEqual({ type: 'message', data: '0{"sid":"b"}' });
    expect(parseEngineIoPacket('6')).toEqual({ type: 'noop', data: '' });
  });

  it('refuses what is not Engine.IO', () => {
    for (const frame of ['', '7', '9', 'x', '{"a":1}', ' 4']) expect(parseEngineIoPacket(frame)).toBeUndefined();
  });
});

describe('parseSocketIoFrame', () => {
  it('reads an event with its first argument', () => {
    expect(parseSocketIoFrame('42["chat-events",{"chat_id":"c","message_id":"m","data":{"type":"status"}}]')).toEqual({
      namespace: '/',
      event: 'chat-events',
      data: { chat_id: 'c', message_id: 'm', data: { type: 'status' } },
    });
  });

  it('reads namespaces and ack ids', () => {
    expect(parseSocketIoFrame('42/admin,["x",1]')).toEqual({ namespace: '/admin', event: 'x', data: 1 });
    expect(parseSocketIoFrame('4217["x","y"]')).toEqual({ namespace: '/', event: 'x', data: 'y' });
    expect(parseSocketIoFrame('42/admin,5["x"]')).toEqual({ namespace: '/admin', event: 'x', data: undefined });
  });

  it('keeps text exactly: multibyte, escapes, line separators', () => {
    const content = '一条狗 🐕\n\u2028"quoted"';
    expect(parseSocketIoFrame(`42${JSON.stringify(['chat-events', { content }])}`)?.data).toEqual({ content });
  });

  it('skips control, connect, ack and binary packets and malformed text', () => {
    for (const frame of [
      '0{"sid":"a"}',
      '2',
      '3',
      '40',
      '40{"sid":"b"}',
      '41',
      '43["reply"]',
      '431["reply"]',
      '451-["upload",{"_placeholder":true,"num":0}]',
      '42',
      '42{"not":"an array"}',
      '42[1,2]',
      '42["unterminated',
      '42/admin["missing comma"]',
      'hello',
    ]) {
      expect(parseSocketIoFrame(frame), frame).toBeUndefined();
    }
  });
});
