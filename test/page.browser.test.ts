import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Trip } from '../lambdas/domain/index.js';
import { CHROMIUM_INSTALL_HINT, findChromium, launchChromium, staysOnLoopback, type TestBrowser } from './helpers/browser.js';
import { deployTestStack, waitUntil, type TestStack } from './helpers/stack.js';

const chromiumPath = findChromium();
if (!chromiumPath) {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!!! test/page.browser.test.ts SKIPPED: no Chromium at /usr/bin/chromium or on PATH.',
      `!!! The page was NOT tested in a browser. Install it: ${CHROMIUM_INSTALL_HINT}`,
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

/** A 6-seat coach booked 2 seats at a time, five times: exactly three bookings fit, two find it sold out. */
const SMALL_TRIP: Trip = { id: 'seoul-busan-20260215', from: 'Seoul', to: 'Busan', date: '2026-02-15', departure: '07:00', seats: 6 };
const BIG_TRIP: Trip = { id: 'seoul-daegu-20260216', from: 'Seoul', to: 'Daegu', date: '2026-02-16', departure: '08:00', seats: 45 };
const CLICKS = 5;
/** One booking before the page opens, so the clicks meet warm Lambdas (a cold start is not what "within seconds" promises). */
const WARMUP = { tripId: BIG_TRIP.id, seats: 1, passenger: 'warm-up' };
const SEATS_PER_BOOKING = 2;
/** The promise: the figures follow a click within seconds. */
const STATS_FOLLOW_MS = 5_000;
/** The page retries the API every 3 s once it found it unreachable. */
const API_RECOVERY_MS = 10_000;
const FINAL_STATES_MS = 15_000;
/** For waits with no promise attached (a page load, an answer): generous, since the CPU is shared. */
const SETTLE_MS = 10_000;
const SCREENSHOT_DIR = fileURLToPath(new URL('../test-results/', import.meta.url));

/** expect.poll with room to settle; `timeout` only where the issue promises a deadline. */
const eventually = <T>(read: () => Promise<T> | T, timeout = SETTLE_MS) => expect.poll(read, { timeout });
const figure = (page: Page, testId: string) => page.getByTestId(testId).getAttribute('data-value');
const rowStatuses = (page: Page) => page.getByTestId('booking-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.status));
const tally = (statuses: (string | undefined)[]) => {
  const counts: Record<string, number> = {};
  for (const s of statuses) counts[s ?? '?'] = (counts[s ?? '?'] ?? 0) + 1;
  return counts;
};

/** Books WARMUP through the API and waits until stats.json counts it. */
async function warmUp(apiUrl: string, statsUrl: string): Promise<void> {
  const res = await fetch(`${apiUrl}/api/book-bus`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(WARMUP) });
  expect(res.status).toBe(200);
  await waitUntil(async () => {
    const stats = await fetch(statsUrl, { cache: 'no-store' });
    return stats.ok && ((await stats.json()) as { processed?: number }).processed === 1 ? true : undefined;
  });
}

describe.skipIf(!chromiumPath)('the booking page in a real browser (Chromium, embedded cloud)', () => {
  let stack: TestStack;
  let browser: TestBrowser;
  let page: Page;
  let websiteUrl: string;
  let apiUrl: string;
  const requested: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    stack = await deployTestStack({ stack: 'page', trips: [SMALL_TRIP, BIG_TRIP] });
    ({ websiteUrl, apiUrl } = stack.ctx.outputs as { websiteUrl: string; apiUrl: string });
    await warmUp(apiUrl, stack.ctx.outputs.statsUrl!);
    browser = await launchChromium(chromiumPath!);
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('shows the seed URLs, queues five bookings and follows figures and bookings to their final states', async () => {
    await page.goto(websiteUrl);
    expect(await page.getByTestId('api-url').textContent()).toBe(apiUrl);
    expect(await page.getByTestId('stats-url').textContent()).toBe(stack.ctx.outputs.statsUrl);
    expect(await page.locator('#config-error').isHidden()).toBe(true);

    // The trip picker fills from GET /api/trips, with seats left per trip.
    await eventually(() => page.locator('#trip option').count()).toBe(2);
    expect(await page.locator(`#trip option[value="${SMALL_TRIP.id}"]`).textContent()).toMatch(/서울 → 부산 .*잔여 6석/);
    await eventually(() => figure(page, 'stat-processed')).toBe('1');
    expect(await figure(page, 'stat-seats-left')).toBe(String(SMALL_TRIP.seats + BIG_TRIP.seats - WARMUP.seats));

    const answers: { status: string; requestId: string }[] = [];
    page.on('response', async (response) => {
      if (response.request().method() === 'POST' && response.url().endsWith('/api/book-bus')) answers.push(await response.json());
    });
    await page.getByTestId('trip-select').selectOption(SMALL_TRIP.id);
    await page.getByTestId('seats-select').selectOption(String(SEATS_PER_BOOKING));
    await page.getByTestId('passenger-input').fill('홍길동');
    for (let i = 0; i < CLICKS; i++) await page.getByTestId('book-button').click();

    // Each click is answered 200 {status: "queued", requestId} and listed under "my bookings".
    await eventually(() => answers.length).toBe(CLICKS);
    expect(answers.every((a) => a.status === 'queued')).toBe(true);
    const requestIds = new Set(answers.map((a) => a.requestId));
    expect(requestIds.size).toBe(CLICKS);
    await eventually(() => page.getByTestId('booking-row').count()).toBe(CLICKS);
    const listed = await page.getByTestId('booking-row').evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.requestId));
    expect(new Set(listed)).toEqual(requestIds);
    expect(await page.getByTestId('form-message').textContent()).toContain('대기열');

    // stats.json (polled every second) follows: 3 of the 5 clicks (and the warm-up) succeeded, the small coach is full.
    const confirmedCount = SMALL_TRIP.seats / SEATS_PER_BOOKING;
    const processed = CLICKS + 1;
    await eventually(() => figure(page, 'stat-processed'), STATS_FOLLOW_MS).toBe(String(processed));
    await eventually(() => figure(page, 'stat-success-rate'), STATS_FOLLOW_MS).toBe((((confirmedCount + 1) / processed) * 100).toFixed(1));
    await eventually(() => figure(page, 'stat-seats-left'), STATS_FOLLOW_MS).toBe(String(BIG_TRIP.seats - WARMUP.seats));
    expect(await page.locator(`[data-testid="trip-seats"] li[data-trip-id="${SMALL_TRIP.id}"]`).getAttribute('data-seats-left')).toBe('0');

    // Every booking reaches its final state: three confirmed, two sold out.
    await eventually(async () => tally(await rowStatuses(page)), FINAL_STATES_MS).toEqual({ confirmed: confirmedCount, sold_out: CLICKS - confirmedCount });
    expect(await page.locator('tr[data-status="confirmed"] .badge').first().textContent()).toBe('확정');
    expect(await page.locator('tr[data-status="sold_out"] .badge').first().textContent()).toBe('매진');

    await page.screenshot({ path: `${SCREENSHOT_DIR}page.png`, fullPage: true });
  });

  it('switches to English, keeps the choice across a reload, and switches back', async () => {
    const toggle = page.locator('#lang-toggle');
    await toggle.click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Holiday Bus Booking');
    expect(await page.getByTestId('book-button').textContent()).toBe('Book');
    expect(await page.locator('tr[data-status="confirmed"] .badge').first().textContent()).toBe('Confirmed');
    expect(await page.locator(`#trip option[value="${SMALL_TRIP.id}"]`).textContent()).toMatch(/Seoul → Busan .* Sold out$/);

    // The language and this browser's bookings both survive a reload (localStorage).
    await page.reload();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').textContent()).toBe('Holiday Bus Booking');
    await eventually(() => page.getByTestId('booking-row').count()).toBe(CLICKS);
    await eventually(() => figure(page, 'stat-processed')).toBe(String(CLICKS + 1));
    await page.screenshot({ path: `${SCREENSHOT_DIR}page-en.png`, fullPage: true });

    await toggle.click();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.locator('h1').textContent()).toBe('명절 버스 예매 시스템');
    expect(await page.getByTestId('book-button').textContent()).toBe('예매하기');
  });

  it('says when the API is unreachable or answers with an error, and clears the message once it answers again', async () => {
    const apiRoutes = `${apiUrl}/**`;
    await page.route(apiRoutes, (route) => route.abort('connectionrefused'));
    await page.reload();
    const banner = page.getByTestId('api-error');
    await eventually(() => banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toContain('API 서버에 연결할 수 없습니다');
    expect(await page.locator('#trip option').first().textContent()).toBe('노선을 불러오는 중…');

    // An API that answers with an error is named as such, with its status and message.
    await page.unroute(apiRoutes);
    await page.route(`${apiUrl}/api/trips`, (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'trip catalog missing' }) }),
    );
    await page.reload();
    await eventually(() => banner.textContent()).toBe('API가 오류로 응답했습니다 (HTTP 503): trip catalog missing');

    await page.unroute(`${apiUrl}/api/trips`);
    await eventually(() => banner.isHidden(), API_RECOVERY_MS).toBe(true);
    await eventually(() => page.locator('#trip option').count()).toBe(2);
  });

  it('says stats.json is missing when it is, and recovers when the consumer writes it again', async () => {
    const banner = page.getByTestId('stats-error');
    expect(await banner.isHidden()).toBe(true);
    await stack.ctx.clients.s3.send(new DeleteObjectCommand({ Bucket: stack.ctx.outputs.bucket, Key: 'stats.json' }));
    await eventually(() => banner.isVisible()).toBe(true);
    expect(await banner.textContent()).toMatch(/stats\.json이 없습니다 \(HTTP 40[34]\)/);

    await page.getByTestId('trip-select').selectOption(BIG_TRIP.id);
    await page.getByTestId('book-button').click();
    await eventually(() => banner.isHidden(), STATS_FOLLOW_MS).toBe(true);
    await eventually(() => figure(page, 'stat-processed'), STATS_FOLLOW_MS).toBe(String(CLICKS + 2));
  });

  it('made requests to loopback only and threw no script errors', () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !staysOnLoopback(url))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
