import { describe, expect, it } from 'vitest';
import { ConsoleReporter } from './console.js';
import { FakeStream } from './fixtures/fake-stream.js';
import { passingRun } from './fixtures/sample-run.js';
import { JsonReporter } from './json.js';
import { GithubReporter } from './github.js';
import { JunitReporter } from './junit.js';
import { MarkdownReporter } from './markdown.js';
import type { Reporter } from './reporter.js';
import { createReporters, Multiplexer, parseReporterSpec, ReporterSelectionError } from './select.js';

const io = () => ({ stdout: new FakeStream(), stderr: new FakeStream(), env: { NO_COLOR: '1' } });

describe('parseReporterSpec', () => {
  it('reads names and optional paths', () => {
    expect(parseReporterSpec('console')).toEqual({ name: 'console' });
    expect(parseReporterSpec('junit')).toEqual({ name: 'junit' });
    expect(parseReporterSpec('junit=out/junit.xml')).toEqual({ name: 'junit', path: 'out/junit.xml' });
    expect(parseReporterSpec('json=out/a=b.json')).toEqual({ name: 'json', path: 'out/a=b.json' });
  });

  it('rejects unknown names, listing the known ones', () => {
    const error = (() => {
      try {
        parseReporterSpec('xml=out.xml');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ReporterSelectionError);
    expect((error as Error).message).toMatch(/unknown reporter 'xml'/);
    expect((error as Error).message).toMatch(/console[\s\S]*junit\[=<path>\][\s\S]*json\[=<path>\]/);
    expect(() => parseReporterSpec('jnuit')).toThrow(/did you mean 'junit'/);
  });

  it('rejects a path on console and an empty path', () => {
    expect(() => parseReporterSpec('console=out.txt')).toThrow(/console takes no path/);
    expect(() => parseReporterSpec('junit=')).toThrow(/empty path/);
  });
});

describe('createReporters', () => {
  it('defaults to the console on stdout', () => {
    const streams = io();
    const reporters = createReporters([], streams);
    expect(reporters).toHaveLength(1);
    expect(reporters[0]).toBeInstanceOf(ConsoleReporter);
  });

  it('keeps the console on stdout when reports go to files, last in line', () => {
    const reporters = createReporters(['junit=out/j.xml', 'json=out/r.json'], io());
    expect(reporters.map((r) => r.constructor)).toEqual([JunitReporter, JsonReporter, ConsoleReporter]);
    expect(new Multiplexer(reporters, new FakeStream()).printsToStdio()).toBe(true);
  });

  it('moves the console to stderr when a report goes to stdout', async () => {
    const streams = io();
    const reporters = createReporters(['json'], streams);
    expect(reporters[0]!.printsToStdio!()).toBe(true);
    await new Multiplexer(reporters, streams.stderr).onRunEnd(passingRun());
    expect(JSON.parse(streams.stdout.text).formatVersion).toBe(1);
    expect(streams.stderr.text.trimEnd().split('\n').at(-1)).toBe('3 passed, 0 failed, 0 skipped');
  });

  it('resolves report paths against the given cwd', async () => {
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'scimsim-select-'));
    try {
      const reporters = createReporters(['json=out/run.json'], { ...io(), cwd: dir });
      await new Multiplexer(reporters, new FakeStream()).onRunEnd(passingRun());
      expect(JSON.parse(await readFile(join(dir, 'out', 'run.json'), 'utf8')).status).toBe('passed');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('adds GitHub annotations under GitHub Actions when no reporter was chosen, not otherwise', () => {
    const github = { ...io(), env: { NO_COLOR: '1', GITHUB_ACTIONS: 'true' } };
    expect(createReporters([], github).map((r) => r.constructor)).toEqual([GithubReporter, ConsoleReporter]);
    expect(createReporters(['junit=j.xml'], github).map((r) => r.constructor)).toEqual([JunitReporter, ConsoleReporter]);
    expect(createReporters(['github', 'markdown=s.md'], io()).map((r) => r.constructor)).toEqual([GithubReporter, MarkdownReporter, ConsoleReporter]);
    expect(() => createReporters(['github', 'json'], io())).toThrow(/annotations go to stdout too/);
  });

  it('appends the Markdown summary to $GITHUB_STEP_SUMMARY whenever it is set', async () => {
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'scimsim-summary-'));
    const summary = join(dir, 'step_summary');
    await writeFile(summary, 'from an earlier step\n');
    const streams = { ...io(), env: { NO_COLOR: '1', GITHUB_STEP_SUMMARY: summary }, cwd: dir };
    const reporters = createReporters(['junit=j.xml'], streams);
    expect(reporters.map((r) => r.constructor)).toEqual([JunitReporter, MarkdownReporter, ConsoleReporter]);
    await new Multiplexer(reporters, streams.stderr).onRunEnd(passingRun());
    expect(await readFile(summary, 'utf8')).toMatch(/^from an earlier step\n### ✅ scimsim: all 1 scenario passed\n\n\*\*3 passed, 0 failed, 0 skipped\*\*/);
    // Asked for explicitly at the same path: one writer, not two.
    expect(createReporters(['markdown=step_summary'], streams).filter((r) => r instanceof MarkdownReporter)).toHaveLength(1);
  });

  it('refuses two reports on stdout or two on one path', () => {
    expect(() => createReporters(['junit', 'json'], io())).toThrow(/only one report can go to stdout/);
    expect(() => createReporters(['junit=a.xml', 'json=a.xml'], io())).toThrow(/two reporters write to a.xml/);
  });
});

describe('Multiplexer', () => {
  it('fans out every event in order and awaits async hooks', async () => {
    const log: string[] = [];
    const recorder = (name: string): Reporter => ({
      async onRunStart() {
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${name}:start`);
      },
      onScenarioStart: (s) => log.push(`${name}:scenario ${s.id}`),
      onStepEnd: (_s, step) => log.push(`${name}:step ${step.title}`),
      onScenarioEnd: (r) => log.push(`${name}:end ${r.id}`),
      async onRunEnd() {
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${name}:run end`);
      },
    });
    const mux = new Multiplexer([recorder('a'), recorder('b')], new FakeStream());
    const run = passingRun();
    const scenario = run.suites[0]!.scenarios[0]!;
    await mux.onRunStart({ target: run.target, suites: [], total: 1 });
    mux.onScenarioStart(scenario);
    mux.onStepEnd(scenario, scenario.steps[0]!);
    mux.onScenarioEnd(scenario);
    await mux.onRunEnd(run);
    expect(log).toEqual([
      'a:start', 'b:start',
      'a:scenario core/discovery', 'b:scenario core/discovery',
      'a:step Read /ServiceProviderConfig', 'b:step Read /ServiceProviderConfig',
      'a:end core/discovery', 'b:end core/discovery',
      'a:run end', 'b:run end',
    ]);
  });

  it('isolates a reporter that throws or rejects, reporting each hook once', async () => {
    class Broken implements Reporter {
      onScenarioEnd(): void {
        throw new Error('boom \u001b[31mred\u001b[0m');
      }
      async onRunEnd(): Promise<void> {
        throw new Error('disk full');
      }
    }
    const ends: string[] = [];
    const healthy: Reporter = { onScenarioEnd: (r) => ends.push(r.id), onRunEnd: () => void ends.push('run') };
    const stderr = new FakeStream();
    const mux = new Multiplexer([new Broken(), healthy], stderr);
    const run = passingRun();
    const scenario = run.suites[0]!.scenarios[0]!;
    mux.onScenarioEnd(scenario);
    mux.onScenarioEnd(scenario);
    await mux.onRunEnd(run);
    expect(ends).toEqual(['core/discovery', 'core/discovery', 'run']);
    expect(mux.failures.map((f) => `${f.reporter}.${f.hook}`)).toEqual(['Broken.onScenarioEnd', 'Broken.onScenarioEnd', 'Broken.onRunEnd']);
    expect(stderr.text.split('\n').filter(Boolean)).toEqual([
      'scimsim: reporter Broken failed in onScenarioEnd: boom red (further errors from it there are not shown)',
      'scimsim: reporter Broken failed in onRunEnd: disk full (further errors from it there are not shown)',
    ]);
  });
});
