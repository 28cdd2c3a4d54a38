import { resolve } from 'node:path';
import { loadScenarioText } from '../loader/index.js';
import { readSource } from '../loader/read-source.js';
import { ScenarioFileError, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { Scenario } from '../model/scenario.js';
import { protocolRules } from '../rules/registry.js';
import { displayPath } from './display-path.js';
import { shippedScenariosDir } from './package-paths.js';
import { selectScenarioFiles, type SelectedSuite } from './select-scenarios.js';
import { UsageError } from './usage-error.js';
import type { ContainerTargetSpec } from '../../simulator/target/container/container-spec.js';

export interface LoadScenariosOptions {
  /** Scenario files, suite folders or folders of suites; default: every shipped suite. */
  paths?: string[];
  /** One suite by name: a shipped one (`core`, `okta`, `entra`, `dbt-platform`) or one of `paths`. */
  suite?: string;
  /** Only scenarios whose suite, id, title or tags contain this text (any case). */
  grep?: string;
  /** Relative paths resolve against it; default `process.cwd()`. */
  cwd?: string;
  /** Values for `{{env.NAME}}` in scenario files; default `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface LoadedScenarios {
  suites: Array<{ name: string; scenarios: Scenario[] }>;
  /** The container a selected suite's suite.yaml names (`target:`); all that name one must name the same. */
  target?: { spec: ContainerTargetSpec; declaredIn: string };
  /** Values to redact from every output: the secret environment variables the files used. */
  secrets: string[];
  /** Problems that do not stop a run (e.g. a deprecated form), each with its `file:line:col`. */
  warnings: Diagnostic[];
}

/** Scenario files with errors: every problem, each with its `file:line:col` (the CLI exits 2). */
export class ScenarioLoadError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    super(`${errors} error${errors === 1 ? '' : 's'} in scenario files`);
    this.name = 'ScenarioLoadError';
  }
}

/**
 * Loads and checks scenario files (YAML → typed scenarios), grouped by suite, in run order. Every
 * file is read, so one call reports every problem; any error throws a `ScenarioLoadError`.
 */
export async function loadScenarios(options: LoadScenariosOptions = {}): Promise<LoadedScenarios> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const selected = await selectScenarioFiles(options.paths ?? [], options.suite, cwd, shippedScenariosDir());
  const knownRuleIds = [...protocolRules.keys()];
  const suites: LoadedScenarios['suites'] = [];
  const secrets: string[] = [];
  const problems: Diagnostic[] = [];
  for (const suite of selected) {
    const scenarios: Scenario[] = [];
    for (const file of suite.files) {
      try {
        // Read from the absolute path (cwd need not be the process's), reported by the shorter one.
        const absolute = resolve(cwd, file);
        const loaded = loadScenarioText(await readSource(absolute), displayPath(absolute, cwd), { suite: suite.name, env, knownRuleIds });
        scenarios.push(loaded.scenario);
        secrets.push(...loaded.secrets);
        problems.push(...loaded.warnings);
      } catch (error) {
        if (!(error instanceof ScenarioFileError)) throw error;
        problems.push(...error.diagnostics);
      }
    }
    const kept = scenarios.filter((scenario) => matchesGrep(scenario, suite.name, options.grep));
    if (kept.length > 0) suites.push({ name: suite.name, scenarios: kept });
  }
  if (problems.some((d) => d.severity === 'error')) throw new ScenarioLoadError(problems);
  const target = singleTarget(selected, cwd);
  return target ? { suites, secrets, warnings: problems, target } : { suites, secrets, warnings: problems };
}

/** One run has one target: suites that declare one must declare the same. */
function singleTarget(selected: SelectedSuite[], cwd: string): SelectedSuite['target'] {
  const declared = selected.flatMap((s) => (s.target ? [s.target] : []));
  const first = declared[0];
  const other = declared.find((t) => JSON.stringify(t.spec) !== JSON.stringify(first?.spec));
  if (first && other) {
    const where = (t: NonNullable<SelectedSuite['target']>) => displayPath(t.declaredIn, cwd);
    throw new UsageError(`${where(first)} and ${where(other)} name different targets`, 'run those suites separately, or override both with --target / --target-image');
  }
  return first;
}

function matchesGrep(scenario: { id: string; title: string; tags: string[] }, suite: string, grep: string | undefined): boolean {
  if (!grep) return true;
  const haystack = [suite, scenario.id, scenario.title, ...scenario.tags].join(' › ').toLowerCase();
  return haystack.includes(grep.toLowerCase());
}
