import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: { root: string; version: string } | undefined;

/** scimsim's package.json, found by walking up from this file (in the sources or in dist/). */
function locate(): { root: string; version: string } {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'scimsim' && typeof pkg.version === 'string') return (found = { root: dir, version: pkg.version });
    } catch {
      // no package.json here; keep walking up
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the scimsim package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** The folder holding scimsim's package.json (and its shipped scenarios). */
export function packageRoot(): string {
  return locate().root;
}

/** scimsim's version, for the User-Agent and reports. */
export function packageVersion(): string {
  return locate().version;
}
