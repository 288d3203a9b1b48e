import { ApiUnreachableError, createApi, errorText, fetchStats } from './api.js';
import { createBookingStore } from './bookings.js';
import { cityName, formatDate, formatNumber, formatTime, otherLang, setLang, t, textFor, translateStatic } from './i18n.js';

/** @typedef {import('./api.js').Api} Api */
/** @typedef {import('./api.js').Stats} Stats */
/** @typedef {import('./api.js').Trip} Trip */
/** @typedef {import('./bookings.js').Booking} Booking */
/**
 * A message shown on the page: its key and the values of its placeholders.
 * @typedef {{ key: import('./i18n.js').MessageKey; params?: Record<string, unknown> }} Problem
 */

const STATS_POLL_MS = 1000;
const BOOKING_POLL_MS = 1000;
/** How often trips are fetched again while they are missing or the API was unreachable. */
const API_RETRY_MS = 3000;
/** Final states whose reason is worth showing under the badge (the rest carry it as a tooltip). */
const SHOWN_REASONS = new Set(['rejected', 'failed']);
/** @type {Problem} */
const UNREACHABLE = { key: 'apiUnreachable' };
/** `up` replaces these; an unreplaced one means the page was opened without a stack. */
const PLACEHOLDER = /^__[A-Z0-9_]+__$/;

/**
 * @param {unknown} url
 * @returns {url is string}
 */
const configured = (url) => typeof url === 'string' && url !== '' && !PLACEHOLDER.test(url);
/** The two constants index.html's inline script sets (see there). */
const page = /** @type {Window & { HTTP_API_BASE?: unknown; STATS_S3_URL?: unknown }} */ (window);
const apiBase = configured(page.HTTP_API_BASE) ? page.HTTP_API_BASE.replace(/\/+$/, '') : undefined;
const statsUrl = configured(page.STATS_S3_URL) ? page.STATS_S3_URL : undefined;

const api = apiBase && createApi(apiBase);
const bookings = createBookingStore(apiBase ?? 'unconfigured');

/**
 * The element `id` of index.html, of the kind the page uses it as; a missing one is a bug of the page.
 * @template {HTMLElement} E
 * @param {string} id
 * @param {new () => E} kind
 * @returns {E}
 */
function byId(id, kind) {
  const node = document.getElementById(id);
  if (node instanceof kind) return node;
  throw new Error(`index.html has no ${kind.name} #${id}`);
}
/** @param {string} id */
const $ = (id) => byId(id, HTMLElement);

const state = {
  /** @type {Trip[]} */
  trips: [],
  tripsLoaded: false,
  /**
   * trip id -> seats left: from GET /api/trips first, then from every stats.json.
   * @type {Record<string, number>}
   */
  seatsLeft: {},
  /** @type {Stats | undefined} */
  stats: undefined,
  /**
   * The stats.json problem shown, if any.
   * @type {Problem | undefined}
   */
  statsProblem: undefined,
  /**
   * The API problem shown: unreachable, or the trip list answered with an error.
   * @type {Problem | undefined}
   */
  apiProblem: undefined,
  /**
   * The last booking answer.
   * @type {(Problem & { tone: 'ok' | 'error' }) | undefined}
   */
  formMessage: undefined,
};

/**
 * A small element builder: text goes through textContent, never innerHTML.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attrs]
 * @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** @param {string | undefined} id */
const tripById = (id) => state.trips.find((trip) => trip.id === id);

/** @param {Trip} trip */
function tripLabel(trip) {
  return `${cityName(trip.from)} → ${cityName(trip.to)} · ${formatDate(trip.date)} ${trip.departure}`;
}

/**
 * @param {string} id
 * @param {string | undefined} text
 */
function showAlert(id, text) {
  const node = $(id);
  node.hidden = !text;
  node.textContent = text ?? '';
}

function renderAlerts() {
  showAlert('config-error', apiBase && statsUrl ? undefined : t('notDeployed'));
  showAlert('api-error', apiBase && state.apiProblem ? t(state.apiProblem.key, state.apiProblem.params) : undefined);
  showAlert('stats-error', state.statsProblem ? t(state.statsProblem.key, state.statsProblem.params) : undefined);
}

function renderEndpoints() {
  $('api-url').textContent = apiBase ?? t('notConfigured');
  $('stats-url').textContent = statsUrl ?? t('notConfigured');
}

function renderTrips() {
  const select = byId('trip', HTMLSelectElement);
  /** @param {Trip} trip */
  const optionText = (trip) => {
    const left = state.seatsLeft[trip.id] ?? trip.seatsLeft;
    return `${tripLabel(trip)} · ${left === 0 ? t('soldOut') : t('seatsLeftShort', { left: formatNumber(left) })}`;
  };
  const sameTrips = select.options.length === state.trips.length && state.trips.every((trip, i) => select.options[i]?.value === trip.id);
  if (state.trips.length > 0 && sameTrips) {
    // Relabel in place: rebuilding would close the list under the user's pointer every second.
    state.trips.forEach((trip, i) => {
      const option = select.options[i];
      if (option) option.textContent = optionText(trip);
    });
  } else if (state.trips.length > 0) {
    select.replaceChildren(...state.trips.map((trip) => el('option', { value: trip.id }, optionText(trip))));
  } else {
    select.replaceChildren(el('option', { value: '' }, t(state.tripsLoaded ? 'tripsEmpty' : 'tripsLoading')));
  }

  $('trip-seats').replaceChildren(
    ...state.trips.map((trip) => {
      const left = state.seatsLeft[trip.id] ?? trip.seatsLeft;
      const percent = trip.seats > 0 ? Math.round((left / trip.seats) * 100) : 0;
      return el(
        'li',
        { 'data-trip-id': trip.id, 'data-seats-left': String(left) },
        el('span', { class: 'trip-name' }, tripLabel(trip)),
        el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span', { class: left === 0 ? 'fill empty' : 'fill', style: `width:${percent}%` })),
        el('span', { class: 'trip-left' }, t('seatsOf', { left: formatNumber(left), total: formatNumber(trip.seats) })),
      );
    }),
  );
}

/**
 * Sets a figure and its raw value (data-value), flashing it when it changed.
 * @param {string} id
 * @param {number | string | undefined} value
 * @param {string} text
 */
function setFigure(id, value, text) {
  const node = $(id);
  const raw = value === undefined ? '' : String(value);
  const changed = node.dataset.value !== undefined && node.dataset.value !== raw;
  node.dataset.value = raw;
  node.textContent = text;
  if (changed) {
    node.classList.remove('changed');
    void node.offsetWidth; // restart the animation
    node.classList.add('changed');
  }
}

/**
 * @param {unknown} value
 * @returns {number | undefined}
 */
const count = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function renderStats() {
  /** @type {Stats} */
  const stats = state.stats ?? {};
  // The seed's first stats.json has only requests/processed/success: an absent counter has counted nothing.
  /** @param {string} name */
  const counter = (name) => (state.stats ? (count(stats[name]) ?? 0) : undefined);
  /**
   * @param {string} id
   * @param {number | undefined} value
   */
  const figure = (id, value) => setFigure(id, value, value === undefined ? '—' : formatNumber(value));
  figure('stat-processed', counter('processed'));
  figure('stat-requests', counter('requests'));
  figure('stat-confirmed', counter('confirmed'));
  figure('stat-sold-out', counter('soldOut'));

  const processed = counter('processed');
  // A processed count means stats.json was read, so the success counter is a number too.
  const rate = processed ? ((counter('success') ?? 0) / processed) * 100 : undefined;
  setFigure('stat-success-rate', rate === undefined ? undefined : rate.toFixed(1), rate === undefined ? '—' : `${rate.toFixed(1)}%`);

  const lefts = Object.values(state.seatsLeft);
  const seatsLeft = count(stats.seatsLeft?.total) ?? (lefts.length ? lefts.reduce((sum, n) => sum + n, 0) : undefined);
  figure('stat-seats-left', seatsLeft);

  $('stats-updated').textContent = state.stats
    ? typeof stats.updatedAt === 'string'
      ? t('statsUpdated', { time: formatTime(new Date(stats.updatedAt)) })
      : ''
    : t('statsWaiting');
}

function renderFormMessage() {
  const node = $('form-message');
  const message = state.formMessage;
  node.textContent = message ? t(message.key, message.params) : '';
  node.dataset.tone = message?.tone ?? '';
}

/** @param {string} requestId */
function bookingRow(requestId) {
  const cells = ['request', 'trip', 'seats', 'passenger', 'status'].map((name) => el('td', { 'data-col': name }));
  return el('tr', { 'data-testid': 'booking-row', 'data-request-id': requestId }, ...cells);
}

/**
 * The five cells bookingRow() gives a row.
 * @param {HTMLTableRowElement} row
 * @returns {[HTMLTableCellElement, HTMLTableCellElement, HTMLTableCellElement, HTMLTableCellElement, HTMLTableCellElement]}
 */
function cellsOf(row) {
  const [request, trip, seats, passenger, status] = row.cells;
  if (!request || !trip || !seats || !passenger || !status) throw new Error(`booking row ${row.dataset.requestId} lost a cell`);
  return [request, trip, seats, passenger, status];
}

/** Rows are kept and updated in place, so the live region announces a status change, not the whole table. */
function renderBookings() {
  const body = byId('bookings-body', HTMLTableSectionElement);
  // The body holds nothing but the rows bookingRow() builds, each of five cells.
  const rows = new Map([...body.rows].map((row) => [row.dataset.requestId, row]));
  const list = bookings.all();
  list.forEach((booking, index) => {
    const row = rows.get(booking.requestId) ?? bookingRow(booking.requestId);
    rows.delete(booking.requestId);
    if (body.rows[index] !== row) body.insertBefore(row, body.rows[index] ?? null);
    const [request, trip, seats, passenger, status] = cellsOf(row);
    const known = tripById(booking.tripId);
    request.replaceChildren(el('code', { title: booking.requestId }, booking.requestId.slice(0, 8)));
    trip.textContent = known ? tripLabel(known) : (booking.tripId ?? '—');
    seats.textContent = String(booking.seats);
    passenger.textContent = booking.passenger ?? '';
    row.dataset.status = booking.status;
    const badge = el('span', { class: `badge ${booking.status}` }, textFor(`status_${booking.status}`));
    status.replaceChildren(badge);
    // The API's reason is English; the badge says enough for sold out, the reason explains a rejection.
    if (booking.reason && SHOWN_REASONS.has(booking.status)) status.append(el('span', { class: 'reason' }, booking.reason));
    else if (booking.reason) badge.title = booking.reason;
  });
  for (const stale of rows.values()) stale.remove();
  $('no-bookings').hidden = list.length > 0;
  $('bookings').hidden = list.length === 0;
  $('clear-bookings').hidden = list.length === 0;
}

function renderAll() {
  translateStatic();
  $('lang-toggle').lang = otherLang();
  renderAlerts();
  renderEndpoints();
  renderTrips();
  renderStats();
  renderFormMessage();
  renderBookings();
}

/**
 * Runs one API call; a network failure flips the "API unreachable" banner instead of throwing.
 * @template T
 * @param {() => Promise<T>} call
 * @returns {Promise<T | undefined>}
 */
async function reach(call) {
  try {
    const res = await call();
    if (state.apiProblem?.key === UNREACHABLE.key) setApiProblem(undefined);
    return res;
  } catch (err) {
    if (!(err instanceof ApiUnreachableError)) throw err;
    setApiProblem(UNREACHABLE);
    return undefined;
  }
}

/** @param {Problem | undefined} problem */
function setApiProblem(problem) {
  if (JSON.stringify(state.apiProblem) === JSON.stringify(problem)) return;
  state.apiProblem = problem;
  renderAlerts();
}

/** @param {Api} api */
async function loadTrips(api) {
  const res = await reach(api.trips);
  if (!res) return;
  if (!res.ok || !Array.isArray(res.body.trips)) {
    // Without trips nothing can be booked: say why rather than "loading" for ever.
    setApiProblem({ key: 'apiFailed', params: { status: res.status, error: errorText(res) } });
    return;
  }
  setApiProblem(undefined);
  state.trips = res.body.trips;
  state.tripsLoaded = true;
  for (const trip of state.trips) state.seatsLeft[trip.id] ??= trip.seatsLeft;
  renderTrips();
  renderStats();
  renderBookings();
}

/**
 * @param {Api} api
 * @param {SubmitEvent} event
 */
async function book(api, event) {
  event.preventDefault();
  const tripId = byId('trip', HTMLSelectElement).value || undefined;
  const seats = Number(byId('seats', HTMLSelectElement).value);
  const passenger = byId('passenger', HTMLInputElement).value.trim() || undefined;
  const res = await reach(() => api.book({ tripId, seats, passenger }));
  if (!res) return;
  if (res.ok) {
    const { requestId } = res.body;
    bookings.add({ requestId, tripId, seats, passenger, status: 'queued', createdAt: new Date().toISOString() });
    state.formMessage = { key: 'queued', params: { id: requestId.slice(0, 8) }, tone: 'ok' };
    renderBookings();
  } else {
    state.formMessage = { key: res.status < 500 ? 'bookRejected' : 'bookFailed', params: { status: res.status, error: errorText(res) }, tone: 'error' };
  }
  renderFormMessage();
}

/**
 * @param {Api} api
 * @param {Booking} booking
 */
async function pollBooking(api, booking) {
  const res = await reach(() => api.booking(booking.requestId));
  if (res?.ok) bookings.update(booking.requestId, { status: res.body.status, tripId: res.body.tripId, reason: res.body.reason });
  else if (res?.status === 404) bookings.update(booking.requestId, { status: 'unknown' });
}

/** @param {string} url stats.json's */
async function pollStats(url) {
  const result = await fetchStats(url);
  if (result.kind === 'ok') {
    state.stats = result.stats;
    state.statsProblem = undefined;
    Object.assign(state.seatsLeft, result.stats.seatsLeft?.byTrip);
  } else if (result.kind === 'missing') {
    state.statsProblem = { key: 'statsMissing', params: { status: result.status } };
  } else {
    state.statsProblem = result.kind === 'unreachable' ? { key: 'statsUnreachable' } : { key: 'statsInvalid' };
  }
  renderStats();
  renderTrips();
  renderAlerts();
}

/**
 * Runs `task` now and again `ms` after each run ends, so slow answers never pile up.
 * @param {number} ms
 * @param {() => Promise<void>} task
 */
function every(ms, task) {
  const run = async () => {
    try {
      await task();
    } finally {
      setTimeout(run, ms);
    }
  };
  run();
}

function start() {
  renderAll();
  $('lang-toggle').addEventListener('click', () => {
    setLang(otherLang());
    renderAll();
  });
  $('clear-bookings').addEventListener('click', () => {
    bookings.clear();
    renderBookings();
  });
  if (statsUrl) every(STATS_POLL_MS, () => pollStats(statsUrl));
  if (!api) {
    byId('book-button', HTMLButtonElement).disabled = true;
    return;
  }
  byId('book-form', HTMLFormElement).addEventListener('submit', (event) => book(api, event));
  every(API_RETRY_MS, async () => {
    if (!state.tripsLoaded || state.apiProblem) await loadTrips(api);
  });
  every(BOOKING_POLL_MS, async () => {
    const pending = bookings.pending();
    if (pending.length === 0) return;
    await Promise.all(pending.map((booking) => pollBooking(api, booking)));
    renderBookings();
  });
}

start();
