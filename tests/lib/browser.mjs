// Chromium for the page tests: Debian's headless shell of Chromium
// (/usr/bin/chromium-headless-shell, the same Blink and V8 as /usr/bin/chromium
// without the browser around them) driven by playwright-core, accessibility
// checked by axe-core. The shell costs about 40 % less processor per page than
// `chromium --headless=new` (measured on a 2-core machine: tests/browser/
// smal.test.mjs 47 s → 29 s, mijn.test.mjs 33 s → 20 s of CPU, the same
// findings); CHROMIUM=/usr/bin/chromium runs the tests in the full browser.
//   const browser = await launchBrowser();
//   const { page, problems } = await openPage(browser, url);   // problems: console errors, CSP, page errors
//   const violations = await axeViolations(page);              // [] when WCAG 2.1 A/AA is met and the HTML is valid
//   const errors = await htmlErrors(html);                     // [] when html-validate finds the HTML valid
//   await shoot(page, 'home');                                  // /tmp/samen-home.png
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium-headless-shell';
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...(CHROMIUM.includes('headless-shell') ? [] : ['--headless=new']), '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A fresh context and page that records everything the browser complains
// about: console errors (a CSP refusal is one), uncaught page errors, failed
// requests and answers of 400 or more for anything but the page itself.
// The HTML standard, checked by html-validate (its "standard" and "document"
// rules: content models, attributes and their values, ids, the document
// shape), and what it does not check: a URL in href, src or action holds no
// whitespace (a data: URL needs %20).
const validator = new HtmlValidate(new StaticConfigLoader({
  extends: ['html-validate:standard', 'html-validate:document'],
  rules: { 'require-sri': ['error', { target: 'crossorigin' }] },
}));

export async function htmlErrors(html, where = 'page') {
  const errors = [];
  const report = await validator.validateString(html, where);
  for (const r of report.results)
    for (const m of r.messages) errors.push(`html ${m.ruleId}: ${m.message} (${m.selector ?? `regel ${m.line}`})`);
  for (const m of html.matchAll(/\s(href|src|action|formaction)="([^"]*)"/g))
    if (/[\s<>]/.test(m[2])) errors.push(`html url: ${m[1]}="${m[2].slice(0, 60)}…" holds whitespace or < >`);
  return errors;
}

// Every HTML document the page loads is validated; its errors become
// problems, and axeViolations waits for them and reports them too.
const pending = new WeakMap(); // page → { checks: [promises], errors: [] }

export async function newPage(browser, { javaScriptEnabled = true, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, viewport, locale: 'nl-NL' });
  const page = await context.newPage();
  const problems = [];
  const html = { checks: [], errors: [] };
  pending.set(page, html);
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'document' || r.frame() !== page.mainFrame()) return;
    if (r.status() < 200 || (r.status() >= 300 && r.status() < 400) || r.status() === 204) return;
    if (!/^text\/html/.test(r.headers()['content-type'] || '')) return;
    html.checks.push(r.text().then(async (body) => {
      for (const e of await htmlErrors(body, r.url())) {
        const line = `${e} on ${new URL(r.url()).pathname}`;
        html.errors.push(line);
        problems.push(line);
      }
    }, () => {}));
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The status of the page itself (a 404 page) is the test's to judge.
    if (/^Failed to load resource/.test(m.text()) && m.location()?.url === page.mainFrame().url()) return;
    problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  return { context, page, problems };
}

export async function openPage(browser, url, options) {
  const p = await newPage(browser, options);
  p.response = await p.page.goto(url, { waitUntil: 'load' });
  return p;
}

// The WCAG 2.1 A/AA violations on the page, each printed so a failing test
// says what to fix.
// axe runs in the page itself (legacy mode: the page has no frames of
// another origin to reach) and reports the nodes of violations only; both
// halve the time of a check (1.7 s to 0.6 s on a 2-core machine), the same
// rules and the same findings.
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true)
    .options({ resultTypes: ['violations'] }).analyze();
  for (const v of result.violations) {
    console.log(`axe ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`  ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`);
  }
  return [...result.violations.map((v) => v.id), ...(await validHtml(page))];
}

// axe needs JavaScript. A page that a test drives without it (p, from
// newPage) is opened again, at its address and with its cookies, in a
// context that runs scripts, and checked at 1280 and at 390 px; shot names
// screenshots of both. One such context per browser serves every check: a
// new context costs Chromium more than the check itself.
const scripted = new WeakMap(); // browser → { context, page }
export async function axeWithScripts(browser, p, what, { shot } = {}) {
  let s = scripted.get(browser);
  if (!s || !browser.isConnected()) {
    const context = await browser.newContext({ locale: 'nl-NL', viewport: { width: 1280, height: 900 } });
    s = { context, page: await context.newPage() };
    scripted.set(browser, s);
  }
  await s.context.clearCookies();
  await s.context.addCookies((await p.context.storageState()).cookies);
  await s.page.setViewportSize({ width: 1280, height: 900 });
  await s.page.goto(p.page.url());
  const wide = await axeViolations(s.page);
  if (shot) await shoot(s.page, shot);
  await s.page.setViewportSize({ width: 390, height: 844 });
  const narrow = await axeViolations(s.page);
  if (shot) await shoot(s.page, `${shot}-390`);
  return { [`axe on ${what}`]: wide, [`axe on ${what} at 390 px`]: narrow };
}

// The HTML errors of every document the page has loaded so far.
export async function validHtml(page) {
  const html = pending.get(page);
  if (!html) return [];
  await Promise.all(html.checks);
  for (const e of html.errors) console.log(e);
  return [...new Set(html.errors)];
}

export async function shoot(page, name, { fullPage = true } = {}) {
  const path = `/tmp/samen-${name}.png`;
  await page.screenshot({ path, fullPage });
  return path;
}

// The text (whitespace collapsed) of the first row whose header cell
// starts with label, in the first table whose caption contains caption.
export async function rowText(page, caption, label) {
  const text = await page.evaluate(([caption, label]) => {
    const table = [...document.querySelectorAll('table')].find((t) => t.caption?.innerText.includes(caption));
    if (!table) return null;
    const row = [...table.tBodies[0].rows].find((r) => r.querySelector('th')?.innerText.trim().startsWith(label));
    return row ? row.innerText : null;
  }, [caption, label]);
  if (text === null) throw new Error(`no row '${label}' in a table with caption '${caption}'`);
  return text.replace(/\s+/g, ' ').trim();
}
