// @ts-check
// The Entra provisioning job's cycles on the scenario's virtual clock, as inline SVG, with the
// exchanges placed at their virtual time, and a table of the same cycles for reading (and for
// screen readers). A simulated month holds a thousand idle 40-minute cycles: runs of idle cycles
// are drawn as one band, and long gaps are compressed (log scale, capped) so the busy cycles
// stay readable; the axis labels keep the real offsets.

/**
 * @typedef {object} CycleSummary
 * @property {number} number
 * @property {string} kind  'initial' or 'incremental'
 * @property {string} startedAt
 * @property {number} processed
 * @property {number} succeeded
 * @property {number} failed
 * @property {number} skipped
 * @property {number} requests
 */

/**
 * A cycle drawn on its own, or a run of idle cycles drawn as one band.
 * @typedef {{ type: 'cycle', cycle: CycleSummary } | { type: 'idle', first: CycleSummary, last: CycleSummary, count: number }} TimelineItem
 */

/** Idle runs at least this long become one band. */
const IDLE_RUN_MIN = 3;
const TIMELINE = { left: 78, right: 24, height: 150, cycleBase: 74, exchangeBase: 108, axis: 122 };

/**
 * The cycles of an Entra admin view, or null when `cycles` is not the shape this viewer knows.
 * @param {Record<string, unknown>} adminView
 * @returns {CycleSummary[] | null}
 */
function entraCycles(adminView) {
  const cycles = adminView['cycles'];
  if (!Array.isArray(cycles)) return null;
  const valid = cycles.every((c) => isRecord(c) && typeof c['number'] === 'number' && typeof c['startedAt'] === 'string' && !Number.isNaN(Date.parse(String(c['startedAt']))));
  return valid ? /** @type {CycleSummary[]} */ (cycles) : null;
}

/** @param {CycleSummary} cycle */
function isIdle(cycle) {
  return !cycle.processed && !cycle.requests && !cycle.failed && !cycle.skipped;
}

/**
 * @param {CycleSummary[]} cycles
 * @returns {TimelineItem[]}
 */
function timelineItems(cycles) {
  /** @type {TimelineItem[]} */
  const items = [];
  let i = 0;
  while (i < cycles.length) {
    let j = i;
    while (j < cycles.length && isIdle(/** @type {CycleSummary} */ (cycles[j]))) j++;
    if (j - i >= IDLE_RUN_MIN) {
      items.push({ type: 'idle', first: /** @type {CycleSummary} */ (cycles[i]), last: /** @type {CycleSummary} */ (cycles[j - 1]), count: j - i });
      i = j;
    } else {
      items.push({ type: 'cycle', cycle: /** @type {CycleSummary} */ (cycles[i]) });
      i++;
    }
  }
  return items;
}

/**
 * Pixels for a gap of virtual time: growing with its logarithm, capped, so 40 minutes and a month
 * both fit on a screen and a growing retry interval still looks like one.
 * @param {number} ms
 */
function gapWidth(ms) {
  if (ms <= 0) return 0;
  return Math.min(120, 16 + 22 * Math.log2(1 + ms / 2_400_000));
}

/**
 * Maps virtual times to x: anchors (the times something happens) are spaced by `gapWidth`; other
 * times fall between their neighbours linearly.
 * @param {number[]} times
 */
function timeScale(times) {
  const anchors = [...new Set(times)].sort((a, b) => a - b);
  /** @type {number[]} */
  const xs = [];
  let x = TIMELINE.left;
  anchors.forEach((t, i) => {
    if (i > 0) x += gapWidth(t - /** @type {number} */ (anchors[i - 1]));
    xs.push(x);
  });
  /** @param {number} t */
  const at = (t) => {
    if (anchors.length === 0) return TIMELINE.left;
    let hi = anchors.findIndex((a) => a >= t);
    if (hi === -1) return /** @type {number} */ (xs[xs.length - 1]);
    if (hi === 0 || anchors[hi] === t) return /** @type {number} */ (xs[hi]);
    const t0 = /** @type {number} */ (anchors[hi - 1]);
    const t1 = /** @type {number} */ (anchors[hi]);
    const x0 = /** @type {number} */ (xs[hi - 1]);
    return x0 + ((t - t0) / (t1 - t0)) * (/** @type {number} */ (xs[hi]) - x0);
  };
  return { anchors, xs, at, width: (xs[xs.length - 1] ?? TIMELINE.left) + TIMELINE.right };
}

/**
 * The timeline section of an Entra scenario: SVG, legend and cycle table.
 * @param {ScenarioResult} scenario
 * @param {Record<string, unknown>} adminView
 * @param {ScenarioContext} ctx
 */
function entraTimeline(scenario, adminView, ctx) {
  const cycles = entraCycles(adminView);
  if (!cycles) return null;
  if (cycles.length === 0) {
    return h('section', { class: 'timeline' }, h('h5', null, 'Provisioning cycles'), h('p', { class: 'muted' }, 'No provisioning cycle ran in this scenario (on-demand provisioning and Test Connection are not cycles).'));
  }
  const items = timelineItems(cycles);
  const logs = Array.isArray(adminView['logs']) ? adminView['logs'].filter(isRecord) : [];
  const quarantine = isRecord(adminView['job']) && isRecord(adminView['job']['quarantine']) ? adminView['job']['quarantine'] : null;
  /** @type {Map<number, HTMLElement>} */
  const rows = new Map();
  const svg = timelineSvg(scenario, items, quarantine, (number) => {
    const row = rows.get(number);
    if (!row) return;
    row.scrollIntoView({ block: 'center' });
    flash(row);
  });
  const active = cycles.filter((c) => !isIdle(c)).length;
  return h('section', { class: 'timeline' },
    h('h5', null, `Provisioning cycles on the virtual clock (${plural(cycles.length, 'cycle')}, ${active} with work)`),
    h('div', { class: 'timeline-scroll' }, svg),
    timelineLegend(),
    cycleTable(items, logs, ctx, rows),
  );
}

/**
 * @param {ScenarioResult} scenario
 * @param {TimelineItem[]} items
 * @param {Record<string, unknown> | null} quarantine
 * @param {(cycleNumber: number) => void} onPick
 */
function timelineSvg(scenario, items, quarantine, onPick) {
  /** @type {number[]} */
  const times = [];
  for (const item of items) {
    if (item.type === 'cycle') times.push(Date.parse(item.cycle.startedAt));
    else times.push(Date.parse(item.first.startedAt), Date.parse(item.last.startedAt));
  }
  const exchangeTimes = scenario.exchanges.map((e) => Date.parse(e.virtualTime)).filter((t) => !Number.isNaN(t));
  times.push(...exchangeTimes);
  const end = Date.parse(scenario.virtualEnd);
  if (!Number.isNaN(end)) times.push(end);
  const scale = timeScale(times);
  const origin = scale.anchors[0] ?? 0;
  /** @type {SVGElement[]} */
  const marks = [];

  marks.push(s('text', { x: 4, y: TIMELINE.cycleBase - 4, class: 'lane-label' }, 'cycles'));
  marks.push(s('text', { x: 4, y: TIMELINE.exchangeBase - 2, class: 'lane-label' }, 'exchanges'));

  if (quarantine && typeof quarantine['seriesBegan'] === 'string') {
    const from = scale.at(Date.parse(quarantine['seriesBegan']));
    const to = scale.width - TIMELINE.right;
    marks.push(s('rect', { x: from, y: 8, width: Math.max(2, to - from), height: TIMELINE.cycleBase - 8, class: 'quarantine-band' }, s('title', null, `Quarantined since ${formatTime(String(quarantine['seriesBegan']))}: ${cellText(quarantine['reason'])}`)));
    marks.push(s('text', { x: from + 4, y: 18, class: 'quarantine-label' }, `quarantined (${cellText(quarantine['reason'])})`));
  }

  for (const item of items) {
    if (item.type === 'idle') {
      const x0 = scale.at(Date.parse(item.first.startedAt));
      const x1 = scale.at(Date.parse(item.last.startedAt));
      const span = formatSpan(Date.parse(item.last.startedAt) - Date.parse(item.first.startedAt));
      const label = `${item.count} idle cycles (#${item.first.number}–#${item.last.number}, ${span})`;
      marks.push(s('g', { class: 'idle-run', tabindex: 0, role: 'button', 'aria-label': label, onclick: () => onPick(item.first.number), onkeydown: keyActivate(() => onPick(item.first.number)) },
        s('title', null, label),
        s('rect', { x: x0 - 3, y: TIMELINE.cycleBase - 10, width: Math.max(6, x1 - x0 + 6), height: 10, rx: 3 }),
        x1 - x0 > 60 ? s('text', { x: (x0 + x1) / 2, y: TIMELINE.cycleBase - 14, class: 'idle-label' }, `${item.count} idle`) : null,
      ));
      continue;
    }
    const { cycle } = item;
    const x = scale.at(Date.parse(cycle.startedAt));
    const height = isIdle(cycle) ? 6 : Math.min(44, 12 + 6 * (cycle.processed || cycle.requests || 1));
    const outcome = cycle.failed > 0 ? 'failed' : cycle.skipped > 0 ? 'skipped' : isIdle(cycle) ? 'idle' : 'succeeded';
    const label = `Cycle ${cycle.number} (${cycle.kind}) at ${formatTime(cycle.startedAt)}: ${cycle.processed} processed, ${cycle.succeeded} succeeded, ${cycle.failed} failed, ${cycle.skipped} skipped, ${plural(cycle.requests, 'request')}`;
    marks.push(s('g', { class: `cycle cycle-${outcome} cycle-${cycle.kind}`, 'data-cycle': cycle.number, tabindex: 0, role: 'button', 'aria-label': label, onclick: () => onPick(cycle.number), onkeydown: keyActivate(() => onPick(cycle.number)) },
      s('title', null, label),
      s('rect', { x: x - 5, y: TIMELINE.cycleBase - height, width: 10, height, rx: 2 }),
      cycle.kind === 'initial' ? s('text', { x, y: TIMELINE.cycleBase - height - 4, class: 'cycle-kind' }, 'initial') : null,
    ));
  }

  // Exchanges sharing a virtual instant are one bar with their count.
  /** @type {Map<number, Exchange[]>} */
  const byTime = new Map();
  for (const exchange of scenario.exchanges) {
    const t = Date.parse(exchange.virtualTime);
    if (Number.isNaN(t)) continue;
    const list = byTime.get(t) ?? [];
    list.push(exchange);
    byTime.set(t, list);
  }
  for (const [t, exchanges] of byTime) {
    const x = scale.at(t);
    const bad = exchanges.some((e) => !e.response || e.response.status >= 400);
    const height = Math.min(22, 4 + 2 * exchanges.length);
    marks.push(s('g', { class: `exchange-mark${bad ? ' exchange-mark-error' : ''}` },
      s('title', null, `${plural(exchanges.length, 'exchange')} at ${formatTime(new Date(t).toISOString())}${bad ? ' (some answered ≥ 400 or not at all)' : ''}`),
      s('rect', { x: x - 3, y: TIMELINE.exchangeBase - height, width: 6, height, rx: 1 }),
      exchanges.length > 1 ? s('text', { x, y: TIMELINE.exchangeBase - height - 2, class: 'exchange-count' }, String(exchanges.length)) : null,
    ));
  }

  // The axis: offsets from the first event; long (compressed) gaps get a break mark and their span.
  marks.push(s('line', { x1: TIMELINE.left - 8, x2: scale.width - TIMELINE.right + 8, y1: TIMELINE.axis, y2: TIMELINE.axis, class: 'axis' }));
  let lastLabel = -Infinity;
  scale.anchors.forEach((t, i) => {
    const x = /** @type {number} */ (scale.xs[i]);
    marks.push(s('line', { x1: x, x2: x, y1: TIMELINE.axis - 3, y2: TIMELINE.axis + 3, class: 'axis' }));
    if (x - lastLabel >= 46) {
      marks.push(s('text', { x, y: TIMELINE.axis + 15, class: 'axis-label' }, t === origin ? '0' : `+${formatSpan(t - origin)}`));
      lastLabel = x;
    }
    if (i > 0) {
      const gap = t - /** @type {number} */ (scale.anchors[i - 1]);
      const x0 = /** @type {number} */ (scale.xs[i - 1]);
      if (gapWidth(gap) >= 110) {
        const mid = (x0 + x) / 2;
        marks.push(s('path', { d: `M${mid - 5},${TIMELINE.axis + 5} l4,-10 M${mid + 1},${TIMELINE.axis + 5} l4,-10`, class: 'axis-break' }));
        marks.push(s('text', { x: mid, y: TIMELINE.axis + 27, class: 'axis-gap' }, formatSpan(gap)));
      }
    }
  });
  const span = scale.anchors.length > 1 ? formatSpan(/** @type {number} */ (scale.anchors[scale.anchors.length - 1]) - origin) : '0';
  const width = Math.ceil(scale.width);
  return s('svg', {
    class: 'timeline-svg', width, height: TIMELINE.height, viewBox: `0 0 ${width} ${TIMELINE.height}`, role: 'group',
    'aria-label': `Timeline of ${plural(items.reduce((n, item) => n + (item.type === 'idle' ? item.count : 1), 0), 'cycle')} over ${span} of virtual time; the table below lists them.`,
  }, marks);
}

/** @param {() => void} action */
function keyActivate(action) {
  return (/** @type {KeyboardEvent} */ event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      action();
    }
  };
}

function timelineLegend() {
  /** @param {string} className @param {string} text */
  const key = (className, text) => h('span', { class: 'legend-item' }, h('span', { class: `legend-swatch ${className}`, 'aria-hidden': 'true' }), text);
  return h('p', { class: 'legend' },
    key('cycle-succeeded', 'cycle with work'), key('cycle-skipped', 'with skips'), key('cycle-failed', 'with failures'),
    key('idle-run', 'idle cycles'), key('exchange-mark', 'exchanges (count)'), key('quarantine-band', 'quarantined'),
    h('span', { class: 'muted' }, 'Bar height grows with the objects processed; long gaps are compressed (//). Select a cycle to find it in the table.'),
  );
}

/**
 * One row per cycle with work and per idle run: kind, start, time since the previous one, counts,
 * the wall-clock time its requests took, and its provisioning-log rows.
 * @param {TimelineItem[]} items
 * @param {Record<string, unknown>[]} logs
 * @param {ScenarioContext} ctx
 * @param {Map<number, HTMLElement>} rows  filled: cycle number → its row
 */
function cycleTable(items, logs, ctx, rows) {
  /** @type {number | undefined} */
  let previous;
  const body = items.map((item) => {
    const first = item.type === 'cycle' ? item.cycle : item.first;
    const start = Date.parse(first.startedAt);
    const since = previous === undefined ? '—' : `+${formatSpan(start - previous)}`;
    previous = Date.parse(item.type === 'cycle' ? item.cycle.startedAt : item.last.startedAt);
    if (item.type === 'idle') {
      const every = formatSpan((Date.parse(item.last.startedAt) - start) / Math.max(1, item.count - 1));
      const row = h('tr', { class: 'idle-row' },
        h('td', null, `#${item.first.number}–#${item.last.number}`), h('td', null, item.first.kind),
        h('td', null, h('div', null, formatTime(item.first.startedAt)), h('div', null, `… ${formatTime(item.last.startedAt)}`)),
        h('td', null, since), h('td', { colspan: 5 }, `${item.count} idle cycles, about every ${every}: nothing changed, nothing sent`));
      rows.set(item.first.number, row);
      return row;
    }
    const { cycle } = item;
    const cycleLogs = logs.filter((log) => log['cycle'] === cycle.number);
    const exchangeIds = cycleLogs.flatMap((log) => (Array.isArray(log['exchangeIds']) ? log['exchangeIds'].map(String) : []));
    const wire = exchangeIds.reduce((sum, id) => sum + (ctx.exchangesById.get(id)?.durationMs ?? 0), 0);
    const row = h('tr', { class: cycle.failed > 0 ? 'cycle-row cycle-row-failed' : 'cycle-row', 'data-cycle-row': cycle.number },
      h('td', null, `#${cycle.number}`), h('td', null, cycle.kind), h('td', null, formatTime(cycle.startedAt)), h('td', null, since),
      h('td', { class: 'num' }, cycle.processed), h('td', null, cycleOutcome(cycle)),
      h('td', { class: 'num' }, cycle.requests), h('td', { class: 'num' }, exchangeIds.length ? formatDuration(wire) : '—'),
      h('td', null, cycleLogs.map((log) => h('div', { class: 'log-brief' },
        statusBadge(log['status'] === 'success' ? 'passed' : log['status'] === 'skipped' ? 'skipped' : 'failed', `${cellText(log['action'])} ${cellText(log['object'])} ${cellText(log['key'])}`),
        log['errorCode'] ? [' ', code(cellText(log['errorCode']))] : null,
      ))),
    );
    rows.set(cycle.number, row);
    return row;
  });
  const header = ['Cycle', 'Kind', 'Started (virtual)', 'Since previous', 'Objects', 'Outcome', 'Requests', 'Wire time', 'Provisioning log'];
  return h('div', { class: 'table-wrap' }, h('table', { class: 'cycles' },
    h('caption', null, 'Cycles take no virtual time in the simulation; "wire time" is how long their requests took for real.'),
    h('thead', null, h('tr', null, header.map((label) => h('th', { scope: 'col' }, label)))),
    h('tbody', null, body),
  ));
}

/**
 * `2 succeeded · 1 failed`, the non-zero counts only.
 * @param {CycleSummary} cycle
 */
function cycleOutcome(cycle) {
  const parts = [];
  if (cycle.succeeded) parts.push(h('span', null, `${cycle.succeeded} succeeded`));
  if (cycle.failed) parts.push(h('span', { class: 'bad' }, `${cycle.failed} failed`));
  if (cycle.skipped) parts.push(h('span', null, `${cycle.skipped} skipped`));
  if (parts.length === 0) return '—';
  return parts.flatMap((part, i) => (i ? [' · ', part] : [part]));
}

/**
 * Briefly highlights an element the page scrolled to.
 * @param {Element} el
 */
function flash(el) {
  el.classList.remove('flash');
  // Reading layout restarts the animation when the same element is flashed twice.
  void (/** @type {HTMLElement} */ (el).offsetWidth);
  el.classList.add('flash');
}
