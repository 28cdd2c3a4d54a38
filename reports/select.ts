import { resolve } from 'node:path';
import { didYouMean } from '../suites/diagnostics/did-you-mean.js';
import type { Reporter } from './reporter.js';
import { ConsoleReporter } from './console.js';
import { JsonReporter } from './json.js';
import { GithubReporter } from './github.js';
import { HtmlReporter } from './html.js';
import { JunitReporter } from './junit.js';
import { MarkdownReporter } from './markdown.js';
import type { TextSink } from './output-file.js';
import type { Env } from './render/paint.js';

export type ReporterName = 'console' | 'junit' | 'json' | 'markdown' | 'github' | 'html';

/** One parsed `--reporter` value; `path` absent means the report goes to stdout. */
export interface ReporterSpec {
  name: ReporterName;
  path?: string;
  /** Add to the file instead of replacing it (the GitHub step summary, shared by the job's steps). */
  append?: boolean;
}

const KNOWN: Record<ReporterName, { takesPath: boolean; usage: string }> = {
  console: { takesPath: false, usage: 'console            progress and failures on the terminal (the default)' },
  junit: { takesPath: true, usage: 'junit[=<path>]     JUnit XML for CI, to <path> or stdout' },
  json: { takesPath: true, usage: 'json[=<path>]      the full run as JSON, to <path> or stdout (input of merge and diff)' },
  html: { takesPath: true, usage: 'html[=<path>]      one self-contained page to browse the run offline (a CI artifact)' },
  markdown: { takesPath: true, usage: 'markdown[=<path>]  a short summary for pull-request comments, to <path> or stdout' },
  github: { takesPath: false, usage: 'github             GitHub Actions annotations on the scenario files (on by default under GITHUB_ACTIONS)' },
};

/** A `--reporter` value the CLI cannot honour; the message lists what is accepted (exit code 2). */
export class ReporterSelectionError extends Error {
  constructor(
    readonly spec: string,
    problem: string,
  ) {
    const known = Object.values(KNOWN).map((k) => `  ${k.usage}`).join('\n');
    super(`--reporter ${spec}: ${problem}\nKnown reporters:\n${known}`);
    this.name = 'ReporterSelectionError';
  }
}

/** Parses `console`, `junit`, `junit=out/junit.xml`, `json=out/run.json`. */
export function parseReporterSpec(spec: string): ReporterSpec {
  const eq = spec.indexOf('=');
  const name = (eq === -1 ? spec : spec.slice(0, eq)).trim();
  const path = eq === -1 ? undefined : spec.slice(eq + 1).trim();
  if (!isKnown(name)) {
    const hint = didYouMean(name, Object.keys(KNOWN));
    throw new ReporterSelectionError(spec, `unknown reporter '${name}'${hint ? ` (did you mean '${hint}'?)` : ''}`);
  }
  if (path !== undefined && !KNOWN[name].takesPath) throw new ReporterSelectionError(spec, `${name} takes no path`);
  if (path === '') throw new ReporterSelectionError(spec, `empty path after '${name}='; leave out '=' to write to stdout`);
  return path === undefined ? { name } : { name, path };
}

export interface ReporterIO {
  stdout: TextSink;
  stderr: TextSink;
  env: Env;
  /** Relative report paths are resolved against this; default: the process's working directory. */
  cwd?: string;
  /** Overrides TTY detection of the stream the console writes to (tests); default: that stream's `isTTY`. */
  isTTY?: boolean;
}

/**
 * Reporters for the given `--reporter` values (none = console). A console reporter is always
 * included, last so its counts line ends the output; it moves to stderr when a report goes to stdout.
 * Under GitHub Actions, annotations are on when no reporter was chosen (Vitest's rule), and the
 * Markdown summary is appended to `$GITHUB_STEP_SUMMARY` whenever that is set.
 */
export function createReporters(specs: string[], io: ReporterIO): Reporter[] {
  const parsed = specs.map(parseReporterSpec);
  if (parsed.length === 0 && io.env.GITHUB_ACTIONS === 'true') parsed.push({ name: 'github' });
  const toStdout = parsed.filter((s) => s.name !== 'console' && s.name !== 'github' && s.path === undefined);
  if (toStdout.length > 1) {
    throw new ReporterSelectionError(toStdout.map(formatSpec).join(' '), 'only one report can go to stdout; give the others a path');
  }
  if (toStdout.length === 1 && parsed.some((s) => s.name === 'github')) {
    throw new ReporterSelectionError(`github ${formatSpec(toStdout[0]!)}`, 'annotations go to stdout too; give the report a path');
  }
  const cwd = io.cwd ?? process.cwd();
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (stepSummary && !parsed.some((s) => s.name === 'markdown' && s.path !== undefined && resolve(cwd, s.path) === resolve(cwd, stepSummary))) {
    parsed.push({ name: 'markdown', path: stepSummary, append: true });
  }
  const seenPaths = new Set<string>();
  const reporters: Reporter[] = [];
  for (const spec of parsed) {
    if (spec.name === 'console') continue;
    if (spec.path !== undefined) {
      if (seenPaths.has(resolve(cwd, spec.path))) throw new ReporterSelectionError(formatSpec(spec), `two reporters write to ${spec.path}`);
      seenPaths.add(resolve(cwd, spec.path));
    }
    reporters.push(createReporter(spec, io, cwd));
  }
  const stream = toStdout.length > 0 ? io.stderr : io.stdout;
  const console = new ConsoleReporter(io.isTTY === undefined ? { stream, env: io.env } : { stream, env: io.env, isTTY: io.isTTY });
  reporters.push(console);
  return reporters;
}

function createReporter(spec: ReporterSpec, io: ReporterIO, cwd: string): Reporter {
  const destination = spec.path === undefined ? { stream: io.stdout } : { path: resolve(cwd, spec.path) };
  switch (spec.name) {
    case 'junit':
      return new JunitReporter(destination);
    case 'json':
      return new JsonReporter(destination);
    case 'html':
      return new HtmlReporter(destination);
    case 'markdown':
      return new MarkdownReporter(destination, { append: spec.append === true });
    case 'github':
      return new GithubReporter({ stream: io.stdout, workspace: io.env.GITHUB_WORKSPACE || cwd, cwd });
    case 'console':
      throw new Error('the console reporter is created last, by createReporters');
  }
}

function formatSpec(spec: ReporterSpec): string {
  return spec.path === undefined ? spec.name : `${spec.name}=${spec.path}`;
}

function isKnown(name: string): name is ReporterName {
  return Object.hasOwn(KNOWN, name);
}

export { Multiplexer, type ReporterFailure } from './multiplexer.js';
