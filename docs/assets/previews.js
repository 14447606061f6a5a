// Reference previews (issue 16): a link to an equation (#eq-...) or a figure
// (#fig-...) shows its target in a small popover while the pointer rests on
// it or the link has the keyboard focus; Escape hides it. The content is
// already in the page: the target itself when it is on this page, else the
// <template data-for="eq-..."> the build put at the end of the article
// (bookkit/book.py, Book._previews), so nothing is fetched. One popover
// (#gdb-preview, role=tooltip) serves the page; the link points at it with
// aria-describedby while it shows. Events are delegated from the document,
// so pages swapped in by instant navigation need no set-up.
(() => {
  "use strict";
  const LINKS = 'a[href*="#eq-"], a[href*="#fig-"]';
  const HOVER_MS = 150; // a pointer passing over a link does not open it
  const LEAVE_MS = 200; // time to move the pointer into the popover
  let pop = null;
  let current = null;
  let showTimer = 0;
  let hideTimer = 0;

  function popover() {
    if (pop && pop.isConnected) return pop;
    pop = document.createElement("div");
    pop.id = "gdb-preview";
    pop.className = "gdb-preview md-typeset";
    pop.setAttribute("role", "tooltip");
    pop.hidden = true;
    pop.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    pop.addEventListener("mouseleave", () => hideSoon());
    // Inside the main landmark, where the rest of the content is.
    (document.querySelector("main") || document.body).appendChild(pop);
    return pop;
  }

  function refOf(node) {
    const link = node instanceof Element ? node.closest(LINKS) : null;
    if (!link || link.classList.contains("headerlink")) return null;
    return link.closest("article, .md-content") ? link : null;
  }

  // The element to show for a link: on this page, or in its template.
  function targetOf(link) {
    const url = new URL(link.href, location.href);
    const id = decodeURIComponent(url.hash.slice(1));
    if (!/^(eq|fig)-/.test(id)) return null;
    const here = url.pathname === location.pathname;
    const onPage = here ? document.getElementById(id) : null;
    if (onPage && !onPage.closest("template")) return onPage;
    const template = document.querySelector(`template[data-for="${CSS.escape(id)}"]`);
    return template ? template.content.firstElementChild : null;
  }

  function fill(link) {
    const target = targetOf(link);
    if (!target) return false;
    const box = popover();
    const clone = target.cloneNode(true);
    // No repeated ids (the page has the originals); images load when shown.
    for (const el of [clone, ...clone.querySelectorAll("[id]")]) el.removeAttribute("id");
    for (const el of clone.querySelectorAll("a[href]")) el.setAttribute("tabindex", "-1");
    for (const img of clone.querySelectorAll("img")) img.loading = "eager";
    const kind = /#fig-/.test(link.getAttribute("href")) ? "figure" : "equation";
    box.replaceChildren();
    box.dataset.kind = kind;
    if (kind === "equation") {
      const title = document.createElement("p");
      title.className = "gdb-preview__title";
      title.textContent = link.dataset.gdbTitle || link.title || `Equation ${link.textContent.trim()}`;
      box.append(title);
    }
    box.append(clone);
    return true;
  }

  function place(link) {
    const box = popover();
    const r = link.getBoundingClientRect();
    box.style.left = "0px";
    box.style.top = "0px";
    const w = box.offsetWidth;
    const h = box.offsetHeight;
    const margin = 8;
    const left = Math.max(margin, Math.min(r.left, document.documentElement.clientWidth - w - margin));
    const below = r.bottom + margin;
    const top = below + h > window.innerHeight && r.top - h - margin > 0 ? r.top - h - margin : below;
    box.style.left = `${Math.round(left)}px`;
    box.style.top = `${Math.round(top)}px`;
  }

  function show(link) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (current === link && !popover().hidden) return;
    hide();
    if (!fill(link)) return;
    current = link;
    // The popover says what the title said; the browser's own tooltip would cover it.
    if (link.hasAttribute("title")) {
      link.dataset.gdbTitle = link.title;
      link.removeAttribute("title");
    }
    link.setAttribute("aria-describedby", "gdb-preview");
    popover().hidden = false;
    place(link);
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (pop) {
      pop.hidden = true;
      pop.replaceChildren();
    }
    if (current) {
      current.removeAttribute("aria-describedby");
      if (current.dataset.gdbTitle) {
        current.title = current.dataset.gdbTitle;
        delete current.dataset.gdbTitle;
      }
    }
    current = null;
  }

  function hideSoon() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (current && current === document.activeElement) return;
      hide();
    }, LEAVE_MS);
  }

  document.addEventListener("focusin", (e) => {
    const link = refOf(e.target);
    if (link) show(link);
  });
  document.addEventListener("focusout", (e) => {
    if (current && e.target === current) hide();
  });
  document.addEventListener("mouseover", (e) => {
    const link = refOf(e.target);
    if (!link) return;
    clearTimeout(hideTimer);
    if (link === current) return;
    clearTimeout(showTimer);
    showTimer = setTimeout(() => show(link), HOVER_MS);
  });
  document.addEventListener("mouseout", (e) => {
    const link = refOf(e.target);
    if (link && !link.contains(e.relatedTarget)) {
      clearTimeout(showTimer);
      if (link === current) hideSoon();
    }
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && current) hide();
  });
  const follow = () => { if (current) place(current); };
  window.addEventListener("resize", follow);
  window.addEventListener("scroll", follow, { passive: true });
})();
