import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../simulator/package-info.js';
import { assertInlineable } from './embed.js';

/**
 * The viewer's browser scripts, in load order. Plain scripts (no import/export), concatenated into
 * one inline <script> inside a function, so they share one scope without leaking globals; each
 * file only declares functions and constants, and viewer.js (last) starts the page.
 */
const SCRIPT_FILES = ['dom.js', 'format.js', 'filters.js', 'exchange-view.js', 'check-view.js', 'license-grid.js', 'entra-timeline.js', 'idp-view.js', 'scenario-view.js', 'summary.js', 'viewer.js'];

export interface ViewerAssets {
  css: string;
  script: string;
}

let cached: ViewerAssets | undefined;

/**
 * The viewer's CSS and script, read from the package's source folder (not dist/: they are not
 * compiled), so the same files serve the TypeScript sources under vitest and the built CLI.
 * Read once per process: a large run's report should not wait on the disk twice.
 */
export function viewerAssets(): ViewerAssets {
  if (cached) return cached;
  const dir = join(packageRoot(), 'reports', 'html', 'viewer');
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const css = assertInlineable('viewer.css', read('viewer.css'), 'style');
  const parts = SCRIPT_FILES.map((name) => `// ── ${name}\n${assertInlineable(name, read(name), 'script')}`);
  const script = `(function () {\n'use strict';\n${parts.join('\n')}\n})();`;
  return (cached = { css, script });
}
