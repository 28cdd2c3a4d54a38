import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where a file reporter's text goes: a stream such as stdout. */
export interface TextSink {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/**
 * Writes a whole file at once: parent folders created, text written to a temp file beside it, then
 * renamed over the target, so a reader (or a crash mid-write) never sees half a report.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A report's destination: a file path, or a stream when none was given (`--reporter junit`). */
export type ReportDestination = { path: string } | { stream: TextSink };

export async function writeReport(destination: ReportDestination, text: string): Promise<void> {
  if ('path' in destination) await writeFileAtomic(destination.path, text);
  else destination.stream.write(text);
}
