import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScenarioFileError, formatDiagnosticLine } from '../diagnostics/diagnostic.js';
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

const files = (await readdir(fixtures)).filter((f) => f.endsWith('.yaml') && !f.startsWith('valid-')).sort();

describe('malformed scenario files (golden .err)', () => {
  it.each(files)('%s', async (name) => {
    const file = relative(repoRoot, join(fixtures, name));
    let actual: string;
    try {
      const loaded = await loadScenarioFile(file, fixtureOptions);
      actual = ['(loaded without errors)', ...loaded.warnings.map(formatDiagnosticLine)].join('\n');
    } catch (error) {
      if (!(error instanceof ScenarioFileError)) throw error;
      actual = error.diagnostics.map(formatDiagnosticLine).join('\n');
    }
    const goldenPath = join(fixtures, name.replace(/\.yaml$/, '.err'));
    if (update) await writeFile(goldenPath, `${actual}\n`);
    expect(actual).toBe((await readFile(goldenPath, 'utf8')).trimEnd());
  });
});
