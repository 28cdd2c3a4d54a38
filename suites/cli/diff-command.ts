import { parseArgs } from 'node:util';
import { createPaint } from '../../reports/render/paint.js';
import { renderRunDiffMarkdown, renderRunDiffText } from '../../reports/render/run-diff.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { compareRuns, TIMING_MIN_MS, TIMING_MIN_RATIO } from '../diff/compare-runs.js';
import type { CliIo } from './cli-io.js';
import { useColor } from './color.js';
import { readReportArgument } from './read-report.js';
import { EXIT_FAILURES, EXIT_OK, UsageError } from './exit-codes.js';
import { strictParse } from './strict-parse.js';

export const DIFF_HELP = `Usage: scimsim diff <old.json> <new.json> [--format text|markdown]

Compares two JSON reports (written by 'scimsim run --reporter json=FILE'), matching scenarios by id
and checks by name: the checks that newly fail, the ones fixed, how many still fail, scenarios
added, removed or whose status changed, and timing: the total duration, the exchange count, and the
scenarios whose time changed by ${TIMING_MIN_RATIO}× or more with both runs at ${TIMING_MIN_MS} ms or more.
Failures a baseline entry of the new run covers (--baseline) are shown as known, not as new.

Options:
  --format FORMAT   text (default; coloured on a terminal unless NO_COLOR is set) or markdown
                    (GitHub-flavoured tables, for a pull-request comment)
  -h, --help        show this help

Exit codes: 0 nothing newly fails · 1 at least one check newly fails · 2 bad flags or a report
that cannot be read`;

const FORMATS = ['text', 'markdown'] as const;

const OPTIONS = {
  format: { type: 'string', default: 'text' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `scimsim diff old.json new.json`: prints what changed; exit 1 when a check newly fails. */
export async function diffCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = strictParse(() => parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }), Object.keys(OPTIONS));
  if (values.help) {
    io.stdout.write(`${DIFF_HELP}\n`);
    return EXIT_OK;
  }
  const format = values.format;
  if (!(FORMATS as readonly string[]).includes(format)) {
    const guess = didYouMean(format, FORMATS);
    throw new UsageError(`--format must be ${FORMATS.join(' or ')}, got '${format}'`, guess ? `did you mean '${guess}'?` : undefined);
  }
  if (positionals.length !== 2) {
    throw new UsageError(`diff compares two JSON reports, got ${positionals.length}`, 'e.g. scimsim diff main.json branch.json');
  }
  const [oldPath, nextPath] = positionals as [string, string];
  const [old, next] = await Promise.all([readReportArgument(oldPath, io), readReportArgument(nextPath, io)]);
  const comparison = compareRuns(old, next);
  const labels = { old: oldPath, next: nextPath };
  io.stdout.write(
    format === 'markdown' ? renderRunDiffMarkdown(comparison, labels) : renderRunDiffText(comparison, labels, createPaint(useColor(io.stdout, io.env))),
  );
  return comparison.newlyFailing.length > 0 ? EXIT_FAILURES : EXIT_OK;
}
