// @ts-check
// What the simulated IdP's admin would see at the end of the scenario (`scenario.idp.adminView`),
// as tables where the shape is known (Okta: app users, group push, Tasks; Entra: job, quarantine,
// provisioning logs, cycles) and as pretty JSON otherwise, plus the behaviours it assumed.

/**
 * @param {ScenarioResult} scenario
 * @param {ScenarioContext} ctx
 */
function idpSection(scenario, ctx) {
  const idp = scenario.idp;
  if (!idp) return null;
  const view = isRecord(idp.adminView) ? idp.adminView : {};
  const name = idp.kind === 'okta' ? 'Okta' : idp.kind === 'entra' ? 'Microsoft Entra ID' : String(idp.kind);
  /** @type {Set<string>} keys shown as tables; the rest fall back to JSON */
  const shown = new Set();
  const parts = idp.kind === 'okta' ? oktaParts(view, shown) : idp.kind === 'entra' ? entraParts(scenario, view, shown, ctx) : [];
  const rest = Object.keys(view).filter((key) => !shown.has(key));
  return h('section', { class: 'idp' },
    h('h4', null, `${name}: the admin's view at the end`),
    idp.assumptions.length
      ? h('details', { class: 'idp-part' },
        h('summary', null, h('span', { class: 'badge status-assumed' }, 'assumed'), ` ${plural(idp.assumptions.length, 'behaviour')} research could not confirm: the verdict rests on these settings`),
        assumptionTable(idp.assumptions))
      : null,
    parts,
    rest.map((key) => h('div', { class: 'idp-part' }, h('h5', null, key), pre(jsonText(view[key])))),
    lazyDetails({ class: 'raw' }, 'The whole admin view as JSON', () => pre(jsonText(view))),
  );
}

/**
 * Behaviours research could not confirm, at the setting the scenario used: the verdict rests on them.
 * @param {Array<{ setting: string; value: unknown; note: string }>} assumptions
 */
function assumptionTable(assumptions) {
  return table([
    ['', () => h('span', { class: 'badge status-assumed' }, 'assumed')],
    ['Setting', (a) => code(printable(a.setting))],
    ['Value', (a) => code(cellText(a.value))],
    ['Why it is assumed', (a) => printable(a.note)],
  ], assumptions, { class: 'assumptions' });
}

/**
 * Rows of an object keyed by name (`{ alice: {...} }`) or of a list, when every entry is an object.
 * @param {unknown} value
 * @returns {Array<Record<string, unknown>> | null}
 */
function recordRows(value) {
  if (Array.isArray(value)) return value.every(isRecord) ? /** @type {Array<Record<string, unknown>>} */ (value) : null;
  if (!isRecord(value)) return null;
  const rows = Object.entries(value).map(([key, entry]) => (isRecord(entry) ? { key, ...entry } : null));
  return rows.every(Boolean) ? /** @type {Array<Record<string, unknown>>} */ (rows) : null;
}

/**
 * A titled table of records, only when the value has that shape (marked as shown), else null.
 * @param {Record<string, unknown>} view
 * @param {Set<string>} shown
 * @param {string} key
 * @param {string} title
 * @param {Array<[string, (row: Record<string, unknown>) => Children]>} columns
 * @param {boolean} [hideEmpty]  leave out an empty table (sections that are usually empty)
 */
function recordTable(view, shown, key, title, columns, hideEmpty = false) {
  const rows = recordRows(view[key]);
  if (!rows) return null;
  shown.add(key);
  if (hideEmpty && rows.length === 0) return null;
  return h('div', { class: 'idp-part' }, h('h5', null, `${title} (${rows.length})`), rows.length ? table(columns, rows) : h('p', { class: 'muted' }, 'none'));
}

/**
 * A column showing one field of a record.
 * @param {string} label
 * @param {string} name
 * @returns {[string, (row: Record<string, unknown>) => Children]}
 */
function field(label, name) {
  return [label, (row) => cellText(row[name])];
}

/**
 * @param {Record<string, unknown>} view
 * @param {Set<string>} shown
 */
function oktaParts(view, shown) {
  /** @type {Children[]} */
  const parts = [];
  const app = view['app'];
  const credentials = view['credentialsTest'];
  if (isRecord(app)) {
    shown.add('app');
    shown.add('credentialsTest');
    parts.push(factList([
      ['App', `${cellText(app['name'])} (${cellText(app['flavour'])})`],
      ['Test API credentials', isRecord(credentials) ? `${credentials['ok'] ? 'verified' : 'failed'}: ${cellText(credentials['message'])}` : 'not run'],
    ]));
  }
  const openTasks = view['openTasks'];
  if (Array.isArray(openTasks)) {
    shown.add('openTasks');
    if (openTasks.length) parts.push(h('div', { class: 'banner banner-warn' }, `${plural(openTasks.length, 'open Task')} in the Okta dashboard`));
  }
  parts.push(
    recordTable(view, shown, 'appUsers', 'App assignments (Applications › app › Assignments)', [
      ['User', (r) => code(cellText(r['key']))], field('Status', 'status'), field('Sync state', 'syncState'), field('External id', 'externalId'), field('Assigned', 'assigned'),
      ['userName', (r) => (isRecord(r['profile']) ? cellText(r['profile']['userName']) : '—')],
    ]),
    recordTable(view, shown, 'groupPush', 'Push Groups', [
      ['Group', (r) => code(cellText(r['key']))], field('Status', 'status'), field('Target id', 'targetId'), field('Pushed members', 'members'),
      ['Last error', (r) => (r['lastError'] ? h('span', { class: 'error-text' }, cellText(r['lastError'])) : '—')],
    ], true),
    recordTable(view, shown, 'tasks', 'Tasks (Dashboard › Tasks)', [
      field('#', 'id'), ['Status', (r) => (r['status'] === 'open' ? h('strong', null, 'open') : cellText(r['status']))], field('Kind', 'kind'), field('Subject', 'subject'), field('At (virtual)', 'at'), field('Message', 'message'),
    ]),
    recordTable(view, shown, 'importedUsers', 'Imported users (Import tab)', [field('userName', 'userName'), field('Target id', 'targetId'), field('Matched user', 'matchedUser'), field('Status', 'status')], true),
    recordTable(view, shown, 'importedGroups', 'Imported groups', [field('Display name', 'displayName'), field('Target id', 'targetId'), field('Linked group', 'linkedGroup')], true),
    recordTable(view, shown, 'users', 'Okta users', [
      ['User', (r) => code(cellText(r['key']))], field('Okta id', 'id'), field('Status', 'status'),
      ['Login', (r) => (isRecord(r['profile']) ? cellText(r['profile']['login']) : '—')],
    ]),
    recordTable(view, shown, 'groups', 'Okta groups', [['Group', (r) => code(cellText(r['key']))], field('Name', 'name'), field('Members', 'members')]),
  );
  return parts;
}

/**
 * @param {ScenarioResult} scenario
 * @param {Record<string, unknown>} view
 * @param {Set<string>} shown
 * @param {ScenarioContext} ctx
 */
function entraParts(scenario, view, shown, ctx) {
  /** @type {Children[]} */
  const parts = [];
  const job = view['job'];
  if (isRecord(job)) {
    shown.add('job');
    const quarantine = isRecord(job['quarantine']) ? job['quarantine'] : null;
    if (quarantine) {
      parts.push(h('div', { class: 'banner banner-bad', role: 'note' },
        h('strong', null, `Quarantined: ${cellText(quarantine['reason'])}`), h('p', null, cellText(quarantine['detail'])),
        h('p', { class: 'muted' }, `Series began ${cellText(quarantine['seriesBegan'])} · current ${cellText(quarantine['currentBegan'])} · next attempt ${cellText(quarantine['nextAttempt'])}`),
      ));
    }
    const last = isRecord(job['lastCycle']) ? job['lastCycle'] : null;
    parts.push(factList([
      ['Job state', code(cellText(job['state']))],
      ['Cycles run', cellText(job['cycles'])],
      ['Last cycle', last ? `#${cellText(last['number'])} ${cellText(last['kind'])} at ${cellText(last['startedAt'])}` : '—'],
      ['Next cycle at', cellText(job['nextCycleAt'])],
      ['Watermark', cellText(job['watermark'])],
      ['Initial cycle pending', cellText(job['initialCyclePending'])],
    ]));
  }
  const test = view['testConnection'];
  if (test === null || isRecord(test)) {
    shown.add('testConnection');
    if (test) parts.push(factList([['Test Connection', `${cellText(test['result'])}: ${cellText(test['message'])}`]]));
  }
  const onDemand = view['onDemand'];
  if (isRecord(onDemand) && Array.isArray(onDemand['steps'])) {
    shown.add('onDemand');
    parts.push(h('div', { class: 'idp-part' },
      h('h5', null, `Provision on demand: ${cellText(onDemand['subject'])} → ${cellText(onDemand['result'])}`),
      table([field('Step', 'step'), field('Status', 'status'), ['Details', (r) => cellText(Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'step' && k !== 'status')))]], onDemand['steps'].filter(isRecord)),
    ));
  } else if (onDemand === null) {
    shown.add('onDemand');
  }
  if (entraCycles(view)) {
    shown.add('cycles');
    parts.push(entraTimeline(scenario, view, ctx));
  }
  parts.push(
    recordTable(view, shown, 'logs', 'Provisioning logs', [
      field('#', 'id'), field('Cycle', 'cycle'), field('At (virtual)', 'at'), field('Object', 'object'), ['Key', (r) => code(cellText(r['key']))], field('Action', 'action'),
      ['Status', (r) => statusBadge(r['status'] === 'success' ? 'passed' : r['status'] === 'skipped' ? 'skipped' : 'failed', cellText(r['status']))],
      ['Error code', (r) => (r['errorCode'] ? code(cellText(r['errorCode'])) : '—')],
      ['Status detail', (r) => (r['statusDetail'] ? h('span', { class: 'detail-text' }, cellText(r['statusDetail'])) : '—')],
      ['Modified properties', (r) => modifiedProperties(r['modifiedProperties'])],
      ['Exchanges', (r) => (Array.isArray(r['exchangeIds']) ? r['exchangeIds'].map((id) => exchangeLink(ctx.exchangesById.get(String(id)), String(id), ctx.reveal, ctx.statusText)) : '—')],
    ]),
    recordTable(view, shown, 'users', 'Users', [
      ['User', (r) => code(cellText(r['key']))], field('Status', 'status'), field('Account enabled', 'accountEnabled'), field('Assigned', 'assigned'), field('In scope', 'inScope'),
      field('Target id', 'targetId'), field('Managed', 'managed'), field('Disabled in target', 'disabledInTarget'),
      ['Escrow', (r) => (isRecord(r['escrow']) ? code(cellText(r['escrow']['errorCode'])) : '—')],
    ]),
    recordTable(view, shown, 'groups', 'Groups', [
      ['Group', (r) => code(cellText(r['key']))], field('Name', 'name'), field('Assigned', 'assigned'), field('Deleted', 'deleted'), field('Target id', 'targetId'), field('Members', 'members'), field('Held back', 'held'),
      ['Escrow', (r) => (isRecord(r['escrow']) ? code(cellText(r['escrow']['errorCode'])) : '—')],
    ]),
    recordTable(view, shown, 'escrows', 'Escrowed failures (retried later)', [field('Object', 'object'), ['Key', (r) => code(cellText(r['key']))], field('Error code', 'errorCode'), field('Failures', 'failures'), field('Next retry', 'nextRetryAt')], true),
  );
  return parts;
}

/** @param {unknown} value */
function modifiedProperties(value) {
  if (!Array.isArray(value) || value.length === 0) return '—';
  const rows = value.filter(isRecord);
  return h('details', { class: 'modified' }, h('summary', null, `${rows.length} ${rows.length === 1 ? 'property' : 'properties'}`),
    h('ul', null, rows.map((p) => h('li', null, code(cellText(p['name'])), ': ', 'oldValue' in p ? [code(cellText(p['oldValue'])), ' → '] : null, code(cellText(p['newValue']))))));
}
