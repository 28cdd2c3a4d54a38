import { eachStep } from './each-step.js';
import { isScalar, type Node } from 'yaml';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { BUILTIN_PLACEHOLDERS, TEMPLATE_FILTERS, TemplateSyntaxError, parseTemplate } from '../templates/parse.js';
import type { DocPath, Locator } from './locate.js';
import { isAdvanceStep, isControlStep, isRequestStep, type RawScenario, type RawStep } from './raw-scenario.js';
import { FOREIGN_PLACEHOLDER_FIELDS, directoryPlaceholders, placeholderFields } from './directory-placeholders.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { walkNodes } from './walk-nodes.js';

/** A name a placeholder can refer to, and where it is defined. */
interface Definition {
  name: string;
  kind: 'var' | 'capture';
  line: number;
  /** For captures: which list and step index define it. */
  section?: 'steps' | 'teardown';
  index?: number;
}

/** A control step that creates or deletes a named token (`{{tokens.<name>}}`). */
interface TokenEvent {
  name: string;
  kind: 'create' | 'delete';
  section: 'steps' | 'teardown';
  index: number;
  line: number;
}

/** The names visible at one place in the file, and a way to explain why another name is not. */
interface Scope {
  visible: Set<string>;
  explainMissing(name: string): { message: string; hint?: string } | undefined;
}

/**
 * Checks every placeholder where the engine renders them (vars, defaults.headers, the directory,
 * `account:`, request and expect, IdP and control steps whole): well-formed, known filters, and a
 * name that is a var defined earlier, a capture of an earlier step, a directory value
 * (`alice.id`, the fields depending on the IdP), a token an earlier step created and no step
 * deleted since (`tokens.rotated`) or a built-in. Teardown steps may use any capture of the
 * scenario; the directory and the account, set up when the scenario starts, only vars.
 */
export function checkPlaceholders(raw: RawScenario, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const vars = Object.keys(raw.vars ?? {}).map<Definition>((name) => ({ name, kind: 'var', line: locator.key(['vars', name]).line }));
  const captures = [
    ...capturesOf(raw.steps, 'steps', locator),
    ...capturesOf(raw.teardown ?? [], 'teardown', locator),
  ];
  const all = [...vars, ...captures];
  const tokens = tokenEvents(raw, locator);
  const tooEarly = (where: string, hint: string) => (name: string) => {
    const made = tokens.find((t) => `tokens.${t.name}` === name && t.kind === 'create');
    return made ? { message: `${where} cannot use '${name}', a token created by a step (line ${made.line})`, hint } : undefined;
  };

  vars.forEach((definition, index) => {
    const visible = vars.slice(0, index).map((v) => v.name);
    const scope = makeScope(visible, all, (name) => {
      if (name === definition.name) return { message: `var '${name}' refers to itself` };
      const later = vars.find((v) => v.name === name);
      if (later) return { message: `var '${name}' is defined later, on line ${later.line}`, hint: `vars are computed in order: move '${name}' above '${definition.name}'` };
      const captured = captures.find((c) => c.name === name);
      if (captured) return { message: `'${name}' is captured on line ${captured.line}, but vars are computed before the first step` };
      return tooEarly('a var', 'vars are computed before the first step')(name);
    });
    diagnostics.push(...checkSubtree(['vars', definition.name], scope, locator));
  });

  const allVars = vars.map((v) => v.name);
  const directory = directoryPlaceholders(raw);
  const defaultsScope = makeScope(allVars, all, (name) => {
    const captured = captures.find((c) => c.name === name);
    return captured
      ? { message: `defaults.headers cannot use '${name}', a capture (line ${captured.line})`, hint: 'defaults apply to the first request too; set this header on the steps that need it' }
      : tooEarly('defaults.headers', 'defaults apply to the first request too; set this header on the steps that need it')(name);
  });
  diagnostics.push(...checkSubtree(['defaults', 'headers'], defaultsScope, locator));

  const directoryScope = makeScope(allVars, all, (name) => {
    const captured = captures.find((c) => c.name === name);
    if (captured) return { message: `the directory cannot use '${name}', a capture (line ${captured.line})`, hint: 'the directory is set up before the first step; use a var' };
    if (directory.includes(name)) return { message: `the directory cannot use '${name}'`, hint: 'the directory is set up before the IdP has ids or usernames; use a var' };
    return undefined;
  });
  diagnostics.push(...checkSubtree(['directory'], directoryScope, locator));

  const accountScope = makeScope(allVars, all, (name) => {
    const captured = captures.find((c) => c.name === name);
    if (captured) return { message: `account: cannot use '${name}', a capture (line ${captured.line})`, hint: 'the account is set up before the first step; use a var' };
    if (directory.includes(name)) return { message: `account: cannot use '${name}'`, hint: 'the account is set up before the IdP has ids or usernames; use a var' };
    return tooEarly('account:', 'the account is set up before the first step')(name);
  });
  diagnostics.push(...checkSubtree(['account'], accountScope, locator));

  for (const { step, section, index } of eachStep(raw)) {
    if (isAdvanceStep(step, raw)) continue;
    const visibleCaptures = captures.filter((c) =>
      section === 'steps' ? c.section === 'steps' && c.index! < index : c.section === 'steps' || (c.section === 'teardown' && c.index! < index),
    );
    const visibleTokens = tokensAt(tokens, section, index).map((token) => `tokens.${token}`);
    const scope = makeScope(
      [...allVars, ...visibleCaptures.map((c) => c.name), ...directory, ...visibleTokens],
      all,
      (name) => explainCapture(name, section, index, captures) ?? explainToken(name, section, index, tokens) ?? explainDirectoryField(name, raw),
    );
    if (isRequestStep(step)) {
      diagnostics.push(...checkSubtree([section, index, 'request'], scope, locator));
      diagnostics.push(...checkSubtree([section, index, 'expect'], scope, locator));
    } else {
      diagnostics.push(...checkSubtree([section, index], scope, locator));
    }
  }
  return diagnostics;
}

/** Every `createToken` and `deleteToken`, in the order they run (steps, then teardown). */
function tokenEvents(raw: RawScenario, locator: Locator): TokenEvent[] {
  const events: TokenEvent[] = [];
  for (const { step, section, index } of eachStep(raw)) {
    if (!isControlStep(step, raw) || !step.control) continue;
    for (const kind of ['create', 'delete'] as const) {
      const key = kind === 'create' ? 'createToken' : 'deleteToken';
      const name = step.control[key];
      if (typeof name === 'string') events.push({ name, kind, section, index, line: locator.key([section, index, 'control', key]).line });
    }
  }
  return events;
}

/**
 * The tokens whose value a step can use: created by an earlier step (teardown runs after every
 * step). A deleted token keeps its value, so a scenario can show the target refuses it.
 */
function tokensAt(events: TokenEvent[], section: 'steps' | 'teardown', index: number): string[] {
  const known = new Set<string>();
  for (const event of events) {
    const earlier = event.section === section ? event.index < index : event.section === 'steps';
    if (earlier && event.kind === 'create') known.add(event.name);
  }
  return [...known];
}

/** Why `tokens.<name>` is not available here: created by this step or a later one, deleted before, or no such token. */
function explainToken(name: string, section: 'steps' | 'teardown', index: number, events: TokenEvent[]): { message: string; hint?: string } | undefined {
  if (!name.startsWith('tokens.')) return undefined;
  const token = name.slice('tokens.'.length);
  const creations = events.filter((e) => e.kind === 'create');
  const same = creations.find((e) => e.name === token && e.section === section && e.index === index);
  if (same) return { message: `'${name}' is created by this same step`, hint: 'a token is available from the next step on' };
  const order = (e: TokenEvent) => (e.section === 'steps' ? 0 : 1) * 1e9 + e.index;
  const here = (section === 'steps' ? 0 : 1) * 1e9 + index;
  const later = creations.find((e) => e.name === token && order(e) > here);
  if (later) {
    const where = later.section === 'teardown' && section === 'steps' ? `in teardown, on line ${later.line}` : `by a later step, on line ${later.line}`;
    return { message: `'${name}' is created ${where}`, hint: 'a token is available from the step after its createToken on' };
  }
  const guess = didYouMean(token, [...new Set(creations.map((e) => e.name))]);
  return {
    message: `unknown token '${token}'`,
    hint: guess ? `did you mean 'tokens.${guess}'?` : "a token is created by an earlier step: control: { createToken: <name> }",
  };
}

function capturesOf(steps: RawStep[], section: 'steps' | 'teardown', locator: Locator): Definition[] {
  return steps.flatMap((step, index) =>
    !isRequestStep(step)
      ? []
      : Object.keys(step.capture ?? {}).map<Definition>((name) => ({
          name,
          kind: 'capture',
          section,
          index,
          line: locator.key([section, index, 'capture', name]).line,
        })),
  );
}

function explainCapture(name: string, section: 'steps' | 'teardown', index: number, captures: Definition[]): { message: string; hint?: string } | undefined {
  const same = captures.find((c) => c.name === name && c.section === section && c.index === index);
  if (same) return { message: `'${name}' is captured by this same step`, hint: 'a capture is available from the next step on' };
  const later = captures.find((c) => c.name === name && c.section === section);
  if (later) return { message: `'${name}' is captured by a later step, on line ${later.line}`, hint: 'a capture is available from the next step on' };
  const inTeardown = captures.find((c) => c.name === name && c.section === 'teardown');
  if (inTeardown) return { message: `'${name}' is captured in teardown, on line ${inTeardown.line}`, hint: 'teardown runs after the steps' };
  return undefined;
}

/** `alice.email` where alice is in the directory but has no such field: the field meant, or the fields there are. */
function explainDirectoryField(name: string, raw: RawScenario): { message: string; hint: string } | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return undefined;
  const key = name.slice(0, dot);
  const field = name.slice(dot + 1);
  const kind = key in (raw.directory?.users ?? {}) ? 'user' : key in (raw.directory?.groups ?? {}) ? 'group' : undefined;
  if (!kind) return undefined;
  const idp = raw.idp === 'entra' ? 'entra' : 'okta';
  const fields = placeholderFields(raw.idp)[kind];
  const message = `unknown placeholder '${name}'`;
  const guess = didYouMean(field, fields);
  if (guess) return { message, hint: `did you mean '${key}.${guess}'?` };
  const [own, other] = idp === 'entra' ? ['Entra', 'Okta'] : ['Okta', 'Entra'];
  const foreign = FOREIGN_PLACEHOLDER_FIELDS[idp][field];
  if (foreign && fields.includes(foreign)) return { message, hint: `'${field}' is an ${other} field; in an ${own} scenario write '${key}.${foreign}'` };
  return { message, hint: `an ${own} ${kind} has: ${fields.map((f) => `${key}.${f}`).join(', ')}` };
}

function makeScope(visibleNames: string[], all: Definition[], explain: (name: string) => { message: string; hint?: string } | undefined): Scope {
  const visible = new Set<string>([...visibleNames, ...BUILTIN_PLACEHOLDERS]);
  return {
    visible,
    explainMissing: (name) => {
      const specific = explain(name);
      if (specific) return specific;
      const guess = didYouMean(name, visible) ?? didYouMean(name, all.map((d) => d.name));
      return {
        message: `unknown placeholder '${name}'`,
        hint: guess ? `did you mean '${guess}'?` : "define it under 'vars:', or capture it in an earlier step",
      };
    },
  };
}

/** Checks the strings (keys included) of the node at `path`, if there is one. */
function checkSubtree(path: DocPath, scope: Scope, locator: Locator): Diagnostic[] {
  const { node, complete } = locator.find(path);
  if (!complete || !node) return [];
  const diagnostics: Diagnostic[] = [];
  for (const { node: current } of walkNodes(node)) {
    if (!isScalar(current) || typeof current.value !== 'string' || !current.value.includes('{{')) continue;
    diagnostics.push(...checkString(current, current.value, scope, locator));
  }
  return diagnostics;
}

function checkString(node: Node, text: string, scope: Scope, locator: Locator): Diagnostic[] {
  const at = (start: number, end: number): SourceLocation => locator.inScalar(node, text, start, end, '{{');
  let parts;
  try {
    parts = parseTemplate(text);
  } catch (error) {
    if (!(error instanceof TemplateSyntaxError)) throw error;
    const diagnostic: Diagnostic = { severity: 'error', location: at(error.start, error.end), message: error.message };
    if (error.unknownFilter) {
      const guess = didYouMean(error.unknownFilter, TEMPLATE_FILTERS);
      diagnostic.hint = guess ? `did you mean '${guess}'?` : `filters: ${TEMPLATE_FILTERS.join(', ')}`;
    }
    return [diagnostic];
  }
  const diagnostics: Diagnostic[] = [];
  for (const part of parts) {
    if (part.kind !== 'placeholder' || scope.visible.has(part.name)) continue;
    const explained = scope.explainMissing(part.name);
    if (!explained) continue;
    const diagnostic: Diagnostic = { severity: 'error', location: at(part.nameStart, part.nameStart + part.name.length), message: explained.message };
    if (explained.hint) diagnostic.hint = explained.hint;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}
