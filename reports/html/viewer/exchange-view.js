// @ts-check
// One HTTP exchange: a summary line, then (when opened) headers and bodies. Authorization
// headers arrive redacted in the results and are shown as they are.

/** Bodies longer than this show their start and a button for the rest: one huge body should not stall the page. */
const BODY_PREVIEW_CHARS = 100_000;

/**
 * `201 Created`, or the transport error when no response came.
 * @param {Exchange} exchange
 * @param {Record<string, string>} statusText
 */
function exchangeOutcome(exchange, statusText) {
  const { response, error } = exchange;
  if (!response) {
    const why = error ? `${error.code}: ${oneLine(error.message)}${error.cause ? ` [${oneLine(error.cause)}]` : ''}` : 'unknown reason';
    return h('span', { class: 'http-status http-none' }, `no response, ${why}`);
  }
  const reason = statusText[String(response.status)];
  return h('span', { class: `http-status http-${Math.floor(response.status / 100)}xx` }, `${response.status}${reason ? ` ${reason}` : ''}`);
}

/**
 * `POST …/Users → 201 Created · 12 ms · virtual 2026-…`.
 * @param {Exchange} exchange
 * @param {Record<string, string>} statusText
 */
function exchangeSummary(exchange, statusText) {
  return [
    h('span', { class: 'http-method' }, oneLine(exchange.request.method)),
    ' ',
    h('span', { class: 'http-url' }, oneLine(exchange.request.url)),
    h('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '),
    exchangeOutcome(exchange, statusText),
    h('span', { class: 'muted' }, ` · ${formatDuration(exchange.durationMs)} · virtual ${formatTime(exchange.virtualTime)} · #${exchange.id}`),
  ];
}

/**
 * An exchange as a <details>, its body built when opened. `data-exchange-id` is how check links find it.
 * @param {Exchange} exchange
 * @param {Record<string, string>} statusText
 */
function exchangeDetails(exchange, statusText) {
  return lazyDetails({ class: 'exchange', 'data-exchange-id': exchange.id }, exchangeSummary(exchange, statusText), () => exchangeBody(exchange));
}

/** @param {Exchange} exchange */
function exchangeBody(exchange) {
  const { request, response, error } = exchange;
  return [
    factList([
      ['Started', formatTime(exchange.startedAt)],
      ['Virtual time', formatTime(exchange.virtualTime)],
      ['Duration', formatDuration(exchange.durationMs)],
    ], 'facts inline-facts'),
    h('div', { class: 'exchange-columns' },
      h('section', { class: 'exchange-part' },
        h('h5', null, 'Request'),
        headerTable(request.headers),
        request.body === undefined ? h('p', { class: 'muted' }, '(no body)') : bodyBlock(request.body, request.headers['content-type'], false),
      ),
      h('section', { class: 'exchange-part' },
        h('h5', null, 'Response'),
        response
          ? [headerTable(response.headers), bodyBlock(response.body, response.headers['content-type'], response.truncated === true)]
          : h('p', { class: 'error-text' }, error ? `${error.code}: ${printable(error.message)}${error.cause ? ` [${printable(error.cause)}]` : ''}` : 'no response'),
      ),
    ),
  ];
}

/** @param {Record<string, string>} headers */
function headerTable(headers) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return h('p', { class: 'muted' }, '(no headers)');
  return table([['Header', ([name]) => code(printable(name))], ['Value', ([, value]) => code(printable(value))]], entries, { class: 'headers' });
}

/**
 * @param {string} body
 * @param {string | undefined} contentType
 * @param {boolean} cutByClient
 */
function bodyBlock(body, contentType, cutByClient) {
  if (body === '') return h('p', { class: 'muted' }, '(empty body)');
  const text = bodyText(body, contentType);
  const block = pre(text.length > BODY_PREVIEW_CHARS ? text.slice(0, BODY_PREVIEW_CHARS) : text, 'body');
  const parts = [block];
  if (text.length > BODY_PREVIEW_CHARS) {
    const more = h('button', {
      type: 'button',
      class: 'link-button',
      onclick: () => {
        block.textContent = text;
        more.remove();
      },
    }, `Show the remaining ${(text.length - BODY_PREVIEW_CHARS).toLocaleString('en-US')} characters`);
    parts.push(more);
  }
  if (cutByClient) parts.push(h('p', { class: 'muted' }, 'The client kept only the start of this body (size cap).'));
  return parts;
}

/**
 * A button naming an exchange (`POST /scim/v2/Users → 200`) that scrolls to it and opens it.
 * @param {Exchange | undefined} exchange
 * @param {string} id
 * @param {(id: string, from: Element) => void} reveal
 * @param {Record<string, string>} statusText
 */
function exchangeLink(exchange, id, reveal, statusText) {
  if (!exchange) return h('span', { class: 'muted' }, `(exchange ${id} is not in this scenario's log)`);
  const url = oneLine(exchange.request.url);
  let path = url;
  try {
    const parsed = new URL(url);
    path = `${parsed.pathname}${parsed.search}`;
  } catch {
    // not an absolute URL: shown whole
  }
  const button = h('button', {
    type: 'button',
    class: 'exchange-link',
    'data-exchange-link': id,
    title: `Show exchange #${id}: ${url}`,
    onclick: () => reveal(id, button),
  }, h('span', { class: 'http-method' }, oneLine(exchange.request.method)), ' ', path, ' → ', exchangeOutcome(exchange, statusText));
  return button;
}
