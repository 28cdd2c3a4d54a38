import { resolve } from 'node:path';
import { readRunResult, RunResultFormatError, type RunResultFile } from '../../reports/json.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './exit-codes.js';

/** A JSON report named on the command line; one that cannot be read is a usage problem (exit 2), named as the user typed it. */
export async function readReportArgument(path: string, io: CliIo): Promise<RunResultFile> {
  try {
    return await readRunResult(resolve(io.cwd, path));
  } catch (error) {
    if (error instanceof RunResultFormatError) throw new UsageError(`${path}: ${error.message.slice(error.path.length + 2)}`);
    throw error;
  }
}
