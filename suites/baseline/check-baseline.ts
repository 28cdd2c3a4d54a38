import { isMap, isScalar, type Node, type Pair } from 'yaml';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { keyText, type DocPath, type Locator } from '../loader/locate.js';
import { walkNodes } from '../loader/walk-nodes.js';
import { BASELINE_FORMAT_VERSION, entryId, type Baseline, type BaselineEntry } from './baseline-file.js';
import { isCalendarDate } from './calendar-date.js';

const TOP_KEYS = ['formatVersion', 'entries'];
const ENTRY_KEYS = ['id', 'scenario', 'check', 'status', 'message', 'reason', 'firstSeen', 'expires'];
const STATUSES = ['failed', 'errored'];
const REASON_HINT = 'say why this failure is accepted, so the next reader can judge whether it still is';

/**
 * Checks parsed baseline JSON against the format, every problem at its place in the file. The
 * baseline is only meaningful when `diagnostics` is empty.
 */
export function checkBaselineData(data: unknown, locator: Locator): { baseline: Baseline; diagnostics: Diagnostic[] } {
  const found = new Problems(locator);
  const baseline: Baseline = { formatVersion: BASELINE_FORMAT_VERSION, entries: [] };
  found.duplicateKeys();
  if (!isRecord(data)) {
    found.at(locator.start(), `expected a JSON object with formatVersion and entries, got ${describe(data)}`);
    return { baseline, diagnostics: found.list };
  }
  found.unknownKeys(data, [], TOP_KEYS);
  if (!('formatVersion' in data)) {
    found.at(locator.start(), "missing required key 'formatVersion'", `this scimsim writes "formatVersion": ${BASELINE_FORMAT_VERSION}`);
    return { baseline, diagnostics: found.list };
  }
  if (data.formatVersion !== BASELINE_FORMAT_VERSION) {
    // Another version may mean other matching rules: checking its entries would only mislead.
    found.at(locator.value(['formatVersion']), `formatVersion ${JSON.stringify(data.formatVersion)} is not supported (this scimsim reads version ${BASELINE_FORMAT_VERSION})`);
    return { baseline, diagnostics: found.list };
  }
  if (!('entries' in data)) {
    found.at(locator.start(), "missing required key 'entries'", 'a baseline with no known failures is "entries": []');
  } else if (!Array.isArray(data.entries)) {
    found.at(locator.value(['entries']), `expected a list of entries, got ${describe(data.entries)}`);
  } else {
    const firstByIdentity = new Map<string, number>();
    data.entries.forEach((raw, index) => {
      const entry = checkEntry(raw, ['entries', index], found);
      if (!entry) return;
      const identity = `${entry.scenario}\u0000${entry.check}`;
      const first = firstByIdentity.get(identity);
      if (first !== undefined) {
        const line = locator.value(['entries', first]).line;
        found.at(locator.value(['entries', index]), `duplicate entry for scenario '${entry.scenario}' and check '${entry.check}'`, `first listed on line ${line}; list a case once`);
        return;
      }
      firstByIdentity.set(identity, index);
      baseline.entries.push(entry);
    });
  }
  return { baseline, diagnostics: found.list };
}

/** One entry, or undefined when it has a problem (reported to `found`). */
function checkEntry(raw: unknown, path: DocPath, found: Problems): BaselineEntry | undefined {
  const before = found.list.length;
  if (!isRecord(raw)) {
    found.at(found.locator.value(path), `expected an entry object, got ${describe(raw)}`);
    return undefined;
  }
  found.unknownKeys(raw, path, ENTRY_KEYS);
  const text = (key: string, required: boolean, hint?: string): string | undefined => {
    const value = raw[key];
    if (value === undefined) {
      if (required) found.at(found.locator.value(path), `missing required key '${key}'`, hint);
      return undefined;
    }
    if (typeof value !== 'string') {
      found.at(found.locator.value([...path, key]), `expected ${key} to be a string, got ${describe(value)}`);
      return undefined;
    }
    if (value.trim() === '' && required) {
      found.at(found.locator.value([...path, key]), `${key} is empty`, hint);
      return undefined;
    }
    return value;
  };
  const id = text('id', true, 'rewrite the file with --update-baseline, or write any id: the error then names the right one');
  const scenario = text('scenario', true);
  const check = text('check', true);
  const status = text('status', true);
  const message = text('message', false);
  const reason = text('reason', true, REASON_HINT);
  const firstSeen = date(text('firstSeen', true), [...path, 'firstSeen'], found);
  const expires = date(text('expires', false), [...path, 'expires'], found);
  if (status !== undefined && !STATUSES.includes(status)) {
    const guess = didYouMean(status, STATUSES);
    found.at(found.locator.value([...path, 'status']), `'${status}' is not one of ${STATUSES.join(', ')}`, guess && `did you mean '${guess}'?`);
  }
  if (id !== undefined && scenario !== undefined && check !== undefined) {
    const expected = entryId(scenario, check);
    if (id !== expected) {
      found.at(
        found.locator.value([...path, 'id']),
        `id '${id}' does not match this scenario and check: it should be '${expected}'`,
        'the id is the first 8 hex digits of sha256(scenario + "\\0" + check)',
      );
    }
  }
  if (found.list.length > before) return undefined;
  return {
    id: id!,
    scenario: scenario!,
    check: check!,
    status: status as BaselineEntry['status'],
    ...(message !== undefined ? { message } : {}),
    reason: reason!,
    firstSeen: firstSeen!,
    ...(expires !== undefined ? { expires } : {}),
  };
}

function date(value: string | undefined, path: DocPath, found: Problems): string | undefined {
  if (value === undefined || isCalendarDate(value)) return value;
  const shape = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `'${value}' is not a calendar date` : `'${value}' is not a date as YYYY-MM-DD`;
  found.at(found.locator.value(path), shape, 'write YYYY-MM-DD, e.g. 2027-01-31');
  return undefined;
}

/** The diagnostics found so far, with the locator that places them. */
class Problems {
  readonly list: Diagnostic[] = [];
  constructor(readonly locator: Locator) {}

  at(location: SourceLocation, message: string, hint?: string): void {
    this.list.push({ severity: 'error', location, message, ...(hint ? { hint } : {}) });
  }

  unknownKeys(data: Record<string, unknown>, path: DocPath, allowed: string[]): void {
    for (const key of Object.keys(data)) {
      if (allowed.includes(key)) continue;
      const guess = didYouMean(key, allowed);
      this.at(this.locator.key([...path, key]), `unknown key '${key}'`, guess ? `did you mean '${guess}'?` : `expected one of: ${allowed.join(', ')}`);
    }
  }

  /** JSON.parse keeps the last of two equal keys without a word: a silent override is refused. */
  duplicateKeys(): void {
    for (const { node } of walkNodes(this.locator.doc.contents as Node | null)) {
      if (!isMap(node)) continue;
      const first = new Map<string, Node>();
      for (const pair of node.items as Pair[]) {
        if (!isScalar(pair.key)) continue;
        const name = keyText(pair.key);
        const earlier = first.get(name);
        if (earlier) this.at(this.locator.ofNode(pair.key), `duplicate key '${name}'`, `first defined on line ${this.locator.ofNode(earlier).line}; a key may appear once`);
        else first.set(name, pair.key);
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return `the number ${value}`;
  return `the string ${JSON.stringify(value)}`;
}
