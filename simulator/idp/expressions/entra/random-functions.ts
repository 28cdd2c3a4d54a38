import type { EntraFunction, FunctionScope } from './function-types.js';
import { fail, integer, single } from './values.js';

// Character classes of Windows' password complexity rules, which RandomString follows (E-FUNC).
const DIGITS = '0123456789';
const CAPITALS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER_CASE = 'abcdefghijklmnopqrstuvwxyz';
const SPECIALS = '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/';
const MAX_LENGTH = 256;

function pick(characters: string, scope: FunctionScope): string {
  return characters[Math.floor(scope.random() * characters.length)]!;
}

/** A version 4 GUID from the scenario's seeded randomness, lower case as .NET prints it. */
function guid(scope: FunctionScope): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(scope.random() * 256));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Generated values, drawn from the scenario's seeded randomness so runs repeat. */
export const RANDOM_FUNCTIONS: Record<string, EntraFunction> = {
  Guid: { params: '()', minArgs: 0, maxArgs: 0, evaluate: (_, scope) => guid(scope) },
  RandomString: {
    params: '(Length, MinimumNumbers, MinimumSpecialCharacters, MinimumCapital, MinimumLowerCase, [CharactersToAvoid])',
    minArgs: 5,
    maxArgs: 6,
    optional: [5],
    evaluate: (args, scope) => {
      const [lengthArg, numbersArg, specialsArg, capitalsArg, lowerArg, avoidArg] = args;
      const length = integer(lengthArg!, scope, 'Length');
      const avoid = avoidArg ? (single(avoidArg, scope, 'CharactersToAvoid') ?? '') : '';
      const allowed = (characters: string): string => [...characters].filter((char) => !avoid.includes(char)).join('');
      const classes = [
        { name: 'MinimumNumbers', characters: allowed(DIGITS), minimum: integer(numbersArg!, scope, 'MinimumNumbers') },
        { name: 'MinimumSpecialCharacters', characters: allowed(SPECIALS), minimum: integer(specialsArg!, scope, 'MinimumSpecialCharacters') },
        { name: 'MinimumCapital', characters: allowed(CAPITALS), minimum: integer(capitalsArg!, scope, 'MinimumCapital') },
        { name: 'MinimumLowerCase', characters: allowed(LOWER_CASE), minimum: integer(lowerArg!, scope, 'MinimumLowerCase') },
      ];
      if (length < 0 || length > MAX_LENGTH) return fail(scope.call, `Length must be 0 to ${MAX_LENGTH} but got ${length}`);
      const required = classes.reduce((sum, { minimum }) => sum + minimum, 0);
      if (classes.some(({ minimum }) => minimum < 0)) return fail(scope.call, 'the minimums must not be negative');
      if (required > length) return fail(scope.call, `Length ${length} is less than the sum of the minimums (${required})`);
      const starved = classes.find(({ characters, minimum }) => minimum > 0 && characters === '');
      if (starved) return fail(scope.call, `${starved.name} cannot be met: CharactersToAvoid excludes every such character`);
      const everything = classes.map(({ characters }) => characters).join('');
      if (everything === '' && length > 0) return fail(scope.call, 'CharactersToAvoid excludes every character');
      const chars = classes.flatMap(({ characters, minimum }) => Array.from({ length: minimum }, () => pick(characters, scope)));
      while (chars.length < length) chars.push(pick(everything, scope));
      // Fisher–Yates, so the required characters are not always at the front.
      for (let i = chars.length - 1; i > 0; i -= 1) {
        const j = Math.floor(scope.random() * (i + 1));
        [chars[i], chars[j]] = [chars[j]!, chars[i]!];
      }
      return chars.join('');
    },
  },
};
