// Chromium for the page tests: Debian's /usr/bin/chromium driven by
// playwright-core, accessibility checked by axe-core.
//   const browser = await launchBrowser();
//   const { page, problems } = await openPage(browser, url);   // problems: console errors, CSP, page errors
//   const violations = await axeViolations(page);              // [] when WCAG 2.1 A/AA is met
//   await shoot(page, 'home');                                  // /tmp/samen-home.png
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A fresh context and page that records everything the browser complains
// about: console errors (a CSP refusal is one), uncaught page errors, failed
// requests and answers of 400 or more for anything but the page itself.
export async function newPage(browser, { javaScriptEnabled = true, viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ javaScriptEnabled, viewport, locale: 'nl-NL' });
  const page = await context.newPage();
  const problems = [];
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
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  for (const v of result.violations) {
    console.log(`axe ${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 5)) console.log(`  ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`);
  }
  return result.violations.map((v) => v.id);
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
