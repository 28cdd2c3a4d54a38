// @ts-check
// The run summary at the top: verdict, counts, target, IdPs, seed, shard, tool, baseline outcome,
// assumed IdP behaviours and the run-wide license grid.

/**
 * @param {RunResult} run
 * @param {PageFacts} facts
 * @param {ScenarioResult[]} scenarios
 */
function runSummary(run, facts, scenarios) {
  /** @type {Record<string, number>} */
  const byStatus = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  for (const scenario of scenarios) byStatus[scenario.status] = (byStatus[scenario.status] ?? 0) + 1;
  const knownOnly = facts.scenarios.filter((f) => f.onlyKnown).length;
  const scenarioLine = `${byStatus.passed} passed, ${byStatus.failed} failed, ${byStatus.skipped} skipped${byStatus.errored ? `, ${byStatus.errored} errored` : ''} (${scenarios.length} total${knownOnly ? `; ${knownOnly} failed only in known failures` : ''})`;
  const exchanges = scenarios.reduce((sum, scenario) => sum + scenario.exchanges.length, 0);
  const shard = run.shard;
  const grid = scenarios.flatMap(licenseRowsOf);
  return h('section', { class: 'summary', 'aria-label': 'Run summary' },
    run.status === 'interrupted' ? h('p', { class: 'banner banner-warn' }, 'Interrupted: the run stopped early (--bail or a signal), so not every scenario ran.') : null,
    factList([
      ['Verdict', statusBadge(run.status === 'passed' ? 'passed' : run.status === 'failed' ? 'failed' : 'interrupted', run.status)],
      ['Checks', h('span', { class: 'counts' }, facts.countsLine)],
      ['Scenarios', scenarioLine],
      ['Suites', run.suites.map((suite, i) => [i ? ', ' : '', code(suite.name), ` (${suite.scenarios.length})`])],
      ['Exchanges', String(exchanges)],
      ['Duration', formatDuration(run.durationMs)],
      ['Target', [code(printable(run.target.url)), ` (${run.target.kind === 'embedded' ? 'the embedded reference server' : run.target.kind})`, run.target.image ? [' ', code(printable(run.target.image))] : '']],
      ['IdPs', facts.idps.length ? facts.idps.join(', ') : 'none (SCIM only)'],
      ['Seed', run.seed === undefined ? '' : String(run.seed)],
      ['Shard', shard ? `${shard.index} of ${shard.total} (this shard starts at scenario ${shard.firstScenario + 1} of ${shard.planned} planned)` : ''],
      ['Tool', `${run.tool.name} ${run.tool.version}`],
      ['Started', formatTime(run.startedAt)],
    ], 'facts summary-facts'),
    run.baseline ? baselineSection(run.baseline) : null,
    // The container's output, kept when the run failed: often the server's own account of why.
    run.target.logs ? lazyDetails({ class: 'target-logs' }, `Output of the target container (${plural(run.target.logs.trimEnd().split('\n').length, 'line')})`, () => h('pre', { class: 'body' }, printable(run.target.logs ?? ''))) : null,
    facts.assumptions.length
      ? lazyDetails({ class: 'run-assumptions' }, `${plural(facts.assumptions.length, 'IdP behaviour')} research could not confirm shaped this run (assumed)`, () => assumptionTable(facts.assumptions))
      : null,
    grid.length ? lazyDetails({ class: 'run-license-grid' }, `License grid (${plural(grid.length, 'row')}, ${grid.filter((r) => r.check.status !== 'passed').length} not passed)`, () => licenseGridTable(grid, true)) : null,
  );
}

/** @param {import('../../../suites/model/result.js').BaselineOutcome} baseline */
function baselineSection(baseline) {
  /** @param {BaselineMatch[]} matches @param {string} title @param {string} note */
  const list = (matches, title, note) =>
    matches.length
      ? h('div', { class: 'baseline-part' }, h('h4', null, `${title} (${matches.length})`), h('p', { class: 'muted' }, note),
        table([
          ['Entry', (m) => code(m.entryId)],
          ['Scenario', (m) => code(printable(m.scenario))],
          ['Check', (m) => printable(m.check)],
          ['Reason', (m) => printable(m.reason)],
          ['Expires', (m) => m.expires ?? '—'],
        ], matches))
      : null;
  return h('section', { class: 'baseline' },
    h('h3', null, 'Baseline'),
    factList([
      ['File', code(printable(baseline.file))],
      ['Known failures', `${baseline.known.length} (reported, not failing the gate)`],
    ]),
    list(baseline.fixed, 'Fixed', 'These entries no longer fail: tighten the baseline (remove them).'),
    list(baseline.expired, 'Expired', 'These entries are past their date: their cases count as failures again.'),
  );
}
