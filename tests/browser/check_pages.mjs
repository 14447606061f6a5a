// Open pages of the built site in Debian's Chromium and report what a reader gets.
// usage: node check_pages.mjs <base-url> <screenshot-dir> <page> [<page> ...]
// prints JSON: one report per page.
import { chromium } from "playwright-core";

const [base, shots, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
  ],
});
const origin = new URL(base).origin;
const reports = [];
for (const path of pages) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const report = { path, external: [], failed: [], errors: [], bytes: 0, resources: [] };
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) report.external.push(r.url()); });
  page.on("requestfailed", (r) => report.failed.push(r.url()));
  page.on("response", async (r) => {
    if (r.status() >= 400) report.failed.push(`${r.status()} ${r.url()}`);
    try {
      const n = (await r.body()).length;
      report.bytes += n;
      report.resources.push([r.url().slice(origin.length), n]);
    } catch { /* redirects have no body */ }
  });
  page.on("pageerror", (e) => report.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") report.errors.push(m.text()); });
  await page.goto(`${base}/${path}`, { waitUntil: "networkidle" });
  // Scroll through the page so lazy images load.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 30)); }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState("networkidle");
  Object.assign(report, await page.evaluate(() => {
    const article = document.querySelector("article") || document.body;
    const clone = article.cloneNode(true);
    clone.querySelectorAll("pre, code, script, style, .katex").forEach((n) => n.remove());
    const text = clone.innerText;
    const images = [...document.querySelectorAll("article img")].map((img) => ({
      src: img.getAttribute("src"), alt: img.alt, loaded: img.complete && img.naturalWidth > 0,
    }));
    const katex = document.querySelectorAll(".katex").length;
    const katexFont = getComputedStyle(document.querySelector(".katex") || document.body).fontFamily;
    return {
      rawMath: ["$", "\\(", "\\[", "GDBMATH"].filter((m) => text.includes(m)),
      images, katex, katexFont,
      fontsLoaded: [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family),
    };
  }));
  // The copy button of the first doctest block copies runnable code only.
  const button = page.locator("article [data-clipboard-target]:visible").first();
  if (await button.count()) {
    await button.scrollIntoViewIfNeeded();
    await button.click();
    report.copied = await button.getAttribute("data-clipboard-text");
  }
  // Search runs in a web worker on the site's own index.
  if (path === "index.html") {
    await page.locator("input.md-search__input").click();
    await page.keyboard.type("backpropagation", { delay: 10 });
    await page.waitForSelector(".md-search-result__item", { timeout: 15000 }).catch(() => {});
    report.searchHits = await page.locator(".md-search-result__item").count();
    await page.keyboard.press("Escape");
  }
  // The explorer redraws live: plain descent stops in the shallow well,
  // momentum crosses to the deep one.
  if (await page.locator(".gdb-explorer").count()) {
    const read = () => page.evaluate(() => ({
      where: document.querySelector("[data-gdb=where]").textContent,
      status: document.querySelector("[data-gdb=status]").textContent,
      path: document.querySelector(".gdb-ex-plot path[d]")?.getAttribute("d")?.length || 0,
    }));
    await page.locator("[data-gdb=surface]").selectOption("double_well");
    await page.locator("[data-gdb=mu]").fill("0");
    report.explorerPlain = await read();
    await page.locator("[data-gdb=mu]").fill("0.9");
    report.explorerMomentum = await read();
  }
  await page.screenshot({ path: `${shots}/${path.replaceAll("/", "_")}-light.png` });
  // Dark mode: the palette toggle switches the scheme; figures stay on white.
  const toggle = page.locator("label.md-header__button[for^='__palette']:visible").first();
  if (await toggle.count()) {
    await toggle.click();
    report.scheme = await page.evaluate(() => document.body.getAttribute("data-md-color-scheme"));
    const fig = page.locator("img.gdb-figure").first();
    if (await fig.count()) {
      await fig.scrollIntoViewIfNeeded();
      report.figureBackground = await fig.evaluate((el) => getComputedStyle(el).backgroundColor);
    }
    await page.screenshot({ path: `${shots}/${path.replaceAll("/", "_")}-dark.png` });
  }
  reports.push(report);
  await context.close();
}
await browser.close();
process.stdout.write(JSON.stringify(reports, null, 1));
