// @ts-check
// Starts the page: reads the embedded run and facts, draws the summary, the filters and one row
// per scenario. A scenario's body is built the first time it is opened, so the page loads as
// fast for 5 000 checks as for 5.

/**
 * @typedef {object} ScenarioRow
 * @property {HTMLElement} el
 * @property {ScenarioResult} scenario
 * @property {ScenarioFacts} facts
 * @property {() => boolean} isOpen
 * @property {(open: boolean) => void} setOpen
 */

/** @param {string} id */
function readEmbedded(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the report has no #${id} data block`);
  return JSON.parse(el.textContent ?? 'null');
}

function startViewer() {
  performance.mark('scimsim-start');
  const run = /** @type {RunResult} */ (readEmbedded('scimsim-run'));
  const facts = /** @type {PageFacts} */ (readEmbedded('scimsim-facts'));
  performance.mark('scimsim-data');
  const scenarios = run.suites.flatMap((suite) => suite.scenarios);
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  let state = readHash();

  /** Called when a scenario is opened or closed by hand: the hash remembers it. */
  const onToggle = () => {
    state.open = rows.filter((row) => row.isOpen()).map((row) => row.scenario.id);
    writeHash(state);
  };
  const rows = scenarios.map((scenario, index) => scenarioRow(index, scenario, /** @type {ScenarioFacts} */ (facts.scenarios[index]), facts.statusText, onToggle));
  const shown = h('p', { class: 'shown-count', role: 'status', 'aria-live': 'polite' });
  const empty = h('p', { class: 'empty', hidden: true }, 'No scenario matches these filters.');

  const apply = () => {
    let visible = 0;
    for (const row of rows) {
      const match = scenarioMatches(row.scenario, row.facts, state);
      row.el.hidden = !match;
      if (match) visible++;
      const wanted = state.open.includes(row.scenario.id);
      if (wanted !== row.isOpen()) row.setOpen(wanted);
    }
    shown.textContent = `Showing ${visible} of ${plural(rows.length, 'scenario')}`;
    empty.hidden = visible > 0;
  };
  /** @param {Partial<FilterState>} change */
  const update = (change) => {
    state = { ...state, ...change };
    writeHash(state);
    apply();
  };
  const bar = filterBar(run, scenarios, facts, () => state, update);

  app.replaceChildren(
    runSummary(run, facts, scenarios),
    bar.el,
    shown,
    h('div', { class: 'scenario-list' }, rows.map((row) => row.el)),
    empty,
  );
  apply();
  window.addEventListener('hashchange', () => {
    state = readHash();
    bar.sync();
    apply();
  });
  document.documentElement.dataset['ready'] = 'true';
  performance.mark('scimsim-ready');
}

/**
 * One scenario: a heading with a toggle button; the body is built on first open.
 * @param {number} index
 * @param {ScenarioResult} scenario
 * @param {ScenarioFacts} facts
 * @param {Record<string, string>} statusText
 * @param {() => void} onToggle
 * @returns {ScenarioRow}
 */
function scenarioRow(index, scenario, facts, statusText, onToggle) {
  const bodyId = `scenario-body-${index}`;
  const display = facts.onlyKnown ? 'known' : scenario.status;
  const { counts } = facts;
  const notes = [];
  if (counts.failed) notes.push(h('span', { class: 'note bad' }, `${counts.failed} failed`));
  if (counts.errored) notes.push(h('span', { class: 'note bad' }, `${counts.errored} errored`));
  if (counts.known) notes.push(h('span', { class: 'note known' }, `${counts.known} known`));
  if (counts.warnings) notes.push(h('span', { class: 'note warn' }, `${plural(counts.warnings, 'warning')}`));
  const button = h('button', { type: 'button', class: 'scenario-toggle', 'aria-expanded': 'false', 'aria-controls': bodyId },
    statusBadge(display, display === 'known' ? 'known failures' : display),
    h('span', { class: 'scenario-id' }, scenario.id),
    h('span', { class: 'scenario-title' }, oneLine(scenario.title)),
    h('span', { class: 'scenario-meta' },
      scenario.idp ? h('span', { class: `tag idp-${scenario.idp.kind}` }, scenario.idp.kind) : null,
      notes,
      h('span', { class: 'muted' }, scenario.status === 'skipped' ? 'skipped' : `${counts.total} checks · ${formatDuration(scenario.durationMs)}`),
    ),
  );
  const body = h('div', { id: bodyId, class: 'scenario-body', hidden: true });
  const el = h('section', { class: `scenario scenario-${display}`, 'data-scenario-id': scenario.id, 'data-status': display },
    h('h3', { class: 'scenario-head' }, button),
    body,
  );
  let built = false;
  /** @param {boolean} open */
  const setOpen = (open) => {
    if (open && !built) {
      built = true;
      body.append(scenarioBody(scenarioContext(index, scenario, facts, statusText)));
    }
    body.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', () => {
    setOpen(body.hidden);
    onToggle();
  });
  return { el, scenario, facts, isOpen: () => !body.hidden, setOpen };
}

/**
 * The filter controls; `sync` sets them from the state (after the hash changed).
 * @param {RunResult} run
 * @param {ScenarioResult[]} scenarios
 * @param {PageFacts} facts
 * @param {() => FilterState} current
 * @param {(change: Partial<FilterState>) => void} update
 */
function filterBar(run, scenarios, facts, current, update) {
  /** @type {Record<string, number>} */
  const perCategory = {};
  for (const f of facts.scenarios) for (const category of f.categories) perCategory[category] = (perCategory[category] ?? 0) + 1;
  /**
   * Buttons change the state from outside the inputs: every change brings the inputs along.
   * @param {Partial<FilterState>} partial
   */
  const change = (partial) => {
    update(partial);
    sync();
  };
  const boxes = STATUS_FILTERS.map(([category]) => {
    const box = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', value: category, 'data-filter-status': category }));
    box.addEventListener('change', () => {
      const chosen = boxes.filter((b) => b.checked).map((b) => /** @type {ScenarioCategory} */ (b.value));
      change({ status: chosen.length ? chosen : [...ALL_CATEGORIES] });
    });
    return box;
  });
  const boxLabels = STATUS_FILTERS.map(([category, label], i) => h('label', { class: 'check-filter' }, boxes[i], ` ${label} (${perCategory[category] ?? 0})`));

  /** @param {string} label @param {string} name @param {Array<[string, string]>} options */
  const select = (label, name, options) => {
    const el = /** @type {HTMLSelectElement} */ (h('select', { 'data-filter': name }, options.map(([value, text]) => h('option', { value }, text))));
    el.addEventListener('change', () => change({ [name]: el.value }));
    return { el, label: h('label', { class: 'select-filter' }, `${label} `, el) };
  };
  const suites = select('Suite', 'suite', [['', 'all suites'], ...run.suites.map((suite) => /** @type {[string, string]} */ ([suite.name, `${suite.name} (${suite.scenarios.length})`]))]);
  const tags = [...new Set(scenarios.flatMap((scenario) => scenario.tags))].sort();
  const tag = select('Tag', 'tag', [['', 'any tag'], ...tags.map((t) => /** @type {[string, string]} */ ([t, printable(t)]))]);
  const idpKinds = facts.idps.map((kind) => /** @type {[string, string]} */ ([kind, kind]));
  if (scenarios.some((scenario) => !scenario.idp)) idpKinds.push(['none', 'none (SCIM only)']);
  const idp = select('IdP', 'idp', [['', 'any'], ...idpKinds]);

  const search = /** @type {HTMLInputElement} */ (h('input', { type: 'search', placeholder: 'id, title, check, message…', 'data-filter': 'q', 'aria-label': 'Search scenarios' }));
  /** @type {number | undefined} */
  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = window.setTimeout(() => change({ q: search.value.trim() }), 120);
  });

  const el = h('form', { class: 'filters', role: 'search', onsubmit: (/** @type {Event} */ e) => e.preventDefault() },
    h('fieldset', { class: 'status-filters' }, h('legend', null, 'Status'), boxLabels),
    h('div', { class: 'filter-row' },
      suites.label, tag.label, idp.label,
      h('label', { class: 'search-filter' }, 'Search ', search),
    ),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'button', 'data-action': 'failures', onclick: () => change({ status: ['failed'] }) }, 'Only failures'),
      h('button', { type: 'button', 'data-action': 'reset', onclick: () => change({ status: [...ALL_CATEGORIES], suite: '', tag: '', idp: '', q: '' }) }, 'Show all'),
      h('button', { type: 'button', 'data-action': 'collapse', onclick: () => change({ open: [] }) }, 'Collapse all'),
    ),
  );
  const sync = () => {
    const state = current();
    for (const box of boxes) box.checked = state.status.includes(/** @type {ScenarioCategory} */ (box.value));
    suites.el.value = state.suite;
    tag.el.value = state.tag;
    idp.el.value = state.idp;
    if (document.activeElement !== search) search.value = state.q;
  };
  sync();
  return { el, sync };
}

try {
  startViewer();
} catch (error) {
  const app = document.getElementById('app');
  if (app) app.replaceChildren(h('p', { class: 'banner banner-bad' }, `This report could not be displayed: ${String(error)}`));
  throw error;
}
