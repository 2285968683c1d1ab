// cgi.test.mjs — newsdex.cgi in a real browser: Debian's chromium driven by
// playwright-core against lighttpd (started by tests/e2e/cgi_browser.sh).
//
//   BASE_URL=http://127.0.0.1:PORT/newsdex.cgi ARTIFACTS=DIR node cgi.test.mjs
//
// Prints "ok: …" / "FAIL: …" per check (the shell script counts them) and
// saves a screenshot per step in ARTIFACTS.
import { chromium } from 'playwright-core';

const base = process.env.BASE_URL;
const artifacts = process.env.ARTIFACTS;
const SEED = 'Putin calls for guarantees that NATO will not expand eastward in Ukraine';
let failed = 0;

function check(what, cond, detail = '') {
  if (cond) console.log(`ok: ${what}`);
  else { failed++; console.log(`FAIL: ${what}${detail ? ` (${detail})` : ''}`); }
}

const total = async (page) => {
  const t = await page.locator('.summary strong').first().textContent();
  return Number(t.replace(/,/g, ''));
};
const facetCounts = async (page, facet) =>
  page.$$eval(`section[data-facet="${facet}"] .fv`, (els) => els.map((e) => ({
    name: e.querySelector('.name').textContent,
    count: Number((e.querySelector('.n')?.textContent || '0').replace(/,/g, '')),
    on: e.classList.contains('on'),
  })));
const shot = (page, name) =>
  page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });

try {
  // The landing page: every article, newest first, facets over all.
  await page.goto(base);
  check('landing page title', (await page.title()).startsWith('newsdex'));
  check('landing page lists articles', (await page.locator('li.hit').count()) === 10);
  await shot(page, '01-landing');

  // The design-card query, typed and submitted like a person would.
  await page.fill('input[name=q]', 'NATO AND Ukraine by:Lavrov');
  await Promise.all([page.waitForNavigation(), page.press('input[name=q]', 'Enter')]);
  const first = await page.locator('li.hit h3').first().textContent();
  check('design query: the seed article first', first.includes(SEED), first);
  check('design query: highlighted matches', (await page.locator('li.hit .snippet mark').count()) > 0);
  const speakers = (await facetCounts(page, 'by')).map((v) => v.name);
  check('design query: Lavrov among the speakers', speakers.includes('Sergey Lavrov'), speakers.join('|'));
  check('design query: query kept in the box',
    (await page.inputValue('input[name=q]')) === 'NATO AND Ukraine by:Lavrov');
  await shot(page, '02-design-query');

  // Tick a facet value: hits and counts change; the facet's other values
  // stay (disjunctive facets).
  await page.fill('input[name=q]', 'Ukraine');
  await Promise.all([page.waitForNavigation(), page.click('form.search button')]);
  const before = await total(page);
  const places = await facetCounts(page, 'place');
  const pick = places.find((v) => !v.on && v.count < before && v.count > 1);
  check('a place to tick', !!pick, JSON.stringify(places));
  const peopleBefore = JSON.stringify(await facetCounts(page, 'person'));
  await Promise.all([page.waitForNavigation(),
    page.locator('section[data-facet="place"] .fv', { hasText: pick.name }).first().click()]);
  const after = await total(page);
  check('ticking a place: total is its count', after === pick.count, `${after} vs ${pick.count}`);
  check('ticking a place: hits change', after < before);
  const placesAfter = await facetCounts(page, 'place');
  check('ticked value shown ticked', placesAfter.some((v) => v.on && v.name === pick.name));
  check('other places keep their counts (disjunctive)',
    placesAfter.filter((v) => !v.on).length > 0 &&
    placesAfter.filter((v) => !v.on).every((v) => places.some((p) => p.name === v.name && p.count === v.count)));
  check('other facets recounted', JSON.stringify(await facetCounts(page, 'person')) !== peopleBefore);
  check('a chip for the filter', (await page.locator('.chips .chip').count()) === 1);
  await shot(page, '03-facet-ticked');

  // Tick a second value of the same facet: OR, so more hits.
  const second = placesAfter.find((v) => !v.on && v.count > 0);
  if (second) {
    await Promise.all([page.waitForNavigation(),
      page.locator('section[data-facet="place"] .fv:not(.on)', { hasText: second.name }).first().click()]);
    const ored = await total(page);
    check('two values of one facet are ORed', ored >= after && ored >= second.count, `${ored}`);
    check('two chips', (await page.locator('.chips .chip').count()) === 2);
    // Remove the first chip again.
    await Promise.all([page.waitForNavigation(), page.locator('.chips .chip').first().click()]);
    check('removing a chip', (await page.locator('.chips .chip').count()) === 1);
  }

  // The histogram: a click on a bar narrows the search to its period.
  await page.goto(`${base}?q=`);
  check('histogram by year', (await page.locator('.hist h2').textContent()).includes('by year'));
  const bar = page.locator('.hist a.hbar').last();
  const period = await bar.getAttribute('data-period');
  const barTitle = await bar.locator('title').textContent();
  const barCount = Number(barTitle.split(': ')[1].split(' ')[0].replace(/,/g, ''));
  await shot(page, '04-histogram-years');
  await Promise.all([page.waitForNavigation(), bar.click()]);
  check('histogram bar: the period filter', page.url().includes(`f=year%3A${period}`), page.url());
  check('histogram bar: total is the bar count', (await total(page)) === barCount, `${barCount}`);
  check('histogram by month within a year', (await page.locator('.hist h2').textContent()).includes('by month'));
  await shot(page, '05-histogram-months');
  const mbar = page.locator('.hist a.hbar').first();
  const mperiod = await mbar.getAttribute('data-period');
  await Promise.all([page.waitForNavigation(), mbar.click()]);
  check('month bar: month filter', page.url().includes(`f=month%3A${mperiod}`), page.url());
  check('month bar: every hit in the month', (await page.locator('li.hit').count()) > 0);

  // Sort by date and page forward.
  await page.goto(`${base}?q=`);
  await Promise.all([page.waitForNavigation(), page.click('.sort a')]);
  check('sorted by date', page.url().includes('sort=date'));
  await Promise.all([page.waitForNavigation(), page.click('#next')]);
  check('page 2 in the url', page.url().includes('page=2'));
  check('page 2 starts at 11',
    (await page.locator('li.hit .rank').first().textContent()).trim() === '11.');
  check('page 2 is marked current',
    (await page.locator('.pager .cur').textContent()).trim() === '2');
  await shot(page, '06-page-2');

  // The Quotes view: type a query, switch to Quotes, click a speaker.
  await page.goto(base);
  await page.fill('input[name=q]', 'NATO');
  await Promise.all([page.waitForNavigation(), page.press('input[name=q]', 'Enter')]);
  check('articles first', (await page.locator('li.hit').count()) > 0);
  await Promise.all([page.waitForNavigation(), page.click('#tab-quotes')]);
  check('quotes tab: view=quotes in the url', page.url().includes('view=quotes'), page.url());
  check('quotes tab: current', (await page.locator('.tab.on').textContent()) === 'Quotes');
  const nquotes = await page.locator('li.quote').count();
  check('quotes listed', nquotes > 0);
  check('every quote marks NATO', (await page.locator('li.quote blockquote').evaluateAll(
    (els) => els.every((e) => [...e.querySelectorAll('mark')].some((m) => m.textContent.toLowerCase() === 'nato')))));
  const qtotal = await total(page);
  const qspeakers = await facetCounts(page, 'by');
  check('speaker facet counts every quote',
    qspeakers.reduce((a, v) => a + v.count, 0) === qtotal, `${JSON.stringify(qspeakers)} vs ${qtotal}`);
  await shot(page, '11-quotes');
  const chip = page.locator('li.quote a.speaker').first();
  const who = await chip.textContent();
  const whoCount = qspeakers.find((v) => v.name === who)?.count;
  await Promise.all([page.waitForNavigation(), chip.click()]);
  check('speaker click: still quotes', page.url().includes('view=quotes'), page.url());
  const whos = await page.locator('li.quote a.speaker').allTextContents();
  check('speaker click: only that speaker', whos.length > 0 && whos.every((w) => w === who), `${who}: ${whos.join('|')}`);
  check('speaker click: total is the facet count', (await total(page)) === whoCount, `${whoCount}`);
  check('speaker click: a chip', (await page.locator('.chips .chip').count()) === 1);
  check('the query stays', (await page.inputValue('input[name=q]')) === 'NATO');
  await shot(page, '12-quotes-speaker');
  await Promise.all([page.waitForNavigation(), page.click('#tab-articles')]);
  check('back to articles', (await page.locator('li.hit').count()) > 0 && !page.url().includes('view=quotes'));

  // Did you mean, an empty result, a query error, a bad request.
  await page.goto(`${base}?q=Stoltenbreg`);
  check('did you mean', (await page.locator('#suggestion').textContent()) === 'stoltenberg');
  await shot(page, '07-did-you-mean');
  await page.goto(`${base}?q=NATO&f=by%3AShoigu`);
  check('empty result advice', (await page.locator('#no-results .loosen a').count()) === 1);
  await shot(page, '08-no-results');
  await page.goto(`${base}?q=date%3A2021-13..2022`);
  check('query error in the page', (await page.locator('#query-error').textContent()).includes('invalid date'));
  await shot(page, '09-query-error');
  // A 400 is expected here: what it logs is not a problem.
  const seen = problems.length;
  const resp = await page.goto(`${base}?page=0`);
  check('bad request: 400', resp.status() === 400);
  check('bad request names the parameter',
    (await page.locator('.bad p').first().textContent()).includes('page'));
  await shot(page, '10-bad-request');
  problems.length = seen;
} catch (e) {
  failed++;
  console.log(`FAIL: ${e.stack || e}`);
  await shot(page, '99-failure').catch(() => {});
}
check('no console errors, failed requests or error responses', problems.length === 0,
  problems.join('; '));
await browser.close();
process.exit(failed ? 1 : 0);
