import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../simulator/target/reference/server.js';
import type { RunResult } from '../../suites/model/result.js';
import { startBreakingProxy } from './breaking-proxy.js';
import { junitSchemaErrors } from '../../reports/fixtures/junit-schema.js';
import { RUN_DATA_ID } from '../../reports/html.js';

const BIN = fileURLToPath(new URL('../../bin/scimsim.js', import.meta.url));
const TOKEN = 'interrupt-token-5c2e81';

describe('scimsim run interrupted by SIGINT', () => {
  it('finishes the request in flight, writes every report with what ran, and exits 130', async () => {
    const upstream = await startReferenceServer({ port: 0, tokens: [TOKEN] });
    let hung!: () => void;
    const firstHang = new Promise<void>((resolve) => (hung = resolve));
    // The first GET /Groups hangs: that is when the user presses Ctrl-C.
    const proxy = await startBreakingProxy(upstream.url, async (req) => {
      if (req.method === 'GET' && req.url.split('?')[0]!.endsWith('/Groups')) {
        hung();
        return 'hang';
      }
      return 'pass';
    });
    const out = await mkdtemp(join(tmpdir(), 'scimsim-sigint-'));
    try {
      const child = spawn(
        process.execPath,
        [BIN, 'run', '--suite', 'core', '--target', proxy.url, '--timeout', '1000', '--reporter', `json=${join(out, 'run.json')}`, '--reporter', `junit=${join(out, 'junit.xml')}`, '--reporter', `html=${join(out, 'report.html')}`, '--reporter', `markdown=${join(out, 'summary.md')}`],
        { env: { PATH: process.env['PATH'] ?? '', CI: 'true', NO_COLOR: '1', SCIM_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await firstHang;
      child.kill('SIGINT');
      expect(await exited, output).toBe(130);

      const result = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as RunResult;
      expect(result.status).toBe('interrupted');
      const ran = result.suites.flatMap((s) => s.scenarios);
      expect(ran.length).toBeGreaterThan(0);
      expect(ran.length).toBeLessThan(13);
      expect(await junitSchemaErrors(await readFile(join(out, 'junit.xml'), 'utf8'))).toEqual([]);
      expect(await readFile(join(out, 'summary.md'), 'utf8')).toMatch(/^### ⏹️ scimsim: interrupted after \d+ scenarios?/);
      const html = await readFile(join(out, 'report.html'), 'utf8');
      const embedded = new RegExp(`<script type="application/json" id="${RUN_DATA_ID}">([\\s\\S]*?)</script>`).exec(html);
      expect((JSON.parse(embedded![1]!) as RunResult).status).toBe('interrupted');
      for (const text of [html, await readFile(join(out, 'summary.md'), 'utf8')]) expect(text).not.toContain(TOKEN);
      expect(output).not.toContain(TOKEN);
    } finally {
      await proxy.close();
      await upstream.close();
    }
  });
});
