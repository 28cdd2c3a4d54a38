// @ts-check
// Text formatting shared by the views: the browser twins of reports/render/printable.ts and
// value-text.ts (those use node:util; this page runs in a browser).

/** @typedef {import('../../../suites/model/result.js').RunResult} RunResult */
/** @typedef {import('../../../suites/model/result.js').ScenarioResult} ScenarioResult */
/** @typedef {import('../../../suites/model/result.js').StepResult} StepResult */
/** @typedef {import('../../../suites/model/result.js').CheckResult} CheckResult */
/** @typedef {import('../../../suites/model/result.js').RuleSummary} RuleSummary */
/** @typedef {import('../../../suites/model/result.js').BaselineMatch} BaselineMatch */
/** @typedef {import('../../../simulator/scim/exchange.js').Exchange} Exchange */
/** @typedef {import('../page-facts.js').PageFacts} PageFacts */
/** @typedef {import('../page-facts.js').ScenarioFacts} ScenarioFacts */
/** @typedef {import('../page-facts.js').KnownCase} KnownCase */
/** @typedef {import('../page-facts.js').ScenarioCategory} ScenarioCategory */

// ANSI escape sequences (CSI and OSC), as Node's stripVTControlCharacters removes them.
const ANSI_PATTERN = /[\u001b\u009b][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-nq-uy=><~]))/g;
// Control characters other than tab and line feed.
const CONTROL_PATTERN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from the target made safe to read: ANSI sequences removed, CRLF → LF, other control
 * characters shown as `\uXXXX` (they would otherwise be invisible or garble the line).
 * @param {string} text
 */
function printable(text) {
  return String(text)
    .replace(ANSI_PATTERN, '')
    .replace(/\r\n/g, '\n')
    .replace(CONTROL_PATTERN, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** @param {string} text */
function oneLine(text) {
  return printable(text).replace(/\s*\n\s*/g, ' ');
}

/**
 * `12 ms`, `1.23 s`, `2m 05s`, as the console writes durations.
 * @param {number} ms
 */
function formatDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s`;
}

/**
 * A span of virtual time, coarse: `40m`, `2h 40m`, `29d 22h`.
 * @param {number} ms
 */
function formatSpan(ms) {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)}s`;
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

/**
 * An ISO time, easier on the eye: `2026-11-23 15:05:13.610Z`.
 * @param {string} iso
 */
function formatTime(iso) {
  return String(iso).replace('T', ' ');
}

/**
 * JSON for display: pretty, and never throwing (a value that cannot be stringified is shown as is).
 * @param {unknown} value
 */
function jsonText(value) {
  if (value === undefined) return '(absent)';
  try {
    return printable(JSON.stringify(value, null, 2) ?? String(value));
  } catch {
    return printable(String(value));
  }
}

/**
 * A body as text: pretty-printed when it is JSON (by content type, or by shape when the type is
 * missing or wrong), otherwise exactly as sent.
 * @param {string} body
 * @param {string | undefined} contentType
 */
function bodyText(body, contentType) {
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(body);
  if (looksJson) {
    try {
      return printable(JSON.stringify(JSON.parse(body), null, 2));
    } catch {
      // not JSON after all: shown as text below
    }
  }
  return printable(body);
}

/**
 * `1 check`, `2 checks`.
 * @param {number} n
 * @param {string} word
 */
function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `file:line:col`, the form editors link.
 * @param {{ file: string; line: number; col?: number } | undefined} location
 */
function formatLocation(location) {
  if (!location) return '';
  return location.col === undefined ? `${location.file}:${location.line}` : `${location.file}:${location.line}:${location.col}`;
}

const STATUS_MARKS = /** @type {Record<string, string>} */ ({ passed: '✓', failed: '✗', errored: '!', skipped: '–', warned: '⚠', known: '◌', interrupted: '■' });

/**
 * A status badge: a mark and the word (colour alone would not tell everyone).
 * @param {string} status
 * @param {string} [label]
 */
function statusBadge(status, label) {
  return h('span', { class: `badge status-${status}` }, h('span', { 'aria-hidden': 'true' }, STATUS_MARKS[status] ?? '•'), ' ', label ?? status);
}

/**
 * The "known" badge of a failure a baseline entry covers: entry id and reason.
 * @param {KnownCase} known
 */
function knownBadge(known) {
  const expires = known.expires ? ` (until ${known.expires})` : '';
  return h('span', { class: 'badge status-known', title: `baseline entry ${known.entryId}${expires}: ${known.reason}` }, h('span', { 'aria-hidden': 'true' }, STATUS_MARKS.known), ` known ${known.entryId}`);
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A short display of any admin-view cell value: strings as they are, the rest as compact JSON.
 * @param {unknown} value
 */
function cellText(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return printable(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.length ? value.map(printable).join(', ') : '—';
  try {
    return printable(JSON.stringify(value));
  } catch {
    return String(value);
  }
}
