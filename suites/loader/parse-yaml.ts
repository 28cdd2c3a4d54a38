import { LineCounter, Scalar, isCollection, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { Locator } from './locate.js';
import { walkNodes } from './walk-nodes.js';

/** YAML problems past this many are noise from the first one; they are not reported. */
const MAX_SYNTAX_ERRORS = 10;

/** A parsed file: the document with source ranges, and its syntax errors and warnings. */
export interface ParsedYaml {
  doc: Document;
  locator: Locator;
  diagnostics: Diagnostic[];
}

/**
 * Parses YAML text keeping every node's range. Syntax errors and warnings become diagnostics in
 * plain words, one per line at most; duplicate keys are left to `checkStructure`, which can say
 * where the first one is.
 */
export function parseYaml(source: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
  const locator = new Locator(file, doc, lineCounter, source);
  const diagnostics: Diagnostic[] = [];
  const seenLines = new Set<number>();
  const problems = [...doc.errors.map((e) => ({ e, severity: 'error' as const })), ...doc.warnings.map((e) => ({ e, severity: 'warning' as const }))];
  const exhausted = problems.filter(({ e }) => e.code === 'RESOURCE_EXHAUSTION').sort((a, b) => a.e.pos[0] - b.e.pos[0]);
  if (exhausted[0]) {
    const location = locator.ofOffsets(exhausted[0].e.pos[0], exhausted[0].e.pos[1]);
    return { doc, locator, diagnostics: [{ severity: 'error', location, message: 'the file is nested too deeply to read' }] };
  }
  for (const { e, severity } of problems.sort((a, b) => a.e.pos[0] - b.e.pos[0])) {
    const unclosed = e.code === 'MISSING_CHAR' || e.code === 'BAD_INDENT' ? unclosedBefore(doc, e) : undefined;
    const location = unclosed ? locator.ofOffsets(unclosed.range![0], unclosed.range![0] + 1) : locator.ofOffsets(e.pos[0], e.pos[1]);
    if (seenLines.has(location.line)) continue;
    seenLines.add(location.line);
    const explained = unclosed ? explainUnclosed(unclosed) : explainYamlProblem(e, lineText(source, e.pos[0]));
    diagnostics.push({ severity, location, ...explained });
    if (diagnostics.length >= MAX_SYNTAX_ERRORS) break;
  }
  return { doc, locator, diagnostics };
}

/**
 * The quoted string or flow collection (`{`, `[`) that an error at the end of it is really about:
 * the innermost one that opens before the error and runs up to it.
 */
function unclosedBefore(doc: Document, e: YAMLError): Node | undefined {
  const isQuote = e.code === 'MISSING_CHAR' && /quote/i.test(e.message);
  const isFlow = e.code === 'BAD_INDENT' && /^Flow (map|sequence)/.test(e.message);
  if (!isQuote && !isFlow) return undefined;
  let found: Node | undefined;
  for (const { node } of walkNodes(doc.contents as Node | null)) {
    const range = node.range;
    if (!range || range[0] >= e.pos[0] || range[1] < e.pos[0]) continue;
    const matches = isQuote
      ? isScalar(node) && (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)
      : isCollection(node) && node.flow === true;
    if (matches && (!found || range[0] >= found.range![0])) found = node;
  }
  return found;
}

function explainUnclosed(node: Node): { message: string; hint: string } {
  if (isScalar(node)) {
    const quote = node.type === Scalar.QUOTE_SINGLE ? "'" : '"';
    return { message: `this ${quote === '"' ? 'double' : 'single'} quote is never closed`, hint: `end the value with ${quote}` };
  }
  const [open, close] = isSeq(node) ? ['[', ']'] : ['{', '}'];
  return { message: `this '${open}' is never closed`, hint: `end it with '${close}'; a flow ${open === '{' ? 'mapping' : 'list'} continued on the next line must be indented` };
}

/** Plain-words message and hint for one of `yaml`'s error codes. */
function explainYamlProblem(e: YAMLError, line: string): { message: string; hint?: string } {
  const placeholderHint = bracketKeyAdvice(line) ?? (/\{\{|\$\{/.test(line) ? quoteAdvice(line) : undefined);
  switch (e.code) {
    case 'MULTILINE_IMPLICIT_KEY':
      return { message: "expected 'key: value' on this line", hint: "a ':' is missing after the key, or the text above is not closed" };
    case 'BLOCK_AS_IMPLICIT_KEY':
      return { message: "unexpected ': ' inside a value", hint: "quote a value that contains ': ', or check the indentation" };
    case 'UNEXPECTED_TOKEN':
      return { message: 'unexpected text after the value', hint: placeholderHint ?? 'quote the whole value' };
    case 'BAD_INDENT':
      return { message: lowerFirst(e.message), hint: placeholderHint ?? 'check the indentation of this line' };
    case 'TAB_AS_INDENT':
      return { message: 'tabs are not allowed as indentation', hint: 'indent with spaces' };
    case 'MULTIPLE_DOCS':
      return { message: 'a file holds one YAML document', hint: "remove the '---' line and what follows, or move it to its own file" };
    case 'BAD_DQ_ESCAPE':
      return { message: `${lowerFirst(e.message)} in a double-quoted string`, hint: "use single quotes, or write '\\\\' for a backslash" };
    case 'BAD_SCALAR_START':
      return { message: lowerFirst(e.message), hint: 'quote the value' };
    case 'KEY_OVER_1024_CHARS':
      return { message: 'this key is longer than 1024 characters', hint: "a key ends at the first ': '; check for a missing line break" };
    case 'TAG_RESOLVE_FAILED':
      return { message: `unknown YAML tag '${e.message.replace(/^Unresolved tag: /, '')}'`, hint: 'remove it; scenario files do not use tags' };
    default:
      return { message: lowerFirst(e.message), hint: placeholderHint };
  }
}

/** Inside `{ … }`, a key like `Resources[0].id` opens a flow sequence at `[`: the key needs quotes, not the value. */
function bracketKeyAdvice(line: string): string | undefined {
  const key = /[{,]\s*([A-Za-z_$][\w.$-]*\[[^\]]*\][\w.[\]$-]*)\s*:/.exec(line)?.[1];
  if (key === undefined) return undefined;
  const quoted = key.includes('"') ? `'${key.replace(/'/g, "''")}'` : `"${key}"`;
  return `quote the key, as in ${quoted}: …; inside { } an unquoted [ starts a list`;
}

/** `quote the whole value: "{{givenName}} Smith"` for the value on a `key: value` line. */
function quoteAdvice(line: string): string {
  const value = /^\s*(?:-\s+)?[^\s:][^:]*:\s+(.+?)\s*$/.exec(line)?.[1];
  if (value && !/^["']/.test(value)) return `quote the whole value: "${value.replace(/"/g, '\\"')}"`;
  return 'quote the whole value: YAML reads { and } as a mapping';
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function lineText(source: string, offset: number): string {
  const start = source.lastIndexOf('\n', offset - 1) + 1;
  const end = source.indexOf('\n', offset);
  return source.slice(start, end < 0 ? source.length : end);
}
