import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScenarioFileError, formatDiagnosticLine } from '../diagnostics/diagnostic.js';
import { findSuites, loadSuite } from './suite.js';
import { validateFiles } from './validate-files.js';

let root: string;
const scenario = (title: string, extra = ''): string => `scenario: ${title}\n${extra}steps:\n  - advance: 1m\n`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'scimsim-suites-'));
  await mkdir(join(root, 'alpha', 'nested'), { recursive: true });
  await mkdir(join(root, 'beta'));
  await mkdir(join(root, 'loose'));
  await mkdir(join(root, 'node_modules', 'x'), { recursive: true });
  await writeFile(join(root, 'alpha', 'suite.yaml'), 'suite: alpha\ndescription: The first suite\n');
  await writeFile(join(root, 'alpha', 'b.yaml'), scenario('B'));
  await writeFile(join(root, 'alpha', 'a.yaml'), scenario('A'));
  await writeFile(join(root, 'alpha', 'B-upper.yaml'), scenario('Upper', 'id: shared\n'));
  await writeFile(join(root, 'alpha', 'notes.md'), 'not a scenario');
  await writeFile(join(root, 'alpha', 'nested', 'suite.yaml'), 'suite: nested\n');
  await writeFile(join(root, 'beta', 'suite.yaml'), 'suite: beta\nname: oops\n');
  await writeFile(join(root, 'loose', 'c.yaml'), scenario('C', 'id: shared\n'));
  await writeFile(join(root, 'loose', 'broken.yaml'), 'scenario: broken\nsteps:\n  - advance: soon\n');
  await writeFile(join(root, 'node_modules', 'x', 'suite.yaml'), 'suite: ignored\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadSuite', () => {
  it('reads the manifest and lists scenario files in code-point order', async () => {
    const suite = await loadSuite(join(root, 'alpha'));
    expect(suite).toEqual({
      name: 'alpha',
      description: 'The first suite',
      dir: join(root, 'alpha'),
      files: ['B-upper.yaml', 'a.yaml', 'b.yaml'].map((f) => join(root, 'alpha', f)),
    });
  });

  it('rejects a manifest with unknown keys, with a location', async () => {
    const error = await loadSuite(join(root, 'beta')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioFileError);
    expect((error as ScenarioFileError).diagnostics.map(formatDiagnosticLine)).toEqual([
      `${join(root, 'beta', 'suite.yaml')}:2:1: unknown key 'name' (expected one of: suite, description, target)`,
    ]);
  });

  it('reports a missing manifest as a ScenarioFileError', async () => {
    await expect(loadSuite(join(root, 'loose'))).rejects.toThrow(/no such file/);
  });
});

describe('findSuites', () => {
  it('finds every folder with a suite.yaml, skipping node_modules', async () => {
    await writeFile(join(root, 'beta', 'suite.yaml'), 'suite: beta\n');
    const suites = await findSuites(root);
    expect(suites.map((s) => s.name)).toEqual(['alpha', 'nested', 'beta']);
    expect(suites[1]?.files).toEqual([]);
  });
});

describe('validateFiles', () => {
  it('checks files, manifests and folders, and reports ids used twice', async () => {
    const results = await validateFiles([join(root, 'alpha'), join(root, 'loose'), join(root, 'missing.yaml')], { env: {} });
    const summary = results.map((r) => [r.file.slice(root.length + 1), r.diagnostics.map((d) => `${d.location.line}:${d.location.col}: ${d.message}`)]);
    expect(summary).toEqual([
      ['missing.yaml', ['1:1: no such file or directory']],
      ['alpha/B-upper.yaml', []],
      ['alpha/a.yaml', []],
      ['alpha/b.yaml', []],
      ['alpha/nested/suite.yaml', []],
      ['alpha/suite.yaml', []],
      ['loose/broken.yaml', ["3:14: invalid value 'soon'"]],
      ['loose/c.yaml', ["1:1: scenario id 'shared' is already used by " + join(root, 'alpha', 'B-upper.yaml')]],
    ]);
    expect(results[1]?.source).toContain('scenario: Upper');
  });

  it('takes the suite name for default ids from the folder manifest', async () => {
    const results = await validateFiles([join(root, 'alpha', 'a.yaml'), join(root, 'loose', 'c.yaml')], { env: {} });
    expect(results.every((r) => r.diagnostics.length === 0)).toBe(true);
  });
});
