import { describe, expect, it } from 'vitest';
import scenarioSchema from '../../scenarios/scenario.schema.json' with { type: 'json' };
import suiteSchema from '../../scenarios/suite.schema.json' with { type: 'json' };
import { ScenarioFileError, formatDiagnosticLine } from '../diagnostics/diagnostic.js';
import { loadScenarioText } from './load-scenario.js';
import { validateAgainstSchema } from './schema-validate.js';

type Schema = Record<string, unknown>;

/** Every subschema with its JSON-pointer-like path. */
function* subschemas(schema: unknown, path = '#'): Generator<[string, Schema]> {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  const s = schema as Schema;
  yield [path, s];
  for (const key of ['properties', 'definitions'] as const) {
    for (const [name, child] of Object.entries((s[key] as Record<string, unknown> | undefined) ?? {})) yield* subschemas(child, `${path}/${key}/${name}`);
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames', 'if', 'then', 'else'] as const) yield* subschemas(s[key], `${path}/${key}`);
  for (const key of ['anyOf', 'oneOf'] as const) {
    for (const [i, child] of ((s[key] as unknown[] | undefined) ?? []).entries()) yield* subschemas(child, `${path}/${key}/${i}`);
  }
}

describe.each([
  ['scenario.schema.json', scenarioSchema],
  ['suite.schema.json', suiteSchema],
])('%s', (_, schema) => {
  it('describes every property and definition (editors show the text)', () => {
    const missing = [...subschemas(schema)]
      .filter(([path]) => /\/(properties|definitions)\/[^/]+$/.test(path))
      .filter(([, s]) => typeof s.description !== 'string' || s.description.length === 0)
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it('closes every mapping with known keys', () => {
    const open = [...subschemas(schema)]
      .filter(([, s]) => s.properties !== undefined && s.type === 'object')
      .filter(([path, s]) => s.additionalProperties !== false && !path.endsWith('/if'))
      .map(([path]) => path);
    expect(open).toEqual([]);
  });
});

describe('scenario.schema.json', () => {
  it('requires at least one key in a matcher and allows only the documented ones', () => {
    const matcher = (scenarioSchema.definitions as Record<string, Schema>).matcher!;
    expect(matcher.minProperties).toBe(1);
    expect(Object.keys(matcher.properties as Schema)).toEqual([
      'level', 'equals', 'notEquals', 'equalsIgnoreCase', 'exists', 'notEmpty', 'empty', 'contains', 'notContains', 'matches',
      'startsWith', 'oneOf', 'type', 'length', 'minLength', 'maxLength', 'gt', 'gte', 'lt', 'lte',
    ]);
  });

  it('accepts a status code or a non-empty list of them, within 100-599', () => {
    const withStatus = (status: unknown): unknown => ({ scenario: 's', steps: [{ request: { method: 'GET', path: '/' }, expect: { status } }] });
    expect(validateAgainstSchema('scenario', withStatus(200))).toEqual([]);
    expect(validateAgainstSchema('scenario', withStatus([200, 204]))).toEqual([]);
    for (const bad of [99, 600, [], '200', 200.5, [200, '201']]) expect(validateAgainstSchema('scenario', withStatus(bad))).not.toEqual([]);
  });
});

describe('files in other line-ending conventions', () => {
  it('locates problems the same with CRLF line endings and a byte-order mark stripped', () => {
    const source = 'scenario: crlf\r\nsteps:\r\n  - advance: 5 m\r\n';
    let lines: string[] = [];
    try {
      loadScenarioText(source, 'crlf.yaml', { suite: 's', env: {} });
    } catch (error) {
      lines = (error as ScenarioFileError).diagnostics.map(formatDiagnosticLine);
    }
    expect(lines).toEqual(["crlf.yaml:3:14: invalid value '5 m' (write a duration such as 40m, 1h30m or 500ms; units: ms, s, m, h, d)"]);
  });
});
