export type {
  AttributePath,
  CompareNode,
  CompareOperator,
  FilterNode,
  FilterValue,
  LogicalNode,
  NotNode,
  PatchPath,
  PresentNode,
  ValuePathNode,
} from './ast.js';
export { COMPARE_OPERATORS } from './ast.js';
export { FilterSyntaxError, InvalidFilterError } from './errors.js';
export { MAX_FILTER_DEPTH, formatFilter, formatPath, parseFilter, parsePath } from './parser.js';
export { compileFilter, compileValueFilter, matchesFilter, type FilterPredicate } from './evaluate.js';
export { selectValues } from './select.js';
export { asList, getIgnoreCase, isPlainObject, isPresent, keyIgnoreCase } from './values.js';
