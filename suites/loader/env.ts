import { Scalar, isScalar, type Document, type Node } from 'yaml';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import type { Locator } from './locate.js';
import { walkNodes } from './walk-nodes.js';

/** Variables whose values must never be printed. */
const SECRET_NAME = /TOKEN|SECRET|PASSWORD|KEY/i;
const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

/** What substitution did: the problems found, and the values to redact from every output. */
export interface EnvSubstitution {
  diagnostics: Diagnostic[];
  secrets: string[];
}

/** One `${...}` in a string (escapes `$${` excluded), with offsets into that string. */
interface Reference {
  start: number;
  /** Exclusive; `undefined` when the reference is never closed. */
  end: number | undefined;
  inner: string;
}

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string of the document (keys included) and
 * turns `$${` into a literal `${`. An unquoted value that is exactly one reference is re-read as
 * YAML would read the text (`seed: ${SEED}` gives a number). Unset variables without a default
 * and malformed references are reported at their column when the source allows it.
 */
export function substituteEnv(doc: Document, locator: Locator, env: Record<string, string | undefined>): EnvSubstitution {
  const diagnostics: Diagnostic[] = [];
  const secrets = new Set<string>();
  for (const { node } of walkNodes(doc.contents as Node | null)) {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.value.includes('$')) continue;
    const text = node.value;
    const references = scan(text);
    const raw = node.range ? locator.source.slice(node.range[0], node.range[1]) : '';
    const rawReferences = scan(raw);
    const mapped = rawReferences.length === references.length && node.range;
    const locate = (index: number): SourceLocation => {
      if (mapped && node.range) {
        const ref = rawReferences[index]!;
        return locator.ofOffsets(node.range[0] + ref.start, node.range[0] + (ref.end ?? ref.start + 2));
      }
      return locator.ofNode(node);
    };
    let output = '';
    let cursor = 0;
    let index = 0;
    let ok = true;
    for (const piece of pieces(text)) {
      output += text.slice(cursor, piece.start);
      cursor = piece.end ?? text.length;
      if (piece.kind === 'escape') {
        output += '${';
        continue;
      }
      const refIndex = index;
      index += 1;
      const resolved = resolveReference(piece, env);
      if ('problem' in resolved) {
        ok = false;
        diagnostics.push({ severity: 'error', location: locate(refIndex), message: resolved.problem, hint: resolved.hint });
        output += text.slice(piece.start, cursor);
        continue;
      }
      if (resolved.secretValue !== undefined && resolved.secretValue !== '') secrets.add(resolved.secretValue);
      output += resolved.value;
    }
    output += text.slice(cursor);
    if (!ok) continue;
    const whole = references.length === 1 && references[0]!.start === 0 && references[0]!.end === text.length;
    node.value = whole && node.type === Scalar.PLAIN ? readPlain(output) : output;
  }
  return { diagnostics, secrets: [...secrets] };
}

type Piece = (Reference & { kind: 'reference' }) | { kind: 'escape'; start: number; end: number };

/** The references and `$${` escapes of a string, in order. */
function pieces(text: string): Piece[] {
  const found: Piece[] = [];
  let at = text.indexOf('$');
  while (at >= 0 && at < text.length) {
    if (text.startsWith('$${', at)) {
      found.push({ kind: 'escape', start: at, end: at + 3 });
      at = text.indexOf('$', at + 3);
    } else if (text.startsWith('${', at)) {
      const close = text.indexOf('}', at + 2);
      const end = close < 0 ? undefined : close + 1;
      found.push({ kind: 'reference', start: at, end, inner: text.slice(at + 2, close < 0 ? text.length : close) });
      if (end === undefined) break;
      at = text.indexOf('$', end);
    } else {
      at = text.indexOf('$', at + 1);
    }
  }
  return found;
}

function scan(text: string): Reference[] {
  return pieces(text).filter((piece): piece is Piece & { kind: 'reference' } => piece.kind === 'reference');
}

function resolveReference(
  reference: Reference,
  env: Record<string, string | undefined>,
): { value: string; secretValue?: string } | { problem: string; hint?: string } {
  if (reference.end === undefined) {
    return { problem: "'${' is not closed", hint: "write '$${' for a literal '${'" };
  }
  const match = REFERENCE.exec(reference.inner);
  if (!match) {
    const single = /^([A-Za-z_][A-Za-z0-9_]*):([^-][\s\S]*)?$/.exec(reference.inner);
    if (single) return { problem: `'\${${reference.inner}}' is not a valid reference`, hint: `write \${${single[1]}:-${single[2] ?? ''}} for a default` };
    return {
      problem: `'\${${reference.inner}}' is not an environment variable reference`,
      hint: "a name uses letters, digits and _; write '$${' for a literal '${'",
    };
  }
  const name = match[1]!;
  const fallback = match[2];
  const set = env[name];
  const value = set === undefined || (set === '' && fallback !== undefined) ? fallback : set;
  if (value === undefined) {
    return { problem: `environment variable ${name} is not set`, hint: `set it, or give a default: \${${name}:-value}` };
  }
  return SECRET_NAME.test(name) ? { value, secretValue: value } : { value };
}

/** An unquoted value keeps YAML's reading of the substituted text: numbers, booleans and null. */
function readPlain(text: string): unknown {
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^(null|Null|NULL|~|)$/.test(text)) return null;
  return text;
}
