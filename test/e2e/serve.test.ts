import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { request } from 'undici';

const BIN = fileURLToPath(new URL('../../bin/scimsim.js', import.meta.url));

describe('scimsim serve', () => {
  it('prints its base URL, accepts every token of SCIMSIM_TOKENS, and stops on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: { PATH: process.env['PATH'] ?? '', SCIMSIM_TOKENS: 'tok-one-1234, tok-two-5678' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const line = stdout.split('\n')[0];
        if (stdout.includes('\n') && line) resolve(line.trim());
      });
      child.on('exit', () => reject(new Error(`serve exited early: ${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
    for (const token of ['tok-one-1234', 'tok-two-5678']) {
      const res = await request(`${url}/ServiceProviderConfig`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
      await res.body.dump();
    }
    const denied = await request(`${url}/Users`, { headers: { authorization: 'Bearer wrong' } });
    expect(denied.statusCode).toBe(401);
    await denied.body.dump();
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout + stderr).not.toMatch(/tok-one|tok-two/);
  });

  it('refuses to start without tokens (exit 2)', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/SCIMSIM_TOKENS/);
  });
});
