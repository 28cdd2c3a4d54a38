import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { SuiteManifest } from '../model/scenario.js';
import { loadManifestText } from './load-manifest.js';
import { readSource } from './read-source.js';

/** The manifest file that makes a folder a suite. */
export const MANIFEST_FILE = 'suite.yaml';

/** Folders `findSuites` never enters. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);

/**
 * Reads `<dir>/suite.yaml` and lists the folder's scenario files (`*.yaml` other than the
 * manifest), sorted by name: the order they run in. Throws `ScenarioFileError` for a bad manifest.
 */
export async function loadSuite(dir: string): Promise<SuiteManifest> {
  const manifestPath = join(dir, MANIFEST_FILE);
  const manifest = loadManifestText(await readSource(manifestPath), manifestPath);
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml') && entry.name !== MANIFEST_FILE)
    .map((entry) => entry.name)
    .sort(byCodePoint)
    .map((name) => join(dir, name));
  const suite: SuiteManifest = { name: manifest.name, dir, files };
  if (manifest.description !== undefined) suite.description = manifest.description;
  if (manifest.target !== undefined) suite.target = manifest.target;
  return suite;
}

/** Every folder under `rootDir` (itself included) that has a `suite.yaml`, sorted by path. */
export async function findSuites(rootDir: string): Promise<SuiteManifest[]> {
  const dirs = await suiteDirs(rootDir);
  const suites: SuiteManifest[] = [];
  for (const dir of dirs.sort(byCodePoint)) suites.push(await loadSuite(dir));
  return suites;
}

async function suiteDirs(rootDir: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [rootDir];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    if (entries.some((entry) => entry.isFile() && entry.name === MANIFEST_FILE)) found.push(dir);
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) pending.push(join(dir, entry.name));
    }
  }
  return found;
}

/** Plain code-point order: the same on every machine, whatever the locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
