import { ApiUnreachableError, createApi, errorText, fetchStats } from './api.js';
import { createBookingStore } from './bookings.js';
import { cityName, formatDate, formatNumber, formatTime, otherLang, setLang, t, translateStatic } from './i18n.js';

const STATS_POLL_MS = 1000;
const BOOKING_POLL_MS = 1000;
/** How often trips are fetched again while they are missing or the API was unreachable. */
const API_RETRY_MS = 3000;
/** Final states whose reason is worth showing under the badge (the rest carry it as a tooltip). */
const SHOWN_REASONS = new Set(['rejected', 'failed']);
const UNREACHABLE = { key: 'apiUnreachable' };
/** `up` replaces these; an unreplaced one means the page was opened without a stack. */
const PLACEHOLDER = /^__[A-Z0-9_]+__$/;

const configured = (url) => typeof url === 'string' && url !== '' && !PLACEHOLDER.test(url);
const apiBase = configured(window.HTTP_API_BASE) ? window.HTTP_API_BASE.replace(/\/+$/, '') : undefined;
const statsUrl = configured(window.STATS_S3_URL) ? window.STATS_S3_URL : undefined;

const api = apiBase && createApi(apiBase);
const bookings = createBookingStore(apiBase ?? 'unconfigured');
const $ = (id) => document.getElementById(id);

const state = {
  trips: [],
  tripsLoaded: false,
  /** trip id -> seats left: from GET /api/trips first, then from every stats.json. */
  seatsLeft: {},
  stats: undefined,
  /** { key, params } of the stats.json problem shown, if any. */
  statsProblem: undefined,
  /** { key, params } of the API problem shown: unreachable, or the trip list answered with an error. */
  apiProblem: undefined,
  /** { key, params, tone } of the last booking answer. */
  formMessage: undefined,
};

/** A small element builder: text goes through textContent, never innerHTML. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const tripById = (id) => state.trips.find((trip) => trip.id === id);

function tripLabel(trip) {
  return `${cityName(trip.from)} → ${cityName(trip.to)} · ${formatDate(trip.date)} ${trip.departure}`;
}

function showAlert(id, text) {
  const node = $(id);
  node.hidden = !text;
  node.textContent = text ?? '';
}

function renderAlerts() {
  showAlert('config-error', apiBase && statsUrl ? undefined : t('notDeployed'));
  showAlert('api-error', apiBase && state.apiProblem && t(state.apiProblem.key, state.apiProblem.params));
  showAlert('stats-error', state.statsProblem && t(state.statsProblem.key, state.statsProblem.params));
}

function renderEndpoints() {
  $('api-url').textContent = apiBase ?? t('notConfigured');
  $('stats-url').textContent = statsUrl ?? t('notConfigured');
}

function renderTrips() {
  const select = $('trip');
  const optionText = (trip) => {
    const left = state.seatsLeft[trip.id] ?? trip.seatsLeft;
    return `${tripLabel(trip)} · ${left === 0 ? t('soldOut') : t('seatsLeftShort', { left: formatNumber(left) })}`;
  };
  const sameTrips = select.options.length === state.trips.length && state.trips.every((trip, i) => select.options[i].value === trip.id);
  if (state.trips.length > 0 && sameTrips) {
    // Relabel in place: rebuilding would close the list under the user's pointer every second.
    state.trips.forEach((trip, i) => {
      select.options[i].textContent = optionText(trip);
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

/** Sets a figure and its raw value (data-value), flashing it when it changed. */
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

const count = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

function renderStats() {
  const stats = state.stats ?? {};
  // The seed's first stats.json has only requests/processed/success: an absent counter has counted nothing.
  const counter = (name) => (state.stats ? (count(stats[name]) ?? 0) : undefined);
  const figure = (id, value) => setFigure(id, value, value === undefined ? '—' : formatNumber(value));
  figure('stat-processed', counter('processed'));
  figure('stat-requests', counter('requests'));
  figure('stat-confirmed', counter('confirmed'));
  figure('stat-sold-out', counter('soldOut'));

  const processed = counter('processed');
  const rate = processed ? (counter('success') / processed) * 100 : undefined;
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

function bookingRow(requestId) {
  const cells = ['request', 'trip', 'seats', 'passenger', 'status'].map((name) => el('td', { 'data-col': name }));
  return el('tr', { 'data-testid': 'booking-row', 'data-request-id': requestId }, ...cells);
}

/** Rows are kept and updated in place, so the live region announces a status change, not the whole table. */
function renderBookings() {
  const body = $('bookings-body');
  const rows = new Map([...body.children].map((row) => [row.dataset.requestId, row]));
  const list = bookings.all();
  list.forEach((booking, index) => {
    const row = rows.get(booking.requestId) ?? bookingRow(booking.requestId);
    rows.delete(booking.requestId);
    if (body.children[index] !== row) body.insertBefore(row, body.children[index] ?? null);
    const [request, trip, seats, passenger, status] = row.children;
    const known = tripById(booking.tripId);
    request.replaceChildren(el('code', { title: booking.requestId }, booking.requestId.slice(0, 8)));
    trip.textContent = known ? tripLabel(known) : (booking.tripId ?? '—');
    seats.textContent = String(booking.seats);
    passenger.textContent = booking.passenger ?? '';
    row.dataset.status = booking.status;
    const badge = el('span', { class: `badge ${booking.status}` }, t(`status_${booking.status}`));
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

/** Runs one API call; a network failure flips the "API unreachable" banner instead of throwing. */
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

function setApiProblem(problem) {
  if (JSON.stringify(state.apiProblem) === JSON.stringify(problem)) return;
  state.apiProblem = problem;
  renderAlerts();
}

async function loadTrips() {
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

async function book(event) {
  event.preventDefault();
  const tripId = $('trip').value || undefined;
  const seats = Number($('seats').value);
  const passenger = $('passenger').value.trim() || undefined;
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

async function pollBooking(booking) {
  const res = await reach(() => api.booking(booking.requestId));
  if (res?.ok) bookings.update(booking.requestId, { status: res.body.status, tripId: res.body.tripId, reason: res.body.reason });
  else if (res?.status === 404) bookings.update(booking.requestId, { status: 'unknown' });
}

async function pollStats() {
  const result = await fetchStats(statsUrl);
  if (result.kind === 'ok') {
    state.stats = result.stats;
    state.statsProblem = undefined;
    Object.assign(state.seatsLeft, result.stats.seatsLeft?.byTrip);
  } else {
    state.statsProblem = {
      missing: { key: 'statsMissing', params: { status: result.status } },
      unreachable: { key: 'statsUnreachable' },
      invalid: { key: 'statsInvalid' },
    }[result.kind];
  }
  renderStats();
  renderTrips();
  renderAlerts();
}

/** Runs `task` now and again `ms` after each run ends, so slow answers never pile up. */
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
  if (statsUrl) every(STATS_POLL_MS, pollStats);
  if (!api) {
    $('book-button').disabled = true;
    return;
  }
  $('book-form').addEventListener('submit', book);
  every(API_RETRY_MS, async () => {
    if (!state.tripsLoaded || state.apiProblem) await loadTrips();
  });
  every(BOOKING_POLL_MS, async () => {
    const pending = bookings.pending();
    if (pending.length === 0) return;
    await Promise.all(pending.map(pollBooking));
    renderBookings();
  });
}

start();
