import { createReporters, Multiplexer, ReporterSelectionError } from '../../reports/select.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './exit-codes.js';

/** The reporters `--reporter` asks for, as one; a value the CLI cannot honour is a usage error. */
export function cliReporters(specs: string[], io: CliIo): Multiplexer {
  try {
    return new Multiplexer(createReporters(specs, { stdout: io.stdout, stderr: io.stderr, env: io.env, cwd: io.cwd }), io.stderr);
  } catch (error) {
    if (error instanceof ReporterSelectionError) throw new UsageError(error.message);
    throw error;
  }
}
