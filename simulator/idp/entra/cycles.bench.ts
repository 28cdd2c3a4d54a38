/**
 * Entra simulator cost: a simulated day of the provisioning job (the initial cycle, then 36
 * incremental cycles 40 minutes apart, with a few users and a group changing along the way)
 * against a real reference server on 127.0.0.1, compared with a raw replay of the same requests
 * through undici on one keep-alive connection, interleaved, median of N. The ratio says how much
 * the simulation (clock, scope, matching, mappings, bodies, logs, escrow) adds to the bare HTTP it
 * sends; "ms per simulated day" is what a 24-hour scenario costs. A day with no changes shows the
 * cost of the schedule alone.
 *
 * Run: npm run bench   (or, once built: node out/bench/simulator/idp/entra/cycles.bench.js [runs])
 */
import { performance } from 'node:perf_hooks';
import { seededFaker } from '../../../suites/engine/fake-values.js';
import { VirtualClock } from '../../../suites/engine/virtual-clock.js';
import { ScimClient } from '../../scim/client.js';
import type { Exchange } from '../../scim/exchange.js';
import { Redactor } from '../../scim/redact.js';
import { startReferenceServer } from '../../target/reference/server.js';
import { buildEntraDirectory } from './entra-directory.js';
import { DEFAULT_ENTRA_SETTINGS } from './settings.js';
import { EntraTenant } from './tenant.js';
import { median, rawReplay } from '../../../suites/engine/raw-replay.bench.js';

const RUNS = Number(process.argv[2] ?? 7);
const TOKEN = 'bench-token-entra-0123456789';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];

async function simulatedDay(changes: boolean): Promise<{ ms: number; exchanges: Exchange[]; cycles: number; url: string; close: () => Promise<void> }> {
  const server = await startReferenceServer({ port: 0, host: '127.0.0.1', tokens: [TOKEN] });
  const clock = new VirtualClock(Date.parse('2026-01-05T09:00:00Z'));
  const client = new ScimClient({ baseUrl: server.url, token: TOKEN, redactor: new Redactor([TOKEN]), now: () => clock.now() });
  const faker = seededFaker(7);
  const directory = buildEntraDirectory(
    { users: Object.fromEntries(USERS.map((key) => [key, { profile: { givenName: key, surname: 'Bench', mailNickname: `${key}.bench` } }])), groups: { team: { name: 'Team', members: ['alice', 'bob', 'carol'] } } },
    faker,
  );
  const tenant = new EntraTenant({ settings: DEFAULT_ENTRA_SETTINGS, directory, client, clock, random: () => faker.number.float() });
  const started = performance.now();
  tenant.assign(USERS, ['team']);
  await tenant.startProvisioning();
  for (let cycle = 1; cycle <= 36; cycle++) {
    if (changes) {
      tenant.updateUser(USERS[cycle % USERS.length]!, { surname: `Bench${cycle}` });
      if (cycle % 6 === 0) tenant.renameGroup('team', `Team ${cycle}`);
      if (cycle % 12 === 0) tenant.addToGroup('team', ['dave']);
      if (cycle % 12 === 6) tenant.removeFromGroup('team', ['dave']);
    }
    await tenant.nextCycle();
  }
  const ms = performance.now() - started;
  const cycles = tenant.state.cycles.length;
  if (tenant.state.state !== 'running' || cycles !== 37 || tenant.state.logs.some((row) => row.status === 'failure')) throw new Error('the simulated day did not run clean: the benchmark would measure the wrong thing');
  if (clock.now().getTime() - Date.parse('2026-01-05T09:00:00Z') !== DAY) throw new Error('the simulated day is not 24 hours long');
  return {
    ms,
    exchanges: [...tenant.exchanges],
    cycles,
    url: server.url,
    close: async () => {
      await tenant.close();
      await client.close();
      await server.close();
    },
  };
}

async function measure(): Promise<{ day: number; raw: number; quiet: number; exchanges: number; quietExchanges: number }> {
  const busy = await simulatedDay(true);
  try {
    const raw = await rawReplay(busy.exchanges, TOKEN);
    const quiet = await simulatedDay(false);
    await quiet.close();
    return { day: busy.ms, raw, quiet: quiet.ms, exchanges: busy.exchanges.length, quietExchanges: quiet.exchanges.length };
  } finally {
    await busy.close();
  }
}

await measure(); // warm-up: JIT, module loading
const runs: Array<Awaited<ReturnType<typeof measure>>> = [];
for (let i = 0; i < RUNS; i++) runs.push(await measure());
const day = median(runs.map((r) => r.day));
const raw = median(runs.map((r) => r.raw));
const quiet = median(runs.map((r) => r.quiet));
console.log(`Entra simulated day (initial + 36 incremental cycles, ${USERS.length} users, 1 group), median of ${RUNS}`);
console.log(`  busy day         ${day.toFixed(1)} ms per simulated day (${runs[0]!.exchanges} exchanges)`);
console.log(`  raw replay       ${raw.toFixed(1)} ms`);
console.log(`  ratio            ${(day / raw).toFixed(2)}× (simulated day / bare HTTP of its requests)`);
console.log(`  quiet day        ${quiet.toFixed(1)} ms per simulated day (${runs[0]!.quietExchanges} exchanges: only the initial cycle writes)`);
