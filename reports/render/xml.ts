import { stripVTControlCharacters } from 'node:util';

/**
 * A tiny XML element tree and its serializer (Playwright's approach for JUnit): building a tree and
 * serializing it once keeps escaping in one place, instead of string concatenation scattered around.
 */
export interface XmlElement {
  name: string;
  /** Attributes in order; `undefined` values are left out. */
  attributes?: Record<string, string | number | undefined>;
  children?: XmlElement[];
  /** Text content, written as CDATA. An element has either children or text. */
  text?: string;
}

// Characters XML 1.0 forbids (C0 controls except tab/LF/CR, U+FFFE/U+FFFF, lone surrogates), plus
// the "discouraged" C1 controls and non-characters that some JUnit parsers choke on.
const INVALID_XML_CHARS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufdd0-\ufdef\ufffe\uffff]|\p{Cs}/gu;

/** ANSI codes out, then every character an XML 1.0 parser would reject. */
export function xmlSafeText(text: string): string {
  return stripVTControlCharacters(text).replace(INVALID_XML_CHARS, '');
}

/** Escapes the five XML specials, for attribute values. */
export function escapeXmlAttribute(value: string): string {
  return xmlSafeText(value)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Attribute-value normalisation would turn raw newlines and tabs into spaces.
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** Wraps text in CDATA; a `]]>` inside is split across two sections so it cannot close the first. */
export function cdata(text: string): string {
  return `<![CDATA[${xmlSafeText(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Serializes an element tree with an XML declaration, two-space indentation. */
export function serializeXml(root: XmlElement): string {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  writeElement(root, 0, lines);
  return lines.join('\n') + '\n';
}

function writeElement(element: XmlElement, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(element.attributes ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
  const open = `${indent}<${element.name}${attributes}`;
  if (element.text !== undefined) {
    lines.push(`${open}>${cdata(element.text)}</${element.name}>`);
  } else if (element.children && element.children.length > 0) {
    lines.push(`${open}>`);
    for (const child of element.children) writeElement(child, depth + 1, lines);
    lines.push(`${indent}</${element.name}>`);
  } else {
    lines.push(`${open}/>`);
  }
}
