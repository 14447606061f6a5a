// Search on demand (issue 14: a page stays within 300 KiB). Inlined by
// hooks/bookkit/loading.py into every page just before Material's bundle.
// Material fetches search/search_index.json (about 170 KiB gzip, more than
// half of a chapter's download) and starts its search worker (12 KiB) as
// soon as a page loads. Here both wait until the reader reaches for search:
// the search field gets the focus (a click or tap on it or on the header's
// search button, or Material's keys f, s and /, all focus it), or the
// search toggle changes. Material already waits for the index before it
// searches, so a query typed meanwhile is answered when the index arrives.
// A page opened from a search result in a new tab (?h=terms, which Material
// highlights with the index's settings) or a shared search (?q=) wants it
// at once.
(() => {
  "use strict";
  const INDEX = /\/search\/search_index\.json$/;
  const WORKER = /\/workers\/search\.[0-9a-f]+\.min\.js$/;
  let wanted = false;
  const held = []; // callbacks run when search is first wanted

  function want() {
    if (wanted) return;
    wanted = true;
    for (const run of held.splice(0)) run();
  }
  function whenWanted(run) {
    if (wanted) run();
    else held.push(run);
  }

  // The index: Material asks for it with XMLHttpRequest; its send waits.
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    this.gdbSearchIndex = INDEX.test(new URL(String(url), location.href).pathname);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!this.gdbSearchIndex || wanted) return send.apply(this, args);
    whenWanted(() => send.apply(this, args));
    return undefined;
  };

  // The worker: a stand-in until Material first posts to it (which it does
  // once the index has arrived); then the real worker, whose messages the
  // stand-in passes on to Material's listeners.
  const RealWorker = window.Worker;
  if (RealWorker) {
    window.Worker = function Worker(url, options) {
      if (!WORKER.test(new URL(String(url), location.href).pathname)) {
        return new RealWorker(url, options);
      }
      const standIn = new EventTarget();
      let real = null;
      const start = () => {
        if (real) return real;
        real = new RealWorker(url, options);
        for (const type of ["message", "messageerror", "error"]) {
          real.addEventListener(type, (event) => {
            const copy = type === "error" ? new Event("error") : new MessageEvent(type, { data: event.data });
            standIn.dispatchEvent(copy);
          });
        }
        return real;
      };
      standIn.postMessage = (...message) => start().postMessage(...message);
      standIn.terminate = () => real && real.terminate();
      return standIn;
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  const params = new URLSearchParams(location.search);
  if (params.has("h") || params.has("q")) want();
  const isSearch = (node) => node instanceof Element && !!node.closest(".md-search, [for='__search'], #__search");
  document.addEventListener("focusin", (event) => { if (isSearch(event.target)) want(); }, true);
  document.addEventListener("pointerdown", (event) => { if (isSearch(event.target)) want(); }, true);
  document.addEventListener("change", (event) => { if (event.target && event.target.id === "__search") want(); }, true);
})();
