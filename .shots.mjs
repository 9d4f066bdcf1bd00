// usage: node .shots.mjs URL user pw width path1 path2 ...
import { chromium } from 'playwright-core';
const [url, user, pw, width, ...paths] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const ctx = await b.newContext({ viewport: { width: +width, height: 900 }, javaScriptEnabled: false, locale: 'nl-NL' });
const page = await ctx.newPage();
if (user !== '-') {
  await page.goto(url + '/inloggen');
  await page.getByLabel('Naam').fill(user);
  await page.getByLabel('Wachtwoord').fill(pw);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Aanmelden' }).click()]);
}
for (const p of paths) {
  const r = await page.goto(url + p);
  const name = `${user}${p.replace(/[^a-z0-9]+/gi, '_')}-${width}`.slice(0, 120);
  await page.screenshot({ path: `/tmp/ui/shots/${name}.png`, fullPage: true });
  const h = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(r.status(), p, `h=${h}`, `/tmp/ui/shots/${name}.png`);
}
await b.close();
