import { relative } from 'node:path';

/** Paths inside the working folder are shown relative (clickable, stable in CI); others absolute. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel === '' || rel.startsWith('..') ? file : rel;
}
