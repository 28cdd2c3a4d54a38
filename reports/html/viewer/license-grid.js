// @ts-check
// The dbt license grid (issue 5) as a table: the rows reports/render/license-grid.ts prints on the
// console, one per license check, grouped by scenario.

/**
 * @typedef {object} LicenseGridRow
 * @property {ScenarioResult} scenario
 * @property {StepResult} step
 * @property {CheckResult} check
 * @property {import('../../../suites/model/result.js').LicenseRow} row
 */

/**
 * @param {ScenarioResult} scenario
 * @returns {LicenseGridRow[]}
 */
function licenseRowsOf(scenario) {
  /** @type {LicenseGridRow[]} */
  const rows = [];
  for (const step of scenario.steps) {
    for (const check of step.checks) if (check.licenseRow) rows.push({ scenario, step, check, row: check.licenseRow });
  }
  return rows;
}

/**
 * @param {unknown} value
 */
function licenseValue(value) {
  if (value === undefined) return '—';
  return typeof value === 'string' ? printable(value) : jsonText(value);
}

/**
 * @param {LicenseGridRow[]} rows
 * @param {boolean} withScenario  a column naming the scenario (the run-wide grid)
 */
function licenseGridTable(rows, withScenario) {
  /** @type {Array<[string, (row: LicenseGridRow) => Children]>} */
  const columns = [
    ['', ({ check }) => statusBadge(check.status)],
    ['step', ({ step }) => oneLine(step.title)],
    ['user', ({ row }) => code(printable(row.user))],
    ['groups', ({ row }) => (row.groups.length ? row.groups.map(printable).join(', ') : '(none)')],
    ['mode', ({ row }) => printable(row.mode)],
    ['source', ({ row }) => (row.source ? printable(row.source) : '—')],
    ['expected', ({ check }) => code(licenseValue(check.expected))],
    ['actual', ({ check }) => code(licenseValue(check.actual))],
  ];
  if (withScenario) columns.splice(1, 0, ['scenario', ({ scenario }) => code(scenario.id)]);
  return table(columns, rows, { class: 'license-grid' });
}
