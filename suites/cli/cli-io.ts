/** What a command may touch of the process, injected so tests can run commands in-process. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Resolves when the user interrupts (SIGINT); commands race against it. */
  interrupted?: AbortSignal;
}

export function processIo(): CliIo {
  const controller = new AbortController();
  // A listener that stays: libraries using signal-exit (testcontainers' lockfile) re-raise SIGINT,
  // killing the process before reports are written, when they see no other listener left.
  let interrupts = 0;
  process.on('SIGINT', () => {
    interrupts += 1;
    if (interrupts === 1) return controller.abort();
    process.stderr.write('scimsim: interrupted again: stopping now, without writing reports or removing a target container\n');
    process.exit(130);
  });
  // `scimsim run --reporter json | head`: a reader that stops early is not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), interrupted: controller.signal };
}
