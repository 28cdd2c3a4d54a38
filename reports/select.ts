import { resolve } from 'node:path';
import { didYouMean } from '../suites/diagnostics/did-you-mean.js';
import type { Reporter } from './reporter.js';
import { ConsoleReporter } from './console.js';
import { JsonReporter } from './json.js';
import { JunitReporter } from './junit.js';
import type { TextSink } from './output-file.js';
import type { Env } from './render/paint.js';

export type ReporterName = 'console' | 'junit' | 'json';

/** One parsed `--reporter` value; `path` absent means the report goes to stdout. */
export interface ReporterSpec {
  name: ReporterName;
  path?: string;
}

const KNOWN: Record<ReporterName, { takesPath: boolean; usage: string }> = {
  console: { takesPath: false, usage: 'console            progress and failures on the terminal (the default)' },
  junit: { takesPath: true, usage: 'junit[=<path>]     JUnit XML for CI, to <path> or stdout' },
  json: { takesPath: true, usage: 'json[=<path>]      the full run as JSON, to <path> or stdout' },
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
 */
export function createReporters(specs: string[], io: ReporterIO): Reporter[] {
  const parsed = specs.map(parseReporterSpec);
  const toStdout = parsed.filter((s) => s.name !== 'console' && s.path === undefined);
  if (toStdout.length > 1) {
    throw new ReporterSelectionError(toStdout.map(formatSpec).join(' '), 'only one report can go to stdout; give the others a path');
  }
  const seenPaths = new Set<string>();
  const reporters: Reporter[] = [];
  for (const spec of parsed) {
    if (spec.name === 'console') continue;
    if (spec.path !== undefined) {
      if (seenPaths.has(spec.path)) throw new ReporterSelectionError(formatSpec(spec), `two reporters write to ${spec.path}`);
      seenPaths.add(spec.path);
    }
    const destination = spec.path === undefined ? { stream: io.stdout } : { path: resolve(io.cwd ?? process.cwd(), spec.path) };
    reporters.push(spec.name === 'junit' ? new JunitReporter(destination) : new JsonReporter(destination));
  }
  const stream = toStdout.length > 0 ? io.stderr : io.stdout;
  const console = new ConsoleReporter(io.isTTY === undefined ? { stream, env: io.env } : { stream, env: io.env, isTTY: io.isTTY });
  reporters.push(console);
  return reporters;
}

function formatSpec(spec: ReporterSpec): string {
  return spec.path === undefined ? spec.name : `${spec.name}=${spec.path}`;
}

function isKnown(name: string): name is ReporterName {
  return Object.hasOwn(KNOWN, name);
}

export { Multiplexer, type ReporterFailure } from './multiplexer.js';
