import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback, PROJECT_ROOT } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTEFACTS = path.join(PROJECT_ROOT, 'test-results', 'screenshots');

let loopback: Awaited<ReturnType<typeof listenOnLoopback>>;
let browser: Browser;

beforeAll(async () => {
  loopback = await listenOnLoopback();
  await mkdir(ARTEFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await loopback?.close();
});

interface Watched {
  readonly page: Page;
  readonly failed: string[];
  readonly errors: string[];
  readonly offsite: string[];
}

/** A page that records failed requests, console errors (CSP violations among them) and any request off the machine. */
async function watchedPage(): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const watched: Watched = { page, failed: [], errors: [], offsite: [] };
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') return route.continue();
    watched.offsite.push(url.href);
    return route.abort();
  });
  page.on('requestfailed', (request) => watched.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('console', (message) => {
    if (message.type() === 'error') watched.errors.push(message.text());
  });
  return watched;
}

/** Nothing left the machine, no request failed, nothing was logged as an error; then the page closes. */
async function expectCleanAndClose({ page, offsite, failed, errors }: Watched): Promise<void> {
  expect(offsite).toEqual([]);
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
  await page.close();
}

describe('GraphiQL in a browser', () => {
  it('loads from this server alone under its CSP, runs the example query and shows the result', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    const response = await page.goto(`${loopback.url}/graphql`);
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'sha256-/);
    await page.locator('.graphiql-execute-button').waitFor({ timeout: 60_000 });
    await page.locator('.graphiql-execute-button').click();
    // The result pane is an editor: its text is in its rendered lines, not in the page's innerText.
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('.view-lines')].some((lines) =>
          (lines.textContent ?? '').replace(/\s+/g, ' ').includes('National Paralympic Committee of North Korea'),
        ),
      undefined,
      { timeout: 30_000 },
    );
    await page.screenshot({ path: path.join(ARTEFACTS, 'graphiql.png') });
    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    expect(tabs.map((tab) => tab.trim())).toEqual([
      'NorthKoreaAtTheParalympics',
      'AthletePage',
      'GamesResults',
      'DisputedRank',
    ]);
    await expectCleanAndClose(watched);
  });
});

describe('entity pages in a browser', () => {
  it('render their facts, with links to related entities and the sources of each claim', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await page.goto(`${loopback.url}/id/result/rim-ju-song-2012-men-50m-freestyle-s6`);
    expect(await page.locator('h1').innerText()).toBe("Rim Ju-song, Men's 50m freestyle S6");
    expect(await page.locator('h2').allInnerTexts()).toEqual(['Facts', 'Claims and their sources']);
    await page.locator('a', { hasText: 'Rim Ju-song' }).first().click();
    await page.waitForURL(`${loopback.url}/id/athlete/rim-ju-song`);
    expect(await page.locator('h1').innerText()).toBe('Rim Ju-song');
    await page.screenshot({ path: path.join(ARTEFACTS, 'athlete.png'), fullPage: true });
    await expectCleanAndClose(watched);
  });
});

describe('pictures on entity pages', () => {
  it("a country's timeline of Games and a Games' results tables", async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await page.goto(`${loopback.url}/id/country/north-korea`);
    const timeline = page.locator('svg[role="img"]');
    expect(await timeline.getAttribute('aria-label')).toBe('North Korea at the Games');
    expect(await timeline.locator('g.attended').count()).toBe(4);
    expect(await timeline.locator('g.absent').count()).toBe(4);
    await timeline.screenshot({ path: path.join(ARTEFACTS, 'timeline.png') });
    await timeline.locator('a').nth(1).click();
    await page.waitForURL(`${loopback.url}/id/games/2012-summer-paralympics`);
    const rows = await page.locator('table.results').first().locator('tr').allInnerTexts();
    expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
      'rank athlete country time or mark heat',
      '18 Reagan Wickens AUS 37.19 s',
      '19 (also 17) Rim Ju-song PRK 47.87 s 2',
      '– Lorenzo Perez CUB 29.98 s 2',
    ]);
    await page.screenshot({ path: path.join(ARTEFACTS, 'games.png'), fullPage: true });
    await expectCleanAndClose(watched);
  });
});
