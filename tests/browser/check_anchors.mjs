// Do links to a place in a page still land there now that the article's
// blocks render on demand (content-visibility: auto in docs/assets/gdbook.css)?
//
//   node tests/browser/check_anchors.mjs BASE_URL PAGE#ID ... [--click PAGE PAGE#ID ...] [--back PAGE ...]
//
// For each target, at phone and at desktop size: the page is opened at
// PAGE#ID as served, and again with a stylesheet that turns
// content-visibility off (the layout before the change); the target's top
// in the viewport must be the same in both, on screen, and still there a
// moment later (when the blocks around it have rendered). With --click, a
// reader on the first page clicks its first link to the second (Material's
// instant navigation swaps the page and scrolls to the target). With
// --back, a reader scrolls PAGE half-way down, follows a link to another
// page and comes back (instant navigation, then a reload): the block at the
// top of the screen must be the same, at the same place. Also
// reported: how many blocks of each page skip rendering on screen and in
// print (none may in print: the PDF is printed from the same pages).
// Prints one JSON report; tests/test_book_browser.py asserts on it.
import { createRequire } from "node:module";

const require = createRequire(new URL("../../package.json", import.meta.url));
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const base = args.shift();
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return [];
  let j = i + 1;
  while (j < args.length && !args[j].startsWith("--")) j++;
  return args.slice(i + 1, j);
};
const first = args.findIndex((a) => a.startsWith("--"));
const targets = first < 0 ? args : args.slice(0, first);
const clickArgs = option("--click");
const clicks = [];
for (let i = 0; i + 1 < clickArgs.length; i += 2) clicks.push([clickArgs[i], clickArgs[i + 1]]);
const backs = option("--back");

const VIEWPORTS = { phone: { width: 412, height: 823 }, desktop: { width: 1280, height: 900 } };
const OFF = "@media screen { * { content-visibility: visible !important; } }";
const SETTLE_MS = 600;

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function where(page, id) {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return null;
    const header = document.querySelector(".md-header");
    return {
      top: Math.round(el.getBoundingClientRect().top),
      headerBottom: header ? Math.round(header.getBoundingClientRect().bottom) : 0,
      innerHeight: window.innerHeight,
      scrollY: Math.round(window.scrollY),
    };
  }, id);
}

async function open(context, url, { off = false } = {}) {
  const page = await context.newPage();
  // Material swaps in only pages its sitemap lists, by the published host
  // (site_url): served with this server's origin, as the gate does.
  await page.route(/\/sitemap\.xml$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/https?:\/\/[^/<]+/g, new URL(base).origin);
    await route.fulfill({ response, body });
  });
  if (off) {
    await page.route(/\/assets\/gdbook\.css$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, body: `${await response.text()}\n${OFF}\n` });
    });
  }
  await page.goto(url, { waitUntil: "load" });
  await frames(page);
  return page;
}

async function skipped(page) {
  const count = () => page.evaluate(() => [...document.querySelectorAll("article *")]
    .filter((el) => getComputedStyle(el).contentVisibility === "auto").length);
  const screen = await count();
  await page.emulateMedia({ media: "print" });
  const print = await count();
  await page.emulateMedia({ media: "screen" });
  return { screen, print };
}

// The first block of the article below the header, and where its top is.
const topBlock = (page) => page.evaluate(() => {
  const line = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const all = [...document.querySelectorAll("article.md-content__inner > *")];
  const index = all.findIndex((el) => el.getBoundingClientRect().bottom > line);
  return { index, top: Math.round(all[index].getBoundingClientRect().top), y: Math.round(scrollY) };
});

async function back(context, path) {
  const page = await open(context, `${base}/${path}`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height / 2; y += 1500) { // scrolled to, as a reader would
    await page.evaluate((y) => window.scrollTo(0, y), y);
    await frames(page);
  }
  await page.waitForTimeout(300);
  const before = await topBlock(page);
  await page.evaluate(() => { window.gdbMark = 1; });
  await page.evaluate(() => { // the page's last link to another page of the book
    const links = [...document.querySelectorAll("article a[href]")].filter((a) => a.origin === location.origin
      && a.pathname !== location.pathname && a.pathname.endsWith(".html"));
    links[links.length - 1].click();
  });
  await page.waitForFunction((path) => !location.pathname.endsWith(path), path, { timeout: 15000 }).catch(() => {});
  await page.waitForTimeout(SETTLE_MS);
  await page.goBack();
  await page.waitForFunction((path) => location.pathname.endsWith(path), path, { timeout: 15000 }).catch(() => {});
  await page.waitForTimeout(SETTLE_MS * 2);
  const instant = await page.evaluate(() => window.gdbMark === 1);
  const afterBack = await topBlock(page);
  await page.reload({ waitUntil: "load" });
  await page.waitForTimeout(SETTLE_MS * 2);
  const afterReload = await topBlock(page);
  await page.close();
  return { path, instant, before, afterBack, afterReload };
}

const report = { targets: [], clicks: [], backs: [], blocks: {} };
// The two sizes side by side (two cores), each in a context of its own.
async function check(name, viewport) {
  const context = await browser.newContext({ viewport });
  for (const target of targets) {
    const [path, id] = target.split("#");
    const page = await open(context, `${base}/${target}`);
    const landed = await where(page, id);
    await page.waitForTimeout(SETTLE_MS);
    const settled = await where(page, id);
    if (!(path in report.blocks)) report.blocks[path] = await skipped(page);
    await page.close();
    const ref = await open(context, `${base}/${target}`, { off: true });
    const reference = await where(ref, id);
    await ref.close();
    report.targets.push({ viewport: name, target, landed, settled, reference });
  }
  for (const [from, target] of clicks) {
    const [path, id] = target.split("#");
    const page = await open(context, `${base}/${from}`);
    const link = page.locator(`article a[href$="${target}"]`).first();
    let landed = null;
    let settled = null;
    let instant = false;
    if (await link.count()) {
      await page.evaluate(() => { window.gdbMark = 1; });
      await link.click();
      await page.waitForFunction((id) => location.hash === `#${id}` && document.getElementById(id), id, { timeout: 15000 }).catch(() => {});
      await frames(page);
      landed = await where(page, id);
      await page.waitForTimeout(SETTLE_MS);
      settled = await where(page, id);
      instant = await page.evaluate(() => window.gdbMark === 1);
    }
    await page.close();
    const ref = await open(context, `${base}/${target}`, { off: true });
    const reference = await where(ref, id);
    await ref.close();
    report.clicks.push({ viewport: name, from, target, path, instant, landed, settled, reference });
  }
  for (const path of backs) report.backs.push({ viewport: name, ...(await back(context, path)) });
  await context.close();
}
await Promise.all(Object.entries(VIEWPORTS).map(([name, viewport]) => check(name, viewport)));
await browser.close();
process.stdout.write(JSON.stringify(report, null, 1));
