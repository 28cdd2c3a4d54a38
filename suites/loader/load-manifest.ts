import { isMap } from 'yaml';
import suiteSchema from '../../scenarios/suite.schema.json' with { type: 'json' };
import { ScenarioFileError, type Diagnostic } from '../diagnostics/diagnostic.js';
import { checkStructure } from './check-structure.js';
import { explainSchemaErrors } from './explain-schema-errors.js';
import { parseYaml } from './parse-yaml.js';
import { validateAgainstSchema } from './schema-validate.js';
import { sortDiagnostics } from './sort-diagnostics.js';
import { toJsSafely } from './to-js.js';
import { ContainerSpecError, parseContainerSpec, type ContainerTargetSpec } from '../../simulator/target/container/container-spec.js';

/** What a `suite.yaml` declares. */
export interface Manifest {
  name: string;
  description?: string;
  /** The container the suite runs against, unless the run names a target. */
  target?: ContainerTargetSpec;
}

/** Parses and validates the text of a `suite.yaml`; throws `ScenarioFileError` with every problem. */
export function loadManifestText(source: string, file: string): Manifest {
  try {
    return load(source, file);
  } catch (error) {
    if (error instanceof ScenarioFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScenarioFileError([{ severity: 'error', location: { file, line: 1, col: 1 }, message: `cannot read this file: ${reason}` }]);
  }
}

function load(source: string, file: string): Manifest {
  const { doc, locator, diagnostics } = parseYaml(source, file);
  if (diagnostics.some((d) => d.severity === 'error')) throw new ScenarioFileError(sortDiagnostics(diagnostics));
  if (!isMap(doc.contents)) {
    const diagnostic: Diagnostic = {
      severity: 'error',
      location: locator.start(),
      message: doc.contents ? 'a suite manifest is a mapping, not a single value or a list' : 'the suite manifest is empty',
      hint: "write 'suite: <name>' and optionally 'description: …'",
    };
    throw new ScenarioFileError([diagnostic]);
  }
  diagnostics.push(...checkStructure(doc, locator));
  const data = toJsSafely(doc, locator, diagnostics);
  if (data !== undefined) diagnostics.push(...explainSchemaErrors(validateAgainstSchema('suite', data), locator, suiteSchema as Record<string, unknown>));
  if (diagnostics.some((d) => d.severity === 'error')) throw new ScenarioFileError(sortDiagnostics(diagnostics));
  const { suite, description, target } = data as { suite: string; description?: string; target?: unknown };
  const manifest: Manifest = { name: suite };
  if (description !== undefined) manifest.description = description;
  if (target !== undefined) {
    try {
      // The schema has checked the shape; this adds the checks a schema cannot say (and the type).
      manifest.target = parseContainerSpec(target, 'target');
    } catch (error) {
      if (!(error instanceof ContainerSpecError)) throw error;
      throw new ScenarioFileError([{ severity: 'error', location: locator.key(['target']), message: error.message }]);
    }
  }
  return manifest;
}
