// Open pages of the built site in Debian's Chromium and report what a reader gets.
//
// usage: node check_pages.mjs <base-url> <screenshot-dir|-> <page> [<page> ...]
// prints JSON: one report per page. The report holds observations only; the
// Python side (tests/browser_gate.py) turns them into problems, each naming
// the page and the reason.
//
// Per page: requests that leave the site, failed requests, script errors,
// raw TeX left in the text, KaTeX fonts, figures (loaded, alt text, white
// background in dark mode), axe-core violations in light and dark mode, what
// every copy button puts on the clipboard, and the interactive figures
// (`.gdb-interactive` roots, see interactiveAtLoad / operate / phoneWidth):
// lazy set-up, initialisation, every control operated from the keyboard,
// accessible names, errors while operating them, width on a phone.
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");
const [base, shots, ...pages] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
  ],
});
const origin = new URL(base).origin;

// `only`: a list of rule ids to run instead of the WCAG 2.1 AA and
// best-practice tags; `set aside`: selectors of subtrees taken out of the
// document while axe runs and put back right after (axe's own `exclude`
// still walks them, and costs more than the audit).
async function axe(page, { only = null, setAside = [] } = {}) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.addScriptTag({ path: AXE });
  }
  return page.evaluate(async ({ only, setAside }) => {
    const held = [];
    if (setAside.length) {
      const selector = setAside.join(", ");
      for (const el of document.querySelectorAll(selector)) {
        if (el.parentElement.closest(selector)) continue;
        const stub = document.createElement("span");
        el.replaceWith(stub);
        held.push([stub, el]);
      }
    }
    try {
      const result = await window.axe.run(document, {
        runOnly: only
          ? { type: "rule", values: only }
          : { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        resultTypes: ["violations"],
      });
      return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => ({
          target: n.target.join(" "), html: n.html.slice(0, 160), summary: n.failureSummary.slice(0, 300),
        })),
        count: v.nodes.length,
      }));
    } finally {
      for (const [stub, el] of held) stub.replaceWith(el);
    }
  }, { only, setAside });
}

// Dark mode changes colours only (the palette toggle swaps Material's colour
// variables; the DOM is the same), so in dark mode axe runs its colour rules.
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];
// The print page repeats every chapter's formulas, code blocks and figures,
// which axe audits on the chapter pages in both modes (nine tenths of the
// whole book's DOM is typeset math): on the print page they are set aside
// and axe audits the rest (headings, ids, links, landmarks, the cover, the
// table of contents, the prose and the static figures).
const PRINT_REPEATS = [".katex", ".highlight", ".gdb-interactive"];

// The clipboard is one for the whole browser: pages copy one at a time.
let clipboardFree = Promise.resolve();
function withClipboard(task) {
  const run = clipboardFree.then(task);
  clipboardFree = run.catch(() => {});
  return run;
}

async function copies(page) {
  // Press every copy button of the article in order and read the clipboard.
  // Collapsed solutions are opened first, as a reader would.
  return page.evaluate(async () => {
    const out = [];
    const buttons = [...document.querySelectorAll("article [data-md-type=copy]")];
    for (const [index, button] of buttons.entries()) {
      for (let d = button.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
      // What kind of block: the package's code embedded in a chapter (titled
      // with its file) or on an API page (under "Source code in ..."), a
      // signature on an API page, a doctest, or plain code.
      const table = button.closest(".highlighttable");
      const details = button.closest("details.mkdocstrings-source");
      const file = table?.querySelector(".filename")?.textContent?.trim()
        || details?.querySelector("summary code")?.textContent?.trim() || null;
      const first = table?.querySelector(".linenos .normal")?.textContent?.trim();
      const code = document.querySelector(button.getAttribute("data-clipboard-target"));
      // A block in another language, wrapped in <div class="gdb-not-python">
      // (the BibTeX of "Cite this book" on the home page), is not run.
      const kind = file ? "source" : button.closest(".doc-signature") ? "signature"
        : button.closest(".gdb-not-python") ? "other"
        : code?.querySelector(".gp") ? "doctest" : "code";
      await navigator.clipboard.writeText("");
      button.click();
      await new Promise((r) => setTimeout(r, 0));
      out.push({
        index, kind, file,
        firstLine: first ? Number(first) : null,
        text: await navigator.clipboard.readText(),
      });
    }
    return out;
  });
}

// Interactive figures (issue 14). A figure is a `.gdb-interactive` root named
// by its data-gdb-interactive slug; it sets data-gdb-ready="1" after its
// first draw and counts its draws in data-gdb-draws. Observations only.
const READY_MS = 8000; // bounded wait for a figure to initialise
const NEAR = 600; // px below the viewport: farther than a figure's rootMargin (~300 px)
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function interactiveAtLoad(page) {
  // Before anything scrolls: where each root is and whether it was drawn.
  await frames(page);
  return page.evaluate((near) => [...document.querySelectorAll(".gdb-interactive")].map((root, i) => ({
    slug: root.dataset.gdbInteractive || `#${i + 1}`,
    top: Math.round(root.getBoundingClientRect().top),
    fold: window.innerHeight,
    far: root.getBoundingClientRect().top > window.innerHeight + near,
    readyAtLoad: root.dataset.gdbReady ?? null,
    drawsAtLoad: root.dataset.gdbDraws ?? null,
  })), NEAR);
}

// The drawing and the readouts of root number `i`, as text to compare.
function snapshot(page, i) {
  return page.evaluate((i) => {
    const root = document.querySelectorAll(".gdb-interactive")[i];
    const parts = [...root.querySelectorAll("svg")].filter((s) => !s.parentElement.closest("svg")).map((s) => s.outerHTML);
    for (const c of root.querySelectorAll("canvas")) {
      try { parts.push(c.toDataURL()); } catch (e) { parts.push(`canvas: ${e}`); }
    }
    for (const o of root.querySelectorAll("output, [aria-live]")) parts.push(o.textContent);
    return { drawing: parts.join("\n"), draws: Number(root.dataset.gdbDraws || 0) };
  }, i);
}

// The key a reader presses to change a control, chosen from its state.
function keyFor(c) {
  if (c.type === "range" || c.type === "number") return Number(c.value) >= Number(c.max) ? "ArrowLeft" : "ArrowRight";
  if (c.tag === "select") return c.selectedIndex >= c.options - 1 ? "ArrowUp" : "ArrowDown";
  if (c.type === "radio") return "ArrowRight";
  return "Space"; // checkboxes and buttons
}

async function operate(page, i, errors, press = true) {
  // Scroll root i near, wait for it to be ready, then press a key on each control.
  const root = page.locator(".gdb-interactive").nth(i);
  const fig = { ready: false, controls: [], errors: [] };
  const errorsBefore = errors.length;
  await root.evaluate((r) => r.scrollIntoView({ block: "center" }));
  const start = Date.now();
  fig.ready = await page.waitForFunction(
    (r) => r.dataset.gdbReady === "1", await root.elementHandle(), { timeout: READY_MS, polling: 50 },
  ).then(() => true, () => false);
  fig.readyMs = Date.now() - start;
  fig.pressed = press;
  if (fig.ready && press) {
    const n = await root.locator("[data-gdb-control]").count();
    for (let k = 0; k < n; k++) {
      const control = root.locator("[data-gdb-control]").nth(k);
      const c = await control.evaluate((el) => {
        const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : "");
        const by = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean)
          .map((id) => text(document.getElementById(id))).join(" ").trim();
        const labels = [...(el.labels || [])].map(text).join(" ").trim();
        const own = el.tagName === "BUTTON" ? text(el) : el.type === "button" || el.type === "submit" ? el.value : "";
        return {
          name: el.dataset.gdbControl,
          tag: el.tagName.toLowerCase(),
          type: (el.type || "").toLowerCase(),
          label: by || (el.getAttribute("aria-label") || "").trim() || labels || own.trim() || (el.title || "").trim(),
          disabled: el.disabled === true,
          value: el.type === "checkbox" || el.type === "radio" ? String(el.checked) : String(el.value ?? ""),
          max: el.max, selectedIndex: el.selectedIndex, options: el.options ? el.options.length : 0,
        };
      });
      c.key = keyFor(c);
      if (!c.disabled) {
        const before = await snapshot(page, i);
        const errs = errors.length;
        await control.focus();
        await page.keyboard.press(c.key);
        await frames(page);
        const after = await snapshot(page, i);
        c.valueAfter = await control.evaluate((el) => (el.type === "checkbox" || el.type === "radio" ? String(el.checked) : String(el.value ?? "")));
        c.drawsBefore = before.draws;
        c.drawsAfter = after.draws;
        c.changed = before.drawing !== after.drawing;
        c.errors = errors.slice(errs);
      }
      fig.controls.push(c);
    }
    await page.evaluate(() => document.activeElement?.blur());
  }
  fig.errors = errors.slice(errorsBefore);
  return fig;
}

async function phoneWidth(page) {
  // At 390x844 each root fits: nothing inside is wider than the root, and
  // the root is not wider than the page.
  await page.setViewportSize({ width: 390, height: 844 });
  const n = await page.locator(".gdb-interactive").count();
  const out = [];
  for (let i = 0; i < n; i++) {
    await page.locator(".gdb-interactive").nth(i).evaluate((r) => r.scrollIntoView({ block: "center" }));
    await frames(page);
    out.push(await page.locator(".gdb-interactive").nth(i).evaluate((r) => ({
      scrollWidth: r.scrollWidth, clientWidth: r.clientWidth,
      right: Math.round(r.getBoundingClientRect().right), page: document.documentElement.clientWidth,
    })));
  }
  return out;
}

// Reference previews (docs/assets/previews.js, issue 16): the first link of
// the article to an equation and the first to a figure are focused from the
// keyboard, the popover's content is read, then Escape must hide it. The
// preview of kind `keep` is opened again and left open, so that the page's
// own axe run audits it (an axe run of its own costs as much as the page's):
// the equation's in light mode, the figure's in dark.
async function previews(page, keep = null) {
  const out = [];
  const focus = async (kind) => {
    const found = await page.evaluate((kind) => {
      document.querySelector("[data-gdb-preview-probe]")?.removeAttribute("data-gdb-preview-probe");
      const links = [...document.querySelectorAll(`article a[href*="#${kind}-"]:not(.headerlink)`)];
      const link = links.find((a) => a.offsetParent !== null && !a.closest("details:not([open]), .gdb-interactive"));
      if (!link) return false;
      link.scrollIntoView({ block: "center" });
      link.setAttribute("data-gdb-preview-probe", kind);
      return true;
    }, kind);
    if (!found) return null;
    // Focus from elsewhere: focusing the link that already has the focus
    // (after Escape hid its popover) fires no focus event, and no popover.
    await page.evaluate(() => document.activeElement?.blur());
    await page.locator("[data-gdb-preview-probe]").focus();
    return page.waitForSelector("#gdb-preview:not([hidden])", { timeout: 3000 }).then(() => true, () => false);
  };
  for (const kind of ["eq", "fig"]) {
    const shown = await focus(kind);
    if (shown === null) continue;
    const seen = await page.evaluate(async (kind) => {
      const link = document.querySelector("[data-gdb-preview-probe]");
      const pop = document.getElementById("gdb-preview");
      const img = pop?.querySelector("img");
      if (img && !img.complete) await new Promise((r) => { img.onload = img.onerror = r; setTimeout(r, 3000); });
      const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : null);
      const box = pop && !pop.hidden ? pop.getBoundingClientRect() : null;
      return {
        kind, href: link.getAttribute("href"), link: text(link),
        role: pop?.getAttribute("role") ?? null,
        describedBy: link.getAttribute("aria-describedby"),
        text: pop ? text(pop).slice(0, 400) : null,
        katex: pop ? pop.querySelectorAll(".katex").length : 0,
        tag: text(pop?.querySelector(".katex-tag")),
        image: img ? { src: img.getAttribute("src"), alt: img.getAttribute("alt"), loaded: img.complete && img.naturalWidth > 0 } : null,
        caption: text(pop?.querySelector("figcaption")),
        onScreen: box ? box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
          && box.right <= document.documentElement.clientWidth && box.bottom <= window.innerHeight : false,
      };
    }, kind);
    seen.shown = shown;
    await page.keyboard.press("Escape");
    seen.hiddenAfterEscape = await page.evaluate(() => document.getElementById("gdb-preview")?.hidden ?? true);
    out.push(seen);
  }
  // The popover stays open for axe; if it does not come back, axe would
  // audit the page without it, so that is a problem too.
  if (keep && out.some((p) => p.kind === keep) && !(await focus(keep))) {
    out.push({ kind: keep, link: `the ${keep} link focused again for axe`, href: "", shown: false });
  }
  return out;
}

async function closePreview(page) {
  await page.evaluate(() => {
    document.querySelector("[data-gdb-preview-probe]")?.removeAttribute("data-gdb-preview-probe");
    document.activeElement?.blur();
    window.scrollTo(0, 0);
  });
}

// The left sidebar at 1280x900 (issue 16 item 5): the site title sits at
// its top while the navigation scrolls under it. At several scroll
// positions, any entry whose text shows (is what the pointer would hit)
// within 4 px below the title's last line of text overlaps the title.
// `fault` first puts back Material's own title style (no band below the
// text), which must be reported: the measurement's self-test.
const TITLE_FAULT = ".md-sidebar--primary .md-nav--primary > .md-nav__title { padding-bottom: 0 !important; margin-bottom: 0 !important; border-bottom: 0 !important; }";
async function sidebarOverlap(page, fault = false) {
  await page.setViewportSize({ width: 1280, height: 900 });
  const style = fault ? await page.addStyleTag({ content: TITLE_FAULT }) : null;
  await frames(page);
  const hits = await page.evaluate(async () => {
    const wrap = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
    const title = wrap?.querySelector(".md-nav--primary > .md-nav__title");
    if (!title || !title.getClientRects().length) return null;
    const out = [];
    const max = wrap.scrollHeight - wrap.clientHeight;
    for (const f of [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]) {
      wrap.scrollTop = Math.round(f * max);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const range = document.createRange();
      range.selectNodeContents(title);
      const textBottom = Math.max(...[...range.getClientRects()].map((r) => r.bottom));
      for (const link of wrap.querySelectorAll(".md-nav__link")) {
        const text = document.createRange();
        text.selectNodeContents(link);
        for (const r of text.getClientRects()) {
          const top = Math.max(r.top, textBottom), bottom = Math.min(r.bottom, textBottom + 4);
          if (!r.width || bottom <= top) continue;
          const hit = document.elementFromPoint(r.left + r.width / 2, (top + bottom) / 2);
          if (hit && link.contains(hit)) {
            out.push({ scrollTop: wrap.scrollTop, entry: link.textContent.replace(/\s+/g, " ").trim().slice(0, 60), gap: Math.round(r.top - textBottom) });
          }
        }
      }
    }
    wrap.scrollTop = 0;
    return out;
  });
  if (style) await style.evaluate((el) => el.remove());
  return hits;
}

// Instant navigation (issue 16 item 5; Material makes the links absolute,
// hence `href$=`): from the home page a reader clicks
// into chapter 1, then Next to chapter 2 and Previous back to chapter 1
// (its scripts run a second time). After each click: the page was swapped
// without a reload, and on the chapter KaTeX is there, the first copy button
// copies code, and the interactive figure initialises.
async function instantNavigation(context, errors) {
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`after instant navigation: ${e}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`after instant navigation: ${m.text()}`); });
  // Material takes the pages it may swap in from sitemap.xml, whose URLs
  // name the published host (site_url); it maps their scheme and host name
  // onto the page's but not the port, so on localhost nothing would match.
  // The sitemap is served with the gate's origin, as `mkdocs serve` does.
  await page.route(/\/sitemap\.xml$/, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/https?:\/\/[^/<]+/g, origin);
    await route.fulfill({ response, body });
  });
  await page.goto(`${base}/index.html`, { waitUntil: "networkidle" });
  await page.evaluate(() => { window.gdbGateMark = 1; });
  const steps = [];
  const clickTo = async (selector, want) => {
    const link = page.locator(selector).first();
    if (!(await link.count())) { steps.push({ selector, missing: true }); return false; }
    const before = await page.evaluate(() => document.querySelector("article h1")?.textContent);
    await link.click();
    // The URL changes at the click; the page is swapped in when fetched.
    await page.waitForFunction(({ want, before }) => location.pathname.endsWith(want)
      && document.querySelector("article h1")?.textContent !== before, { want, before }, { timeout: 15000 }).catch(() => {});
    await frames(page);
    const seen = await page.evaluate(async () => {
      const out = {
        url: location.pathname, instant: window.gdbGateMark === 1,
        h1: document.querySelector("article h1")?.textContent.replace("¶", "").trim() || null,
        katex: document.querySelectorAll("article .katex").length,
      };
      const button = document.querySelector("article [data-md-type=copy]");
      out.copyButton = !!button;
      if (button) {
        await navigator.clipboard.writeText("");
        button.click();
        await new Promise((r) => setTimeout(r, 50));
        out.copied = (await navigator.clipboard.readText()).slice(0, 200);
      }
      const root = document.querySelector(".gdb-interactive");
      out.interactive = root?.dataset.gdbInteractive || null;
      if (root) {
        root.scrollIntoView({ block: "center" });
        const t0 = performance.now();
        while (root.dataset.gdbReady !== "1" && performance.now() - t0 < 8000) await new Promise((r) => setTimeout(r, 50));
        out.ready = root.dataset.gdbReady === "1";
      }
      window.scrollTo(0, 0);
      return out;
    });
    steps.push({ selector, want, ...seen });
    return true;
  };
  (await withClipboard(async () => {
    await clickTo('article a[href$="/chapters/01-sum-of-squared-errors.html"]', "chapters/01-sum-of-squared-errors.html")
      && await clickTo("a.md-footer__link--next", "chapters/02-gradient-and-steepest-descent.html")
      && await clickTo("a.md-footer__link--prev", "chapters/01-sum-of-squared-errors.html");
  }));
  await page.close();
  return steps;
}

async function check(path) {
  const context = await browser.newContext({
    viewport: { width: 1200, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
  });
  const page = await context.newPage();
  // Timeouts here only bound a hang; they measure nothing. On a loaded
  // 2-core machine the whole book's page can keep its main thread busy for
  // longer than Playwright's default 30 s.
  page.setDefaultTimeout(120_000);
  const report = { path, external: [], failed: [], errors: [], bytes: 0, resources: [], ms: {} };
  // Where the gate's time goes, phase by phase (printed by browser_gate.py).
  let clock = Date.now();
  const lap = (phase) => { const now = Date.now(); report.ms[phase] = now - clock; clock = now; };
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) report.external.push(r.url()); });
  page.on("requestfailed", (r) => { if (r.url().startsWith(origin)) report.failed.push(r.url()); });
  page.on("response", async (r) => {
    if (r.status() >= 400) report.failed.push(`${r.status()} ${r.url()}`);
    try {
      const n = (await r.body()).length;
      report.bytes += n;
      report.resources.push([r.url().slice(origin.length), n]);
    } catch { /* redirects have no body */ }
  });
  page.on("pageerror", (e) => report.errors.push(String(e)));
  page.on("crash", () => report.errors.push("the page crashed (Chromium's renderer died)"));
  page.on("console", (m) => { if (m.type() === "error") report.errors.push(m.text()); });
  await page.goto(`${base}/${path}`, { waitUntil: "networkidle" });
  lap("load");
  const figures = await interactiveAtLoad(page);
  // Every image loads now: a reader's scroll would start the lazy ones, and
  // the gate checks each loaded (on the whole book, a scroll through the
  // page took half a minute). Interactive figures still start only when
  // scrolled to (`operate` scrolls to each).
  // (waitForLoadState("networkidle") would not wait: the page is already
  // in that state when the loads start, and it resolves at once.) Each image
  // is waited for until it has loaded or failed; a failure is reported below.
  // The wait is bounded (an image still loading after a minute is reported
  // as not loaded, not waited for forever).
  await page.evaluate(() => Promise.race([
    new Promise((done) => setTimeout(done, 60_000)),
    Promise.all([...document.querySelectorAll("img")].map((img) => {
      img.loading = "eager";
      return img.complete ? null : new Promise((done) => {
        img.addEventListener("load", done, { once: true });
        img.addEventListener("error", done, { once: true });
      });
    })),
  ]));
  lap("images");
  // Every interactive figure initialised and operated before axe runs, so
  // axe audits the figures as drawn (in both schemes).
  // The print page repeats every chapter's figures: there they must start
  // when scrolled to, but their controls are pressed on the chapter pages
  // (pressing them again on the whole book's DOM costs the gate minutes).
  const press = path !== "print_page.html";
  for (const [i, fig] of figures.entries()) Object.assign(fig, await operate(page, i, report.errors, press));
  report.interactive = figures;
  lap("figures");
  await page.evaluate(() => window.scrollTo(0, 0));
  // axe judges colours as they are when it runs: stop transitions, so it
  // never sees a colour halfway through a fade. Then check the page as loaded.
  await page.addStyleTag({ content: "*, *::before, *::after { transition: none !important; animation: none !important; }" });
  report.previews = await previews(page, "eq");
  lap("previews");
  report.axe = { light: await axe(page, path === "print_page.html" ? { setAside: PRINT_REPEATS } : {}) };
  lap("axe light");
  await closePreview(page);
  Object.assign(report, await page.evaluate(() => {
    // The article's text outside code, scripts and typeset math (a walk over
    // its text nodes: cloning and pruning the whole book's DOM took seconds).
    const article = document.querySelector("article") || document.body;
    const skip = (el) => el.closest("pre, code, script, style, .katex");
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (skip(n.parentElement) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const parts = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.nodeValue);
    const text = parts.join("");
    const raw = [];
    for (const m of ["$", "\\(", "\\[", "\\frac", "\\sum", "GDBMATH"]) {
      const at = text.indexOf(m);
      if (at >= 0) raw.push(text.slice(Math.max(0, at - 30), at + 40).replace(/\s+/g, " "));
    }
    const images = [...document.querySelectorAll("article img")].map((img) => ({
      src: img.getAttribute("src"), alt: img.getAttribute("alt"), loaded: img.complete && img.naturalWidth > 0,
    }));
    // A formula KaTeX rendered as an error (only if throwOnError were off).
    for (const e of document.querySelectorAll(".katex-error")) raw.push(`KaTeX error: ${e.title || e.textContent}`.slice(0, 120));
    return {
      rawMath: raw,
      images,
      katex: document.querySelectorAll(".katex").length,
      fontsLoaded: [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family),
    };
  }));
  lap("text");
  // Search runs in a web worker on the site's own index.
  if (path === "index.html") {
    await page.locator("input.md-search__input").click();
    await page.keyboard.type("backpropagation", { delay: 10 });
    await page.waitForSelector(".md-search-result__item", { timeout: 15000 }).catch(() => {});
    report.searchHits = await page.locator(".md-search-result__item").count();
    await page.keyboard.press("Escape");
  }
  // The explorer redraws live: plain descent stops in the shallow well,
  // momentum crosses to the deep one. Each reading keeps the settings and the
  // path as drawn (the SVG path's points, in pixels, and the view that maps
  // them), so the Python side can compare the drawing with gdbook's path.
  if (await page.locator(".gdb-explorer").count()) {
    const read = () => page.evaluate(() => {
      const q = (name) => document.querySelector(`[data-gdb=${name}]`);
      const surface = q("surface").value;
      return {
        where: q("where").textContent,
        status: q("status").textContent,
        surface,
        eta: q("eta-value").textContent,
        beta: Number(q("beta").value),
        steps: Number(q("steps").value),
        w0: [Number(q("w1").value), Number(q("w2").value)],
        path: document.querySelector(".gdb-ex-plot path.gdb-ex-path")?.getAttribute("d") || "",
        viewBox: q("plot").getAttribute("viewBox"),
        view: gdbookExplorer.SURFACES[surface].view,
      };
    });
    await page.locator("[data-gdb=surface]").selectOption("double_well");
    await page.locator("[data-gdb=beta]").fill("0");
    report.explorerPlain = await read();
    await page.locator("[data-gdb=beta]").fill("0.9");
    report.explorerMomentum = await read();
  }
  lap("search, explorer");
  if (shots !== "-") await page.screenshot({ path: `${shots}/${path.replaceAll("/", "_")}-light.png` });
  // Dark mode: the palette toggle switches the scheme; figures stay on white.
  const toggle = page.locator("label.md-header__button[for^='__palette']:visible").first();
  if (await toggle.count()) {
    await toggle.click();
    report.scheme = await page.evaluate(() => document.body.getAttribute("data-md-color-scheme"));
    report.darkFigures = await page.evaluate(() =>
      [...document.querySelectorAll("article img")].map((img) => ({
        src: img.getAttribute("src"), background: getComputedStyle(img).backgroundColor,
      })));
    // The print page is the chapters' content once more, each audited in
    // dark mode on its own page; the whole book's DOM is audited in light.
    lap("toggle");
    report.previewsDark = await previews(page, "fig");
    lap("previews dark");
    report.axe.dark = path === "print_page.html" ? [] : await axe(page, { only: COLOUR_RULES });
    lap("axe dark");
    await closePreview(page);
    if (shots !== "-") await page.screenshot({ path: `${shots}/${path.replaceAll("/", "_")}-dark.png` });
  }
  // Last, so the "Copied" notice does not linger in what axe sees. The print
  // page repeats the chapters' blocks; they are checked there.
  report.copies = path === "print_page.html" ? [] : await withClipboard(() => copies(page));
  lap("copy");
  if (figures.length) {
    const widths = await phoneWidth(page);
    if (widths.length !== figures.length) {
      report.errors.push(`${widths.length} interactive figures at phone width, ${figures.length} at load: a script added or removed one`);
    }
    for (const [i, width] of widths.entries()) if (figures[i]) figures[i].phone = width;
  }
  lap("phone");
  if (path !== "print_page.html") {
    report.sidebar = await sidebarOverlap(page);
    if (path.startsWith("labs/")) report.sidebarFault = await sidebarOverlap(page, true);
    lap("sidebar");
  }
  if (path === "index.html") {
    report.instant = await instantNavigation(context, report.errors);
    lap("instant navigation");
  }
  await context.close();
  return report;
}

// Two pages at a time (CI machines have two cores). The longest page, the
// whole book on one page, goes first so that it does not finish last alone.
const queue = [...pages].sort((a, b) => (b === "print_page.html") - (a === "print_page.html"));
const reports = [];
// A page the gate cannot finish checking (a timeout, a crash) is reported
// as a script problem on that page, with the gate's own error; the others
// are still checked.
const unchecked = (path, e) => ({
  path, external: [], failed: [], bytes: 0, resources: [], ms: {}, rawMath: [], images: [],
  katex: 0, fontsLoaded: [], axe: {}, copies: [], interactive: [], darkFigures: [], scheme: "slate",
  errors: [`the gate could not check this page: ${String(e && e.message || e).split("\n").slice(0, 3).join(" | ")}`],
});
const worker = async () => {
  while (queue.length) {
    const path = queue.shift();
    reports.push(await check(path).catch((e) => unchecked(path, e)));
  }
};
await Promise.all([worker(), worker()]);
reports.sort((a, b) => a.path.localeCompare(b.path));
await browser.close();
process.stdout.write(JSON.stringify(reports, null, 1));
