/**
 * Micro benchmark: 2,000 sequential GETs through ScimClient vs raw undici `request`, against a
 * node:http server running in a worker thread (so the server does not share the event loop).
 * Median of 5 runs each (interleaved), prints the ratio ScimClient / raw.
 *
 * Run (node 20 cannot run TypeScript directly; `out/` is git-ignored):
 *   npx tsc simulator/scim/client.bench.ts --outDir out/bench --rootDir . --module nodenext \
 *     --moduleResolution nodenext --target es2023 --strict --skipLibCheck \
 *     && node out/bench/simulator/scim/client.bench.js [requests] [runs]
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Agent, request } from 'undici';
import { ScimClient } from './client.js';
import { Redactor } from './redact.js';

const REQUESTS = Number(process.argv[2] ?? 2_000);
const RUNS = Number(process.argv[3] ?? 5);
const TOKEN = 'bench-token-0123456789abcdef';

const SERVER = `
const { createServer } = require('node:http');
const { parentPort } = require('node:worker_threads');
const body = JSON.stringify({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: '2819c223-7f76-453a-919d-413861904646',
  userName: 'bjensen@example.com',
  name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen III' },
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  active: true,
  meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z',
          version: 'W/"3694e05e9dff591"', location: 'https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646' },
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/scim+json', 'Content-Length': Buffer.byteLength(body), ETag: 'W/"3694e05e9dff591"' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function runRaw(base: string, n: number): Promise<number> {
  const agent = new Agent({ pipelining: 1 });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const res = await request(`${base}/scim/v2/Users/${i}`, {
      dispatcher: agent,
      headers: { accept: 'application/scim+json', authorization: `Bearer ${TOKEN}` },
    });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`raw: status ${res.statusCode}`);
  }
  const ms = performance.now() - t0;
  await agent.close();
  return ms;
}

async function runClient(base: string, n: number): Promise<number> {
  const client = new ScimClient({
    baseUrl: `${base}/scim/v2`,
    token: TOKEN,
    redactor: new Redactor(['another-secret-value', 'PASSWORD-xyz-123']),
    idPrefix: 'b-',
  });
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const ex = await client.send({ method: 'GET', path: `/Users/${i}` });
    if (ex.response?.status !== 200) throw new Error(`client: ${ex.error?.message ?? ex.response?.status}`);
  }
  const ms = performance.now() - t0;
  await client.close();
  return ms;
}

async function main(): Promise<void> {
  const worker = new Worker(SERVER, { eval: true });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await runRaw(base, 1_000); // warm-up (JIT, sockets)
    await runClient(base, 1_000);
    const raw: number[] = [];
    const cli: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      raw.push(await runRaw(base, REQUESTS));
      cli.push(await runClient(base, REQUESTS));
    }
    const mr = median(raw);
    const mc = median(cli);
    const fmt = (ms: number) => `${ms.toFixed(1)} ms (${((REQUESTS / ms) * 1000).toFixed(0)} req/s, ${((ms / REQUESTS) * 1000).toFixed(1)} µs/req)`;
    console.log(`${REQUESTS} sequential GETs, median of ${RUNS} runs`);
    console.log(`  raw undici request : ${fmt(mr)}   runs: ${raw.map((x) => x.toFixed(0)).join(', ')}`);
    console.log(`  ScimClient.send    : ${fmt(mc)}   runs: ${cli.map((x) => x.toFixed(0)).join(', ')}`);
    console.log(`  ratio ScimClient / raw = ${(mc / mr).toFixed(3)}`);
  } finally {
    await worker.terminate();
  }
}

await main();
