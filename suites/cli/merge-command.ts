import { parseArgs } from 'node:util';
import { MergeError, mergeRuns } from '../merge/merge-runs.js';
import type { CliIo } from './cli-io.js';
import { EXIT_FAILURES, EXIT_OK, UsageError } from './exit-codes.js';
import { strictParse } from './strict-parse.js';
import { cliReporters } from './cli-reporters.js';
import { readReportArgument } from './read-report.js';

export const MERGE_HELP = `Usage: scimsim merge <run.json…> [--reporter SPEC…]

Joins JSON reports (written with --reporter json=FILE) into one run and renders any reporter from
it: the shards of a '--shard i/n' run (all of them, each once; the merged run lists scenarios in
the unsplit order), or the results of separate runs.

Options:
  --reporter SPEC         console | junit=FILE | json=FILE | html=FILE | markdown=FILE | github
                          (repeatable; default console)
  -h, --help              show this help

Exit codes: 0 the merged run passed · 1 it has failures or a shard was interrupted · 2 the files do
not make one run (a shard missing or given twice, a scenario in two files, not a scimsim report)`;

const OPTIONS = {
  reporter: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `scimsim merge`: returns the exit code. */
export async function mergeCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = strictParse(() => parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }), Object.keys(OPTIONS));
  if (values.help) {
    io.stdout.write(`${MERGE_HELP}\n`);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('give the JSON reports to merge', 'scimsim merge shard-1.json shard-2.json …');
  const reporter = cliReporters(values.reporter ?? [], io);
  const inputs = [];
  for (const path of positionals) {
    inputs.push({ path, run: await readReportArgument(path, io) });
  }
  let merged;
  try {
    merged = mergeRuns(inputs);
  } catch (error) {
    if (error instanceof MergeError) throw new UsageError(error.message);
    throw error;
  }
  for (const warning of merged.warnings) io.stderr.write(`warning: ${warning}\n`);
  await reporter.onRunEnd(merged.run);
  return merged.run.status === 'passed' ? EXIT_OK : EXIT_FAILURES;
}
