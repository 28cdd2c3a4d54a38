import { editDistance } from '../edit-distance.js';
import { DATE_FUNCTIONS } from './date-functions.js';
import type { EntraFunction } from './function-types.js';
import { LIST_FUNCTIONS } from './list-functions.js';
import { LOGIC_FUNCTIONS } from './logic-functions.js';
import { RANDOM_FUNCTIONS } from './random-functions.js';
import { REPLACE_FUNCTION } from './replace-function.js';
import { TEXT_FUNCTIONS } from './text-functions.js';
import { VALUE_FUNCTIONS } from './value-functions.js';

/** Every documented attribute-mapping function (E-FUNC), by its case-sensitive name. */
export const ENTRA_FUNCTIONS: Readonly<Record<string, EntraFunction>> = {
  ...LOGIC_FUNCTIONS,
  ...VALUE_FUNCTIONS,
  ...TEXT_FUNCTIONS,
  ...REPLACE_FUNCTION,
  ...LIST_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...RANDOM_FUNCTIONS,
};

/**
 * The bare names the docs use as values: InStr's compare modes (VBA's values, vbBinaryCompare 0
 * and vbTextCompare 1) and the booleans, which are the strings every Entra boolean is.
 */
export const ENTRA_CONSTANTS: Readonly<Record<string, string>> = {
  vbBinaryCompare: '0',
  vbTextCompare: '1',
  True: 'True',
  False: 'False',
};

export function lookupFunction(name: string): EntraFunction | undefined {
  return Object.hasOwn(ENTRA_FUNCTIONS, name) ? ENTRA_FUNCTIONS[name] : undefined;
}

/**
 * What to suggest for an unknown name among `known`: the same name cased differently (names are
 * case-sensitive, so `switch` is the commonest slip), else the closest plausible typo.
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  const wanted = name.toLowerCase();
  const recased = known.find((candidate) => candidate.toLowerCase() === wanted);
  if (recased !== undefined) return `names are case-sensitive: did you mean '${recased}'?`;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  if (best === undefined || best.distance > Math.max(2, Math.floor(name.length * 0.4))) return undefined;
  return `did you mean '${best.name}'?`;
}
