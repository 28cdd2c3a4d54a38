import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ScenarioFileError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Scenario } from '../model/scenario.js';
import { loadManifestText } from './load-manifest.js';
import { loadScenarioText, type LoadOptions } from './load-scenario.js';
import { readSource } from './read-source.js';
import { MANIFEST_FILE, byCodePoint } from './suite.js';

/** The outcome for one file: no error diagnostics means valid. */
export interface FileValidation {
  file: string;
  diagnostics: Diagnostic[];
  /** The file's text, for rendering excerpts; absent when it could not be read. */
  source?: string;
}

export type ValidateOptions = Omit<LoadOptions, 'suite'> & {
  /** Suite name for default ids; default: the `suite:` of the folder's manifest, else the folder name. */
  suite?: string;
};

/**
 * Checks scenario files and `suite.yaml` manifests without running anything (`scimsim validate`).
 * Folders are searched for `*.yaml` files. Every file gets an entry, in path order; scenario ids
 * used by two files are reported too.
 */
export async function validateFiles(paths: string[], options: ValidateOptions = {}): Promise<FileValidation[]> {
  const results: FileValidation[] = [];
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) results.push({ file: path, diagnostics: [atStart(path, 'no such file or directory')] });
    else if (info.isDirectory()) files.push(...(await yamlFilesUnder(path)));
    else files.push(path);
  }
  const loaded: { scenario: Scenario; result: FileValidation }[] = [];
  const manifests = new Map<string, string | undefined>();
  for (const file of [...new Set(files)]) {
    const result: FileValidation = { file, diagnostics: [] };
    results.push(result);
    try {
      result.source = await readSource(file);
      if (basename(file) === MANIFEST_FILE) {
        loadManifestText(result.source, file);
        continue;
      }
      const suite = options.suite ?? (await suiteNameFor(dirname(file), manifests));
      const { scenario, warnings } = loadScenarioText(result.source, file, { ...options, suite });
      result.diagnostics.push(...warnings);
      loaded.push({ scenario, result });
    } catch (error) {
      if (!(error instanceof ScenarioFileError)) throw error;
      result.diagnostics.push(...error.diagnostics);
    }
  }
  reportDuplicateIds(loaded);
  return results;
}

function reportDuplicateIds(loaded: { scenario: Scenario; result: FileValidation }[]): void {
  const firstFile = new Map<string, string>();
  for (const { scenario, result } of loaded) {
    const earlier = firstFile.get(scenario.id);
    if (earlier === undefined) {
      firstFile.set(scenario.id, result.file);
      continue;
    }
    result.diagnostics.push({
      severity: 'error',
      location: scenario.location,
      message: `scenario id '${scenario.id}' is already used by ${earlier}`,
      hint: "ids must be unique: set a different 'id:'",
    });
  }
}

async function suiteNameFor(dir: string, cache: Map<string, string | undefined>): Promise<string> {
  if (!cache.has(dir)) {
    let name: string | undefined;
    try {
      const manifestPath = join(dir, MANIFEST_FILE);
      name = loadManifestText(await readSource(manifestPath), manifestPath).name;
    } catch {
      name = undefined;
    }
    cache.set(dir, name);
  }
  return cache.get(dir) ?? basename(dir);
}

async function yamlFilesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') found.push(...(await yamlFilesUnder(path)));
    else if (entry.isFile() && entry.name.endsWith('.yaml')) found.push(path);
  }
  return found.sort(byCodePoint);
}

function atStart(file: string, message: string): Diagnostic {
  return { severity: 'error', location: { file, line: 1, col: 1 }, message };
}
