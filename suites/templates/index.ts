export {
  BUILTIN_PLACEHOLDERS,
  TEMPLATE_FILTERS,
  TemplateSyntaxError,
  isPlaceholderName,
  parseTemplate,
  type TemplateFilter,
  type TemplatePart,
  type TemplatePlaceholder,
} from './parse.js';
export { collectPlaceholders, type CollectedPlaceholder } from './collect.js';
export { UnresolvedPlaceholderError, renderTemplate } from './render.js';
