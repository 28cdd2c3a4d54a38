/**
 * The offset of the first JSON syntax error in `source`, or undefined when it is valid JSON.
 * V8 names the offset for most errors but not for an unexpected token ("Unexpected token 'x', …
 * is not valid JSON"); this scanner finds it for every case, so a diagnostic can always point.
 */
export function jsonErrorOffset(source: string): number | undefined {
  const scanner = new Scanner(source);
  try {
    scanner.value();
    scanner.space();
    if (scanner.at < source.length) return scanner.at;
    return undefined;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    // Nesting deep enough to exhaust the stack: no place to point at, the message still says what is wrong.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}

class Scanner {
  at = 0;
  constructor(private readonly text: string) {}

  value(): void {
    this.space();
    const c = this.text[this.at];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    throw new SyntaxAt(this.at);
  }

  space(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at]!)) this.at += 1;
  }

  private object(): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === '}') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') throw new SyntaxAt(this.at);
      this.string();
      this.space();
      this.expect(':');
      this.value();
      this.space();
      if (this.text[this.at] === '}') {
        this.at += 1;
        return;
      }
      this.expect(',');
    }
  }

  private array(): void {
    this.at += 1;
    this.space();
    if (this.text[this.at] === ']') {
      this.at += 1;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      if (this.text[this.at] === ']') {
        this.at += 1;
        return;
      }
      this.expect(',');
    }
  }

  private string(): void {
    this.at += 1;
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined || c < ' ') throw new SyntaxAt(this.at);
      this.at += 1;
      if (c === '"') return;
      if (c === '\\') {
        const escaped = this.text[this.at];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 1, this.at + 5))) throw new SyntaxAt(this.at);
          this.at += 5;
        } else if (escaped !== undefined && '"\\/bfnrt'.includes(escaped)) {
          this.at += 1;
        } else {
          throw new SyntaxAt(this.at);
        }
      }
    }
  }

  private number(): void {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.at));
    if (!match) throw new SyntaxAt(this.at);
    this.at += match[0].length;
  }

  private expect(c: string): void {
    if (this.text[this.at] !== c) throw new SyntaxAt(this.at);
    this.at += 1;
  }
}
