import { Scalar, isAlias, isCollection, isMap, isScalar, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { keyText, type Locator } from './locate.js';
import { walkNodes, type NodeSlot } from './walk-nodes.js';

/** Deeper documents are refused: no scenario needs them, and later stages recurse. */
export const MAX_DEPTH = 64;

/**
 * Checks what YAML accepts but a scenario cannot hold: duplicate keys, keys that are mappings
 * (an unquoted `{{placeholder}}` becomes one), undefined aliases and absurd nesting. Unquoted
 * placeholders are replaced in the document by the text the user meant, so later stages read on
 * as if it had been quoted and report nothing twice.
 */
export function checkStructure(doc: Document, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const fixes: (() => void)[] = [];
  // The inner `{name}` of an unquoted placeholder is reported with its outer mapping, not again.
  const covered = new Set<unknown>();
  for (const { node, slot, depth } of walkNodes(doc.contents as Node | null)) {
    if (depth > MAX_DEPTH) {
      diagnostics.push(error(locator.ofNode(node), `the file is nested too deeply (more than ${MAX_DEPTH} levels)`));
      return diagnostics;
    }
    if (isAlias(node) && node.resolve(doc) === undefined) {
      diagnostics.push(error(locator.ofNode(node), `unknown alias '*${node.source}'`, `define it first with '&${node.source}'`));
    }
    if (isMap(node)) diagnostics.push(...duplicateKeys(node.items as Pair[], locator));
    if (isPlaceholderMap(node)) {
      covered.add((node.items[0] as Pair).key);
      const text = sourceText(locator, node);
      diagnostics.push(
        error(locator.ofNode(node), `unquoted placeholder ${text}: YAML reads it as a mapping`, `write "${text.replace(/"/g, '\\"')}" in quotes`),
      );
      fixes.push(() => replace(slot, scalarLike(node, text)));
    } else if (slot.kind === 'key' && isCollection(node) && !covered.has(node)) {
      diagnostics.push(error(locator.ofNode(node), 'a key must be a word, not a mapping or a list', 'quote the key'));
      fixes.push(() => replace(slot, scalarLike(node, sourceText(locator, node))));
    }
  }
  for (const fix of fixes.reverse()) fix();
  return diagnostics;
}

/** `{{name}}` unquoted: a flow map holding one pair whose key is a flow map `{name}` and whose value is empty. */
function isPlaceholderMap(node: Node): node is YAMLMap {
  if (!isMap(node) || !node.flow || node.items.length !== 1) return false;
  const pair = node.items[0] as Pair;
  if (!isEmptyValue(pair.value)) return false;
  const inner = pair.key;
  if (!isMap(inner) || !inner.flow || inner.items.length !== 1) return false;
  const innerPair = inner.items[0] as Pair;
  return isScalar(innerPair.key) && typeof innerPair.key.value === 'string' && isEmptyValue(innerPair.value);
}

function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || (isScalar(value) && value.value === null);
}

function duplicateKeys(pairs: Pair[], locator: Locator): Diagnostic[] {
  const first = new Map<string, Node>();
  const found: Diagnostic[] = [];
  for (const pair of pairs) {
    if (!isScalar(pair.key)) continue;
    const name = keyText(pair.key);
    const earlier = first.get(name);
    if (earlier) {
      const line = locator.ofNode(earlier).line;
      found.push(error(locator.ofNode(pair.key), `duplicate key '${name}'`, `first defined on line ${line}; a key may appear once`));
    } else {
      first.set(name, pair.key);
    }
  }
  return found;
}

function sourceText(locator: Locator, node: Node): string {
  const range = node.range;
  return range ? locator.source.slice(range[0], range[1]) : '';
}

function scalarLike(node: Node, text: string): Scalar {
  const scalar = new Scalar(text);
  scalar.range = node.range;
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

function replace(slot: NodeSlot, replacement: Scalar): void {
  if (slot.kind === 'key') slot.pair.key = replacement;
  else if (slot.kind === 'value') slot.pair.value = replacement;
  else if (slot.kind === 'item') slot.list.items[slot.index] = replacement;
}

function error(location: Diagnostic['location'], message: string, hint?: string): Diagnostic {
  return { severity: 'error', location, message, hint };
}
