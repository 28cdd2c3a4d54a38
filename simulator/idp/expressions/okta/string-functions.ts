import type { OktaFunction } from './function-types.js';
import { compileJavaRegex, javaReplacement } from './java-regex.js';
import { asInteger, asList, asRequiredText, asText, type Argument } from './values.js';

function unary(name: string, apply: (text: string) => unknown, ifNull: unknown = null): OktaFunction {
  return {
    params: '(input)',
    minArgs: 1,
    maxArgs: 1,
    call: ([input]) => {
      const text = asText(input!, name);
      return text === null ? ifNull : apply(text);
    },
  };
}

/** A Boolean test of two texts; a null on either side is false. */
function textTest(name: string, params: string, test: (text: string, other: string) => boolean): OktaFunction {
  return {
    params,
    minArgs: 2,
    maxArgs: 2,
    call: ([input, other]) => {
      const text = asText(input!, name);
      const second = asText(other!, name);
      return text !== null && second !== null && test(text, second);
    },
  };
}

function replacing(name: string, use: 'first' | 'all'): OktaFunction {
  return {
    params: '(input, match, replacement)',
    minArgs: 3,
    maxArgs: 3,
    call: ([input, match, replacement]) => {
      const text = asText(input!, name);
      if (text === null) return null;
      // research silent on literal vs regex: Okta EL sits on SpEL/Java, whose replaceAll and
      // replaceFirst take a regex, so the match is a Java regex here.
      const pattern = compileJavaRegex(asRequiredText(match!, name), use, match!.node);
      return text.replace(pattern, javaReplacement(asRequiredText(replacement!, name)));
    },
  };
}

/** Negative offsets count from the end and out-of-range offsets clamp, as Commons `StringUtils.substring`. */
function clampIndex(index: number, length: number): number {
  const fromStart = index < 0 ? length + index : index;
  return Math.min(Math.max(fromStart, 0), length);
}

/** Arrays passed to variadic string functions contribute their elements. */
function flattenTexts(args: Argument[], name: string): string[] {
  return args.flatMap((arg) =>
    // research silent on null parts: joined as the empty string (Commons StringUtils.join).
    asList(arg.value).map((value) => (value === null ? '' : (asText({ value, node: arg.node }, name) ?? ''))),
  );
}

export const STRING_FUNCTIONS: Record<string, OktaFunction> = {
  'String.append': {
    params: '(input, suffix)',
    minArgs: 2,
    maxArgs: 2,
    // research silent on null: treated as the empty string on either side, so appending to a
    // missing attribute gives the suffix rather than "nullsuffix".
    call: ([input, suffix]) => (asText(input!, 'String.append') ?? '') + (asText(suffix!, 'String.append') ?? ''),
  },
  'String.join': {
    params: '(separator, input, ...)',
    minArgs: 2,
    maxArgs: Infinity,
    call: ([separator, ...parts]) => flattenTexts(parts, 'String.join').join(asRequiredText(separator!, 'String.join')),
  },
  // research silent on null: length 0 (Commons StringUtils.length).
  'String.len': unary('String.len', (text) => text.length, 0),
  // research silent on which whitespace: all of it (Commons StringUtils.deleteWhitespace).
  'String.removeSpaces': unary('String.removeSpaces', (text) => text.replace(/\s+/g, '')),
  'String.replace': replacing('String.replace', 'all'),
  'String.replaceFirst': replacing('String.replaceFirst', 'first'),
  'String.startsWith': textTest('String.startsWith', '(input, prefix)', (text, prefix) => text.startsWith(prefix)),
  'String.stringContains': textTest('String.stringContains', '(input, search)', (text, part) => text.includes(part)),
  'String.stringSwitch': {
    params: '(input, default, key1, value1, ...)',
    minArgs: 4,
    maxArgs: Infinity,
    pairsAfter: 2,
    call: ([input, fallback, ...pairs]) => {
      const text = asText(input!, 'String.stringSwitch');
      if (text === null) return fallback!.value;
      // A substring match, first key in argument order wins (research §1.11).
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        if (text.includes(asRequiredText(pairs[i]!, 'String.stringSwitch'))) return pairs[i + 1]!.value;
      }
      return fallback!.value;
    },
  },
  'String.substring': {
    params: '(input, start, end)',
    minArgs: 3,
    maxArgs: 3,
    call: ([input, start, end]) => {
      const text = asText(input!, 'String.substring');
      const from = asInteger(start!, 'String.substring');
      const to = asInteger(end!, 'String.substring');
      if (text === null) return null;
      // research silent on out-of-range offsets: clamped rather than an error.
      return text.slice(clampIndex(from, text.length), Math.max(clampIndex(from, text.length), clampIndex(to, text.length)));
    },
  },
  'String.substringAfter': {
    params: '(input, search)',
    minArgs: 2,
    maxArgs: 2,
    call: ([input, search]) => {
      const text = asText(input!, 'String.substringAfter');
      if (text === null) return null;
      const separator = asRequiredText(search!, 'String.substringAfter');
      const at = text.indexOf(separator);
      // research silent on a missing separator: "" (Commons StringUtils.substringAfter).
      return at === -1 ? '' : text.slice(at + separator.length);
    },
  },
  'String.substringBefore': {
    params: '(input, search)',
    minArgs: 2,
    maxArgs: 2,
    call: ([input, search]) => {
      const text = asText(input!, 'String.substringBefore');
      if (text === null) return null;
      const at = text.indexOf(asRequiredText(search!, 'String.substringBefore'));
      // research silent on a missing separator: the whole input (Commons StringUtils.substringBefore).
      return at === -1 ? text : text.slice(0, at);
    },
  },
  'String.toLowerCase': unary('String.toLowerCase', (text) => text.toLowerCase()),
  'String.toUpperCase': unary('String.toUpperCase', (text) => text.toUpperCase()),
};
