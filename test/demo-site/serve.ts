/**
 * Runs the demo chat site: `npx tsx test/demo-site/serve.ts [--port 8787] [--host 127.0.0.1] [--quiet]`.
 * Ctrl-C stops it.
 */
import { parseArgs } from 'node:util';
import { startDemoServer } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    host: { type: 'string', default: '127.0.0.1' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0 picks a free one), got "${values.port}"`);
  process.exit(2);
}

const server = await startDemoServer({
  port,
  host: values.host,
  ...(!values.quiet && { onLog: (line: string) => console.log(line) }),
}).catch((error: unknown) => {
  console.error(`The demo site could not start on ${values.host}:${port}: ${String(error)}. Try another --port.`);
  process.exit(1);
});

console.log(`Video Keeper demo chat: ${server.origin}/`);
console.log(`Capture test page:      ${server.origin}/test/page.html`);
console.log('Ctrl-C stops it.');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().finally(() => process.exit(0));
  });
}
