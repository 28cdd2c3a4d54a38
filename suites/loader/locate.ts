import { isAlias, isCollection, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type Range } from 'yaml';
import type { SourceLocation } from '../diagnostics/diagnostic.js';

/** A path into the document, as in a JSON pointer: map keys as text, list indexes as numbers. */
export type DocPath = (string | number)[];

/** What a path leads to: the value node, and the key node of the pair that holds it. */
export interface Located {
  node: Node | null;
  key: Node | null;
  /** False when the path went further than the document (the deepest node found is returned). */
  complete: boolean;
}

/**
 * Turns document paths and offsets into `file:line:col` locations. Keeps the file name, the
 * document and the line counter together so every later stage can point at the source.
 */
export class Locator {
  constructor(
    readonly file: string,
    readonly doc: Document,
    readonly lineCounter: LineCounter,
    readonly source: string,
  ) {}

  /** Follows `path` from the document root. */
  find(path: DocPath): Located {
    let node = this.resolve(this.doc.contents as Node | null);
    let key: Node | null = null;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item: Pair) => keyText(item.key) === String(segment));
        if (!pair) return { node, key, complete: false };
        key = pair.key as Node;
        node = this.resolve(pair.value as Node | null);
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined) return { node, key, complete: false };
        key = null;
        node = this.resolve(item as Node | null);
      } else {
        return { node, key, complete: false };
      }
    }
    return { node, key, complete: true };
  }

  /** Where the value at `path` is; an empty value or a block collection points at its key instead. */
  value(path: DocPath): SourceLocation {
    const { node, key } = this.find(path);
    if (key && (!node || isEmptyNode(node) || (isCollection(node) && !node.flow))) return this.ofNode(key);
    if (node) return this.ofNode(node);
    return this.start();
  }

  /** Where the key of the pair at `path` is (the value when the path ends in a list item). */
  key(path: DocPath): SourceLocation {
    const { node, key, complete } = this.find(path);
    if (complete && key) return this.ofNode(key);
    return node ? this.ofNode(node) : this.start();
  }

  /** The node's first line, from its start to its end (or to the end of that line). */
  ofNode(node: Node): SourceLocation {
    const range = node.range as Range | null | undefined;
    if (!range) return this.start();
    return this.ofOffsets(range[0], Math.max(range[0] + 1, range[1]));
  }

  /** Location of the source text between two offsets, `end` exclusive. */
  ofOffsets(start: number, end: number): SourceLocation {
    const from = this.lineCounter.linePos(start);
    const to = this.lineCounter.linePos(Math.max(start, end));
    return { file: this.file, line: from.line, col: from.col, endLine: to.line, endCol: to.col };
  }

  /**
   * Location of `[start, end)` inside the string value of a scalar. The value may differ from the
   * source (quotes, escapes, substituted variables), so the span is found relative to the nearest
   * `anchor` before it (`{{`, `${`), matched by count in the raw source; when that fails, the
   * scalar itself is returned.
   */
  inScalar(node: Node, value: string, start: number, end: number, anchor: string): SourceLocation {
    const range = node.range as Range | null | undefined;
    if (!range) return this.start();
    const raw = this.source.slice(range[0], range[1]);
    const anchorAt = value.lastIndexOf(anchor, start);
    const inValue = occurrences(value, anchor);
    const inRaw = occurrences(raw, anchor);
    const k = inValue.indexOf(anchorAt);
    if (anchorAt < 0 || k < 0 || inValue.length !== inRaw.length) return this.ofNode(node);
    const from = range[0] + inRaw[k]! + (start - anchorAt);
    return this.ofOffsets(from, from + Math.max(1, end - start));
  }

  /** The start of the document's content, or 1:1. */
  start(): SourceLocation {
    const range = (this.doc.contents as Node | null)?.range;
    if (range) return this.ofOffsets(range[0], range[0] + 1);
    return { file: this.file, line: 1, col: 1 };
  }

  private resolve(node: Node | null): Node | null {
    if (isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? node;
    return node;
  }
}

/** A map key as the text JSON sees (`200` and `"200"` both read `200`). */
export function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return '';
  return String(key);
}

function occurrences(text: string, token: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) found.push(at);
  return found;
}

function isEmptyNode(node: Node): boolean {
  return isScalar(node) && node.value === null && (!node.range || node.range[0] === node.range[1]);
}
