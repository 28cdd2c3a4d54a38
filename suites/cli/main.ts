import { formatDiagnosticLine } from '../diagnostics/diagnostic.js';
import { TargetUnreachableError } from '../engine/preflight.js';
import { ContainerTargetError } from '../../simulator/target/container/container-target.js';
import { packageVersion } from '../../simulator/package-info.js';
import { processIo, type CliIo } from './cli-io.js';
import { EXIT_OK, EXIT_USAGE, UsageError } from './exit-codes.js';
import { ScenarioLoadError } from '../api/load-scenarios.js';
import { printDiagnostics } from './print-diagnostics.js';
import { diffCommand } from './diff-command.js';
import { mergeCommand } from './merge-command.js';
import { rulesCommand } from './rules-command.js';
import { runCommand } from './run-command.js';
import { serveCommand } from './serve-command.js';
import { validateCommand } from './validate-command.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';

const HELP = `scimsim ${packageVersion()}: an IdP simulator and SCIM 2.0 conformance harness

Usage:
  scimsim run [paths…] [--suite NAME] [--target URL] [--token-env VAR] [--grep TEXT] [--bail]
              [--baseline FILE] [--update-baseline] [--shard I/N]
              [--reporter console|junit=FILE|json=FILE|html=FILE|markdown=FILE|github …]
  scimsim merge <run.json…> [--reporter …]  join shard (or separate) results into one run
  scimsim diff <old.json> <new.json>        what newly fails, what got fixed, what got slower
  scimsim serve [--port N] [--host ADDR]   the reference SCIM server (tokens from $SCIMSIM_TOKENS)
  scimsim validate <files or folders…>      check scenario files without running them
  scimsim rules                             list the protocol rules applied to every exchange

Run 'scimsim <command> --help' for a command's options.`;

const COMMANDS: Record<string, (argv: string[], io: CliIo) => Promise<number>> = {
  run: runCommand,
  merge: mergeCommand,
  diff: diffCommand,
  serve: serveCommand,
  validate: validateCommand,
  rules: rulesCommand,
};

/** The CLI: parse the command, run it, map every failure to an exit code. Never throws. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout.write(`${HELP}\n`);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  const handler = COMMANDS[command];
  try {
    if (!handler) {
      const guess = didYouMean(command, Object.keys(COMMANDS));
      throw new UsageError(`unknown command '${command}'`, guess ? `did you mean 'scimsim ${guess}'?` : 'see scimsim --help');
    }
    return await handler(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`scimsim: ${error.message}${error.hint ? ` (${error.hint})` : ''}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ScenarioLoadError) {
      await printDiagnostics(error.diagnostics, io);
      io.stderr.write(`scimsim: ${error.message}; nothing was run\n`);
      return EXIT_USAGE;
    }
    if (error instanceof ContainerTargetError) {
      io.stderr.write(`scimsim: the target container could not be used: ${error.message}\n`);
      if (error.logs) io.stderr.write(`its output (last lines):\n${error.logs.split('\n').slice(-40).map((l) => `  | ${l}`).join('\n')}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof TargetUnreachableError) {
      io.stderr.write(`scimsim: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof Error && 'diagnostics' in error) {
      for (const d of (error as { diagnostics: Parameters<typeof formatDiagnosticLine>[0][] }).diagnostics) io.stderr.write(`${formatDiagnosticLine(d)}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`scimsim: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
    return 3;
  }
}
