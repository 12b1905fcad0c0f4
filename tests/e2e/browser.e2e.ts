import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOnLoopback, PROJECT_ROOT, realApp, sitemapUrls } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTEFACTS = path.join(PROJECT_ROOT, 'test-results', 'screenshots');

let loopback: Awaited<ReturnType<typeof listenOnLoopback>>;
let browser: Browser;
let axeSource: string;

beforeAll(async () => {
  loopback = await listenOnLoopback();
  await mkdir(ARTEFACTS, { recursive: true });
  axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
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

interface PageOptions {
  readonly width?: number;
  readonly colorScheme?: 'light' | 'dark';
}

/** A page that records failed requests, console errors (CSP violations among them) and any request off the machine. */
async function watchedPage({ width = 1400, colorScheme = 'light' }: PageOptions = {}): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
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
    expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
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

  it('transfers under 10 kB of page, script and styles on a second visit', async () => {
    // A profile on disk, as a person's browser has: an incognito context's cache is memory, and small.
    const profile = await mkdtemp(path.join(tmpdir(), 'paralympics-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const transferred = new Map<string, { url: string; method: string; bytes: number }>();
    cdp.on('Network.requestWillBeSent', (event) =>
      transferred.set(event.requestId, { url: event.request.url, method: event.request.method, bytes: 0 }),
    );
    cdp.on('Network.loadingFinished', (event) => {
      const entry = transferred.get(event.requestId);
      if (entry) entry.bytes = event.encodedDataLength;
    });
    const visit = async () => {
      transferred.clear();
      const introspection = page.waitForResponse(
        (response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/graphql',
        { timeout: 60_000 },
      );
      await page.goto(`${loopback.url}/graphql`);
      await page.locator('.graphiql-execute-button').waitFor({ timeout: 60_000 });
      await (await introspection).finished();
      return [...transferred.values()];
    };
    const first = await visit();
    const second = await visit();
    const sum = (entries: typeof first) => entries.reduce((total, entry) => total + entry.bytes, 0);
    // GraphiQL's own POST of the introspection query is an answer, not part of the page's weight; its
    // inline fonts (data: URLs) and blobs never cross the network, though Chromium may report their size.
    const files = (entries: typeof first) =>
      entries.filter((entry) => entry.method === 'GET' && /^https?:/.test(entry.url));
    expect(sum(files(first))).toBeGreaterThan(1_000_000);
    expect(sum(files(second)), JSON.stringify(files(second))).toBeLessThan(10_000);
    console.log(
      `GraphiQL: first visit ${sum(files(first))} B of files, second ${sum(files(second))} B; introspection ${sum(second) - sum(files(second))} B`,
    );
    await context.close();
    await rm(profile, { recursive: true, force: true });
  });
});

/** What a browser asks for when a link is followed. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

/** One page of each kind the site has. */
const PAGES: readonly (readonly [string, string])[] = [
  ['home', '/'],
  ['index', '/id/athlete/'],
  ['search', '/search?q=korea'],
  ['series', '/id/series/paralympic-games'],
  ['not-found', '/id/athlete/nobody'],
  ['country', '/id/country/north-korea'],
  ['npc', '/id/npc/npc-prk'],
  ['games', '/id/games/2012-summer-paralympics'],
  ['delegation', '/id/delegation/north-korea-2016-summer-paralympics'],
  ['athlete', '/id/athlete/rim-ju-song'],
  ['event', '/id/event/2012-men-50m-freestyle-s6'],
  ['result', '/id/result/rim-ju-song-2012-men-50m-freestyle-s6'],
  ['organisation', '/id/organisation/handicap-international'],
  ['report', '/id/report/north-korea-at-the-paralympics'],
  ['person', '/id/person/ben-kew'],
];

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** axe-core's violations on the page as it is now (WCAG 2.2 A and AA, and best practices). */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const { violations } = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return violations.map(({ id, impact, nodes }) => ({ id, impact, nodes: nodes.map(({ target }) => ({ target })) }));
  });
}

describe('every kind of page, on a desktop and a phone, light and dark', () => {
  it.each(PAGES)('%s (%s): no sideways scroll, no serious or landmark axe violations', async (name, pathname) => {
    for (const width of [1280, 375]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const watched = await watchedPage({ width, colorScheme });
        const { page } = watched;
        const response = await page.goto(`${loopback.url}${pathname}`);
        expect(response?.status()).toBe(name === 'not-found' ? 404 : 200);
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await page.locator('main h1').count()).toBe(1);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
        const violations = await axeViolations(page);
        const blocking = violations.filter(
          (violation) =>
            violation.impact === 'serious' ||
            violation.impact === 'critical' ||
            violation.id.startsWith('landmark') ||
            violation.id === 'region',
        );
        expect(blocking, `${name} at ${width} px, ${colorScheme}: ${JSON.stringify(blocking)}`).toEqual([]);
        await page.screenshot({ path: path.join(ARTEFACTS, `${name}-${width}-${colorScheme}.png`), fullPage: true });
        // The 404 page's own status is the one expected error in the console.
        if (name === 'not-found') watched.errors.splice(0);
        await expectCleanAndClose(watched);
      }
    }
  });
});

describe('finding and following', () => {
  it('the header search finds "rim ju song" and reaches his page, without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${loopback.url}/`);
    await page.getByRole('searchbox', { name: 'Search the graph' }).fill('rim ju song');
    await page.getByRole('searchbox', { name: 'Search the graph' }).press('Enter');
    await page.waitForURL(/\/search\?q=rim\+ju\+song/);
    expect(await page.locator('h1').innerText()).toContain('rim ju song');
    await page.locator('.results-list a').first().click();
    await page.waitForURL(`${loopback.url}/id/athlete/rim-ju-song`);
    expect(await page.locator('h1').innerText()).toBe('Rim Ju-song');
    // His race, and the disputed rank with why one value is preferred, are on his result's page.
    await page
      .locator('main a', { hasText: /^47\.87 s$/ })
      .first()
      .click();
    await page.waitForURL(`${loopback.url}/id/result/rim-ju-song-2012-men-50m-freestyle-s6`);
    expect(await page.locator('.headline').innerText()).toMatch(/Rank\s+19th\s*sources differ/i);
    expect(await page.locator('#p-rank').innerText()).toMatch(/Why preferred:/);
    await context.close();
  });

  it("a country's timeline is spaced by year, has a legend, and its links reach each Games", async () => {
    const watched = await watchedPage();
    const { page } = watched;
    await page.goto(`${loopback.url}/id/country/north-korea`);
    const { store } = await realApp();
    const years = store
      .participationsOf(store.follow('country', 'north-korea'))
      .map((delegation) => store.follow('games', delegation.facts.games).facts.year);
    const timeline = page.locator('figure.timeline > svg');
    expect(await timeline.getAttribute('aria-label')).toMatch(
      new RegExp(`^North Korea at ${years.length} Games from ${Math.min(...years)} to ${Math.max(...years)}`),
    );
    expect(await page.locator('figure.timeline .legend li').allInnerTexts()).toEqual([
      'Took part',
      'Did not take part',
      'Olympic Games (diamond), beside the Paralympics (circles)',
    ]);
    const marks = timeline.locator('a');
    expect(await marks.count()).toBe(years.length);
    const boxes = await Promise.all(
      ['1968', '2012', '2016'].map(
        async (year) => (await marks.filter({ hasText: year }).first().boundingBox())?.x ?? 0,
      ),
    );
    const [x1968 = 0, x2012 = 0, x2016 = 0] = boxes;
    // Spaced by year: 44 years take eleven times the room of four.
    expect((x2012 - x1968) / (x2016 - x2012)).toBeCloseTo(11, 0);
    await timeline.screenshot({ path: path.join(ARTEFACTS, 'timeline.png') });
    // Reachable by keyboard: tab until a timeline mark has focus, then follow it.
    let focused = '';
    for (let step = 0; step < 60 && !focused.includes('2012 Summer Paralympics'); step++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    }
    expect(focused).toMatch(/^2012 Summer Paralympics, London: took part/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${loopback.url}/id/games/2012-summer-paralympics`);
    await expectCleanAndClose(watched);
  });

  it('a crawl from the home page, following only links, reaches every entity in the sitemap; every link answers', async () => {
    const urls = await sitemapUrls(async (path) => (await fetch(`${loopback.url}${path}`)).text());
    const entities = urls.map((url) => new URL(url).pathname);
    const seen = new Map<string, number>();
    const queue = ['/'];
    while (queue.length > 0) {
      const next = queue.shift() ?? '/';
      if (seen.has(next)) continue;
      const response = await fetch(`${loopback.url}${next}`, { headers: { accept: BROWSER_ACCEPT } });
      seen.set(next, response.status);
      if (!response.headers.get('content-type')?.startsWith('text/html')) {
        await response.body?.cancel();
        continue;
      }
      const html = await response.text();
      for (const match of html.matchAll(/href="([^"#]*)(?:#[^"]*)?"/g)) {
        const href = (match[1] ?? '').replaceAll('&amp;', '&');
        if (href === '' || !href.startsWith('/') || href.startsWith('//')) continue;
        if (!seen.has(href)) queue.push(href);
      }
    }
    expect(entities.filter((entity) => !seen.has(entity))).toEqual([]);
    expect([...seen].filter(([, status]) => status !== 200)).toEqual([]);
    expect(seen.size).toBeGreaterThan(entities.length);
  });
});

describe('the SPARQL query page in a browser', () => {
  it('loads Yasgui from this server alone under its CSP, runs an example and shows its results', async () => {
    const watched = await watchedPage();
    const { page } = watched;
    const response = await page.goto(`${loopback.url}/sparql`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('button', { name: 'Results of a heat' }).click();
    await page.locator('.tabPanel.active .yasqe_queryButton').click();
    const table = page.locator('.tabPanel.active .yasr table');
    await table.getByText('Lorenzo Perez').waitFor({ timeout: 60_000 });
    const text = (await table.innerText()).replace(/\s+/g, ' ');
    for (const athlete of ['Reagan Wickens', 'Lorenzo Perez', 'Rim Ju-song']) expect(text).toContain(athlete);
    await page.screenshot({ path: path.join(ARTEFACTS, 'sparql.png'), fullPage: true });
    await expectCleanAndClose(watched);
  });
});
