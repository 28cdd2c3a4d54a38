/**
 * The end of a container's output (stdout and stderr interleaved as Docker delivers them): the
 * last `maxLines` lines and at most `maxBytes` of text, whichever is less. Enough to see why a
 * server did not start or what it said about a failing request, bounded however chatty it is.
 */
import type { Readable } from 'node:stream';

export const LOG_TAIL_LINES = 500;
export const LOG_TAIL_BYTES = 256 * 1024;

export class LogTail {
  readonly #maxLines: number;
  readonly #maxBytes: number;
  #lines: string[] = [];
  #bytes = 0;
  #partial = '';
  #dropped = 0;
  #ended: Promise<void> | undefined;
  #stream: Readable | undefined;

  constructor(maxLines = LOG_TAIL_LINES, maxBytes = LOG_TAIL_BYTES) {
    this.#maxLines = maxLines;
    this.#maxBytes = maxBytes;
  }

  /** Adds output as it comes; a line is complete at its '\n' ('\r\n' counts as one). */
  push(chunk: string | Buffer): void {
    const text = this.#partial + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    const parts = text.split('\n');
    this.#partial = parts.pop() ?? '';
    for (const line of parts) this.#add(line.endsWith('\r') ? line.slice(0, -1) : line);
    // A line longer than the whole budget is kept as its end.
    if (this.#partial.length > this.#maxBytes) this.#partial = this.#partial.slice(-this.#maxBytes);
    this.#trim();
  }

  #add(line: string): void {
    this.#lines.push(line);
    this.#bytes += Buffer.byteLength(line) + 1;
  }

  #trim(): void {
    const partialBytes = Buffer.byteLength(this.#partial);
    while (this.#lines.length > 0 && (this.#lines.length > this.#maxLines || this.#bytes + partialBytes > this.#maxBytes)) {
      const line = this.#lines.shift() as string;
      this.#bytes -= Buffer.byteLength(line) + 1;
      this.#dropped++;
    }
  }

  /** Follows a log stream (testcontainers' `logs()` / log consumer) until it ends or `detach()`. */
  attach(stream: Readable): void {
    this.#stream = stream;
    this.#ended = new Promise<void>((resolve) => {
      stream.on('data', (chunk: string | Buffer) => this.push(chunk));
      stream.once('end', () => resolve());
      stream.once('close', () => resolve());
      // A broken log stream loses log lines, never the run.
      stream.once('error', () => resolve());
    });
  }

  /** Resolves when the followed stream has ended (the container stopped), or after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<void> {
    if (!this.#ended) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** Stops following (the stream is destroyed); what was read is kept. */
  detach(): void {
    this.#stream?.destroy();
    this.#stream = undefined;
  }

  /** True once a stream is attached (until `detach()`). */
  get following(): boolean {
    return this.#stream !== undefined;
  }

  get isEmpty(): boolean {
    return this.#lines.length === 0 && this.#partial === '';
  }

  /** The kept output, with a first line saying how many earlier lines were dropped, if any. */
  text(): string {
    const head = this.#dropped > 0 ? [`… ${this.#dropped} earlier line${this.#dropped === 1 ? '' : 's'} not kept`] : [];
    const tail = this.#partial === '' ? [] : [this.#partial];
    return [...head, ...this.#lines, ...tail].join('\n');
  }
}
