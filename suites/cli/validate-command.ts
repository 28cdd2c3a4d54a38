import { resolve } from 'node:path';
import { displayPath } from '../api/display-path.js';
import { validateFiles } from '../loader/index.js';
import { protocolRules } from '../rules/registry.js';
import type { CliIo } from './cli-io.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import { printDiagnostics } from './print-diagnostics.js';

/** `scimsim validate <paths…>`: load and check files, send nothing. Exit 2 on any error. */
export async function validateCommand(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write('Usage: scimsim validate <scenario files, suite folders…>\n\nChecks scenario files against the schema and the language rules without running them.\n');
    return EXIT_OK;
  }
  const unknownFlag = argv.find((a) => a.startsWith('-'));
  if (unknownFlag) throw new UsageError(`unknown option '${unknownFlag}'`, 'scimsim validate takes only paths');
  if (argv.length === 0) throw new UsageError('no files to validate', 'e.g. scimsim validate scenarios/core');
  const paths = argv.map((p) => displayPath(resolve(io.cwd, p), io.cwd) || '.');
  const results = await validateFiles(paths, { env: io.env, knownRuleIds: [...protocolRules.keys()] });
  const diagnostics = results.flatMap((r) => r.diagnostics);
  await printDiagnostics(diagnostics, io);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const files = results.length;
  io.stdout.write(errors === 0 ? `${files} file${files === 1 ? '' : 's'} valid\n` : `${errors} error${errors === 1 ? '' : 's'} in ${results.filter((r) => r.diagnostics.some((d) => d.severity === 'error')).length} of ${files} files\n`);
  return errors === 0 ? EXIT_OK : EXIT_USAGE;
}
