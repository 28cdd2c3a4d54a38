import { compileValueFilter, parseFilter, type FilterPredicate } from '../../simulator/scim/filter/index.js';
import type { ElementFilter } from './body-path.js';

const compiled = new Map<string, FilterPredicate>();

/**
 * Body paths select list elements with real SCIM filters (`emails[type eq "work"]`), using the
 * same parser and evaluator as the reference server. Compiled once per distinct filter text.
 */
export const scimFilterMatches: ElementFilter = (filter, element) => {
  let predicate = compiled.get(filter);
  if (!predicate) {
    predicate = compileValueFilter(parseFilter(filter));
    compiled.set(filter, predicate);
  }
  return predicate(element);
};
