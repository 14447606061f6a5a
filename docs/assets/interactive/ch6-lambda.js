// Chapter 6's interactive figure: lambda as a slider on a small overfitting
// problem, a polynomial of high degree fitted to a few noisy points with the
// L2 penalty of Eq. (27).
//
// The first part is pure functions that Node runs (tests/test_interactive_ch6.py
// compares them with gdbook): the data are gdbook.datasets.noisy_sine's
// (SEED below), the fit is gdbook.regularization.ridge_fit, the curve
// gdbook.regularization.polynomial and the costs gdbook.losses.mse, each
// repeated operation for operation, in the same order. The second part draws
// the figure and does nothing on a page without its root.
"use strict";

// `var`, not `const`: Material's instant navigation runs this script again
// each time a reader comes back to the page, and a second `const` of the
// same name would throw.
var gdbCh6Lambda = (() => {
  // rng = np.random.default_rng(SEED); training set noisy_sine(10, NOISE, rng,
  // even=True), then the validation set noisy_sine(40, NOISE, rng).
  const SEED = 2;
  const NOISE = 0.25;
  const DEGREE = 9;
  const X_TRAIN = [-1.0, -0.7777777777777778, -0.5555555555555556, -0.33333333333333337, -0.11111111111111116, 0.11111111111111116, 0.33333333333333326, 0.5555555555555554, 0.7777777777777777, 1.0];
  const Y_TRAIN = [0.04726334544838314, -0.7734747200567264, -1.0880736388601813, -1.4763922494444026, 0.10790670235455663, 0.6280616113349761, 0.7846696945674824, 1.1782593996941235, 0.7130902771359517, -0.138455709106013];
  const X_VAL = [-0.9227917401580623, -0.7985927959630463, -0.790912883134117, -0.7855853830928239, -0.6998754733893278, -0.6254948605598039, -0.5961851049410993, -0.5675532179619711, -0.36370679876925127, -0.3219492507013799, -0.3080786688565338, -0.21675033383994768, -0.18691520464892708, -0.15443065345974438, -0.13473841839042566, -0.12362766768175004, -0.058180229168484976, -0.003887890165504171, 0.022131947139154118, 0.03315638824999345, 0.0456570078475278, 0.124531325560856, 0.1868870355118124, 0.22743387680517446, 0.2663687985482328, 0.2888725384110351, 0.3385945971490405, 0.3596229229691672, 0.36612964461925057, 0.3850362636599469, 0.3875176844044601, 0.5511278849453789, 0.6587122516131629, 0.6984726472288691, 0.7242359698152563, 0.768899347376587, 0.7824188190011583, 0.7844802199332859, 0.8484337930136483, 0.9348719049873533];
  const Y_VAL = [0.01853109735203018, -0.9460224716371641, -0.5722429735307026, -0.3198669520363034, -0.7872671204596757, -0.6733581218210162, -0.36096991806890943, -0.9090816718574459, -0.9798194739791208, -1.0403563839461896, -0.661656620058884, -0.6787071572964811, -0.5987283223383665, -0.49266325945470063, -0.2482978309956717, -0.6452816609458435, -0.5642316904156087, -0.6206830377745322, 0.3691412791060071, 0.12242394288786085, 0.520474242973695, 0.37908363791324173, 0.36842919177143385, 0.7747255851622042, 0.7233712377195944, 0.47443246267325545, 0.652904459837709, 1.3460168593706254, 1.0014455994486404, 1.0395809283672524, 0.8690726341871894, 0.8146979475731443, 1.1011624309437984, 0.7856714389236822, 0.5721855974185202, 0.6303695125720195, 0.4051490513298116, 0.6740276756921788, 0.7406759885499312, -0.005839951464699872];
  // The slider: log10(lambda) from LOG_MIN to LOG_MAX; its lowest stop is
  // lambda = 0, no penalty at all.
  const SLIDER = { min: -8, max: 2, step: 0.25 };
  const N_CURVE = 161; // points of the drawn curve, np.linspace(-1, 1, N_CURVE)

  function lambdaAt(v) {
    if (!(typeof v === "number" && v >= SLIDER.min && v <= SLIDER.max)) {
      throw new Error(`the slider's value must be in [${SLIDER.min}, ${SLIDER.max}]; got ${v}`);
    }
    // rounded to 12 digits, so that the stops are round numbers (1e-4, not
    // the 0.00009999999999999999 that 10 ** -4 gives in JavaScript)
    return v === SLIDER.min ? 0 : Number((10 ** v).toPrecision(12));
  }

  // gdbook.regularization.polynomial_features: x, x^2, ..., x^d.
  function features(x) {
    return x.map((xi) => {
      const row = [xi];
      for (let k = 1; k < DEGREE; k++) row.push(row[k - 1] * xi);
      return row;
    });
  }

  // gdbook.regularization.ridge_fit: the normal equations of Eq. (27) with
  // the quadratic cost, ((1 X)^T (1 X) + lambda diag(0, 1, ..., 1)) (b; w) =
  // (1 X)^T y, solved by Cholesky; returns { w, b }.
  function ridgeFit(X, y, lmbda) {
    if (!(typeof lmbda === "number" && Number.isFinite(lmbda) && lmbda >= 0)) {
      throw new Error(`lmbda must be >= 0; got ${lmbda}`);
    }
    const rows = X.map((r) => [1.0, ...r]);
    const n = rows[0].length;
    const A = Array.from({ length: n }, () => new Array(n).fill(0.0));
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0.0;
        for (const r of rows) s += r[i] * r[j];
        A[i][j] = s;
      }
      if (i > 0) A[i][i] += lmbda;
    }
    const rhs = [];
    for (let i = 0; i < n; i++) {
      let s = 0.0;
      for (let mu = 0; mu < rows.length; mu++) s += rows[mu][i] * y[mu];
      rhs.push(s);
    }
    const L = Array.from({ length: n }, () => new Array(n).fill(0.0));
    for (let j = 0; j < n; j++) {
      let s = A[j][j];
      for (let k = 0; k < j; k++) s -= L[j][k] * L[j][k];
      if (!(s > 1e-13 * A[j][j])) throw new Error("the normal equations are singular: give lmbda > 0");
      const d = Math.sqrt(s);
      L[j][j] = d;
      for (let i = j + 1; i < n; i++) {
        let t = A[i][j];
        for (let k = 0; k < j; k++) t -= L[i][k] * L[j][k];
        L[i][j] = t / d;
      }
    }
    const u = [];
    for (let i = 0; i < n; i++) {
      let s = rhs[i];
      for (let k = 0; k < i; k++) s -= L[i][k] * u[k];
      u.push(s / L[i][i]);
    }
    const z = new Array(n).fill(0.0);
    for (let i = n - 1; i >= 0; i--) {
      let s = u[i];
      for (let k = i + 1; k < n; k++) s -= L[k][i] * z[k];
      z[i] = s / L[i][i];
    }
    return { w: z.slice(1), b: z[0] };
  }

  // gdbook.regularization.polynomial: Horner's rule, highest power first.
  function polynomial(x, w, b) {
    const coefficients = [...w.slice(0, -1).reverse(), b];
    return x.map((xi) => {
      let v = w[w.length - 1];
      for (const c of coefficients) v = v * xi + c;
      return v;
    });
  }

  // np.sum of a float64 array: NumPy's pairwise summation.
  function npSum(a, lo = 0, n = a.length) {
    if (n < 8) {
      let r = -0.0;
      for (let i = lo; i < lo + n; i++) r += a[i];
      return r;
    }
    if (n <= 128) {
      const r = a.slice(lo, lo + 8);
      let i = 8;
      for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[lo + i + j];
      let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
      for (; i < n; i++) res += a[lo + i];
      return res;
    }
    let n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    return npSum(a, lo, n2) + npSum(a, lo + n2, n - n2);
  }

  // gdbook.losses.mse, Eq. (4): the quadratic cost C0 = (1/2m) sum (yhat - y)^2.
  function mse(y, yHat) {
    const sq = yHat.map((v, i) => (v - y[i]) * (v - y[i]));
    return (0.5 * npSum(sq)) / y.length;
  }

  const norm = (w) => Math.sqrt(w.reduce((s, v) => s + v * v, 0.0));

  function linspace(lo, hi, num) {
    const step = (hi - lo) / (num - 1);
    const x = Array.from({ length: num }, (_, i) => i * step + lo);
    x[num - 1] = hi;
    return x;
  }

  const FEATURES = features(X_TRAIN);
  const CURVE_X = linspace(-1.0, 1.0, N_CURVE);

  /** The fit for one lambda and what it draws: the curve, costs and weights. */
  function fit(lmbda) {
    const { w, b } = ridgeFit(FEATURES, Y_TRAIN, lmbda);
    return {
      lmbda,
      w,
      b,
      train: mse(Y_TRAIN, polynomial(X_TRAIN, w, b)),
      val: mse(Y_VAL, polynomial(X_VAL, w, b)),
      norm: norm(w),
    };
  }

  let sweepCache = null;
  /** The costs and sizes at every stop of the slider, for the middle panel. */
  function sweep() {
    if (!sweepCache) {
      const stops = Math.round((SLIDER.max - SLIDER.min) / SLIDER.step);
      const values = Array.from({ length: stops + 1 }, (_, k) => SLIDER.min + k * SLIDER.step);
      sweepCache = values.map((v) => ({ slider: v, ...fit(lambdaAt(v)) }));
    }
    return sweepCache;
  }

  /** Every number the figure draws or prints, in data coordinates. */
  function compute(slider) {
    const lmbda = lambdaAt(slider);
    const result = fit(lmbda);
    result.slider = slider;
    result.curve = { x: CURVE_X, y: polynomial(CURVE_X, result.w, result.b), truth: CURVE_X.map((x) => Math.sin(Math.PI * x)) };
    result.sweep = sweep();
    return result;
  }

  const data = { x: X_TRAIN, y: Y_TRAIN, xVal: X_VAL, yVal: Y_VAL };
  const api = { SEED, NOISE, DEGREE, SLIDER, N_CURVE, data, lambdaAt, features, ridgeFit, polynomial, npSum, mse, linspace, fit, sweep, compute };
  if (typeof module !== "undefined") module.exports = api;

  // -- drawing ---------------------------------------------------------------
  if (typeof document === "undefined") return api;
  const NS = "http://www.w3.org/2000/svg";
  const BLUE = "#1c64b4";
  const ORANGE = "#d9480f";
  const GREY = "#6b7280";
  const YR = [-2, 2]; // the fit panel's vertical range; the curve is clipped
  const WR = [-4, 4]; // log10 of the weights panel's range
  const fmt = (v) => (v === 0 ? "0" : Math.abs(v) < 1e-12 ? "below 1e-12" : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3));

  function el(parent, tag, attrs, text) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    parent.appendChild(node);
    return node;
  }
  const scale = (lo, hi, a, b) => (v) => a + ((v - lo) / (hi - lo)) * (b - a);
  const pathOf = (xs, ys) => xs.map((x, i) => `${i ? "L" : "M"}${x.toFixed(1)},${ys[i].toFixed(1)}`).join("");

  function frame(g, box, title) {
    el(g, "rect", { x: box.x, y: box.y, width: box.w, height: box.h, class: "gdb-frame" });
    el(g, "text", { x: box.x, y: box.y - 8, class: "gdb-title" }, title);
  }

  function drawFit(svg, box, r, id) {
    const g = el(svg, "g", {});
    const tx = scale(-1, 1, box.x, box.x + box.w);
    const ty = scale(YR[0], YR[1], box.y + box.h, box.y);
    const clip = el(el(g, "defs", {}), "clipPath", { id });
    el(clip, "rect", { x: box.x, y: box.y, width: box.w, height: box.h });
    for (const v of [-1, 0, 1]) {
      el(g, "line", { x1: box.x, x2: box.x + box.w, y1: ty(v), y2: ty(v), class: "gdb-grid" });
      el(g, "text", { x: box.x - 4, y: ty(v) + 4, "text-anchor": "end" }, String(v));
      el(g, "text", { x: tx(v), y: box.y + box.h + 14, "text-anchor": "middle" }, String(v));
    }
    el(g, "text", { x: box.x + box.w / 2, y: box.y + box.h + 28, "text-anchor": "middle", class: "gdb-var" }, "x");
    frame(g, box, "y and the fitted curve");
    const inner = el(g, "g", { "clip-path": `url(#${id})` });
    const cx = r.curve.x.map(tx);
    el(inner, "path", { d: pathOf(cx, r.curve.truth.map(ty)), stroke: GREY, class: "gdb-line gdb-dashed" });
    el(inner, "path", { d: pathOf(cx, r.curve.y.map((v) => ty(Math.max(YR[0] - 1, Math.min(YR[1] + 1, v))))), stroke: ORANGE, class: "gdb-line" });
    data.xVal.forEach((x, i) => el(inner, "circle", { cx: tx(x), cy: ty(data.yVal[i]), r: 2.6, class: "gdb-val" }));
    data.x.forEach((x, i) => el(inner, "circle", { cx: tx(x), cy: ty(data.y[i]), r: 3.6, fill: BLUE }));
  }

  function drawCosts(svg, box, r) {
    const g = el(svg, "g", {});
    const s = r.sweep;
    const tx = scale(s[0].slider, s[s.length - 1].slider, box.x, box.x + box.w);
    const top = Math.max(...s.map((p) => Math.max(p.train, p.val)));
    const hi = Math.ceil(top * 10) / 10;
    const ty = scale(0, hi, box.y + box.h, box.y);
    for (const v of [0, hi / 2, hi]) {
      el(g, "line", { x1: box.x, x2: box.x + box.w, y1: ty(v), y2: ty(v), class: "gdb-grid" });
      el(g, "text", { x: box.x - 4, y: ty(v) + 4, "text-anchor": "end" }, String(+v.toFixed(2)));
    }
    for (const v of [SLIDER.min, -6, -4, -2, 0, 2]) {
      const label = v === SLIDER.min ? "0" : `1e${v}`;
      el(g, "text", { x: tx(v), y: box.y + box.h + 14, "text-anchor": "middle" }, label);
    }
    el(g, "text", { x: box.x + box.w / 2, y: box.y + box.h + 28, "text-anchor": "middle", class: "gdb-var" }, "λ (log scale)");
    frame(g, box, "cost C₀");
    const xs = s.map((p) => tx(p.slider));
    el(g, "path", { d: pathOf(xs, s.map((p) => ty(p.train))), stroke: BLUE, class: "gdb-line" });
    el(g, "path", { d: pathOf(xs, s.map((p) => ty(p.val))), stroke: ORANGE, class: "gdb-line" });
    const x = tx(r.slider);
    el(g, "line", { x1: x, x2: x, y1: box.y, y2: box.y + box.h, class: "gdb-now" });
    el(g, "circle", { cx: x, cy: ty(r.train), r: 3.6, fill: BLUE });
    el(g, "circle", { cx: x, cy: ty(r.val), r: 3.6, fill: ORANGE });
    el(g, "text", { x: box.x + 6, y: box.y + 14, style: `fill:${BLUE}` }, "training");
    el(g, "text", { x: box.x + 6, y: box.y + 28, style: `fill:${ORANGE}` }, "validation");
  }

  function drawWeights(svg, box, r) {
    const g = el(svg, "g", {});
    const ty = scale(WR[0], WR[1], box.y + box.h, box.y);
    for (let e = WR[0]; e <= WR[1]; e += 2) {
      el(g, "line", { x1: box.x, x2: box.x + box.w, y1: ty(e), y2: ty(e), class: "gdb-grid" });
      el(g, "text", { x: box.x - 4, y: ty(e) + 4, "text-anchor": "end" }, `1e${e}`);
    }
    frame(g, box, "|wₖ| (log scale)");
    const slot = box.w / r.w.length;
    r.w.forEach((w, k) => {
      const e = Math.max(WR[0], Math.min(WR[1], Math.log10(Math.abs(w))));
      const x = box.x + k * slot + slot * 0.18;
      el(g, "rect", { x, y: ty(e), width: slot * 0.64, height: ty(WR[0]) - ty(e), class: w >= 0 ? "gdb-pos" : "gdb-neg" });
      el(g, "text", { x: x + slot * 0.32, y: box.y + box.h + 14, "text-anchor": "middle" }, String(k + 1));
    });
    el(g, "text", { x: box.x + box.w / 2, y: box.y + box.h + 28, "text-anchor": "middle", class: "gdb-var" }, "k (filled: wₖ > 0, hollow: wₖ < 0)");
  }

  // The key to the left panel, along the top (two rows when narrow).
  function legend(svg, narrow) {
    const items = [
      ["dot", "training points"],
      ["ring", "validation points"],
      ["fit", "fitted curve"],
      ["truth", "sin πx"],
    ];
    items.forEach(([kind, label], i) => {
      const x = 46 + (narrow ? (i % 2) * 160 : i * 150);
      const y = 14 + (narrow ? Math.floor(i / 2) * 18 : 0);
      if (kind === "dot") el(svg, "circle", { cx: x + 8, cy: y - 4, r: 3.6, fill: BLUE });
      else if (kind === "ring") el(svg, "circle", { cx: x + 8, cy: y - 4, r: 2.6, class: "gdb-val" });
      else el(svg, "line", { x1: x, x2: x + 18, y1: y - 4, y2: y - 4, stroke: kind === "fit" ? ORANGE : GREY, class: kind === "fit" ? "gdb-line" : "gdb-line gdb-dashed" });
      el(svg, "text", { x: x + 24, y }, label);
    });
  }

  function draw(root) {
    const svg = root.querySelector("[data-gdb-plot]");
    const slider = root.querySelector('[data-gdb-control="lambda"]');
    const r = compute(Number(slider.value));
    const narrow = root.clientWidth < 600;
    const W = narrow ? 360 : 780;
    const H = narrow ? 790 : 290;
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.replaceChildren();
    const boxes = narrow
      ? [{ x: 46, y: 60, w: 300, h: 180 }, { x: 46, y: 308, w: 300, h: 180 }, { x: 46, y: 556, w: 300, h: 180 }]
      : [{ x: 40, y: 58, w: 220, h: 180 }, { x: 310, y: 58, w: 200, h: 180 }, { x: 560, y: 58, w: 200, h: 180 }];
    legend(svg, narrow);
    root.dataset.gdbUid = root.dataset.gdbUid || `ch6-lambda-${Math.random().toString(36).slice(2, 8)}`;
    drawFit(svg, boxes[0], r, `${root.dataset.gdbUid}-clip`);
    drawCosts(svg, boxes[1], r);
    drawWeights(svg, boxes[2], r);
    const text = r.lmbda === 0 ? "0 (no penalty)" : fmt(r.lmbda);
    slider.setAttribute("aria-valuetext", `λ = ${text}`);
    const out = (name) => root.querySelector(`output[data-gdb-out="${name}"]`);
    out("lambda").value = text;
    out("train").value = fmt(r.train);
    out("val").value = fmt(r.val);
    out("norm").value = fmt(r.norm);
    svg.setAttribute(
      "aria-label",
      `Polynomial of degree ${DEGREE} fitted with λ = ${text} to ${data.x.length} noisy points of a sine wave: training cost ${fmt(r.train)}, ` +
        `validation cost ${fmt(r.val)}, size of the weights ${fmt(r.norm)}; the middle panel shows both costs for every λ of the slider.`,
    );
    root.dataset.gdbDraws = String(Number(root.dataset.gdbDraws || 0) + 1);
    root.dataset.gdbReady = "1";
  }

  function setUp(root) {
    const redraw = () => draw(root);
    for (const c of root.querySelectorAll("[data-gdb-control]")) {
      c.addEventListener(c.tagName === "BUTTON" ? "click" : "input", () => {
        if (c.dataset.gdbControl === "reset") root.querySelector('[data-gdb-control="lambda"]').value = String(SLIDER.min);
        redraw();
      });
    }
    let narrow = root.clientWidth < 600;
    window.addEventListener("resize", () => {
      if ((root.clientWidth < 600) !== narrow) {
        narrow = !narrow;
        redraw();
      }
    });
    redraw();
  }

  function init() {
    for (const root of document.querySelectorAll('[data-gdb-interactive="ch6-lambda"]')) {
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
