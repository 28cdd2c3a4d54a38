import { STATUS_CODES } from 'node:http';
import type { Exchange } from '../../simulator/scim/exchange.js';
import type { Paint } from './paint.js';
import { formatDuration, indentLines, printable } from './printable.js';

/** Bodies longer than this (after pretty-printing) are cut, with a note: reports stay readable. */
export const BODY_DISPLAY_LIMIT = 2048;

/** `POST https://…/Users → 201 Created (12 ms)`, or the transport error when nothing came back. */
export function exchangeSummary(exchange: Exchange, paint: Paint): string {
  const { request, response, error } = exchange;
  const head = `${paint.bold(request.method)} ${printable(request.url)}`;
  const took = paint.dim(`(${formatDuration(exchange.durationMs)})`);
  if (!response) {
    const cause = error?.cause ? ` [${printable(error.cause)}]` : '';
    const why = error ? `${error.code}: ${printable(error.message)}${cause}` : 'unknown reason';
    return `${head} → ${paint.red(`no response, ${why}`)} ${took}`;
  }
  const reason = STATUS_CODES[response.status];
  const status = `${response.status}${reason ? ` ${reason}` : ''}`;
  return `${head} → ${statusPaint(response.status, paint)(status)} ${took}`;
}

/** The exchange in full: summary line, then headers and bodies (pretty JSON, long bodies cut). */
export function exchangeLines(exchange: Exchange, paint: Paint, bodyLimit = BODY_DISPLAY_LIMIT): string[] {
  const lines = [exchangeSummary(exchange, paint)];
  const section = (label: string, content: string[]) => {
    lines.push(`  ${paint.dim(label)}`, ...indentLines(content, 4));
  };
  const { request, response } = exchange;
  section('Request headers', headerLines(request.headers));
  if (request.body !== undefined) section('Request body', bodyLines(request.body, request.headers, bodyLimit, false));
  if (response) {
    section('Response headers', headerLines(response.headers));
    section('Response body', bodyLines(response.body, response.headers, bodyLimit, response.truncated === true));
  }
  return lines;
}

function headerLines(headers: Record<string, string>): string[] {
  const entries = Object.entries(headers);
  if (entries.length === 0) return ['(none)'];
  return entries.map(([name, value]) => `${printable(name)}: ${printable(value)}`);
}

function bodyLines(body: string, headers: Record<string, string>, limit: number, cutByClient: boolean): string[] {
  if (body === '') return ['(empty)'];
  const text = printable(prettyIfJson(body, headers['content-type']));
  const lines: string[] = [];
  if (text.length <= limit) {
    lines.push(...text.split('\n'));
  } else {
    // Cut at a line break near the limit when there is one, so JSON is not sliced mid-line.
    const lastBreak = text.lastIndexOf('\n', limit);
    const cut = lastBreak > limit * 0.75 ? lastBreak : limit;
    lines.push(...text.slice(0, cut).split('\n'));
    lines.push(`… ${(text.length - cut).toLocaleString('en-US')} more characters not shown (the JSON report has the whole body)`);
  }
  if (cutByClient) lines.push('… the client kept only the start of this body (size cap)');
  return lines;
}

/** Pretty-prints JSON bodies (by content type, or by shape when the type is missing or wrong). */
function prettyIfJson(body: string, contentType: string | undefined): string {
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(body);
  if (!looksJson) return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function statusPaint(status: number, paint: Paint): (text: string) => string {
  if (status >= 500) return paint.red;
  if (status >= 400) return paint.yellow;
  if (status >= 300) return paint.cyan;
  return paint.green;
}
