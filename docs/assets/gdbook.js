// Copy buttons copy code a reader can run: in a doctest block the ">>> " and
// "... " prompts are dropped and so are the printed outputs; a listing of the
// package gets its import lines first (gdbookCopyText). Material's
// clipboard uses a button's data-clipboard-text when it is set, so we set it
// in the capture phase, before Material handles the click.
"use strict";

function gdbookRunnableCode(text) {
  const lines = text.replace(/\n$/, "").split("\n");
  if (!lines.some((line) => line.startsWith(">>> "))) return text;
  const code = [];
  for (const line of lines) {
    if (line.startsWith(">>> ") || line === ">>>") code.push(line.slice(4));
    else if (line.startsWith("... ") || line === "...") code.push(line.slice(4));
  }
  return code.join("\n") + "\n";
}

// A listing of the package (a chapter's `<!-- source: -->` block, an API
// page's "Source code" fold) shows the file's lines only; the import lines
// those need in a fresh Python are in data-gdb-copy-header on the listing
// (hooks/bookkit/listing_imports.py). The copy is the header, a blank line,
// then the listing, so the paste defines the function.
function gdbookCopyText(target) {
  const code = gdbookRunnableCode(target.innerText);
  const listing = target.closest("[data-gdb-copy-header]");
  const header = listing ? listing.getAttribute("data-gdb-copy-header") : "";
  return header ? `${header}\n\n${code}` : code;
}

document.addEventListener(
  "click",
  (event) => {
    const button = event.target.closest && event.target.closest("[data-clipboard-target]");
    if (!button) return;
    const target = document.querySelector(button.getAttribute("data-clipboard-target"));
    if (!target) return;
    button.setAttribute("data-clipboard-text", gdbookCopyText(target));
  },
  true,
);

if (typeof module !== "undefined") module.exports = { gdbookRunnableCode, gdbookCopyText };

// Accessible names Material leaves out (found by axe-core): the search
// dialog, the "Copied to clipboard" notice (a live region, so screen readers
// announce it) and the small toolbar Material adds to each code block.
function gdbookLabel(root) {
  const search = root.querySelector(".md-search[role=dialog]");
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
  const dialog = root.querySelector(".md-dialog");
  if (dialog && !dialog.hasAttribute("role")) dialog.setAttribute("role", "status");
  root.querySelectorAll(".md-code__nav").forEach((nav, i) => {
    const label = `Code block ${i + 1}`;
    if (nav.getAttribute("aria-label") !== label) nav.setAttribute("aria-label", label);
  });
}
if (typeof document !== "undefined") {
  gdbookLabel(document);
  new MutationObserver(() => gdbookLabel(document)).observe(document.body, { childList: true, subtree: true });
}
