import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../simulator/scim/exchange.js';
import { exchangeLines, exchangeSummary } from './exchange-text.js';
import { colorEnabled, plainPaint } from './paint.js';
import { formatDuration, printable } from './printable.js';
import { fitWidth } from './terminal-width.js';
import { formatValue } from './value-text.js';
import { cdata, escapeXmlAttribute, serializeXml, xmlSafeText } from './xml.js';

describe('xml', () => {
  const nasty = `a]]>b & <c> "d" 'e' \u0001\u0008\u000b\u001f\ufffe \u001b[1mbold\u001b[22m 🚀 \ud800 tab\tnl\n`;

  it('keeps only characters XML 1.0 allows, without ANSI', () => {
    expect(xmlSafeText(nasty)).toBe(`a]]>b & <c> "d" 'e'  bold 🚀  tab\tnl\n`);
  });

  it('escapes attributes and round-trips them through a parser', () => {
    expect(escapeXmlAttribute(`&"'<>`)).toBe('&amp;&quot;&apos;&lt;&gt;');
    const xml = serializeXml({ name: 'r', attributes: { v: nasty, n: 3, gone: undefined }, children: [{ name: 'c', text: nasty }] });
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', cdataPropName: '#cdata', trimValues: false, parseAttributeValue: false, htmlEntities: true }).parse(xml);
    expect(parsed.r['@v']).toBe(xmlSafeText(nasty));
    expect(parsed.r['@n']).toBe('3');
    expect('@gone' in parsed.r).toBe(false);
    const text = parsed.r.c['#cdata'];
    expect(Array.isArray(text) ? text.join('') : text).toBe(xmlSafeText(nasty));
  });

  it('splits ]]> across CDATA sections', () => {
    expect(cdata('x]]>y')).toBe('<![CDATA[x]]]]><![CDATA[>y]]>');
  });

  it('writes empty elements self-closed', () => {
    expect(serializeXml({ name: 'a', children: [{ name: 'b' }] })).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<a>\n  <b/>\n</a>\n');
  });
});

const exchange = (over: Partial<Exchange>): Exchange => ({
  id: '1-1',
  startedAt: '2026-03-01T10:00:00.000Z',
  virtualTime: '2026-03-01T10:00:00.000Z',
  durationMs: 1500,
  request: { method: 'GET', url: 'https://t.example/Users', headers: {} },
  ...over,
});

describe('exchange text', () => {
  it('summarises status with its reason, or the transport error', () => {
    expect(exchangeSummary(exchange({ response: { status: 404, headers: {}, body: '' } }), plainPaint)).toBe(
      'GET https://t.example/Users → 404 Not Found (1.50 s)',
    );
    expect(exchangeSummary(exchange({ error: { code: 'response-timeout', message: 'no answer in 5 s' } }), plainPaint)).toBe(
      'GET https://t.example/Users → no response, response-timeout: no answer in 5 s (1.50 s)',
    );
  });

  it('pretty-prints JSON even without a JSON content type, and leaves other text alone', () => {
    const lines = exchangeLines(exchange({ response: { status: 200, headers: {}, body: '{"a":[1]}' } }), plainPaint);
    expect(lines.slice(-6)).toEqual(['  Response body', '    {', '      "a": [', '        1', '      ]', '    }']);
    const html = exchangeLines(exchange({ response: { status: 500, headers: { 'content-type': 'application/json' }, body: '<h1>oops' } }), plainPaint);
    expect(html.at(-1)).toBe('    <h1>oops');
  });

  it('cuts long bodies with a note, and says when the client cut one', () => {
    const body = JSON.stringify({ items: Array.from({ length: 300 }, (_, i) => `item-${i}`) });
    const lines = exchangeLines(exchange({ response: { status: 200, headers: {}, body, truncated: true } }), plainPaint);
    const shown = lines.slice(lines.indexOf('  Response body') + 1, -2).map((line) => line.slice(4));
    expect(shown.join('\n').length).toBeLessThanOrEqual(2048);
    expect(shown.join('\n').length).toBeGreaterThan(1500);
    expect(lines.at(-2)).toMatch(/^ {4}… [\d,]+ more characters not shown/);
    expect(lines.at(-1)).toBe('    … the client kept only the start of this body (size cap)');
  });

  it('marks empty bodies and missing headers', () => {
    const lines = exchangeLines(exchange({ response: { status: 204, headers: {}, body: '' } }), plainPaint);
    expect(lines).toEqual([
      'GET https://t.example/Users → 204 No Content (1.50 s)',
      '  Request headers',
      '    (none)',
      '  Response headers',
      '    (none)',
      '  Response body',
      '    (empty)',
    ]);
  });
});

describe('values and text', () => {
  it('writes short values inline and long ones as blocks', () => {
    expect(formatValue(201)).toEqual({ inline: '201' });
    expect(formatValue('x')).toEqual({ inline: '"x"' });
    expect(formatValue(undefined)).toEqual({ inline: '(absent)' });
    expect(formatValue('a\nb')).toEqual({ block: ['a', 'b'] });
    const long = formatValue({ name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Ms. Barbara J Jensen III' } });
    expect('block' in long && long.block[0]).toBe('{');
  });

  it('neutralises control characters', () => {
    expect(printable('a\u001b[31mb\r\nc\rd\u0001')).toBe('ab\nc\\u000dd\\u0001');
  });

  it('formats durations', () => {
    expect([formatDuration(12), formatDuration(1234), formatDuration(119_999), formatDuration(125_000)]).toEqual([
      '12 ms', '1.23 s', '2m 00s', '2m 05s',
    ]);
  });

  it('fits text to a width, counting wide characters twice', () => {
    expect(fitWidth('abcde', 5)).toBe('abcde');
    expect(fitWidth('abcdef', 5)).toBe('abcd…');
    expect(fitWidth('🚀🚀🚀', 5)).toBe('🚀🚀…');
  });
});

describe('colorEnabled', () => {
  it('follows NO_COLOR, FORCE_COLOR, TERM=dumb, TTY and CI', () => {
    expect(colorEnabled({}, true)).toBe(true);
    expect(colorEnabled({}, false)).toBe(false);
    expect(colorEnabled({ CI: 'true' }, false)).toBe(true);
    expect(colorEnabled({ NO_COLOR: '1', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, true)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colorEnabled({ TERM: 'dumb' }, true)).toBe(false);
  });
});
