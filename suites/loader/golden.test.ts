import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioFileError, formatDiagnosticLine } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import { loadScenarioFile } from './load-scenario.js';

/**
 * Golden tests in the style of Hurl's tests_failed/: each malformed `fixtures/<case>.yaml` sits
 * next to `<case>.err`, the exact `file:line:col: message (hint)` lines the loader must report.
 * `UPDATE_GOLDEN=1 npx vitest run suites/loader` rewrites the .err files (review the diff!).
 */
const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures');
const repoRoot = join(here, '..', '..');
const update = process.env.UPDATE_GOLDEN === '1';

export const fixtureOptions = {
  suite: 'fixtures',
  env: { SCIM_TOKEN: 's3cr3t-token', PAGE_SIZE: '5', REGION: 'west' },
  knownRuleIds: ['scim.content-type', 'scim.location-header', 'scim.error-shape'],
};

/** Cases whose full Hurl-style rendering is also pinned, in `<case>.rendered`. */
const RENDERED = new Set(['unknown-key-typo.yaml', 'unquoted-placeholder.yaml', 'placeholder-scope.yaml', 'env-vars.yaml']);

const files = (await readdir(fixtures)).filter((f) => f.endsWith('.yaml') && !f.startsWith('valid-')).sort();

describe('malformed scenario files (golden .err)', () => {
  it.each(files)('%s', async (name) => {
    const file = relative(repoRoot, join(fixtures, name));
    let diagnostics;
    let actual: string;
    try {
      const loaded = await loadScenarioFile(file, fixtureOptions);
      diagnostics = loaded.warnings;
      actual = ['(loaded without errors)', ...loaded.warnings.map(formatDiagnosticLine)].join('\n');
    } catch (error) {
      if (!(error instanceof ScenarioFileError)) throw error;
      diagnostics = error.diagnostics;
      actual = error.diagnostics.map(formatDiagnosticLine).join('\n');
    }
    await compareGolden(name.replace(/\.yaml$/, '.err'), actual);
    if (RENDERED.has(name)) {
      const source = await readFile(join(fixtures, name), 'utf8');
      await compareGolden(name.replace(/\.yaml$/, '.rendered'), diagnostics.map((d) => renderDiagnostic(d, source, { color: false })).join('\n\n'));
    }
  });
});

async function compareGolden(name: string, actual: string): Promise<void> {
  const goldenPath = join(fixtures, name);
  if (update) await writeFile(goldenPath, `${actual}\n`);
  expect(actual).toBe((await readFile(goldenPath, 'utf8')).trimEnd());
}
