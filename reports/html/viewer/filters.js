// @ts-check
// The filter state and its URL form. The state lives in the location hash, so a link (or a
// reload) reopens the same view: `#status=failed&suite=core&q=created-201&open=core/users`.

/**
 * @typedef {object} FilterState
 * @property {ScenarioCategory[]} status  categories shown; all four when none is chosen
 * @property {string} suite  '' for every suite
 * @property {string} tag
 * @property {string} idp  'okta', 'entra', 'none' (scenarios without a simulated IdP), or ''
 * @property {string} q  free text: every word must occur
 * @property {string[]} open  ids of the expanded scenarios
 */

/** @type {Array<[ScenarioCategory, string]>} */
const STATUS_FILTERS = [
  ['failed', 'Failed / errored'],
  ['passed', 'Passed'],
  ['skipped', 'Skipped'],
  ['known', 'Known failures'],
];
const ALL_CATEGORIES = STATUS_FILTERS.map(([category]) => category);

/** @returns {FilterState} */
function readHash() {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((value) => /** @type {string[]} */ (ALL_CATEGORIES).includes(value));
  return {
    status: status.length > 0 ? /** @type {ScenarioCategory[]} */ (status) : [...ALL_CATEGORIES],
    suite: params.get('suite') ?? '',
    tag: params.get('tag') ?? '',
    idp: params.get('idp') ?? '',
    q: params.get('q') ?? '',
    open: params.getAll('open'),
  };
}

/**
 * The hash for a state; defaults are left out, so the plain report has no hash at all.
 * @param {FilterState} state
 */
function hashOf(state) {
  const params = new URLSearchParams();
  if (state.status.length > 0 && state.status.length < ALL_CATEGORIES.length) params.set('status', state.status.join(','));
  if (state.suite) params.set('suite', state.suite);
  if (state.tag) params.set('tag', state.tag);
  if (state.idp) params.set('idp', state.idp);
  if (state.q) params.set('q', state.q);
  for (const id of state.open) params.append('open', id);
  return params.toString();
}

/**
 * Records the state in the address bar without adding a history entry per keystroke.
 * @param {FilterState} state
 */
function writeHash(state) {
  const hash = hashOf(state);
  if (hash === location.hash.replace(/^#/, '')) return;
  const url = hash ? `#${hash}` : `${location.pathname}${location.search}`;
  try {
    history.replaceState(null, '', url);
  } catch {
    // Some browsers refuse replaceState on file:// pages: a hash assignment still works.
    location.hash = hash;
  }
}

/** @type {WeakMap<ScenarioResult, string>} */
const searchTexts = new WeakMap();

/**
 * Everything the text search looks in, lower-cased, built on the first search only.
 * @param {ScenarioResult} scenario
 */
function searchTextOf(scenario) {
  let text = searchTexts.get(scenario);
  if (text !== undefined) return text;
  /** @type {string[]} */
  const parts = [scenario.id, scenario.title, scenario.suite, scenario.file, scenario.skipReason ?? '', ...scenario.tags];
  /** @param {CheckResult} check */
  const addCheck = (check) => parts.push(check.id, check.title, check.message ?? '', check.citation ?? '');
  // Report case names too (`step › check id`, `rule id: title`): what JUnit and baselines call them.
  for (const step of [...scenario.steps, ...scenario.teardown]) {
    parts.push(step.title, step.kind, step.error ?? '');
    for (const check of step.checks) {
      addCheck(check);
      parts.push(`${step.title} › ${check.id}`);
    }
  }
  for (const rule of scenario.rules) {
    parts.push(rule.id, rule.title, rule.citation, `rule ${rule.id}: ${rule.title}`);
    rule.findings.forEach(addCheck);
  }
  text = parts.join('\n').toLowerCase();
  searchTexts.set(scenario, text);
  return text;
}

/**
 * @param {ScenarioResult} scenario
 * @param {ScenarioFacts} facts
 * @param {FilterState} state
 */
function scenarioMatches(scenario, facts, state) {
  if (!facts.categories.some((category) => state.status.includes(category))) return false;
  if (state.suite && scenario.suite !== state.suite) return false;
  if (state.tag && !scenario.tags.includes(state.tag)) return false;
  if (state.idp && (scenario.idp?.kind ?? 'none') !== state.idp) return false;
  const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = searchTextOf(scenario);
  return words.every((word) => text.includes(word));
}
