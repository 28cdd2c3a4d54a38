import { parseArgs } from 'node:util';
import { startReferenceServer } from '../../simulator/target/reference/server.js';
import type { CliIo } from './cli-io.js';
import { EXIT_OK, UsageError } from './exit-codes.js';
import { strictParse } from './strict-parse.js';

const HELP = `Usage: scimsim serve [--port N] [--host ADDR]

Starts the reference SCIM server (in memory) and prints its base URL. Valid bearer tokens come
from $SCIMSIM_TOKENS (comma-separated); they are never printed. Stop it with Ctrl-C.

Options:
  --port N       port to listen on (default 8080; 0 picks a free one)
  --host ADDR    address to bind (default 127.0.0.1)`;

const OPTIONS = {
  port: { type: 'string', default: '8080' },
  host: { type: 'string', default: '127.0.0.1' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `scimsim serve`: runs until interrupted. */
export async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = strictParse(() => parseArgs({ args: argv, options: OPTIONS, strict: true }), Object.keys(OPTIONS));
  if (values.help) {
    io.stdout.write(`${HELP}\n`);
    return EXIT_OK;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got '${values.port}'`);
  const tokens = (io.env['SCIMSIM_TOKENS'] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  if (tokens.length === 0) throw new UsageError('set SCIMSIM_TOKENS to one or more comma-separated bearer tokens', 'e.g. SCIMSIM_TOKENS=dev-token scimsim serve');
  const server = await startReferenceServer({ port, host: values.host, tokens });
  io.stdout.write(`${server.url}\n`);
  io.stderr.write(`scimsim reference server: ${tokens.length} token${tokens.length === 1 ? '' : 's'} accepted; Ctrl-C stops it\n`);
  await new Promise<void>((resolve) => {
    if (io.interrupted?.aborted) resolve();
    io.interrupted?.addEventListener('abort', () => resolve(), { once: true });
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  return EXIT_OK;
}
