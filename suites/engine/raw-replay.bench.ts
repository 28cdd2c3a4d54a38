import { Pool } from 'undici';
import type { Exchange } from '../../simulator/scim/exchange.js';

/**
 * Benchmark support: the reference each benchmark divides by. The same requests, bare, on one
 * keep-alive connection to the same server, with the redacted token put back.
 */
export async function rawReplay(exchanges: readonly Exchange[], token: string): Promise<number> {
  const origin = new URL(exchanges[0]!.request.url).origin;
  const pool = new Pool(origin, { connections: 1 });
  const started = performance.now();
  for (const e of exchanges) {
    const url = new URL(e.request.url);
    const headers = { ...e.request.headers };
    if (headers['authorization']) headers['authorization'] = headers['authorization'].replace(/‹redacted›/, token);
    const res = await pool.request({ method: e.request.method as 'GET', path: `${url.pathname}${url.search}`, headers, body: e.request.body });
    await res.body.text();
  }
  const ms = performance.now() - started;
  await pool.close();
  return ms;
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
