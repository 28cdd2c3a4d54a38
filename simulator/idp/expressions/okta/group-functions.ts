import type { OktaFunction, OktaGroup } from './function-types.js';
import { compileJavaRegex } from './java-regex.js';
import { asList, asText } from './values.js';

/**
 * A group test on one string argument. research silent on case: names compare exactly, case
 * included. A null argument matches nothing rather than failing the mapping.
 */
function groupTest(name: string, param: string, test: (group: OktaGroup, wanted: string) => boolean): OktaFunction {
  return {
    params: `(${param})`,
    minArgs: 1,
    maxArgs: 1,
    call: ([arg], scope) => {
      const wanted = asText(arg!, name);
      return wanted !== null && scope.groups.some((group) => test(group, wanted));
    },
  };
}

/** The profile-mapping group functions (research §1.11); groups from any source count. */
export const GROUP_FUNCTIONS: Record<string, OktaFunction> = {
  isMemberOfGroupName: groupTest('isMemberOfGroupName', 'groupName', (group, name) => group.name === name),
  isMemberOfGroup: groupTest('isMemberOfGroup', 'groupId', (group, id) => group.id === id),
  isMemberOfAnyGroup: {
    params: '(groupId, ...)',
    minArgs: 1,
    maxArgs: Infinity,
    call: (args, scope) => {
      const ids = new Set(args.flatMap((arg) => asList(arg.value).map((value) => asText({ value, node: arg.node }, 'isMemberOfAnyGroup'))));
      return scope.groups.some((group) => ids.has(group.id));
    },
  },
  isMemberOfGroupNameStartsWith: groupTest('isMemberOfGroupNameStartsWith', 'prefix', (group, prefix) => group.name.startsWith(prefix)),
  isMemberOfGroupNameContains: groupTest('isMemberOfGroupNameContains', 'search', (group, part) => group.name.includes(part)),
  isMemberOfGroupNameRegex: {
    params: '(regex)',
    minArgs: 1,
    maxArgs: 1,
    call: ([arg], scope) => {
      const pattern = asText(arg!, 'isMemberOfGroupNameRegex');
      if (pattern === null) return false;
      // research silent: the regex must match the whole name, like Java's String.matches.
      const regex = compileJavaRegex(pattern, 'whole', arg!.node);
      return scope.groups.some((group) => regex.test(group.name));
    },
  },
};
