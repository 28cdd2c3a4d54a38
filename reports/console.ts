import type { Reporter, RunPlan } from './reporter.js';
import type { RunResult, ScenarioResult, StepResult } from '../suites/model/result.js';
import type { TextSink } from './output-file.js';
import { colorEnabled, createPaint, type Env, type Paint } from './render/paint.js';
import { oneLine, printable } from './render/printable.js';
import { renderFinalReport, scenarioLine } from './render/run-summary.js';
import { fitWidth } from './render/terminal-width.js';

export interface ConsoleReporterOptions {
  /** Where progress and the final report go (the CLI passes stderr when another reporter uses stdout). */
  stream: TextSink;
  /** Defaults to `process.env`; injected by tests. */
  env?: Env;
  /** Defaults to `stream.isTTY`. */
  isTTY?: boolean;
  /** Terminal width for the status line; defaults to `stream.columns`, then 80. */
  columns?: number;
}

/** Moves to column 0 and erases the line: how the status line is replaced without leaving junk. */
const ERASE_LINE = '\r\u001b[2K';

/**
 * Progress while the run goes, then failures in full and the counts line. On a TTY (outside CI) a
 * status line shows the running scenario and is rewritten in place; elsewhere output is append-only.
 */
export class ConsoleReporter implements Reporter {
  private readonly stream: TextSink;
  private readonly live: boolean;
  private readonly paint: Paint;
  private readonly columns: number;
  private readonly printed = new Set<string>();
  private total = 0;
  private running?: { id: string; title: string; lastStep?: string };
  private statusShown = false;

  constructor(options: ConsoleReporterOptions) {
    const env = options.env ?? process.env;
    const isTTY = options.isTTY ?? options.stream.isTTY === true;
    this.stream = options.stream;
    this.live = isTTY && !isCI(env);
    this.paint = createPaint(colorEnabled(env, isTTY));
    this.columns = options.columns ?? options.stream.columns ?? 80;
  }

  printsToStdio(): boolean {
    return true;
  }

  onRunStart(plan: RunPlan): void {
    this.total = plan.total;
    const suites = plan.suites.length;
    const what = `${plan.total} scenario${plan.total === 1 ? '' : 's'} from ${suites} suite${suites === 1 ? '' : 's'}`;
    this.write(`Running ${what} against ${printable(plan.target.url)} (${plan.target.kind})\n\n`);
  }

  onScenarioStart(scenario: { id: string; title: string; suite: string }): void {
    this.running = { id: scenario.id, title: scenario.title };
    this.drawStatus();
  }

  onStepEnd(scenario: { id: string }, step: StepResult): void {
    if (this.running?.id !== scenario.id) return;
    this.running.lastStep = step.title;
    this.drawStatus();
  }

  onScenarioEnd(result: ScenarioResult): void {
    if (this.running?.id === result.id) this.running = undefined;
    this.printScenario(result);
  }

  onRunEnd(result: RunResult): void {
    this.running = undefined;
    // Scenarios whose end was never streamed (an interrupt, or a result loaded from a file) still get their line.
    for (const suite of result.suites) for (const scenario of suite.scenarios) this.printScenario(scenario);
    this.write(renderFinalReport(result, this.paint));
  }

  private printScenario(result: ScenarioResult): void {
    if (this.printed.has(result.id)) return;
    this.printed.add(result.id);
    this.write(`${scenarioLine(result, this.paint)}\n`);
    this.drawStatus();
  }

  /** Every write clears the status line first and redraws it after, so it always sits at the bottom. */
  private write(text: string): void {
    if (this.statusShown) {
      this.stream.write(ERASE_LINE);
      this.statusShown = false;
    }
    this.stream.write(text);
  }

  private drawStatus(): void {
    if (!this.live) return;
    if (!this.running) {
      if (this.statusShown) this.stream.write(ERASE_LINE);
      this.statusShown = false;
      return;
    }
    const { id, title, lastStep } = this.running;
    const position = this.total > 0 ? `[${Math.min(this.printed.size + 1, this.total)}/${this.total}] ` : '';
    const text = `${position}${id}  ${oneLine(title)}${lastStep ? ` › ${oneLine(lastStep)}` : ''}`;
    // One column short of the width: writing the last column makes some terminals wrap, and a wrapped
    // line cannot be erased with \r.
    this.stream.write(`${ERASE_LINE}${this.paint.dim(fitWidth(`▸ ${text}`, this.columns - 1))}`);
    this.statusShown = true;
  }
}

function isCI(env: Env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false';
}
