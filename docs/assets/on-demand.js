// What rendering on demand needs. The article's blocks render only when
// near the screen (content-visibility: auto, docs/assets/gdbook.css); until
// then each takes an estimated height and its content is not laid out.
//
// 1. The reader's place. A position worked out from estimated heights lands
//    a little off once the blocks around it render. Chromium keeps a link
//    target in place while a page loads, but not for the jumps made after:
//    - a link to a place on the page (an equation, a heading of the table
//      of contents) or to a place on another page opened by Material's
//      instant navigation: the target is held where the browser put it;
//    - back and forward (Material restores the page's scroll offset, a
//      number measured when other blocks had rendered) and a reload: the
//      block that was at the top of the screen when the reader left is put
//      back there.
//    Each hold lasts until the blocks near it have rendered (1.5 s at most)
//    and ends at once when the reader scrolls, touches or types.
// 2. Code blocks. Material cannot see that a block not laid out is wider
//    than its column, so the keyboard could not reach it to scroll it: that
//    is worked out from its text. And a copy button pressed while its block
//    is not laid out (a script's click; a reader's button is on screen) gets
//    the block, and what it sits in, rendered first, so the copy handler can
//    read its text (innerText is empty in a block that is not laid out).
// tests/browser/check_anchors.mjs checks the place; the browser gate's axe
// (scrollable-region-focusable) and copy checks the code blocks.
(() => {
  "use strict";
  const HOLD_MS = 1500;
  const SAVE_MS = 150;
  let holding = 0;

  // 1. The reader's place.
  // Move the page so that `el`'s top stays at `top` (viewport px), frame by frame.
  function hold(el, top) {
    const id = ++holding;
    const until = performance.now() + HOLD_MS;
    const step = () => {
      if (holding !== id || !el.isConnected || performance.now() > until) return;
      const dy = el.getBoundingClientRect().top - top;
      if (Math.abs(dy) >= 1) window.scrollBy(0, dy);
      requestAnimationFrame(step);
    };
    step();
  }
  for (const type of ["wheel", "touchstart", "keydown", "pointerdown"]) {
    addEventListener(type, () => { holding = 0; }, { capture: true, passive: true });
  }

  // A jump to #id after the page has loaded: the target held where the
  // browser puts it (its scroll-margin-top below the top of the screen).
  function holdTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const el = id && document.getElementById(id);
    if (el && el.closest("article")) hold(el, parseFloat(getComputedStyle(el).scrollMarginTop) || 0);
  }
  addEventListener("hashchange", holdTarget);

  // The reader's place: the first block of the article below the header,
  // and where its top is, saved per page as the reader scrolls or clicks.
  const blocks = () => document.querySelectorAll(
    "article.md-content__inner > :not(.gdb-print-section), article.md-content__inner > .gdb-print-section > *",
  );
  const key = () => `gdb-place ${location.pathname}`;
  function place() {
    const all = blocks();
    const header = document.querySelector(".md-header");
    const line = header ? header.getBoundingClientRect().bottom : 0;
    let lo = 0;
    let hi = all.length - 1;
    if (hi < 0) return null;
    while (lo < hi) { // the first block whose bottom is below the header
      const mid = (lo + hi) >> 1;
      if (all[mid].getBoundingClientRect().bottom > line) hi = mid;
      else lo = mid + 1;
    }
    return { index: lo, top: all[lo].getBoundingClientRect().top, y: window.scrollY };
  }
  function save() {
    const here = place();
    if (here) {
      try { sessionStorage.setItem(key(), JSON.stringify(here)); } catch { /* storage off */ }
    }
  }
  // `entry`: Material keeps the scroll offset of each history entry in its
  // state; the saved place is this entry's only if it was saved at that
  // offset (the page may have been visited again since).
  function restore(entry) {
    let saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(key()) || "null"); } catch { /* storage off */ }
    const el = saved && blocks()[saved.index];
    const offset = history.state && typeof history.state.y === "number" ? history.state.y : null;
    if (el && (!entry || (offset !== null && Math.abs(offset - saved.y) < 4))) hold(el, saved.top);
  }
  let timer = 0;
  addEventListener("scroll", () => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_MS);
  }, { passive: true });
  addEventListener("click", save, { capture: true });
  addEventListener("pagehide", save);

  // Back, forward and reload: within Material's instant navigation (its
  // document$ emits once the page is swapped in and scrolled), or a full load.
  // Material keeps a scroll offset in the state of the history entries it
  // has seen: a page swapped in with one is a return to it (back, forward);
  // one swapped in without, at a #id, is held like a jump on the page (no
  // hashchange: the address already has the #id).
  let swaps = 0;
  if (window.document$) {
    window.document$.subscribe(() => {
      if (swaps++ === 0) return; // the page as loaded
      if (history.state && typeof history.state.y === "number") requestAnimationFrame(() => restore(true));
      else if (location.hash) requestAnimationFrame(holdTarget);
    });
  }
  const navigation = performance.getEntriesByType("navigation")[0];
  if (navigation && (navigation.type === "back_forward" || navigation.type === "reload")) {
    addEventListener("load", () => requestAnimationFrame(() => restore(false)), { once: true });
  }

  // 2. Code blocks. Material makes a block wider than its column focusable
  // (where the pointer can hover), so the keyboard can scroll it; it decides
  // when the page loads, from the block's scroll width, which a block not
  // laid out does not have. Here the width comes from the text: the longest
  // line, in characters of the monospaced code font, against the column.
  const hover = matchMedia("(hover)").matches;
  let advance = 0; // width of one character of the code font, per px of font size
  function wideBlocks() {
    const codes = document.querySelectorAll("article pre > code");
    if (!hover || !codes.length) return;
    if (!advance) {
      const probe = document.createElement("code");
      probe.style.cssText = "position:absolute;visibility:hidden;white-space:pre;font-size:100px;padding:0;content-visibility:visible";
      probe.textContent = "0".repeat(10);
      codes[0].parentElement.append(probe);
      advance = probe.getBoundingClientRect().width / 1000;
      probe.remove();
    }
    for (const code of codes) {
      const style = getComputedStyle(code);
      const cols = Math.max(...code.textContent.replace(/\n$/, "").split("\n").map((line) => line.length));
      const column = code.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (cols * advance * parseFloat(style.fontSize) > column + 1) code.setAttribute("tabindex", "0");
    }
  }
  if (window.document$) window.document$.subscribe(() => requestAnimationFrame(wideBlocks));
  let resized = 0;
  addEventListener("resize", () => {
    clearTimeout(resized);
    resized = setTimeout(wideBlocks, 200);
  });

  // The copy of a block that is not laid out.
  // Capture on window: before the book's copy handler (on document) reads it.
  window.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest("[data-clipboard-target]");
    const code = button && document.querySelector(button.getAttribute("data-clipboard-target"));
    for (let el = code; el && el.tagName !== "ARTICLE"; el = el.parentElement) {
      if (getComputedStyle(el).contentVisibility === "auto") el.style.contentVisibility = "visible";
    }
  }, true);
})();
