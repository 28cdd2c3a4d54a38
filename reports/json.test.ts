import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeStream } from './fixtures/fake-stream.js';
import { NASTY, sampleRun } from './fixtures/sample-run.js';
import { JsonReporter, parseRunResult, readRunResult, renderJson, RunResultFormatError } from './json.js';

describe('JsonReporter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'scimsim-json-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the whole run, formatVersion first, pretty-printed, and reads it back unchanged', async () => {
    const path = join(dir, 'out', 'run.json');
    await new JsonReporter({ path }).onRunEnd(sampleRun());
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('{\n  "formatVersion": 1,\n  "tool"')).toBe(true);
    const back = await readRunResult(path);
    const { formatVersion, ...run } = back;
    expect(formatVersion).toBe(1);
    expect(run).toEqual(sampleRun());
    // Bodies are kept exactly, control characters and all (JSON escapes them).
    expect(JSON.stringify(back)).toContain(JSON.stringify(NASTY).slice(1, -1));
  });

  it('goes to the stream without a path', async () => {
    const stream = new FakeStream();
    const reporter = new JsonReporter({ stream });
    expect(reporter.printsToStdio()).toBe(true);
    await reporter.onRunEnd(sampleRun());
    expect(stream.text).toBe(renderJson(sampleRun()));
  });

  it('refuses files that are not a readable report, saying why', async () => {
    const write = async (name: string, text: string) => {
      const path = join(dir, name);
      await writeFile(path, text);
      return path;
    };
    await expect(readRunResult(join(dir, 'missing.json'))).rejects.toThrow(/cannot read the file \(ENOENT\)/);
    await expect(readRunResult(await write('bad.json', '{'))).rejects.toThrow(/not JSON/);
    await expect(readRunResult(await write('old.json', JSON.stringify({ tool: { name: 'scimsim' } })))).rejects.toThrow(/no formatVersion/);
    const future = { ...JSON.parse(renderJson(sampleRun())), formatVersion: 2 };
    await expect(readRunResult(await write('future.json', JSON.stringify(future)))).rejects.toThrow(/formatVersion 2 is not supported/);
    await expect(readRunResult(await write('future.json', JSON.stringify(future)))).rejects.toBeInstanceOf(RunResultFormatError);
  });

  it('checks the top-level shape', () => {
    const good = JSON.parse(renderJson(sampleRun())) as Record<string, unknown>;
    expect(() => parseRunResult([])).toThrow(/expected a JSON object/);
    expect(() => parseRunResult({ ...good, tool: { name: 'other' } })).toThrow(/tool.name/);
    expect(() => parseRunResult({ ...good, suites: {} })).toThrow(/suites is not a list/);
    expect(() => parseRunResult({ ...good, suites: [{ name: 'x' }] })).toThrow(/suites\[0\]/);
    expect(parseRunResult(good).formatVersion).toBe(1);
  });
});
