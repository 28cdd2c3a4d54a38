import type { ErrorObject } from 'ajv';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import type { DocPath, Locator } from './locate.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { CONTROL_ACTIONS, ENTRA_ACTIONS, IDP_ACTIONS } from './raw-scenario.js';

type SchemaObject = Record<string, unknown> & { properties?: Record<string, SchemaObject> };

/** A type mismatch against every branch of an `anyOf`: one message instead of one per branch. */
interface TypeUnion {
  keyword: 'typeUnion';
  instancePath: string;
  types: string[];
  data: unknown;
}

type Item = ErrorObject | TypeUnion;

/**
 * Rewrites Ajv errors as plain-English diagnostics located on the YAML node they are about.
 * Branch errors of an `anyOf` collapse to the branch the data was meant for (the one whose type
 * matches), or to a single "expected X or Y" when none does; `if` wrappers are dropped.
 */
export function explainSchemaErrors(errors: ErrorObject[], locator: Locator, rootSchema: SchemaObject): Diagnostic[] {
  const items: Item[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'propertyNames') continue;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const children: Item[] = [];
      while (items.length > 0 && isUnder(items[items.length - 1]!.instancePath, error.instancePath)) children.unshift(items.pop()!);
      items.push(...collapse(error, children));
    } else {
      items.push(error);
    }
  }
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const item of prune(items, rootSchema)) {
    const diagnostic = explain(item, locator, rootSchema);
    const key = `${diagnostic.location.line}:${diagnostic.location.col}:${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

/** The schema object an error's keyword belongs to: its schemaPath without the keyword. */
function schemaObjectPath(error: ErrorObject): string {
  return error.schemaPath.slice(0, error.schemaPath.lastIndexOf('/'));
}

function isTypeUnion(item: Item): item is TypeUnion {
  return item.keyword === 'typeUnion';
}

function isUnder(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

function collapse(error: ErrorObject, children: Item[]): Item[] {
  const atSelf = (item: Item): boolean => item.instancePath === error.instancePath && (item.keyword === 'type' || item.keyword === 'typeUnion');
  // A branch whose type does not fit was not meant: drop its other complaints about the same value too.
  const rejected = new Set(children.filter(atSelf).flatMap((item) => (isTypeUnion(item) ? [] : [schemaObjectPath(item)])));
  const sameBranch = (item: Item): boolean => !isTypeUnion(item) && item.instancePath === error.instancePath && rejected.has(schemaObjectPath(item));
  const meant = children.filter((item) => !atSelf(item) && !sameBranch(item));
  if (meant.length > 0) return meant;
  const types = children.flatMap((item) => (isTypeUnion(item) ? item.types : typesOf(item)));
  return [{ keyword: 'typeUnion', instancePath: error.instancePath, types: [...new Set(types)], data: error.data }];
}

/**
 * Drops follow-up noise: other complaints about a value whose type is already wrong, and a
 * "missing key" when an unknown key next to it is a typo of that key.
 */
function prune(items: Item[], root: SchemaObject): Item[] {
  const typeWrong = new Set(items.filter((i) => i.keyword === 'type' || i.keyword === 'typeUnion').map((i) => i.instancePath));
  const typoed = new Set<string>();
  for (const item of items) {
    if (item.keyword !== 'additionalProperties' || isTypeUnion(item)) continue;
    const advice = keyAdvice(String(item.params.additionalProperty), (item.parentSchema ?? {}) as SchemaObject, root);
    const meant = advice.guess ?? advice.under;
    if (meant) typoed.add(`${item.instancePath}\u0000${meant}`);
    // A misspelt IdP action (or a control action outside 'control:') fails as a request step: its 'missing request' is noise.
    if (advice.action || advice.control) typoed.add(`${item.instancePath}\u0000request`);
  }
  return items.filter((item) => {
    if (item.keyword !== 'type' && item.keyword !== 'typeUnion' && typeWrong.has(item.instancePath) && !('propertyName' in item && item.propertyName)) {
      return false;
    }
    if (item.keyword === 'required') {
      return !typoed.has(`${item.instancePath}\u0000${String((item as ErrorObject).params.missingProperty)}`);
    }
    return true;
  });
}

function explain(item: Item, locator: Locator, root: SchemaObject): Diagnostic {
  const path = toPath(item.instancePath);
  if (isTypeUnion(item)) return typeMismatch(item.types, item.data, path, locator);
  const error = item;
  const parent = (error.parentSchema ?? {}) as SchemaObject;
  const params = error.params as Record<string, unknown>;
  const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
  if (propertyName !== undefined) return invalidKey(error, path.concat(propertyName), propertyName, locator);
  switch (error.keyword) {
    case 'type':
      return typeMismatch(typesOf(error), error.data, path, locator);
    case 'required':
      return requiredKey(String(params.missingProperty), parent, path, locator);
    case 'additionalProperties':
      return unknownKey(String(params.additionalProperty), parent, path, locator, root);
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = didYouMean(String(error.data), allowed);
      return problem(locator.value(path), `'${String(error.data)}' is not one of ${allowed.join(', ')}`, guess && `did you mean '${guess}'?`);
    }
    case 'pattern':
      return problem(locator.value(path), `invalid value '${String(error.data)}'`, patternHint(parent));
    case 'minimum':
    case 'maximum':
      return problem(locator.value(path), `${bounds(parent)}, got ${String(error.data)}`);
    case 'minItems':
      return problem(locator.value(path), path.at(-1) === 'steps' ? 'a scenario needs at least one step' : 'the list is empty', 'give at least one item');
    case 'minLength':
      return problem(locator.value(path), 'the value is empty', 'write some text here');
    case 'minProperties': {
      const keys = Object.keys(parent.properties ?? {}).filter((k) => k !== 'level');
      if (parent.properties?.equals || parent.properties?.gt) return problem(locator.value(path), 'an empty matcher checks nothing', `give at least one of: ${keys.join(', ')}`);
      const last = path.at(-1);
      const what = typeof last === 'string' ? `'${last}'` : 'the mapping';
      return problem(locator.value(path), `${what} is empty`, keys.length ? `give at least one of: ${keys.join(', ')}` : 'give at least one key');
    }
    case 'not': {
      // The only `not` in the schema: a matcher whose one key is `level` tests nothing.
      const keys = Object.keys(parent.properties ?? {}).filter((k) => k !== 'level');
      return problem(locator.value(path), 'a matcher with only `level` checks nothing', `add a value test: ${keys.join(', ')}`);
    }
    case 'uniqueItems': {
      const index = Math.max(Number(params.i), Number(params.j));
      const value = Array.isArray(error.data) ? error.data[index] : undefined;
      return problem(locator.value(path.concat(index)), `duplicate item ${typeof value === 'string' ? `'${value}'` : JSON.stringify(value)}`, 'list it once');
    }
    default:
      return problem(locator.value(path), 'invalid value here', describeSchema(parent));
  }
}

function typeMismatch(types: string[], data: unknown, path: DocPath, locator: Locator): Diagnostic {
  const expected = phrase(types);
  const location = locator.value(path);
  if (data === null) return problem(location, `expected ${expected}, but the value is empty`);
  let hint: string | undefined;
  if (typeof data === 'string' && (types.includes('integer') || types.includes('number')) && data.trim() !== '' && !Number.isNaN(Number(data))) {
    hint = 'remove the quotes';
  } else if (typeof data !== 'string' && typeof data !== 'object' && types.length === 1 && types[0] === 'string') {
    hint = 'put it in quotes';
  } else {
    hint = shapeHint(path.at(-1), data);
  }
  return problem(location, `expected ${expected}, got ${describe(data)}`, hint);
}

/** The mapping a newcomer meant, for the shorthands people try first. */
function shapeHint(key: string | number | undefined, data: unknown): string | undefined {
  const request = typeof data === 'string' ? /^([A-Za-z]+)\s+(\S+)$/.exec(data.trim()) : null;
  if (key === 'request' && request) return `write { method: ${request[1]!.toUpperCase()}, path: ${request[2]!} }`;
  if (key === 'capture' && Array.isArray(data) && typeof data[0] === 'string') return `write { ${data[0]}: <body path> }, e.g. { ${data[0]}: id }`;
  return undefined;
}

function requiredKey(missing: string, parent: SchemaObject, path: DocPath, locator: Locator): Diagnostic {
  const location = path.length === 0 ? locator.start() : locator.key(path);
  let hint: string | undefined;
  if (missing === 'request' && parent.properties?.expect) hint = "a step needs 'request', 'advance', 'control' or an IdP action such as 'assign'";
  else if (path.length === 0 && missing === 'scenario') hint = "'scenario' is the title shown in reports";
  const last = path.at(-1);
  const where = last === undefined || /^\d+$/.test(String(last)) ? '' : ` in '${String(last)}'`;
  return problem(location, `missing required key '${missing}'${where}`, hint);
}

/** Words from other tools that mean one of our keys. */
const SYNONYMS: Record<string, string> = {
  title: 'scenario',
  name: 'scenario',
  variables: 'vars',
  requests: 'steps',
  cleanup: 'teardown',
  after: 'teardown',
  url: 'path',
  params: 'query',
  json: 'body',
  response: 'expect',
  assert: 'expect',
  status_code: 'status',
  statuscode: 'status',
  code: 'status',
  extract: 'capture',
  captures: 'capture',
  save: 'capture',
};

/** Every IdP step action, Okta's and Entra's, and the other step keys, for typos in a step that matched no step shape. */
const STEP_ACTIONS: readonly string[] = [...new Set<string>([...IDP_ACTIONS, ...ENTRA_ACTIONS, 'advance', 'control'])];

/**
 * What an unknown key was probably meant to be: a typo of an allowed key, an IdP action, a control
 * action written without 'control:', or a key of a child mapping.
 */
function keyAdvice(key: string, parent: SchemaObject, root: SchemaObject): { guess?: string; under?: string; action?: string; control?: string } {
  const allowed = Object.keys(parent.properties ?? {});
  const guess = didYouMean(key, allowed) ?? SYNONYMS[key.toLowerCase()];
  if (guess && allowed.includes(guess)) return { guess };
  if (parent.properties?.['request'] && parent.properties['expect']) {
    if ((CONTROL_ACTIONS as readonly string[]).includes(key)) return { control: key };
    const action = didYouMean(key, STEP_ACTIONS);
    if (action) return { action };
    const control = didYouMean(key, CONTROL_ACTIONS);
    if (control) return { control };
  }
  for (const [name, schema] of Object.entries(parent.properties ?? {})) {
    if (resolve(schema, root).properties?.[key]) return { under: name };
  }
  return {};
}

function unknownKey(key: string, parent: SchemaObject, path: DocPath, locator: Locator, root: SchemaObject): Diagnostic {
  const location = locator.key(path.concat(key));
  const allowed = Object.keys(parent.properties ?? {});
  const isMatcher = Boolean(parent.properties?.equals && parent.properties.startsWith);
  const message = isMatcher ? `unknown matcher '${key}'` : `unknown key '${key}'`;
  if (isControlAction(parent)) return unknownControlAction(key, allowed, location);
  const advice = keyAdvice(key, parent, root);
  if (advice.guess) return problem(location, message, `did you mean '${advice.guess}'?`);
  if (advice.action) return problem(location, `unknown step action '${key}'`, `did you mean '${advice.action}'?`);
  if (advice.control === key) return problem(location, `unknown step action '${key}'`, `'${key}' is a control action: write control: { ${key}: … }`);
  if (advice.control) return problem(location, `unknown step action '${key}'`, `did you mean the control action '${advice.control}'? write control: { ${advice.control}: … }`);
  if (advice.under) return problem(location, message, `'${key}' belongs under '${advice.under}:'`);
  if (parent.properties?.control && STEP_ACTIONS.includes(key)) {
    return problem(location, message, `'${key}' is a step of its own; a control step does one control action`);
  }
  if (isMatcher) {
    const field = path.at(-1);
    const alone = path.at(-2) === 'body' && typeof field === 'string' ? `, or check the field alone as '${field}.${key}'` : '';
    return problem(location, message, `a mapping here is a matcher; to compare a whole object write { equals: … }${alone}`);
  }
  if (parent.properties?.body && parent.properties.status) return problem(location, message, `a check on the response body goes under 'body:', e.g. body: { ${key}: … }`);
  if (parent.properties?.advance) return problem(location, message, "an advance step has only 'advance' and 'name'; put the request in a step of its own");
  return problem(location, message, `expected one of: ${allowed.join(', ')}`);
}

/** The schema object of `control:`: the control actions. */
function isControlAction(schema: SchemaObject): boolean {
  return Boolean(schema.properties?.acceptInvitation && schema.properties.ssoLogin);
}

function unknownControlAction(key: string, allowed: string[], location: SourceLocation): Diagnostic {
  const message = `unknown control action '${key}'`;
  const guess = didYouMean(key, allowed);
  if (guess) return problem(location, message, `did you mean '${guess}'?`);
  if (STEP_ACTIONS.includes(key)) return problem(location, message, `'${key}' is a step of its own: - ${key}: …`);
  return problem(location, message, `control actions: ${allowed.join(', ')}`);
}

function invalidKey(error: ErrorObject, path: DocPath, name: string, locator: Locator): Diagnostic {
  const location = locator.key(path);
  if (error.keyword === 'minLength') return problem(location, 'empty key', 'write a name before the colon');
  return problem(location, `invalid key '${name}'`, patternHint((error.parentSchema ?? {}) as SchemaObject));
}

function patternHint(schema: SchemaObject): string | undefined {
  const message = schema.patternErrorMessage;
  return typeof message === 'string' ? message : undefined;
}

function bounds(schema: SchemaObject): string {
  const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
  if (minimum !== undefined && maximum !== undefined) return `expected a number from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return `expected a number of at least ${minimum}`;
  return `expected a number of at most ${String(maximum)}`;
}

function describeSchema(schema: SchemaObject): string | undefined {
  return typeof schema.description === 'string' ? `expected: ${schema.description}` : undefined;
}

function resolve(schema: SchemaObject, root: SchemaObject): SchemaObject {
  let current = schema;
  for (let hops = 0; hops < 10 && typeof current.$ref === 'string'; hops += 1) {
    const target = current.$ref.replace(/^#\//, '').split('/').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], root);
    if (!target || typeof target !== 'object') break;
    current = target as SchemaObject;
  }
  return current;
}

function typesOf(error: ErrorObject): string[] {
  const type = (error.params as { type?: string | string[] }).type;
  if (Array.isArray(type)) return type;
  return typeof type === 'string' ? type.split(',') : [];
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'null',
};

function phrase(types: string[]): string {
  const words = [...new Set(types.map((t) => (types.length > 1 && t === 'boolean' ? 'a boolean' : (TYPE_WORDS[t] ?? t))))];
  if (words.length <= 1) return words[0] ?? 'another value';
  return `${words.slice(0, -1).join(', ')} or ${words.at(-1)!}`;
}

/** How a value reads in a message: `the string '201'`, `the number 5`, `a list`. */
export function describe(data: unknown): string {
  if (typeof data === 'string') return `the string '${data.length > 40 ? `${data.slice(0, 40)}…` : data}'`;
  if (typeof data === 'number') return `the number ${data}`;
  if (typeof data === 'boolean') return `the boolean ${data}`;
  if (data === null || data === undefined) return 'an empty value';
  if (Array.isArray(data)) return 'a list';
  return 'a mapping';
}

function toPath(pointer: string): DocPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function problem(location: SourceLocation, message: string, hint?: string): Diagnostic {
  return hint ? { severity: 'error', location, message, hint } : { severity: 'error', location, message };
}
