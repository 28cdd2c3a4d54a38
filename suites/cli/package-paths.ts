import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The folder holding scimsim's package.json, from the sources or from dist/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'scenarios'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the scimsim package root');
    dir = parent;
  }
  return (root = dir);
}

/** Where the shipped suites live. */
export function shippedScenariosDir(): string {
  return join(packageRoot(), 'scenarios');
}
