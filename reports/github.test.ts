import { describe, expect, it } from 'vitest';
import { scenarioCases } from '../suites/model/report-cases.js';
import type { RunResult, ScenarioResult } from '../suites/model/result.js';
import { expectGolden } from './fixtures/golden.js';
import { FakeStream } from './fixtures/fake-stream.js';
import { passingRun, sampleRun } from './fixtures/sample-run.js';
import { GithubReporter, renderAnnotations } from './github.js';
import { escapeData, escapeProperty, workflowCommand } from './render/workflow-command.js';

const paths = { workspace: '/repo', cwd: '/repo' };

describe('workflow command escaping (actions/toolkit)', () => {
  it('escapes data and property values', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    expect(workflowCommand('error', { file: 'x.yaml', line: 3, col: 7, title: 'core › a, b: c' }, 'line 1\nline 2')).toBe(
      '::error file=x.yaml,line=3,col=7,title=core › a%2C b%3A c::line 1%0Aline 2',
    );
    expect(workflowCommand('notice', {}, 'plain')).toBe('::notice::plain');
  });
});

describe('renderAnnotations', () => {
  it('matches the golden file', () => {
    expectGolden(renderAnnotations(sampleRun(), paths).join('\n') + '\n', new URL('./fixtures/sample-run.annotations.txt', import.meta.url));
  });

  it('annotates each failure on its file and line, one command per line, with no ANSI', () => {
    const lines = renderAnnotations(sampleRun(), paths);
    const errors = lines.filter((l) => l.startsWith('::error '));
    const failed = sampleRun().suites.flatMap((s) => s.scenarios).flatMap((sc) => scenarioCases(sc)).filter((c) => c.status === 'failed' || c.status === 'errored');
    expect(errors).toHaveLength(failed.length);
    for (const line of lines) {
      expect(line).not.toMatch(/[\n\r\u001b]/);
      expect(line).toMatch(/^::(error|warning|notice)( [a-z]+=[^,:]*(,[a-z]+=[^,:]*)*)?::/);
    }
    expect(errors[0]).toMatch(/^::error file=scenarios\/core\/\S+\.yaml,line=\d+,col=\d+,title=/);
    expect(lines.at(-1)).toMatch(/^::notice title=scimsim::\d+ passed, \d+ failed, \d+ skipped/);
    expect(renderAnnotations(passingRun(), paths)).toEqual(['::notice title=scimsim::3 passed, 0 failed, 0 skipped']);
  });

  it('keeps to 10 errors per step and says how many it left out', () => {
    const run = sampleRun();
    const failing = run.suites.flatMap((s) => s.scenarios).find((sc) => sc.status === 'failed')!;
    const copies: ScenarioResult[] = Array.from({ length: 12 }, (_, i) => ({ ...structuredClone(failing), id: `${failing.id}-${i}` }));
    const big: RunResult = { ...run, suites: [{ name: 'core', scenarios: copies }] };
    const lines = renderAnnotations(big, paths);
    const perCopy = scenarioCases(failing).filter((c) => c.status === 'failed' || c.status === 'errored').length;
    expect(lines.filter((l) => l.startsWith('::error'))).toHaveLength(10);
    expect(lines.at(-1)).toMatch(new RegExp(`; ${12 * perCopy - 10} more failures( and \\d+ more warnings)? not annotated`));
  });

  it('leaves known failures out and points fixed baseline entries at the baseline file', () => {
    const run = sampleRun();
    const scenario = run.suites.flatMap((s) => s.scenarios).find((sc) => sc.status === 'failed')!;
    const known = scenarioCases(scenario).filter((c) => c.status === 'failed' || c.status === 'errored');
    run.baseline = {
      file: '/repo/ci/baseline.json',
      known: known.map((c, i) => ({ entryId: `0000000${i}`, scenario: scenario.id, check: c.name, reason: 'ticket' })),
      fixed: [{ entryId: 'feedf00d', scenario: 'core/discovery', check: 'a › expect.status', reason: 'r' }],
      expired: [],
    };
    const lines = renderAnnotations(run, paths);
    const titles = lines.filter((l) => l.startsWith('::error')).map((l) => /title=([^:]*)::/.exec(l)![1]);
    expect(titles.some((t) => t!.startsWith(`${scenario.id} ›`))).toBe(false);
    expect(lines).toContainEqual(expect.stringMatching(/^::notice title=Baseline entry feedf00d is fixed,file=ci\/baseline.json::/));
  });

  it('makes paths relative to GITHUB_WORKSPACE when the run happened in a subfolder', () => {
    const lines = renderAnnotations(sampleRun(), { workspace: '/repo', cwd: '/repo/server' });
    expect(lines.find((l) => l.startsWith('::error'))).toMatch(/file=server\/scenarios\/core\//);
  });
});

describe('GithubReporter', () => {
  it('writes the annotations to its stream at run end', () => {
    const stream = new FakeStream();
    new GithubReporter({ stream, workspace: '/repo', cwd: '/repo' }).onRunEnd(passingRun());
    expect(stream.text).toBe('::notice title=scimsim::3 passed, 0 failed, 0 skipped\n');
  });
});
