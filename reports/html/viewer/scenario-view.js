// @ts-check
// A scenario's body, built when it is first expanded: facts, steps (failing ones open), protocol
// rules, license rows, the IdP's admin view, and every exchange.

/**
 * @param {number} index
 * @param {ScenarioResult} scenario
 * @param {ScenarioFacts} facts
 * @param {Record<string, string>} statusText
 * @returns {ScenarioContext}
 */
function scenarioContext(index, scenario, facts, statusText) {
  return {
    index,
    scenario,
    facts,
    knownByRef: new Map(facts.known.map((known) => [known.ref, known])),
    exchangesById: new Map(scenario.exchanges.map((exchange) => [exchange.id, exchange])),
    statusText,
    reveal: () => {},
  };
}

/** @param {ScenarioContext} ctx */
function scenarioBody(ctx) {
  const { scenario, facts } = ctx;
  const steps = scenario.steps.map((step, i) => stepDetails(step, 'steps', i, ctx));
  const teardown = scenario.teardown.map((step, i) => stepDetails(step, 'teardown', i, ctx));
  const allExchanges = lazyDetails({ class: 'all-exchanges' }, `All exchanges of this scenario (${scenario.exchanges.length})`, () =>
    scenario.exchanges.map((exchange) => exchangeDetails(exchange, ctx.statusText)),
  );
  const owners = exchangeOwners(scenario, [...steps, ...teardown]);
  ctx.reveal = (id, from) => revealExchange(id, [from?.closest('details.step') ?? null, owners.get(id) ?? null, allExchanges]);

  const rulesHeld = scenario.rules.filter((rule) => rule.status === 'passed');
  const rulesOther = scenario.rules.filter((rule) => rule.status !== 'passed');
  const licenseRows = licenseRowsOf(scenario);
  const body = h('div', { class: 'scenario-content' },
    scenario.skipReason ? h('p', { class: 'banner banner-skip' }, `Skipped: ${printable(scenario.skipReason)}`) : null,
    factList([
      ['Scenario', code(scenario.id)],
      ['File', formatLocation(scenario.location)],
      ['Checks', facts.countsLine],
      ['Tags', scenario.tags.length ? scenario.tags.map((tag) => h('span', { class: 'tag' }, printable(tag))) : ''],
      ['Seed', String(scenario.seed)],
      ['Started', formatTime(scenario.startedAt)],
      ['Duration', formatDuration(scenario.durationMs)],
      ['Virtual clock at the end', formatTime(scenario.virtualEnd)],
      ['IdP', scenario.idp ? scenario.idp.kind : ''],
    ]),
    facts.known.length ? knownList(facts.known) : null,
    steps.length ? h('section', { class: 'steps' }, h('h4', null, `Steps (${steps.length})`), steps) : null,
    teardown.length ? h('section', { class: 'steps' }, h('h4', null, `Teardown (${teardown.length})`), teardown) : null,
    scenario.rules.length
      ? h('section', { class: 'rules' },
        h('h4', null, `Protocol rules (${scenario.rules.length} applied)`),
        rulesOther.map((rule) => ruleRow(rule, scenario.rules.indexOf(rule), ctx)),
        rulesHeld.length
          ? lazyDetails({ class: 'rules-held' }, `${plural(rulesHeld.length, 'rule')} held on every exchange`, () => rulesHeld.map((rule) => ruleRow(rule, scenario.rules.indexOf(rule), ctx)))
          : null)
      : null,
    licenseRows.length ? h('section', { class: 'license' }, h('h4', null, `License grid (${licenseRows.length})`), licenseGridTable(licenseRows, false)) : null,
    idpSection(scenario, ctx),
    scenario.exchanges.length ? h('section', { class: 'exchanges' }, h('h4', null, 'Exchanges'), allExchanges) : null,
  );
  // Failing steps open by themselves: that is what a reader opened the scenario for.
  [...scenario.steps, ...scenario.teardown].forEach((step, i) => {
    if (step.status === 'failed' || step.status === 'errored') openDetails(/** @type {Element} */ ([...steps, ...teardown][i]));
  });
  return body;
}

/**
 * The step that shows each exchange: the step that sent it, else the first step whose check read it.
 * @param {ScenarioResult} scenario
 * @param {HTMLDetailsElement[]} stepElements  steps then teardown, in order
 */
function exchangeOwners(scenario, stepElements) {
  const all = [...scenario.steps, ...scenario.teardown];
  /** @type {Map<string, HTMLDetailsElement>} */
  const owners = new Map();
  all.forEach((step, i) => {
    for (const id of step.exchangeIds) owners.set(id, /** @type {HTMLDetailsElement} */ (stepElements[i]));
  });
  all.forEach((step, i) => {
    for (const check of step.checks) for (const id of check.exchangeIds) if (!owners.has(id)) owners.set(id, /** @type {HTMLDetailsElement} */ (stepElements[i]));
  });
  return owners;
}

/**
 * Opens the first host (building it) that holds the exchange, then opens, scrolls to and focuses it.
 * @param {string} id
 * @param {Array<Element | null>} hosts
 */
function revealExchange(id, hosts) {
  for (const host of hosts) {
    if (!host) continue;
    openDetails(host);
    const target = host.querySelector(`details.exchange[data-exchange-id="${CSS.escape(id)}"]`);
    if (!target) continue;
    openDetails(target);
    target.scrollIntoView({ block: 'start' });
    /** @type {HTMLElement | null} */ (target.querySelector('summary'))?.focus({ preventScroll: true });
    flash(target);
    return;
  }
}

/** @param {KnownCase[]} known */
function knownList(known) {
  return h('section', { class: 'known-list' },
    h('h4', null, `Known failures (${known.length})`),
    h('ul', null, known.map((k) => h('li', null, knownBadge(k), ' ', code(printable(k.name)), ': ', printable(k.reason), k.expires ? h('span', { class: 'muted' }, ` (until ${k.expires})`) : null))),
  );
}
