/**
 * .NET regular expressions, as Replace takes them, run on JavaScript's engine. The two agree on
 * what mappings use (classes, quantifiers, anchors, `(?<name>…)` named groups); this module
 * translates the rest that is common: `(?'name'…)` groups, leading inline options such as `(?i)`,
 * and .NET's substitution syntax (`${name}`, `$1`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_`).
 * Anything JavaScript rejects throws `SyntaxError`.
 */
export function compileDotnetRegex(pattern: string): RegExp {
  let source = pattern;
  let flags = 'gd'; // every match (Regex.Replace replaces all), with group indices for group-only replacement
  const options = /^\(\?([imsx]+)\)/.exec(source);
  if (options) {
    if (options[1]!.includes('x')) throw new SyntaxError('the x (ignore pattern white space) option has no JavaScript equivalent');
    flags += options[1]!;
    source = source.slice(options[0].length);
  }
  source = source.replace(/\(\?'([A-Za-z_]\w*)'/g, '(?<$1>');
  return new RegExp(source, flags);
}

/** The named groups a compiled pattern defines. */
export function groupNames(regex: RegExp): string[] {
  // An always-matching alternative makes exec report every group, each undefined.
  const groups = new RegExp(`${regex.source}|`, regex.flags.replace('g', '')).exec('')?.groups;
  return Object.keys(groups ?? {});
}

/** `$$`, `$&`, `` $` ``, `$'`, `$+` and `$_`; undefined when `$` is followed by anything else. */
function specialSubstitution(symbol: string, match: RegExpExecArray, input: string): string | undefined {
  switch (symbol) {
    case '$':
      return '$';
    case '&':
      return match[0];
    case '`':
      return input.slice(0, match.index);
    case "'":
      return input.slice(match.index + match[0].length);
    case '+':
      return match[match.length - 1] ?? '';
    case '_':
      return input;
    default:
      return undefined;
  }
}

/** Expand a .NET substitution pattern for one match of `input`. */
export function substitute(template: string, match: RegExpExecArray, input: string): string {
  const group = (index: number): string => match[index] ?? '';
  let out = '';
  for (let i = 0; i < template.length; i += 1) {
    const char = template[i]!;
    const next = template[i + 1];
    if (char !== '$' || next === undefined) {
      out += char;
      continue;
    }
    if (next === '{') {
      const close = template.indexOf('}', i);
      const name = close === -1 ? '' : template.slice(i + 2, close);
      if (/^\d+$/.test(name) && Number(name) < match.length) {
        out += group(Number(name));
        i = close;
        continue;
      }
      if (name !== '' && match.groups && Object.hasOwn(match.groups, name)) {
        out += match.groups[name] ?? '';
        i = close;
        continue;
      }
      out += char; // not a group: a literal '$', as in .NET
      continue;
    }
    const digits = /^\d+/.exec(template.slice(i + 1))?.[0];
    if (digits !== undefined) {
      // .NET takes the longest run of digits that names an existing group.
      let length = digits.length;
      while (length > 0 && Number(digits.slice(0, length)) >= match.length) length -= 1;
      if (length > 0) {
        out += group(Number(digits.slice(0, length)));
        i += length;
        continue;
      }
    }
    const expanded = specialSubstitution(next, match, input);
    if (expanded === undefined) out += char;
    else {
      out += expanded;
      i += 1;
    }
  }
  return out;
}
