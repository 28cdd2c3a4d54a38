import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { displayPath } from './display-path.js';
import { loadScenarioFile } from '../loader/index.js';
import { ScenarioFileError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import type { Scenario } from '../model/scenario.js';
import type { CliIo } from './cli-io.js';
import type { SelectedSuite } from './select-scenarios.js';
import { useColor } from './color.js';

/** One or more scenario files are broken; already printed. Exit code 2. */
export class ScenarioFilesInvalidError extends Error {}

export interface LoadedSuites {
  suites: Array<{ name: string; scenarios: Scenario[] }>;
  /** Values to redact from every output (secret environment variables the files used). */
  secrets: string[];
}

/** Load every file; print every diagnostic Hurl-style; throw if any file has errors. */
export async function loadScenarios(selected: SelectedSuite[], io: CliIo, knownRuleIds: string[]): Promise<LoadedSuites> {
  const suites: LoadedSuites['suites'] = [];
  const secrets: string[] = [];
  const problems: Diagnostic[] = [];
  for (const suite of selected) {
    const scenarios: Scenario[] = [];
    for (const file of suite.files) {
      try {
        const loaded = await loadScenarioFile(displayPath(resolve(io.cwd, file), io.cwd), { suite: suite.name, env: io.env, knownRuleIds });
        scenarios.push(loaded.scenario);
        secrets.push(...loaded.secrets);
        problems.push(...loaded.warnings);
      } catch (error) {
        if (!(error instanceof ScenarioFileError)) throw error;
        problems.push(...error.diagnostics);
      }
    }
    suites.push({ name: suite.name, scenarios });
  }
  await printDiagnostics(problems, io);
  const errors = problems.filter((d) => d.severity === 'error').length;
  if (errors > 0) throw new ScenarioFilesInvalidError(`${errors} error${errors === 1 ? '' : 's'} in scenario files`);
  return { suites, secrets };
}

/** Render diagnostics with their source excerpt; files are read once each. */
export async function printDiagnostics(diagnostics: Diagnostic[], io: CliIo): Promise<void> {
  const sources = new Map<string, string>();
  const color = useColor(io.stderr, io.env);
  for (const d of diagnostics) {
    const file = d.location.file;
    if (!sources.has(file)) sources.set(file, await readFile(file, 'utf8').catch(() => ''));
    io.stderr.write(`${renderDiagnostic(d, sources.get(file) ?? '', { color })}\n`);
  }
}

