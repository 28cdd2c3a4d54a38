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
  process.once('SIGINT', () => controller.abort());
  // `scimsim run --reporter json | head`: a reader that stops early is not a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(process.exitCode ?? 0);
    });
  }
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), interrupted: controller.signal };
}
