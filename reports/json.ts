import { readFile } from 'node:fs/promises';
import type { Reporter } from './reporter.js';
import type { RunResult } from '../suites/model/result.js';
import { writeReport, type ReportDestination } from './output-file.js';

/** Bumped when a change would break readers of old files (`merge`, `diff`, the HTML report). */
export const JSON_FORMAT_VERSION = 1;

export type RunResultFile = { formatVersion: typeof JSON_FORMAT_VERSION } & RunResult;

/** The whole RunResult as pretty JSON, `formatVersion` first. Written once when the run ends. */
export class JsonReporter implements Reporter {
  constructor(private readonly destination: ReportDestination) {}

  printsToStdio(): boolean {
    return !('path' in this.destination);
  }

  async onRunEnd(result: RunResult): Promise<void> {
    await writeReport(this.destination, renderJson(result));
  }
}

/** Exchange bodies are kept byte for byte: JSON escapes control characters losslessly. */
export function renderJson(result: RunResult): string {
  const file: RunResultFile = { formatVersion: JSON_FORMAT_VERSION, ...result };
  return JSON.stringify(file, null, 2) + '\n';
}

/** A report file that is not a scimsim JSON report this version can read. */
export class RunResultFormatError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'RunResultFormatError';
  }
}

/** Reads a file written by the JSON reporter; checks `formatVersion` and the top-level shape. */
export async function readRunResult(path: string): Promise<RunResultFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RunResultFormatError(path, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RunResultFormatError(path, `not JSON (${(error as Error).message})`);
  }
  return parseRunResult(data, path);
}

/** Validates parsed JSON as a run result file (exported for callers that already hold the data). */
export function parseRunResult(data: unknown, path = '<input>'): RunResultFile {
  if (!isRecord(data)) throw new RunResultFormatError(path, 'expected a JSON object');
  const version = data.formatVersion;
  if (version === undefined) {
    throw new RunResultFormatError(path, 'no formatVersion: not a scimsim JSON report (write one with --reporter json=<path>)');
  }
  if (version !== JSON_FORMAT_VERSION) {
    throw new RunResultFormatError(
      path,
      `formatVersion ${JSON.stringify(version)} is not supported (this scimsim reads version ${JSON_FORMAT_VERSION})`,
    );
  }
  const tool = data.tool;
  if (!isRecord(tool) || tool.name !== 'scimsim') throw new RunResultFormatError(path, 'tool.name is not "scimsim"');
  if (!Array.isArray(data.suites)) throw new RunResultFormatError(path, 'suites is not a list');
  if (!isRecord(data.stats)) throw new RunResultFormatError(path, 'stats is missing');
  if (typeof data.startedAt !== 'string' || typeof data.durationMs !== 'number') {
    throw new RunResultFormatError(path, 'startedAt or durationMs is missing');
  }
  for (const [i, suite] of data.suites.entries()) {
    if (!isRecord(suite) || typeof suite.name !== 'string' || !Array.isArray(suite.scenarios)) {
      throw new RunResultFormatError(path, `suites[${i}] needs a name and a scenarios list`);
    }
  }
  return data as unknown as RunResultFile;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
