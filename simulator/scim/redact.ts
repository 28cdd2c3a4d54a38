/**
 * Secret redaction for everything that reaches an Exchange, a log or a report.
 *
 * A `Redactor` holds secret strings (the run's token, environment values the loader marks secret).
 * `redactText` replaces every occurrence of each secret, and of its URL-encoded, JSON-escaped and
 * base64 forms, with `‹redacted›`. `redactHeaders` also blanks the credential part of
 * `Authorization`, `Proxy-Authorization`, `Cookie` and `Set-Cookie`, whatever their value.
 *
 * All forms of all secrets are compiled into one regular expression when the set of secrets
 * changes, so a call is a single scan of the text.
 */

/** What a secret is replaced with. */
export const REDACTED = '‹redacted›';

/** Secrets shorter than this are ignored by `redactText` (they would shred ordinary text). */
export const MIN_SECRET_LENGTH = 4;

/** Headers whose whole credential is blanked, scheme word kept (`Bearer ‹redacted›`). */
const AUTH_HEADERS = new Set(['authorization', 'proxy-authorization']);

/** A header map as Node, undici or a scenario hands it over. */
export type HeaderInput = Readonly<Record<string, string | number | readonly string[] | undefined | null>>;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Base64 fragments that appear in any base64 stream containing `bytes` (at any byte offset). */
function base64Forms(bytes: Buffer): string[] {
  const out: string[] = [];
  const full = bytes.toString('base64');
  out.push(full, full.replace(/=+$/, ''));
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    // Characters wholly determined by `bytes`: skip those touching the k prefix bytes, and the
    // last one when it mixes in whatever follows.
    const start = Math.ceil((8 * k) / 6);
    const end = Math.floor((8 * (k + bytes.length)) / 6);
    const frag = enc.slice(start, end);
    // Offset fragments of short secrets are too short to be safe against false positives.
    if (k === 0 ? frag.length >= MIN_SECRET_LENGTH : frag.length >= 8) out.push(frag);
  }
  const withUrlAlphabet = out.map((f) => f.replace(/\+/g, '-').replace(/\//g, '_'));
  return [...out, ...withUrlAlphabet];
}

/** Every textual form in which `secret` may show up in a URL, header or body. */
function formsOf(secret: string): string[] {
  const forms = new Set<string>([secret]);
  try {
    const enc = encodeURIComponent(secret);
    forms.add(enc);
    forms.add(enc.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
    forms.add(enc.replace(/%20/g, '+'));
    forms.add(encodeURI(secret));
  } catch {
    // a lone surrogate cannot be percent-encoded, so it cannot appear in that form either
  }
  forms.add(JSON.stringify(secret).slice(1, -1));
  for (const f of base64Forms(Buffer.from(secret, 'utf8'))) forms.add(f);
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

function redactCookiePairs(value: string, sep: RegExp, firstOnly: boolean): string {
  const parts = value.split(sep);
  return parts
    .map((part, i) => {
      if (firstOnly && i > 0) return part;
      const eq = part.indexOf('=');
      if (eq < 0) return firstOnly || part.trim() !== '' ? REDACTED : part;
      return `${part.slice(0, eq + 1)}${REDACTED}`;
    })
    .join(firstOnly ? ';' : '; ');
}

export class Redactor {
  readonly #secrets = new Set<string>();
  #re: RegExp | null = null;

  constructor(secrets?: Iterable<string | null | undefined>) {
    if (secrets) this.add(...secrets);
  }

  /** Adds secrets (null, undefined and empty strings are skipped). Returns `this`. */
  add(...secrets: Array<string | null | undefined>): this {
    let changed = false;
    for (const s of secrets) {
      if (typeof s !== 'string' || s === '') continue;
      for (const v of new Set([s, s.trim()])) {
        if (v.length < MIN_SECRET_LENGTH || this.#secrets.has(v)) continue;
        this.#secrets.add(v);
        changed = true;
      }
    }
    if (changed) this.#rebuild();
    return this;
  }

  /** Alias of `add` taking an iterable. */
  addAll(secrets: Iterable<string | null | undefined>): this {
    return this.add(...secrets);
  }

  /** Number of secrets long enough to be redacted from text. */
  get size(): number {
    return this.#secrets.size;
  }

  /** True when `text` contains a secret in any of its recognised forms. */
  containsSecret(text: string): boolean {
    if (!this.#re) return false;
    this.#re.lastIndex = 0;
    const hit = this.#re.test(text);
    this.#re.lastIndex = 0;
    return hit;
  }

  /** Replaces every occurrence of every secret (and its encoded forms) with `‹redacted›`. */
  redactText(text: string): string {
    const re = this.#re;
    if (re === null || text.length < MIN_SECRET_LENGTH) return text;
    re.lastIndex = 0;
    return text.replace(re, REDACTED);
  }

  /**
   * Redacts a header map: names are lower-cased, list values joined with `, `, secrets removed
   * from every value, and the credential of Authorization / Proxy-Authorization (scheme word
   * kept) and the values of Cookie / Set-Cookie replaced whatever they are.
   */
  redactHeaders(headers: HeaderInput): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [rawName, rawValue] of Object.entries(headers)) {
      if (rawValue === undefined || rawValue === null) continue;
      const name = rawName.toLowerCase();
      const values: string[] = Array.isArray(rawValue) ? rawValue.map(String) : [String(rawValue)];
      let redacted: string[];
      if (AUTH_HEADERS.has(name)) {
        redacted = values.map(redactCredential);
      } else if (name === 'cookie') {
        redacted = values.map((v) => redactCookiePairs(v, /;\s*/, false));
      } else if (name === 'set-cookie') {
        redacted = values.map((v) => this.redactText(redactCookiePairs(v, /;/, true)));
      } else {
        redacted = values.map((v) => this.redactText(v));
      }
      const joined = redacted.join(', ');
      const key = this.redactText(name);
      out[key] = key in out ? `${out[key]}, ${joined}` : joined;
    }
    return out;
  }

  /** Deep copy of a JSON-like value with every string (and object key) passed through `redactText`. */
  redactJson<T>(value: T): T {
    if (this.#re === null) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.redactText(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === 'object') {
        const o: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) o[this.redactText(k)] = walk(x);
        return o;
      }
      return v;
    };
    return walk(value) as T;
  }

  #rebuild(): void {
    const forms = new Set<string>();
    for (const s of this.#secrets) for (const f of formsOf(s)) forms.add(f);
    // Longest first: at a given position the regex takes the first alternative that matches.
    const sorted = [...forms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.#re = sorted.length ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : null;
  }
}

/** Scheme words kept as they are when sent without any credential (`Authorization: Bearer`). */
const BARE_SCHEMES = /^\s*(bearer|basic|digest|negotiate|ntlm|ssws|token|hoba|mutual|aws4-hmac-sha256)\s*$/i;

/** `Bearer abc` → `Bearer ‹redacted›`; a value without a scheme word → `‹redacted›`. */
function redactCredential(value: string): string {
  if (BARE_SCHEMES.test(value)) return value;
  const m = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(\s+)\S/.exec(value);
  if (m) return `${m[1]}${m[2]}${REDACTED}`;
  return value.trim() === '' ? value : REDACTED;
}
