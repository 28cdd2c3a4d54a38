// @ts-check
// Checks and the steps that hold them: what was checked, against which rule or expectation, the
// verdict with expected vs actual, where it is written, and links to the exchanges it judged.

/**
 * What a scenario's views share.
 * @typedef {object} ScenarioContext
 * @property {number} index
 * @property {ScenarioResult} scenario
 * @property {ScenarioFacts} facts
 * @property {Map<string, KnownCase>} knownByRef  baseline matches by case ref (`steps:0:2`, `rules:1`…)
 * @property {Map<string, Exchange>} exchangesById
 * @property {Record<string, string>} statusText
 * @property {(exchangeId: string, from?: Element) => void} reveal  scroll to an exchange and open it
 */

/** Values up to this long (on one line) are shown inline rather than as a block. */
const INLINE_VALUE_CHARS = 60;

/**
 * One check. `ref` is its case ref when it is a reported case itself (baseline lookups).
 * @param {CheckResult} check
 * @param {ScenarioContext} ctx
 * @param {string} [ref]
 */
function checkRow(check, ctx, ref) {
  const known = ref !== undefined ? ctx.knownByRef.get(ref) : check.kind === 'rule' ? ruleKnown(check.id, ctx) : undefined;
  const passed = check.status === 'passed';
  return h(
    'div',
    { class: `check check-${check.status}`, 'data-check-ref': ref ?? null, 'data-check-id': check.id },
    h('div', { class: 'check-head' },
      statusBadge(check.status),
      ' ',
      code(check.id, 'check-id'),
      ' ',
      h('span', { class: 'tag' }, check.kind === 'rule' ? 'rule' : 'expectation'),
      ' ',
      h('span', { class: `level level-${check.level}` }, check.level),
      check.citation ? [' ', h('span', { class: 'citation' }, check.citation)] : null,
      known ? [' ', knownBadge(known)] : null,
    ),
    h('div', { class: 'check-title' }, oneLine(check.title)),
    !passed || check.message ? h('p', { class: `message message-${check.status}` }, printable(check.message ?? `${check.title}: ${check.status}`)) : null,
    known ? h('p', { class: 'known-reason' }, `Known failure (baseline entry ${known.entryId}${known.expires ? `, until ${known.expires}` : ''}): ${printable(known.reason)}`) : null,
    expectedActual(check),
    h('div', { class: 'check-foot' },
      check.location ? h('span', { class: 'location' }, formatLocation(check.location)) : null,
      check.exchangeIds.map((id) => [' ', exchangeLink(ctx.exchangesById.get(id), id, ctx.reveal, ctx.statusText)]),
    ),
  );
}

/**
 * A rule finding is known when the rule's case is: the baseline names the rule, not each finding.
 * @param {string} ruleId
 * @param {ScenarioContext} ctx
 */
function ruleKnown(ruleId, ctx) {
  const position = ctx.scenario.rules.findIndex((rule) => rule.id === ruleId);
  return position === -1 ? undefined : ctx.knownByRef.get(`rules:${position}`);
}

/**
 * Expected vs actual: inline when both are short, otherwise side by side as pretty JSON.
 * @param {CheckResult} check
 */
function expectedActual(check) {
  if (check.expected === undefined && check.actual === undefined) return null;
  const expected = check.expected === undefined ? null : jsonText(check.expected);
  const actual = jsonText(check.actual);
  const short = (/** @type {string | null} */ text) => text === null || (text.length <= INLINE_VALUE_CHARS && !text.includes('\n'));
  if (short(expected) && short(actual)) {
    return h('p', { class: 'values-inline' },
      expected === null ? null : [h('span', { class: 'label' }, 'expected '), code(expected), h('span', { class: 'muted' }, ' · ')],
      h('span', { class: 'label' }, 'actual '), code(actual),
    );
  }
  return h('div', { class: 'values' },
    expected === null ? null : h('div', null, h('div', { class: 'label' }, 'expected'), pre(expected)),
    h('div', null, h('div', { class: 'label' }, 'actual'), pre(actual)),
  );
}

/**
 * A step as a <details>: title, kind, status, duration, where it is written; opened, its error,
 * checks and exchanges (its own and the ones its checks read).
 * @param {StepResult} step
 * @param {'steps' | 'teardown'} part
 * @param {number} position
 * @param {ScenarioContext} ctx
 */
function stepDetails(step, part, position, ctx) {
  const stepRef = `${part}:${position}`;
  const knownError = ctx.knownByRef.get(`${stepRef}:error`);
  const bad = step.checks.filter((c) => c.status === 'failed' || c.status === 'errored').length;
  const summary = [
    statusBadge(step.status),
    ' ',
    h('span', { class: 'step-number' }, `${part === 'teardown' ? 'teardown ' : ''}${position + 1}.`),
    ' ',
    h('span', { class: 'step-title' }, oneLine(step.title)),
    ' ',
    h('span', { class: 'tag' }, step.kind),
    h('span', { class: 'muted' }, ` · ${formatDuration(step.durationMs)} · ${plural(step.checks.length, 'check')}${bad ? `, ${bad} failed` : ''} · ${formatLocation(step.location)}`),
  ];
  const details = lazyDetails({ class: `step step-${step.status}`, 'data-step-ref': stepRef }, summary, () => [
    step.error ? h('p', { class: 'error-text' }, 'Step error: ', printable(step.error), knownError ? [' ', knownBadge(knownError)] : null) : null,
    step.checks.length > 0
      ? h('div', { class: 'checks' }, step.checks.map((check, i) => checkRow(check, ctx, check.kind === 'expectation' ? `${stepRef}:${i}` : undefined)))
      : h('p', { class: 'muted' }, 'No checks in this step.'),
    stepExchanges(step, ctx),
  ]);
  return details;
}

/**
 * The step's exchanges and those its checks point at (a target read after an IdP step), in log order.
 * @param {StepResult} step
 * @param {ScenarioContext} ctx
 */
function stepExchanges(step, ctx) {
  const ids = new Set([...step.exchangeIds, ...step.checks.flatMap((c) => c.exchangeIds)]);
  const exchanges = ctx.scenario.exchanges.filter((e) => ids.has(e.id));
  if (exchanges.length === 0) return null;
  return h('div', { class: 'exchanges' }, h('h5', null, `Exchanges (${exchanges.length})`), exchanges.map((e) => exchangeDetails(e, ctx.statusText)));
}

/**
 * A protocol rule summed over the scenario; its findings are checks with their exchanges.
 * @param {RuleSummary} rule
 * @param {number} position
 * @param {ScenarioContext} ctx
 */
function ruleRow(rule, position, ctx) {
  const known = ctx.knownByRef.get(`rules:${position}`);
  const head = [
    statusBadge(rule.status),
    ' ',
    code(rule.id, 'check-id'),
    ' ',
    h('span', { class: `level level-${rule.level}` }, rule.level),
    ' ',
    h('span', { class: 'citation' }, rule.citation),
    known ? [' ', knownBadge(known)] : null,
    h('span', { class: 'rule-title' }, ` ${oneLine(rule.title)}`),
    h('span', { class: 'muted' }, ` · applied to ${plural(rule.applied, 'exchange')}${rule.findings.length ? ` · ${plural(rule.findings.length, 'finding')}` : ''}`),
  ];
  if (rule.findings.length === 0) return h('div', { class: `rule rule-${rule.status}`, 'data-rule-ref': `rules:${position}` }, head);
  return lazyDetails({ class: `rule rule-${rule.status}`, 'data-rule-ref': `rules:${position}` }, head, () => [
    known ? h('p', { class: 'known-reason' }, `Known failure (baseline entry ${known.entryId}): ${printable(known.reason)}`) : null,
    h('div', { class: 'checks' }, rule.findings.map((finding) => checkRow(finding, ctx))),
  ]);
}
