import { isMap, isSeq } from 'yaml';
import scenarioSchema from '../../scenarios/scenario.schema.json' with { type: 'json' };
import { ScenarioFileError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Scenario } from '../model/scenario.js';
import { checkControl } from './check-control.js';
import { checkFakes } from './check-fakes.js';
import { checkIdp } from './check-idp.js';
import { checkPlaceholders } from './check-placeholders.js';
import { checkSteps } from './check-steps.js';
import { checkStructure } from './check-structure.js';
import { substituteEnv } from './env.js';
import { explainSchemaErrors } from './explain-schema-errors.js';
import { normalize } from './normalize.js';
import { parseYaml } from './parse-yaml.js';
import type { RawScenario } from './raw-scenario.js';
import { readSource } from './read-source.js';
import { validateAgainstSchema } from './schema-validate.js';
import { sortDiagnostics } from './sort-diagnostics.js';
import { toJsSafely } from './to-js.js';

/** What the loader hands over: the scenario, values to redact, and problems that do not stop a run. */
export interface LoadedScenario {
  scenario: Scenario;
  /** Values of substituted environment variables whose name contains TOKEN, SECRET, PASSWORD or KEY. */
  secrets: string[];
  warnings: Diagnostic[];
}

export interface LoadOptions {
  /** The suite the file belongs to: the first part of the default id. */
  suite: string;
  /** Environment for `${NAME}`; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Protocol rule ids `skipRules` may name; unchecked when absent. */
  knownRuleIds?: string[];
}

/**
 * Reads, validates and normalizes one scenario file. Throws `ScenarioFileError` listing every
 * problem found (syntax, schema, environment, placeholders, faker methods), never anything else.
 */
export async function loadScenarioFile(path: string, options: LoadOptions): Promise<LoadedScenario> {
  const source = await readSource(path);
  return loadScenarioText(source, path, options);
}

/** `loadScenarioFile` for text already in memory; `file` is used in locations and the default id. */
export function loadScenarioText(source: string, file: string, options: LoadOptions): LoadedScenario {
  try {
    return load(source, file, options);
  } catch (error) {
    if (error instanceof ScenarioFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioFileError([{ severity: 'error', location: { file, line: 1, col: 1 }, message: `cannot read this file: ${reason}` }]);
  }
}

function load(source: string, file: string, options: LoadOptions): LoadedScenario {
  const { doc, locator, diagnostics } = parseYaml(source, file);
  if (hasErrors(diagnostics)) throw new ScenarioFileError(sortDiagnostics(diagnostics));
  const root = doc.contents;
  if (root === null || root === undefined || (!isMap(root) && !isSeq(root) && doc.toJS() === null)) {
    throw new ScenarioFileError([
      { severity: 'error', location: { file, line: 1, col: 1 }, message: 'the file is empty', hint: "a scenario needs at least 'scenario: <title>' and 'steps:'" },
    ]);
  }
  if (!isMap(root)) {
    const what = isSeq(root) ? 'a list' : 'a single value';
    throw new ScenarioFileError([
      { severity: 'error', location: locator.start(), message: `a scenario file is a mapping (scenario:, steps:, …), not ${what}`, hint: "start with 'scenario: <title>'" },
    ]);
  }
  diagnostics.push(...checkStructure(doc, locator));
  const env = substituteEnv(doc, locator, options.env ?? process.env);
  diagnostics.push(...env.diagnostics);
  const data = toJsSafely(doc, locator, diagnostics);
  if (data !== undefined) {
    const schemaDiagnostics = explainSchemaErrors(validateAgainstSchema('scenario', data), locator, scenarioSchema as Record<string, unknown>);
    diagnostics.push(...schemaDiagnostics);
    if (schemaDiagnostics.length === 0) {
      const raw = data as RawScenario;
      diagnostics.push(...checkPlaceholders(raw, locator), ...checkFakes(raw, locator), ...checkSteps(raw, locator, options.knownRuleIds), ...checkIdp(raw, locator), ...checkControl(raw, locator));
      if (!hasErrors(diagnostics)) {
        return { scenario: normalize(raw, locator, options.suite), secrets: env.secrets, warnings: sortDiagnostics(diagnostics) };
      }
    }
  }
  throw new ScenarioFileError(sortDiagnostics(diagnostics));
}

function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
