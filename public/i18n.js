// Korean first (the seed's language), English on request; the choice is kept in this browser.
const LANG_KEY = 'bus-cli.lang';
/** @typedef {'ko' | 'en'} Lang */
/** @type {readonly Lang[]} */
const LANGS = ['ko', 'en'];

const MESSAGES = {
  ko: {
    title: '명절 버스 예매 시스템',
    subtitle: 'SQS 비동기 처리로 명절 예매 트래픽을 견디는 서버리스 예매',
    langToggle: 'English',
    langToggleLabel: 'Switch to English',
    endpoints: '연결 정보',
    bookHeading: '승차권 예매',
    tripLabel: '노선',
    tripsLoading: '노선을 불러오는 중…',
    tripsEmpty: '등록된 노선이 없습니다',
    seatsLabel: '좌석 수 (1-4)',
    passengerLabel: '승객 이름',
    passengerPlaceholder: '홍길동',
    book: '예매하기',
    queued: '예매 요청이 대기열에 들어갔습니다 ({id})',
    bookRejected: '요청이 거부되었습니다: {error}',
    bookFailed: '서버 오류 ({status}): {error}',
    statsHeading: '실시간 현황',
    processed: '처리 완료',
    successRate: '성공률',
    seatsLeft: '잔여 좌석',
    requests: '접수된 요청',
    confirmed: '확정',
    soldOut: '매진',
    statsUpdated: '갱신 {time}',
    statsWaiting: 'stats.json 기다리는 중…',
    byTripHeading: '노선별 잔여 좌석',
    seatsOf: '{left} / {total}석',
    seatsLeftShort: '잔여 {left}석',
    myBookings: '내 예매 내역',
    myBookingsNote: '이 브라우저에서 보낸 요청만 표시됩니다.',
    noBookings: '아직 예매 요청이 없습니다.',
    colRequest: '요청 ID',
    colTrip: '노선',
    colSeats: '좌석',
    colPassenger: '승객',
    colStatus: '상태',
    status_queued: '대기 중',
    status_confirmed: '확정',
    status_sold_out: '매진',
    status_rejected: '거절',
    status_failed: '실패',
    status_unknown: '찾을 수 없음',
    clearBookings: '목록 지우기',
    apiUnreachable: 'API 서버에 연결할 수 없습니다. HTTP API 주소와 스택 상태(bus-cli status)를 확인하세요.',
    apiFailed: 'API가 오류로 응답했습니다 (HTTP {status}): {error}',
    statsMissing: 'S3에 stats.json이 없습니다 (HTTP {status}). 컨슈머가 아직 쓰지 않았거나 삭제되었습니다.',
    statsUnreachable: 'stats.json을 불러올 수 없습니다. Stats(S3) 주소와 버킷 CORS 설정을 확인하세요.',
    statsInvalid: 'stats.json의 내용이 올바른 JSON이 아닙니다.',
    notDeployed: '이 페이지에는 아직 스택 주소가 없습니다. `bus-cli up`으로 배포하면 채워집니다.',
    notConfigured: '(설정되지 않음)',
  },
  en: {
    title: 'Holiday Bus Booking',
    subtitle: 'Serverless booking that rides out the holiday rush with SQS',
    langToggle: '한국어',
    langToggleLabel: '한국어로 보기',
    endpoints: 'Endpoints',
    bookHeading: 'Book a ticket',
    tripLabel: 'Trip',
    tripsLoading: 'Loading trips…',
    tripsEmpty: 'No trips available',
    seatsLabel: 'Seats (1-4)',
    passengerLabel: 'Passenger name',
    passengerPlaceholder: 'Jane Doe',
    book: 'Book',
    queued: 'Booking request queued ({id})',
    bookRejected: 'Request rejected: {error}',
    bookFailed: 'Server error ({status}): {error}',
    statsHeading: 'Live figures',
    processed: 'Processed',
    successRate: 'Success rate',
    seatsLeft: 'Seats left',
    requests: 'Requests',
    confirmed: 'Confirmed',
    soldOut: 'Sold out',
    statsUpdated: 'Updated {time}',
    statsWaiting: 'Waiting for stats.json…',
    byTripHeading: 'Seats left per trip',
    seatsOf: '{left} / {total} seats',
    seatsLeftShort: '{left} left',
    myBookings: 'My bookings',
    myBookingsNote: 'Only requests sent from this browser are listed.',
    noBookings: 'No booking requests yet.',
    colRequest: 'Request ID',
    colTrip: 'Trip',
    colSeats: 'Seats',
    colPassenger: 'Passenger',
    colStatus: 'Status',
    status_queued: 'Queued',
    status_confirmed: 'Confirmed',
    status_sold_out: 'Sold out',
    status_rejected: 'Rejected',
    status_failed: 'Failed',
    status_unknown: 'Not found',
    clearBookings: 'Clear list',
    apiUnreachable: 'Cannot reach the API. Check the HTTP API URL and the stack (bus-cli status).',
    apiFailed: 'The API answered with an error (HTTP {status}): {error}',
    statsMissing: 'stats.json is missing on S3 (HTTP {status}): the consumer has not written it yet, or it was deleted.',
    statsUnreachable: 'Cannot load stats.json. Check the Stats(S3) URL and the bucket CORS rules.',
    statsInvalid: 'stats.json does not hold valid JSON.',
    notDeployed: 'This page has no stack URLs yet; deploying it with `bus-cli up` fills them in.',
    notConfigured: '(not configured)',
  },
};

/** @typedef {keyof typeof MESSAGES.ko} MessageKey */

/**
 * City names the default timetable uses; others are shown as they come.
 * @type {Partial<Record<string, string>>}
 */
const CITIES_KO = {
  Seoul: '서울',
  Busan: '부산',
  Gwangju: '광주',
  Daegu: '대구',
  Daejeon: '대전',
  Ulsan: '울산',
  Incheon: '인천',
  Gangneung: '강릉',
  Jeonju: '전주',
  Pohang: '포항',
  Mokpo: '목포',
  Yeosu: '여수',
};

function storedLang() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null; // storage disabled: Korean, not an error
  }
}

/**
 * @param {unknown} value
 * @returns {value is Lang}
 */
const isLang = (value) => LANGS.some((known) => known === value);

const stored = storedLang();
/** @type {Lang} */
let lang = isLang(stored) ? stored : 'ko';

export const currentLang = () => lang;

/** @param {Lang} next */
export function setLang(next) {
  lang = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // the choice just won't survive a reload
  }
}

/** @returns {Lang} */
export const otherLang = () => (lang === 'ko' ? 'en' : 'ko');

/**
 * The message `key` in the current language with `{name}` placeholders filled from `params`.
 * @param {MessageKey} key
 * @param {Record<string, unknown>} [params]
 */
export function t(key, params = {}) {
  const text = MESSAGES[lang][key] ?? MESSAGES.ko[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * @param {string} key
 * @returns {key is MessageKey}
 */
export const isMessageKey = (key) => Object.hasOwn(MESSAGES.ko, key);

/**
 * t() for a key that comes from outside the code (a data-i18n attribute, a status the API names):
 * one no language has is shown as itself.
 * @param {string} key
 */
export const textFor = (key) => (isMessageKey(key) ? t(key) : key);

/** @param {string} city */
export const cityName = (city) => (lang === 'ko' ? (CITIES_KO[city] ?? city) : city);

/** @param {number} n */
export const formatNumber = (n) => new Intl.NumberFormat(lang).format(n);

/** @param {string} isoDate `YYYY-MM-DD` */
export function formatDate(isoDate) {
  const date = new Date(`${isoDate}T00:00:00`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', weekday: 'short' }).format(date);
}

/** @param {Date} date */
export const formatTime = (date) => new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);

/**
 * Fills every element marked data-i18n (text), data-i18n-placeholder and data-i18n-aria-label.
 * @param {ParentNode} [root]
 */
export function translateStatic(root = document) {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = textFor(el.getAttribute('data-i18n') ?? '');
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.placeholder = textFor(el.dataset.i18nPlaceholder ?? '');
  }
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', textFor(el.getAttribute('data-i18n-aria-label') ?? ''));
}
