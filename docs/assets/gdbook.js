// Copy buttons copy code a reader can run: in a doctest block the ">>> " and
// "... " prompts are dropped and so are the printed outputs. Material's
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

document.addEventListener(
  "click",
  (event) => {
    const button = event.target.closest && event.target.closest("[data-clipboard-target]");
    if (!button) return;
    const target = document.querySelector(button.getAttribute("data-clipboard-target"));
    if (!target) return;
    button.setAttribute("data-clipboard-text", gdbookRunnableCode(target.innerText));
  },
  true,
);

if (typeof module !== "undefined") module.exports = { gdbookRunnableCode };

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
