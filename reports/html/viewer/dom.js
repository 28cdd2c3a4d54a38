// @ts-check
// DOM helpers for every view. Run data only ever becomes text nodes or attribute values set with
// setAttribute, never markup: a response body holding <script> is shown as text.

/** @typedef {Node | string | number | null | undefined | false} Child */
/** @typedef {Child | ChildList} Children  nested lists are flattened */
/** @typedef {Array<Children>} ChildList */

/**
 * An element. `props`: `class`, attributes (`true` sets an empty one, null/false/undefined none),
 * `on<event>` listeners. Strings among `children` become text nodes.
 * @param {string} tag
 * @param {Record<string, unknown> | null} [props]
 * @param {...Children} children
 * @returns {HTMLElement}
 */
function h(tag, props, ...children) {
  const el = document.createElement(tag);
  setProps(el, props);
  appendChildren(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An SVG element (for the Entra timeline), same conventions as `h`.
 * @param {string} tag
 * @param {Record<string, unknown> | null} [props]
 * @param {...Children} children
 * @returns {SVGElement}
 */
function s(tag, props, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setProps(el, props);
  appendChildren(el, children);
  return el;
}

/**
 * @param {Element} el
 * @param {Record<string, unknown> | null | undefined} props
 */
function setProps(el, props) {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/**
 * @param {Element} parent
 * @param {Children[]} children
 */
function appendChildren(parent, children) {
  for (const child of children) {
    if (Array.isArray(child)) appendChildren(parent, child);
    else if (child !== null && child !== undefined && child !== false) parent.append(typeof child === 'number' ? String(child) : child);
  }
}

/** Builders of lazy <details> bodies, so code that reveals something can build it synchronously. */
/** @type {WeakMap<Element, () => void>} */
const lazyBuilders = new WeakMap();

/**
 * A <details> whose body is built the first time it opens: a large run stays cheap to load, since
 * most of its thousands of checks and exchanges are never looked at.
 * @param {Record<string, unknown> | null} props
 * @param {Children} summary
 * @param {() => Children} build
 * @returns {HTMLDetailsElement}
 */
function lazyDetails(props, summary, build) {
  const body = h('div', { class: 'details-body' });
  const details = /** @type {HTMLDetailsElement} */ (h('details', props, h('summary', null, summary), body));
  let built = false;
  const ensureBuilt = () => {
    if (built) return;
    built = true;
    appendChildren(body, [build()]);
  };
  lazyBuilders.set(details, ensureBuilt);
  details.addEventListener('toggle', () => {
    if (details.open) ensureBuilt();
  });
  return details;
}

/**
 * Opens a <details> (building a lazy body now, not on the async toggle event) and its ancestors.
 * @param {Element} el
 */
function openDetails(el) {
  /** @type {Element | null} */
  let node = el;
  while (node) {
    if (node instanceof HTMLDetailsElement) {
      const build = lazyBuilders.get(node);
      if (build) build();
      node.open = true;
    }
    node = node.parentElement;
  }
}

/**
 * A table from column definitions: [header, cell-of-row].
 * @template T
 * @param {Array<[string, (row: T) => Children]>} columns
 * @param {T[]} rows
 * @param {Record<string, unknown>} [props]
 * @returns {HTMLElement}
 */
function table(columns, rows, props) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      props ?? null,
      h('thead', null, h('tr', null, columns.map(([label]) => h('th', { scope: 'col' }, label)))),
      h('tbody', null, rows.map((row) => h('tr', null, columns.map(([, cell]) => h('td', null, cell(row)))))),
    ),
  );
}

/**
 * A two-column list of labelled facts; rows whose value is empty are left out.
 * @param {Array<[string, Children]>} rows
 * @param {string} [className]
 */
function factList(rows, className) {
  const kept = rows.filter(([, value]) => value !== undefined && value !== null && value !== '' && value !== false);
  return h('dl', { class: className ?? 'facts' }, kept.map(([label, value]) => [h('dt', null, label), h('dd', null, value)]));
}

/**
 * Monospace text (ids, paths, values).
 * @param {string} text
 * @param {string} [className]
 */
function code(text, className) {
  return h('code', className ? { class: className } : null, text);
}

/**
 * Preformatted text, kept as text.
 * @param {string} text
 * @param {string} [className]
 */
function pre(text, className) {
  return h('pre', { class: className ?? 'value' }, text);
}
