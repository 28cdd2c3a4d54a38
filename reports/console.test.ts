import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConsoleReporter } from './console.js';
import type { RunPlan } from './reporter.js';
import type { RunResult } from '../suites/model/result.js';
import { FakeStream, renderTerminal } from './fixtures/fake-stream.js';
import { expectGolden } from './fixtures/golden.js';
import { passingRun, sampleRun } from './fixtures/sample-run.js';

function planOf(run: RunResult): RunPlan {
  return {
    target: run.target,
    suites: run.suites.map((s) => ({ name: s.name, scenarios: s.scenarios.map(({ id, title, file }) => ({ id, title, file })) })),
    total: run.suites.reduce((n, s) => n + s.scenarios.length, 0),
  };
}

/** Plays a finished run through the reporter as the runner would have streamed it. */
async function replay(reporter: ConsoleReporter, run: RunResult): Promise<void> {
  await reporter.onRunStart(planOf(run));
  for (const suite of run.suites) {
    for (const scenario of suite.scenarios) {
      reporter.onScenarioStart({ id: scenario.id, title: scenario.title, suite: suite.name });
      for (const step of [...scenario.steps, ...scenario.teardown]) reporter.onStepEnd({ id: scenario.id }, step);
      reporter.onScenarioEnd(scenario);
    }
  }
  await reporter.onRunEnd(run);
}

describe('ConsoleReporter, CI / not a TTY', () => {
  it('matches the golden output (NO_COLOR, CI)', async () => {
    const stream = new FakeStream(false);
    await replay(new ConsoleReporter({ stream, env: { CI: 'true', NO_COLOR: '1' } }), sampleRun());
    expectGolden(stream.text, new URL('./fixtures/sample-run.console.txt', import.meta.url));
  });

  it('appends plain lines only: no carriage return, cursor movement or colour', async () => {
    const stream = new FakeStream(false);
    await replay(new ConsoleReporter({ stream, env: { NO_COLOR: '1' } }), sampleRun());
    expect(stream.text).not.toMatch(/[\r\u001b]/);
    // The server's ANSI and control characters are neutralised, not passed to the terminal.
    expect(stream.text).toContain('\\u0001');
  });

  it('prints one line per finished scenario, as it finishes', async () => {
    const stream = new FakeStream(false);
    const reporter = new ConsoleReporter({ stream, env: { CI: '1', NO_COLOR: '1' } });
    const run = sampleRun();
    await reporter.onRunStart(planOf(run));
    const [discovery, create, patch] = run.suites[0]!.scenarios;
    reporter.onScenarioStart({ id: discovery!.id, title: discovery!.title, suite: 'core' });
    expect(stream.chunks.length).toBe(1);
    reporter.onScenarioEnd(discovery!);
    reporter.onScenarioEnd(create!);
    reporter.onScenarioEnd(patch!);
    const lines = stream.text.trimEnd().split('\n').slice(2);
    expect(lines).toEqual([
      '✓ core/discovery  Read the service provider configuration (12 ms)',
      '✗ core/users-create  Create a user, read it back (54 ms)  4 failed, 2 warnings',
      '✗ core/users-patch  Deactivate a user with PATCH (3 ms)  1 errored',
    ]);
  });

  it('ends with exactly the counts line', async () => {
    const stream = new FakeStream(false);
    await replay(new ConsoleReporter({ stream, env: { CI: 'true' } }), sampleRun());
    const last = stripVTControlCharacters(stream.text).trimEnd().split('\n').at(-1);
    expect(last).toBe('9 passed, 4 failed, 3 skipped, 3 warnings, 1 errored');
  });

  it('leaves warnings and errored out of the counts line when there are none', async () => {
    const stream = new FakeStream(false);
    await replay(new ConsoleReporter({ stream, env: { NO_COLOR: '1' } }), passingRun());
    expect(stream.text.trimEnd().split('\n').at(-1)).toBe('3 passed, 0 failed, 0 skipped');
    expect(stream.text).not.toContain('Failures');
  });

  it('says when the run was interrupted, still ending with the counts line', async () => {
    const stream = new FakeStream(false);
    await new ConsoleReporter({ stream, env: { NO_COLOR: '1' } }).onRunEnd({ ...passingRun(), status: 'interrupted' });
    const lines = stream.text.trimEnd().split('\n');
    expect(lines.at(-3)).toMatch(/^ {2}Status {5}interrupted: stopped early/);
    expect(lines.at(-1)).toBe('3 passed, 0 failed, 0 skipped');
  });

  it('prints lines for scenarios whose end was never streamed', async () => {
    const stream = new FakeStream(false);
    await new ConsoleReporter({ stream, env: { NO_COLOR: '1' } }).onRunEnd(sampleRun());
    expect(stream.text).toContain('- entra/groups  Create a group  skipped: the target has no /Groups endpoint');
  });
});

describe('ConsoleReporter colour', () => {
  const run = passingRun();
  const output = async (env: Record<string, string>, isTTY: boolean) => {
    const stream = new FakeStream(isTTY);
    await replay(new ConsoleReporter({ stream, env }), run);
    return stream.text;
  };
  it('colours under CI and on a TTY', async () => {
    expect(await output({ CI: 'true' }, false)).toContain('\u001b[32m✓');
    expect(await output({}, true)).toContain('\u001b[32m✓');
  });
  it('honours NO_COLOR over FORCE_COLOR, and FORCE_COLOR without a TTY', async () => {
    expect(await output({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).not.toMatch(/\u001b\[\d+m/);
    expect(await output({ FORCE_COLOR: '1' }, false)).toContain('\u001b[32m');
    expect(await output({ FORCE_COLOR: '0' }, true)).not.toMatch(/\u001b\[\d+m/);
    expect(await output({}, false)).not.toContain('\u001b[');
  });
});

describe('ConsoleReporter, live TTY view', () => {
  it('shows the running scenario on a status line, rewritten in place', async () => {
    const stream = new FakeStream(true, 60);
    const reporter = new ConsoleReporter({ stream, env: { NO_COLOR: '1' } });
    const run = sampleRun();
    await reporter.onRunStart(planOf(run));
    const create = run.suites[0]!.scenarios[1]!;
    reporter.onScenarioStart({ id: create.id, title: create.title, suite: 'core' });
    reporter.onStepEnd({ id: create.id }, create.steps[0]!);
    const screen = renderTerminal(stream.text).split('\n');
    expect(screen.at(-1)).toBe('▸ [1/5] core/users-create  Create a user, read it back › C…');
    expect(screen.at(-1)!.length).toBeLessThan(60);
    expect(stream.text).toContain('\r\u001b[2K');
  });

  it('leaves a clean screen: the same text as the append-only output', async () => {
    const tty = new FakeStream(true, 40);
    await replay(new ConsoleReporter({ stream: tty, env: { NO_COLOR: '1' } }), sampleRun());
    const plain = new FakeStream(false);
    await replay(new ConsoleReporter({ stream: plain, env: { NO_COLOR: '1' } }), sampleRun());
    expect(renderTerminal(tty.text)).toBe(plain.text);
    expect(tty.text).toContain('▸');
  });

  it('stays append-only on a TTY under CI', async () => {
    const stream = new FakeStream(true);
    await replay(new ConsoleReporter({ stream, env: { CI: 'true', NO_COLOR: '1' } }), sampleRun());
    expect(stream.text).not.toContain('\r');
  });

  it('keeps emoji and wide titles within the width', async () => {
    const stream = new FakeStream(true, 30);
    const reporter = new ConsoleReporter({ stream, env: { NO_COLOR: '1' } });
    reporter.onScenarioStart({ id: 'x', title: '🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀', suite: 's' });
    const status = renderTerminal(stream.text);
    const width = Array.from(status).reduce((w, ch) => w + (ch.codePointAt(0)! > 0xffff ? 2 : 1), 0);
    expect(width).toBeLessThan(30);
  });
});
