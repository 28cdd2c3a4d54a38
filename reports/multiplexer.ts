import { stripVTControlCharacters } from 'node:util';
import type { Reporter, RunPlan } from './reporter.js';
import type { RunResult, ScenarioResult, StepResult } from '../suites/model/result.js';
import type { TextSink } from './output-file.js';

type Hook = 'onRunStart' | 'onScenarioStart' | 'onStepEnd' | 'onScenarioEnd' | 'onRunEnd';

/** A reporter hook that threw; kept so the CLI can tell the user a report may be missing. */
export interface ReporterFailure {
  reporter: string;
  hook: Hook;
  error: unknown;
}

/**
 * Fans each event out to several reporters, in order, awaiting async hooks. A reporter that throws
 * is reported on stderr and the others carry on: one broken report must not lose the rest.
 */
export class Multiplexer implements Reporter {
  readonly failures: ReporterFailure[] = [];
  private readonly shown = new Set<string>();

  constructor(
    private readonly reporters: Reporter[],
    private readonly stderr: TextSink,
  ) {}

  printsToStdio(): boolean {
    return this.reporters.some((r) => r.printsToStdio?.() ?? false);
  }

  async onRunStart(plan: RunPlan): Promise<void> {
    for (const r of this.reporters) await this.call(r, 'onRunStart', () => r.onRunStart?.(plan));
  }

  onScenarioStart(scenario: { id: string; title: string; suite: string }): void {
    for (const r of this.reporters) void this.call(r, 'onScenarioStart', () => r.onScenarioStart?.(scenario));
  }

  onStepEnd(scenario: { id: string }, step: StepResult): void {
    for (const r of this.reporters) void this.call(r, 'onStepEnd', () => r.onStepEnd?.(scenario, step));
  }

  onScenarioEnd(result: ScenarioResult): void {
    for (const r of this.reporters) void this.call(r, 'onScenarioEnd', () => r.onScenarioEnd?.(result));
  }

  async onRunEnd(result: RunResult): Promise<void> {
    for (const r of this.reporters) await this.call(r, 'onRunEnd', () => r.onRunEnd?.(result));
  }

  /** Runs one hook; a synchronous throw or a rejected promise becomes a reported failure. */
  private call(reporter: Reporter, hook: Hook, run: () => unknown): Promise<void> {
    try {
      const value = run();
      if (isThenable(value)) return Promise.resolve(value).then(() => undefined, (error: unknown) => this.fail(reporter, hook, error));
    } catch (error) {
      this.fail(reporter, hook, error);
    }
    return Promise.resolve();
  }

  private fail(reporter: Reporter, hook: Hook, error: unknown): void {
    const name = reporter.constructor?.name || 'reporter';
    this.failures.push({ reporter: name, hook, error });
    // Once per reporter and hook: a bug in onStepEnd would otherwise print for every step of the run.
    const key = `${name}.${hook}`;
    if (this.shown.has(key)) return;
    this.shown.add(key);
    const message = error instanceof Error ? error.message : String(error);
    // On a terminal, erase a live status line first so the message does not land in the middle of it.
    const erase = this.stderr.isTTY ? '\r\u001b[2K' : '';
    this.stderr.write(
      `${erase}scimsim: reporter ${name} failed in ${hook}: ${stripVTControlCharacters(message)} (further errors from it there are not shown)\n`,
    );
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
