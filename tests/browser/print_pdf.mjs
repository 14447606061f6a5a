// Print the whole book (the built site's print_page.html) to a PDF with Debian's Chromium.
//
// usage: node print_pdf.mjs <site-dir> <out.pdf>
// prints JSON: { pages, ms, fitted, overflow } where `overflow` lists every
// element still wider than the printed page (it would be cut at the edge):
// tests/test_book_pdf.py asserts it is empty.
//
// The page is laid out for print (print media, the width of the printed
// column), every interactive figure is started and every lazy image loaded,
// then each display formula wider than the column is zoomed to fit it
// (`fitted` counts them). Chromium writes page numbers in the footer, a
// bookmark outline from the headings (`outline`, which needs `tagged`) and
// embeds the subset fonts it used (KaTeX's among them); SVG figures stay
// vector.
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, resolve, sep } from "node:path";
import { chromium } from "playwright-core";

const [siteDir, out] = process.argv.slice(2);
const page_html = resolve(siteDir, "print_page.html");
if (!existsSync(page_html)) {
  process.stderr.write(`no ${page_html}: build the site first (./book build)\n`);
  process.exit(2);
}
// A4 with 14 mm side margins: the printed column is 182 mm wide, in CSS px.
const MARGIN = { top: "16mm", bottom: "16mm", left: "14mm", right: "14mm" };
const COLUMN = Math.floor(((210 - 28) / 25.4) * 96);

// The site served on localhost, as a static host would (Material's search
// refuses file:// URLs).
const TYPES = {
  ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
};
const root = resolve(siteDir);
const server = createServer((req, res) => {
  const file = resolve(root, "." + decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}`;

const clock = Date.now();
const ms = {};
let last = clock;
const lap = (name) => { const now = Date.now(); ms[name] = now - last; last = now; };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
  ],
});
const context = await browser.newContext({ viewport: { width: COLUMN, height: 1000 } });
const page = await context.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
// Nothing from another host (the site is offline): refuse it, and say so.
await page.route((url) => !url.href.startsWith(base) && !url.href.startsWith("data:"), (route) => {
  errors.push(`request to ${route.request().url()}`);
  route.abort();
});
page.on("response", (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
await page.emulateMedia({ media: "print", colorScheme: "light" });
await page.goto(`${base}/print_page.html`, { waitUntil: "load" });
lap("load");

// Every lazy image now, every interactive figure started (they start when
// scrolled near), every font in.
await page.evaluate(async () => {
  const images = [...document.querySelectorAll("img")];
  for (const img of images) img.loading = "eager";
  await Promise.all(images.map((img) => (img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; }))));
  window.dispatchEvent(new Event("beforeprint"));
  for (const root of document.querySelectorAll(".gdb-interactive")) {
    root.scrollIntoView({ block: "center" });
    const t0 = performance.now();
    while (root.dataset.gdbReady !== "1" && performance.now() - t0 < 8000) {
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
  }
  window.scrollTo(0, 0);
  await document.fonts.ready;
});
lap("figures, images, fonts");

// Display formulas wider than the column: zoomed to the column's width.
const fitted = await page.evaluate(() => {
  let n = 0;
  for (const box of document.querySelectorAll(".gdb-math, .katex-display")) {
    if (box.parentElement.closest(".gdb-math, .katex-display")) continue;
    const inner = box.scrollWidth;
    const room = box.clientWidth;
    if (inner > room + 1) {
      box.style.zoom = String(Math.floor((room / inner) * 1000) / 1000);
      n += 1;
    }
  }
  return n;
});
lap("fit");

// What is still wider than the column (cut at the page edge when printed):
// an element whose right edge passes the column's, or a scroll box whose
// content is wider than the box (print shows no scroll bar). One report per
// outermost offender, with the section (page) it is in.
const overflow = await page.evaluate(() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  const article = document.querySelector("article") || document.body;
  // Inside a formula or an SVG only the formula or the drawing as a whole
  // counts (KaTeX's MathML copy for screen readers is clipped on purpose).
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (el) => (el.parentElement?.closest(".katex, svg") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let el = walker.nextNode(); el; el = walker.nextNode()) {
    const rect = el.getBoundingClientRect();
    if (!rect.width || !rect.height) continue;
    const style = getComputedStyle(el);
    const clips = style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1;
    if (rect.right > width + 1 || rect.left < -1 || clips) {
      const section = el.closest(".gdb-print-section");
      const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
      found.push({
        section: section?.id || "?",
        heading: section?.querySelector("h1")?.textContent.replace("\u00b6", "").trim() || "",
        element: el.tagName.toLowerCase() + cls,
        text: (el.textContent || el.getAttribute("src") || "").replace(/\s+/g, " ").trim().slice(0, 80),
        right: Math.round(rect.right), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, width,
      });
      // Its descendants stick out with it: one report, for the outermost.
      let last = el;
      while (last.lastElementChild) last = last.lastElementChild;
      walker.currentNode = last;
    }
  }
  return found;
});
lap("measure");

const title = await page.title();
await page.pdf({
  path: out,
  format: "A4",
  margin: MARGIN,
  printBackground: true,
  outline: true,
  tagged: true,
  displayHeaderFooter: true,
  headerTemplate: `<div style="font-size:7px;width:100%;padding:0 14mm;color:#555;font-family:sans-serif">${title.replace(/[<&]/g, "")}</div>`,
  footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#333;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
});
lap("pdf");
await browser.close();
server.close();
ms.total = Date.now() - clock;
process.stdout.write(JSON.stringify({ out, ms, fitted, overflow, errors }, null, 1));
