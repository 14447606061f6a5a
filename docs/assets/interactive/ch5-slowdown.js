// Chapter 5's interactive figure: one sigmoid neuron learning from a bad
// start under the quadratic and the cross-entropy costs, side by side.
//
// The first part is pure functions that Node runs (tests/test_interactive_ch5.py
// compares them with gdbook.figures.cross_entropy.slowdown_run, which trains
// the neuron with gdbook.network.Network): the same operations in the same
// order as Network.fit, Network.cost and gdbook.losses. The second part draws
// the figure and does nothing on a page without its root.
"use strict";

// `var`, not `const`: Material's instant navigation runs this script again
// each time a reader comes back to the page, and a second `const` of the
// same name would throw.
var gdbCh5Slowdown = (() => {
  // The neuron of chapter 5: input x, target y; epochs of training.
  const X = 1.0;
  const Y = 0.0;
  const EPOCHS = 300;
  // The choices of the sliders; the chapter's start is eta 0.15, w = b = 2.
  const ETAS = [0.01, 0.02, 0.05, 0.1, 0.15, 0.3, 0.6, 1, 2, 4, 8];
  const START = { min: -6, max: 6, step: 0.5 };
  const COSTS = ["quadratic", "cross_entropy"];

  const sigmoid = (z) => 1.0 / (1.0 + Math.exp(-z)); // gdbook.activations.sigmoid
  // gdbook.activations.sigmoid_prime: e / (1 + e)^2 with e = exp(-|z|)
  const sigmoidPrime = (z) => {
    const e = Math.exp(-Math.abs(z));
    return e / ((1.0 + e) * (1.0 + e));
  };

  // np.logaddexp(0, z): ln(1 + e^z) without overflow.
  function logaddexp0(z) {
    if (z === 0) return Math.LN2;
    const tmp = -z;
    return tmp > 0 ? Math.log1p(Math.exp(z)) : z + Math.log1p(Math.exp(tmp));
  }

  // Network.cost on the one example: quadratic Eq. (9) or cross-entropy Eq.
  // (25) from z, plus an L2 term that is 0.0 with lmbda = 0.
  function cost(name, w, b) {
    const z = X * w + b;
    if (name === "quadratic") {
      const d = Y - sigmoid(z);
      return (0.5 * (d * d)) / 1 + 0.0;
    }
    return (Y * logaddexp0(-z) + (1.0 - Y) * logaddexp0(z)) / 1 + 0.0;
  }

  function check(settings) {
    const { eta, w, b } = settings || {};
    if (!(typeof eta === "number" && Number.isFinite(eta) && eta > 0)) {
      throw new Error(`eta must be a number > 0; got ${eta}`);
    }
    for (const [k, v] of [["w", w], ["b", b]]) {
      if (!(typeof v === "number" && Number.isFinite(v))) throw new Error(`${k} must be a finite number; got ${v}`);
    }
    return { eta, w, b };
  }

  /** Outputs and costs before training and after each epoch, as slowdown_run. */
  function run(name, settings) {
    if (!COSTS.includes(name)) throw new Error(`cost must be one of ${COSTS.join(", ")}; got ${name}`);
    const { eta } = check(settings);
    let { w, b } = settings;
    const outputs = [sigmoid(X * w + b)];
    const costs = [cost(name, w, b)];
    for (let t = 0; t < EPOCHS; t++) {
      // Network._backprop on one example, then the step of Network.fit.
      const z = X * w + b;
      const a = sigmoid(z);
      const delta = (name === "quadratic" ? (a - Y) * sigmoidPrime(z) : a - Y) / 1;
      w = w * 1.0 - eta * (delta * X); // the decay factor is 1.0 for lmbda = 0
      b = b - eta * delta;
      outputs.push(sigmoid(X * w + b));
      costs.push(cost(name, w, b));
    }
    return { outputs, costs, half: firstBelow(outputs, 0.5) };
  }

  /** The first epoch whose output is below the level, -1 if none. */
  function firstBelow(values, level) {
    return values.findIndex((v) => v < level);
  }

  /** Every number the figure draws or prints, in data coordinates. */
  function compute(settings) {
    const { eta, w, b } = check(settings);
    const z = X * w + b;
    const a = sigmoid(z);
    const result = { eta, w, b, z, a, slope: sigmoidPrime(z), epochs: EPOCHS };
    for (const name of COSTS) result[name] = run(name, settings);
    return result;
  }

  const api = { X, Y, EPOCHS, ETAS, START, sigmoid, sigmoidPrime, logaddexp0, cost, run, compute };
  if (typeof module !== "undefined") module.exports = api;

  // -- drawing ---------------------------------------------------------------
  if (typeof document === "undefined") return api;
  const NS = "http://www.w3.org/2000/svg";
  const COLOURS = { quadratic: "#1c64b4", cross_entropy: "#d9480f" };
  const LABELS = { quadratic: "quadratic", cross_entropy: "cross-entropy" };
  const fmt = (v, d = 3) => (Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(1) : v.toFixed(d));

  function el(parent, tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  }

  // One panel: a frame at (x0, y0) of size w x h, linear x, linear or log y.
  function panel(svg, box, xmax, yr, log, title, ylabel) {
    const g = el(svg, "g", { class: "gdb-panel" });
    const ty = (v) => {
      const [lo, hi] = log ? [Math.log10(yr[0]), Math.log10(yr[1])] : yr;
      const u = log ? Math.log10(v) : v;
      return box.y + box.h - ((u - lo) / (hi - lo)) * box.h;
    };
    const tx = (v) => box.x + (v / xmax) * box.w;
    el(g, "rect", { x: box.x, y: box.y, width: box.w, height: box.h, class: "gdb-frame" });
    for (let e = 0; e <= xmax; e += 100) {
      el(g, "text", { x: tx(e), y: box.y + box.h + 14, "text-anchor": "middle" }, String(e));
    }
    const ticks = log
      ? Array.from({ length: 40 }, (_, k) => 10 ** (k - 30)).filter((v) => v >= yr[0] && v <= yr[1])
      : [0, 0.5, 1];
    for (const v of ticks) {
      el(g, "line", { x1: box.x, x2: box.x + box.w, y1: ty(v), y2: ty(v), class: "gdb-grid" });
      el(g, "text", { x: box.x - 4, y: ty(v) + 4, "text-anchor": "end" }, log ? `1e${Math.round(Math.log10(v))}` : String(v));
    }
    el(g, "text", { x: box.x + box.w / 2, y: box.y + box.h + 28, "text-anchor": "middle" }, "epoch");
    el(g, "text", { x: box.x, y: box.y - 8, class: "gdb-title" }, title);
    el(g, "text", { x: box.x + box.w, y: box.y - 8, "text-anchor": "end", class: "gdb-unit" }, ylabel);
    return { g, tx, ty };
  }

  function line(p, values, colour) {
    const d = values.map((v, i) => `${i ? "L" : "M"}${p.tx(i).toFixed(1)},${p.ty(v).toFixed(1)}`).join("");
    el(p.g, "path", { d, stroke: colour, class: "gdb-line" });
  }

  function draw(root) {
    const svg = root.querySelector("[data-gdb-plot]");
    const get = (name) => root.querySelector(`[data-gdb-control="${name}"]`);
    const eta = ETAS[Number(get("eta").value)];
    const settings = { eta, w: Number(get("w").value), b: Number(get("b").value) };
    const r = compute(settings);
    const narrow = root.clientWidth < 560;
    const W = narrow ? 360 : 720;
    const H = narrow ? 500 : 270;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.replaceChildren();
    const boxA = narrow ? { x: 46, y: 44, w: 300, h: 160 } : { x: 46, y: 44, w: 290, h: 180 };
    const boxC = narrow ? { x: 46, y: 290, w: 300, h: 160 } : { x: 416, y: 44, w: 290, h: 180 };
    // Legend along the top.
    let lx = 46;
    for (const name of COSTS) {
      el(svg, "line", { x1: lx, x2: lx + 22, y1: 12, y2: 12, stroke: COLOURS[name], class: "gdb-line" });
      el(svg, "text", { x: lx + 28, y: 16 }, `${LABELS[name]} cost`);
      lx += 150;
    }
    const pa = panel(svg, boxA, EPOCHS, [0, 1], false, "output a", "target y = 0");
    const all = COSTS.flatMap((n) => r[n].costs).filter((v) => v > 0);
    const lo = 10 ** Math.floor(Math.log10(Math.min(...all)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...all)));
    const pc = panel(svg, boxC, EPOCHS, [lo, hi === lo ? lo * 10 : hi], true, "cost C", "log scale");
    for (const name of COSTS) {
      line(pa, r[name].outputs, COLOURS[name]);
      line(pc, r[name].costs.map((v) => Math.max(v, lo)), COLOURS[name]);
      const h = r[name].half;
      if (h >= 0) el(pa.g, "circle", { cx: pa.tx(h), cy: pa.ty(r[name].outputs[h]), r: 3.5, fill: COLOURS[name] });
    }
    const said = (name) => (r[name].half >= 0 ? `epoch ${r[name].half}` : `not within ${EPOCHS} epochs`);
    const out = (name) => root.querySelector(`output[data-gdb-out="${name}"]`);
    get("eta").setAttribute("aria-valuetext", `η = ${eta}`);
    out("eta").value = String(eta);
    out("w").value = String(settings.w);
    out("b").value = String(settings.b);
    out("a0").value = fmt(r.a, 4);
    out("slope").value = fmt(r.slope, 4);
    out("quadratic").value = said("quadratic");
    out("cross_entropy").value = said("cross_entropy");
    svg.setAttribute(
      "aria-label",
      `Output and cost of one sigmoid neuron over ${EPOCHS} epochs with η = ${eta}, starting weight ${settings.w} and bias ${settings.b} ` +
        `(start output ${fmt(r.a, 4)}). The output falls below one half at ${said("quadratic")} under the quadratic cost ` +
        `and at ${said("cross_entropy")} under the cross-entropy cost.`,
    );
    root.dataset.gdbDraws = String(Number(root.dataset.gdbDraws || 0) + 1);
    root.dataset.gdbReady = "1";
  }

  function setUp(root) {
    const redraw = () => draw(root);
    for (const c of root.querySelectorAll("[data-gdb-control]")) {
      c.addEventListener(c.tagName === "BUTTON" ? "click" : "input", () => {
        if (c.dataset.gdbControl === "reset") {
          for (const [k, v] of Object.entries({ eta: 4, w: 2, b: 2 })) {
            root.querySelector(`[data-gdb-control="${k}"]`).value = v;
          }
        }
        redraw();
      });
    }
    let wide = root.clientWidth < 560;
    window.addEventListener("resize", () => {
      if ((root.clientWidth < 560) !== wide) {
        wide = !wide;
        redraw();
      }
    });
    redraw();
  }

  function init() {
    for (const root of document.querySelectorAll('[data-gdb-interactive="ch5-slowdown"]')) {
      if (root.dataset.gdbSetUp) continue;
      root.dataset.gdbSetUp = "1";
      if (!("IntersectionObserver" in window)) {
        setUp(root);
        continue;
      }
      const io = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            io.disconnect();
            setUp(root);
          }
        },
        { rootMargin: "300px" },
      );
      io.observe(root);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  return api;
})();
