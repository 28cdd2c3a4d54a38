import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import scenarioSchema from '../../scenarios/scenario.schema.json' with { type: 'json' };
import suiteSchema from '../../scenarios/suite.schema.json' with { type: 'json' };

/** Which of the shipped schemas a document is checked against. */
export type SchemaName = 'scenario' | 'suite';

const compiled = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  let validate = compiled.get(name);
  if (!validate) {
    // verbose: the explanations need the failing data and the schema around it.
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    // Editors (VS Code) show this keyword's text when a pattern fails; the loader uses it as the hint.
    ajv.addKeyword({ keyword: 'patternErrorMessage', schemaType: 'string' });
    validate = ajv.compile(name === 'scenario' ? scenarioSchema : suiteSchema);
    compiled.set(name, validate);
  }
  return validate;
}

/** Validates parsed data against a shipped schema; returns every Ajv error, in Ajv's order. */
export function validateAgainstSchema(name: SchemaName, data: unknown): ErrorObject[] {
  const validate = validator(name);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}
