import type { CallNode, EntraNode } from './ast.js';
import { compileDotnetRegex, groupNames, substitute } from './dotnet-regex.js';
import { EntraExpressionError } from './errors.js';
import type { Argument, EntraFunction, FunctionScope } from './function-types.js';
import { describe, fail, isNullOrEmpty, required, single } from './values.js';

// Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template)
const OLD_VALUE = 1;
const REGEX_PATTERN = 2;
const REGEX_GROUP_NAME = 3;
const REPLACEMENT_VALUE = 4;
const REPLACEMENT_ATTRIBUTE_NAME = 5;
const TEMPLATE = 6;

type Mode = 'oldValue' | 'template' | 'regex' | 'regexGroup' | 'regexGroupFromAttribute';

/** The documented modes (E-FUNC), by the optional arguments each one gives; any other combination is refused. */
const MODES: ReadonlyArray<{ mode: Mode; given: readonly number[]; description: string }> = [
  { mode: 'oldValue', given: [OLD_VALUE, REPLACEMENT_VALUE], description: 'oldValue + replacementValue' },
  { mode: 'template', given: [OLD_VALUE, TEMPLATE], description: 'oldValue + template' },
  { mode: 'regex', given: [REGEX_PATTERN, REPLACEMENT_VALUE], description: 'regexPattern + replacementValue' },
  { mode: 'regexGroup', given: [REGEX_PATTERN, REGEX_GROUP_NAME, REPLACEMENT_VALUE], description: 'regexPattern + regexGroupName + replacementValue' },
  {
    mode: 'regexGroupFromAttribute',
    given: [REGEX_PATTERN, REGEX_GROUP_NAME, REPLACEMENT_ATTRIBUTE_NAME],
    description: 'regexPattern + regexGroupName + replacementAttributeName',
  },
];

/** The mode is chosen by which arguments are written, not by their values, so it is known at parse time. */
function modeOf(call: CallNode): Mode | undefined {
  const given = call.args.map((arg, i) => (i > 0 && arg.kind !== 'empty' ? i : -1)).filter((i) => i > 0);
  return MODES.find((candidate) => candidate.given.length === given.length && candidate.given.every((i) => given.includes(i)))?.mode;
}

function compile(pattern: string, onError: (reason: string) => never): RegExp {
  try {
    return compileDotnetRegex(pattern);
  } catch (error) {
    return onError(`invalid regexPattern ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/** Parse-time checks: a documented mode, and a literal pattern that compiles and has the named group. */
function check(call: CallNode): void {
  if (modeOf(call) === undefined) {
    const modes = MODES.map(({ description }) => description).join('; ');
    throw new EntraExpressionError('Replace: the arguments given match none of its modes', call.position, call.nameLength, `give ${modes}`);
  }
  const pattern = call.args[REGEX_PATTERN]!;
  if (pattern.kind !== 'string') return;
  const refuse = (node: EntraNode) => (reason: string): never => {
    throw new EntraExpressionError(`Replace: ${reason}`, node.position, node.length);
  };
  const regex = compile(pattern.value, refuse(pattern));
  const group = call.args[REGEX_GROUP_NAME]!;
  if (group.kind === 'string' && !groupNames(regex).includes(group.value)) {
    refuse(group)(`regexPattern has no group named ${JSON.stringify(group.value)}`);
  }
}

/** Rebuild `source` with each match's `span` (whole match or one group) replaced. */
function replaceSpans(source: string, regex: RegExp, replace: (match: RegExpExecArray) => { start: number; end: number; text: string } | undefined): string {
  let out = '';
  let last = 0;
  for (const match of source.matchAll(regex)) {
    const span = replace(match as RegExpExecArray);
    if (span === undefined) continue;
    out += source.slice(last, span.start) + span.text;
    last = span.end;
  }
  return out + source.slice(last);
}

function regexArgument(arg: Argument, scope: FunctionScope): RegExp {
  return compile(required(arg, scope, 'regexPattern'), (reason) => fail(scope.call, reason));
}

function oldValueArgument(arg: Argument, scope: FunctionScope): string {
  const old = required(arg, scope, 'oldValue');
  // .NET String.Replace refuses to replace the empty string.
  if (old === '') return fail(scope.call, 'oldValue must not be empty');
  return old;
}

export const REPLACE_FUNCTION: Record<string, EntraFunction> = {
  Replace: {
    params: '(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template)',
    minArgs: 7,
    maxArgs: 7,
    optional: [OLD_VALUE, REGEX_PATTERN, REGEX_GROUP_NAME, REPLACEMENT_VALUE, REPLACEMENT_ATTRIBUTE_NAME, TEMPLATE],
    check,
    evaluate: (args, scope) => {
      const source = single(args[0]!, scope, 'source');
      const mode = modeOf(scope.call)!;
      if (mode === 'regexGroupFromAttribute') {
        // Only when the source is empty: extract the group from the other attribute (E-FUNC).
        // research silent on no match: the source is returned as it is.
        if (!isNullOrEmpty(source)) return source;
        const regex = regexArgument(args[REGEX_PATTERN]!, scope);
        const group = required(args[REGEX_GROUP_NAME]!, scope, 'regexGroupName');
        const other = single(args[REPLACEMENT_ATTRIBUTE_NAME]!, scope, 'replacementAttributeName');
        return (other === null ? undefined : regex.exec(other)?.groups?.[group]) ?? source;
      }
      // research silent on a null source in the other modes: nothing to replace, null stays null.
      if (source === null) return null;
      const replacement = () => single(args[REPLACEMENT_VALUE]!, scope, 'replacementValue') ?? '';
      switch (mode) {
        case 'oldValue': // every occurrence, case-sensitive
          return source.split(oldValueArgument(args[OLD_VALUE]!, scope)).join(replacement());
        case 'template': // the source goes into the template wherever oldValue appears
          return (single(args[TEMPLATE]!, scope, 'template') ?? '').split(oldValueArgument(args[OLD_VALUE]!, scope)).join(source);
        case 'regex': {
          const template = replacement();
          return replaceSpans(source, regexArgument(args[REGEX_PATTERN]!, scope), (match) => ({
            start: match.index,
            end: match.index + match[0].length,
            text: substitute(template, match, source),
          }));
        }
        case 'regexGroup': {
          const regex = regexArgument(args[REGEX_PATTERN]!, scope);
          const group = required(args[REGEX_GROUP_NAME]!, scope, 'regexGroupName');
          if (!groupNames(regex).includes(group)) return fail(scope.call, `regexPattern has no group named ${describe(group)}`);
          // Only the group's text is replaced, with the literal replacementValue.
          const text = replacement();
          return replaceSpans(source, regex, (match) => {
            const span = match.indices?.groups?.[group];
            return span && { start: span[0], end: span[1], text };
          });
        }
      }
    },
  },
};
