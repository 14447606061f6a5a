// Chapter 1's interactive figure (slug ch1-sse-squares): the squared errors of
// a two-weight linear unit drawn as squares on the data, beside the contour map
// of the sum of squared errors E(w1, w2). Plain JavaScript, no library.
//
// The first part is pure functions that Node can run; tests/test_interactive_ch1.py
// compares every number they return with gdbook: the data are
// gdbook.figures.sse.bowl_data(), E is gdbook.losses.sse (same operations in
// the same order, NumPy's pairwise summation included, so bit-identical), the
// minimum is np.linalg.lstsq's. The second part draws the page and does
// nothing on a page without the figure's root.
"use strict";

// `var`, not `const`: Material's instant navigation runs this script again
// each time a reader comes back to the page, and a second `const` of the
// same name would throw.
var gdbookCh1 = (() => {
  // gdbook.figures.sse.bowl_data(): x uniform on [-1, 1], y = 0.5 x + noise.
  // Every value is the shortest decimal that reads back as the same double.
  const X = [
    0.023643249400513433, 0.9009273926518706, -0.7116807745607325, 0.8972988942744877, -0.3763370959790291,
    -0.1533471020548487, 0.6554051876408835, -0.18160172726167745, 0.09918737534611899, -0.9448817735138633,
    0.5070262173496132, 0.07628662643855644, -0.34053656700181567, 0.5768574068568086, -0.39361034141671003,
    -0.09300422103869699, -0.7319166055056705, -0.19377402710574154, -0.5930895186477008, -0.475373319116301,
  ];
  const Y = [
    0.012635842752091068, 0.4229034057959983, -0.22643400584054554, 0.5493218786678233, -0.45928479588611143,
    -0.26557487562419163, 0.31022538461492555, -0.13301990478847409, 0.0709579874229206, -0.45070869365467525,
    0.4652969841799114, -0.07305876304994992, -0.20802878421360765, 0.4927058641776374, -0.13213487108817032,
    0.01980422671827768, -0.4173589399215816, -0.26169453063843606, -0.27979828490157627, -0.22678525077599573,
  ];
  // The weights the sliders reach (and the extent of the contour map).
  const W1_RANGE = [-1.0, 2.0];
  const W2_RANGE = [-1.0, 1.0];
  const DEFAULTS = { w1: 1.3, w2: -0.25 };
  // The contour map: E on a grid of GRID[0] x GRID[1] intervals, and levels
  // E_min + LEVEL_STEP * 2^k for k = 0 .. N_LEVELS - 1.
  const GRID = [90, 60];
  const LEVEL_STEP = 0.05;
  const N_LEVELS = 9;

  function checkWeights(w1, w2) {
    if (!(typeof w1 === "number" && Number.isFinite(w1) && typeof w2 === "number" && Number.isFinite(w2))) {
      throw new Error(`the weights must be finite numbers; got w1 = ${w1}, w2 = ${w2}`);
    }
  }

  // NumPy's sum of a contiguous float64 array (pairwise summation with eight
  // accumulators in blocks of up to 128), so that the totals are bit-identical.
  function pairwiseSum(a, lo = 0, n = a.length) {
    if (n < 8) {
      let res = 0.0;
      for (let i = 0; i < n; i++) res += a[lo + i];
      return res;
    }
    if (n <= 128) {
      const r = a.slice(lo, lo + 8);
      let i = 8;
      for (; i < n - (n % 8); i += 8) {
        for (let j = 0; j < 8; j++) r[j] += a[lo + i + j];
      }
      let res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) res += a[lo + i];
      return res;
    }
    let n2 = Math.floor(n / 2);
    n2 -= n2 % 8;
    return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
  }

  /** The prediction of the linear unit with inputs (x, 1): y_hat = w1 x + w2. */
  function predictions(w1, w2) {
    checkWeights(w1, w2);
    return X.map((x) => w1 * x + w2);
  }

  /** E = 1/2 sum_mu (y^mu - y_hat^mu)^2, as gdbook.losses.sse(y, y_hat). */
  function error(w1, w2) {
    const yHat = predictions(w1, w2);
    return 0.5 * pairwiseSum(Y.map((y, mu) => (y - yHat[mu]) * (y - yHat[mu])));
  }

  /** The least-squares weights, from the normal equations (a 2 x 2 solve). */
  function minimum() {
    const sxx = pairwiseSum(X.map((x) => x * x));
    const sx = pairwiseSum(X);
    const sxy = pairwiseSum(X.map((x, mu) => x * Y[mu]));
    const sy = pairwiseSum(Y);
    const m = X.length;
    const det = sxx * m - sx * sx;
    const w1 = (sxy * m - sx * sy) / det;
    const w2 = (sxx * sy - sx * sxy) / det;
    return { w: [w1, w2], E: error(w1, w2) };
  }

  // Grid coordinates as np.linspace(lo, hi, n + 1): i * step + lo, the last one hi.
  function linspace(lo, hi, n) {
    const step = (hi - lo) / n;
    return Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : i * step + lo));
  }

  /** E on the contour map's grid: values[j][i] = E(w1s[i], w2s[j]). */
  function errorGrid() {
    const w1s = linspace(W1_RANGE[0], W1_RANGE[1], GRID[0]);
    const w2s = linspace(W2_RANGE[0], W2_RANGE[1], GRID[1]);
    return { w1s, w2s, values: w2s.map((w2) => w1s.map((w1) => error(w1, w2))) };
  }

  /** The contour levels drawn: E_min + LEVEL_STEP * 2^k. */
  function levels(eMin) {
    return Array.from({ length: N_LEVELS }, (_, k) => eMin + LEVEL_STEP * 2 ** k);
  }

  /**
   * Everything the figure draws or prints for the weights (w1, w2): the data,
   * the predictions, the residuals y - y_hat (the sides of the squares), their
   * squares (the areas), the total area and E (half of it).
   */
  function compute({ w1, w2 }) {
    const yHat = predictions(w1, w2);
    const residuals = Y.map((y, mu) => y - yHat[mu]);
    const squares = residuals.map((r) => r * r); // NumPy's r**2 is r * r
    const total = pairwiseSum(squares);
    return { w: [w1, w2], x: X, y: Y, yHat, residuals, squares, total, E: 0.5 * total };
  }

  return {
    X,
    Y,
    W1_RANGE,
    W2_RANGE,
    DEFAULTS,
    GRID,
    LEVEL_STEP,
    N_LEVELS,
    pairwiseSum,
    predictions,
    error,
    minimum,
    linspace,
    errorGrid,
    levels,
    compute,
  };
})();

if (typeof module !== "undefined") module.exports = gdbookCh1;

// -- the page ------------------------------------------------------------------
if (typeof document !== "undefined") {
  const SVG = "http://www.w3.org/2000/svg";
  const MARGIN = { left: 38, right: 10, top: 22, bottom: 32 };
  // Data panel: x and y on [-1.25, 1.25] at the same scale, so squares are square.
  const DATA_VIEW = { x: [-1.25, 1.25], y: [-1.25, 1.25], px: 104 };
  const MAP_PX = 100; // pixels per unit of weight on the contour map
  const GAP = 24;
  const NARROW = 560; // below this width (CSS px) the panels are stacked

  function make(tag, attrs, parent) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (parent) parent.appendChild(el);
    return el;
  }
  const minus = (s) => s.replaceAll("-", "−");
  const fix = (x, d) => minus((Math.abs(x) < 0.5 * 10 ** -d ? 0 : x).toFixed(d));

  // Segments of the contour line E = level on a grid (marching squares).
  function contourPath(values, level, toX, toY) {
    let d = "";
    const ny = values.length - 1;
    const nx = values[0].length - 1;
    const cross = (i0, j0, i1, j1) => {
      const a = values[j0][i0];
      const b = values[j1][i1];
      const t = (level - a) / (b - a);
      return [toX(i0 + t * (i1 - i0)), toY(j0 + t * (j1 - j0))];
    };
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const v00 = values[j][i] > level;
        const v10 = values[j][i + 1] > level;
        const v01 = values[j + 1][i] > level;
        const v11 = values[j + 1][i + 1] > level;
        const edges = [];
        if (v00 !== v10) edges.push(cross(i, j, i + 1, j));
        if (v10 !== v11) edges.push(cross(i + 1, j, i + 1, j + 1));
        if (v11 !== v01) edges.push(cross(i + 1, j + 1, i, j + 1));
        if (v01 !== v00) edges.push(cross(i, j + 1, i, j));
        for (let e = 0; e + 1 < edges.length; e += 2) {
          const [p, q] = [edges[e], edges[e + 1]];
          d += `M${p[0].toFixed(1)} ${p[1].toFixed(1)}L${q[0].toFixed(1)} ${q[1].toFixed(1)}`;
        }
      }
    }
    return d;
  }

  function setUp(root) {
    const f = gdbookCh1;
    const svg = root.querySelector("[data-gdb-plot]");
    const control = (name) => root.querySelector(`[data-gdb-control="${name}"]`);
    const out = (name) => root.querySelector(`[data-gdb-output="${name}"]`);
    const controls = { w1: control("w1"), w2: control("w2"), reset: control("reset") };
    if (!svg || Object.values(controls).some((c) => !c)) return;

    const best = f.minimum();
    const grid = f.errorGrid();
    const levels = f.levels(best.E);
    const state = { ...f.DEFAULTS };

    // Panel geometry in viewBox units; the layout depends on the width.
    const dataW = (DATA_VIEW.x[1] - DATA_VIEW.x[0]) * DATA_VIEW.px;
    const dataH = (DATA_VIEW.y[1] - DATA_VIEW.y[0]) * DATA_VIEW.px;
    const mapW = (f.W1_RANGE[1] - f.W1_RANGE[0]) * MAP_PX;
    const mapH = (f.W2_RANGE[1] - f.W2_RANGE[0]) * MAP_PX;
    const outerW = (w) => MARGIN.left + w + MARGIN.right;
    const outerH = (h) => MARGIN.top + h + MARGIN.bottom;
    let layout = null;
    let panels = null;

    const dataPx = ([x, y]) => [
      panels.data[0] + (x - DATA_VIEW.x[0]) * DATA_VIEW.px,
      panels.data[1] + (DATA_VIEW.y[1] - y) * DATA_VIEW.px,
    ];
    const dataFromPx = ([px, py]) => [
      DATA_VIEW.x[0] + (px - panels.data[0]) / DATA_VIEW.px,
      DATA_VIEW.y[1] - (py - panels.data[1]) / DATA_VIEW.px,
    ];
    const mapPx = ([w1, w2]) => [
      panels.map[0] + (w1 - f.W1_RANGE[0]) * MAP_PX,
      panels.map[1] + (f.W2_RANGE[1] - w2) * MAP_PX,
    ];
    const mapFromPx = ([px, py]) => [
      f.W1_RANGE[0] + (px - panels.map[0]) / MAP_PX,
      f.W2_RANGE[1] - (py - panels.map[1]) / MAP_PX,
    ];

    let layers = null;
    function build() {
      const narrow = root.clientWidth > 0 && root.clientWidth < NARROW;
      layout = narrow ? "narrow" : "wide";
      let width;
      let height;
      if (narrow) {
        width = Math.max(outerW(dataW), outerW(mapW));
        panels = {
          data: [(width - dataW) / 2 + (MARGIN.left - MARGIN.right) / 2, MARGIN.top],
          map: [MARGIN.left, outerH(dataH) + GAP / 2 + MARGIN.top],
        };
        height = outerH(dataH) + GAP / 2 + outerH(mapH);
      } else {
        width = outerW(dataW) + GAP + outerW(mapW);
        height = Math.max(outerH(dataH), outerH(mapH));
        panels = {
          data: [MARGIN.left, MARGIN.top],
          map: [outerW(dataW) + GAP + MARGIN.left, MARGIN.top + (outerH(dataH) - outerH(mapH)) / 2],
        };
      }
      svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
      root.dataset.gdbLayout = layout;
      svg.replaceChildren();
      const defs = make("defs", {}, svg);
      const clipId = `gdb-ch1-clip-${Math.random().toString(36).slice(2, 8)}`;
      make("rect", { x: panels.data[0], y: panels.data[1], width: dataW, height: dataH }, make("clipPath", { id: clipId }, defs));
      const mapClipId = `${clipId}-map`;
      make("rect", { x: panels.map[0], y: panels.map[1], width: mapW, height: mapH }, make("clipPath", { id: mapClipId }, defs));
      layers = {
        axes: make("g", { class: "gdb-ch1-axes" }, svg),
        contours: make("g", { class: "gdb-ch1-contours", "clip-path": `url(#${mapClipId})` }, svg),
        squares: make("g", { class: "gdb-ch1-squares", "clip-path": `url(#${clipId})` }, svg),
        line: make("line", { class: "gdb-ch1-line", "clip-path": `url(#${clipId})` }, svg),
        residuals: make("path", { class: "gdb-ch1-residuals", "clip-path": `url(#${clipId})` }, svg),
        points: make("g", { class: "gdb-ch1-points" }, svg),
        best: make("path", { class: "gdb-ch1-best" }, svg),
        current: make("circle", { class: "gdb-ch1-current", r: 6 }, svg),
      };
      drawAxes();
      drawContours();
      drawPoints();
    }

    function ticks(lo, hi, step) {
      const out = [];
      for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++) out.push(k * step);
      return out;
    }

    function drawAxes() {
      const g = layers.axes;
      // Data panel frame, grid and labels.
      for (const [[x0, y0], w, h] of [
        [panels.data, dataW, dataH],
        [panels.map, mapW, mapH],
      ]) {
        make("rect", { x: x0, y: y0, width: w, height: h, class: "gdb-ch1-frame" }, g);
      }
      for (const t of ticks(DATA_VIEW.x[0], DATA_VIEW.x[1], 0.5)) {
        const [px] = dataPx([t, 0]);
        make("line", { x1: px, x2: px, y1: panels.data[1], y2: panels.data[1] + dataH, class: t === 0 ? "gdb-ch1-axis" : "" }, g);
        make("text", { x: px, y: panels.data[1] + dataH + 14, "text-anchor": "middle" }, g).textContent = minus(String(t));
      }
      for (const t of ticks(DATA_VIEW.y[0], DATA_VIEW.y[1], 0.5)) {
        const [, py] = dataPx([0, t]);
        make("line", { x1: panels.data[0], x2: panels.data[0] + dataW, y1: py, y2: py, class: t === 0 ? "gdb-ch1-axis" : "" }, g);
        make("text", { x: panels.data[0] - 5, y: py + 4, "text-anchor": "end" }, g).textContent = minus(String(t));
      }
      make("text", { x: panels.data[0] + dataW / 2, y: panels.data[1] + dataH + 28, "text-anchor": "middle", class: "gdb-ch1-label" }, g).textContent = "input x";
      make("text", { x: panels.data[0], y: panels.data[1] - 8, class: "gdb-ch1-label" }, g).textContent = "target y, prediction ŷ";
      for (const t of ticks(f.W1_RANGE[0], f.W1_RANGE[1], 0.5)) {
        const [px] = mapPx([t, 0]);
        make("line", { x1: px, x2: px, y1: panels.map[1], y2: panels.map[1] + mapH, class: t === 0 ? "gdb-ch1-axis" : "" }, g);
        make("text", { x: px, y: panels.map[1] + mapH + 14, "text-anchor": "middle" }, g).textContent = minus(String(t));
      }
      for (const t of ticks(f.W2_RANGE[0], f.W2_RANGE[1], 0.5)) {
        const [, py] = mapPx([0, t]);
        make("line", { x1: panels.map[0], x2: panels.map[0] + mapW, y1: py, y2: py, class: t === 0 ? "gdb-ch1-axis" : "" }, g);
        if (t > f.W2_RANGE[0]) {
          make("text", { x: panels.map[0] - 5, y: py + 4, "text-anchor": "end" }, g).textContent = minus(String(t));
        }
      }
      make("text", { x: panels.map[0] + mapW / 2, y: panels.map[1] + mapH + 28, "text-anchor": "middle", class: "gdb-ch1-label" }, g).textContent = "weight w₁ (slope)";
      make("text", { x: panels.map[0], y: panels.map[1] - 8, class: "gdb-ch1-label" }, g).textContent = "w₂ (intercept); lines of equal E";
    }

    function drawContours() {
      const toX = (i) => panels.map[0] + (i * mapW) / f.GRID[0];
      const toY = (j) => panels.map[1] + mapH - (j * mapH) / f.GRID[1];
      levels.forEach((level, k) => {
        const t = k / (levels.length - 1);
        make(
          "path",
          {
            d: contourPath(grid.values, level, toX, toY),
            style: `stroke: hsl(${(235 - 140 * t).toFixed(0)} 70% var(--gdb-ch1-contour-lightness))`,
          },
          layers.contours,
        );
      });
      const [bx, by] = mapPx(best.w);
      layers.best.setAttribute("d", `M${bx - 5} ${by - 5}l10 10m0 -10l-10 10`);
      make("title", {}, layers.best).textContent = `least E = ${fix(best.E, 4)} at w = (${fix(best.w[0], 3)}, ${fix(best.w[1], 3)})`;
    }

    function drawPoints() {
      for (let mu = 0; mu < f.X.length; mu++) {
        const [px, py] = dataPx([f.X[mu], f.Y[mu]]);
        make("circle", { cx: px, cy: py, r: 3.2 }, layers.points);
      }
    }

    function draw() {
      const c = f.compute(state);
      const [w1, w2] = c.w;
      // Squares: one side on the residual, from the point to the line; the
      // square extends to the right (its area is the squared error).
      let sq = "";
      let res = "";
      for (let mu = 0; mu < c.x.length; mu++) {
        const [px, py] = dataPx([c.x[mu], c.y[mu]]);
        const [, qy] = dataPx([c.x[mu], c.yHat[mu]]);
        const side = Math.abs(qy - py);
        const top = Math.min(py, qy);
        sq += `M${px.toFixed(1)} ${top.toFixed(1)}h${side.toFixed(1)}v${side.toFixed(1)}h${(-side).toFixed(1)}z`;
        res += `M${px.toFixed(1)} ${py.toFixed(1)}V${qy.toFixed(1)}`;
      }
      layers.squares.replaceChildren();
      make("path", { d: sq }, layers.squares);
      layers.residuals.setAttribute("d", res);
      const [lx0, ly0] = dataPx([DATA_VIEW.x[0], w1 * DATA_VIEW.x[0] + w2]);
      const [lx1, ly1] = dataPx([DATA_VIEW.x[1], w1 * DATA_VIEW.x[1] + w2]);
      Object.entries({ x1: lx0, y1: ly0, x2: lx1, y2: ly1 }).forEach(([k, v]) => layers.line.setAttribute(k, v.toFixed(1)));
      const [cx, cy] = mapPx(c.w);
      layers.current.setAttribute("cx", cx.toFixed(1));
      layers.current.setAttribute("cy", cy.toFixed(1));

      const text = {
        w1: fix(w1, 2),
        w2: fix(w2, 2),
        total: fix(c.total, 4),
        E: fix(c.E, 4),
        best: `${fix(best.E, 4)} at (${fix(best.w[0], 3)}, ${fix(best.w[1], 3)})`,
      };
      for (const [k, v] of Object.entries(text)) {
        for (const o of root.querySelectorAll(`[data-gdb-output="${k}"]`)) o.textContent = v;
      }
      svg.setAttribute(
        "aria-label",
        `${layout === "wide" ? "Left" : "Top"}: the ${c.x.length} data points, the line ŷ = ${text.w1} x + ${text.w2}, and each squared error drawn ` +
          `as a square whose side is the residual; the squares' total area is ${text.total}. ` +
          `${layout === "wide" ? "Right" : "Below"}: contour map ` +
          `of E over the weights, with the current point (${text.w1}, ${text.w2}) where E = ${text.E}, ` +
          `and a cross at the least E, ${text.best}.`,
      );
      root.dataset.gdbDraws = String(Number(root.dataset.gdbDraws || 0) + 1);
    }

    const clamp = (v, [lo, hi]) => Math.min(hi, Math.max(lo, v));
    const round2 = (v) => Math.round(v * 100) / 100;
    function setWeights(w1, w2) {
      state.w1 = round2(clamp(w1, f.W1_RANGE));
      state.w2 = round2(clamp(w2, f.W2_RANGE));
      controls.w1.value = String(state.w1);
      controls.w2.value = String(state.w2);
    }
    for (const name of ["w1", "w2"]) {
      controls[name].addEventListener("input", () => {
        setWeights(Number(controls.w1.value), Number(controls.w2.value));
        draw();
      });
    }
    controls.reset.addEventListener("click", () => {
      setWeights(f.DEFAULTS.w1, f.DEFAULTS.w2);
      draw();
    });

    // Drag on the contour map to move the weights; drag on the data panel to
    // shift the line up or down through the pointer (w2 changes, w1 stays).
    const fromEvent = (event) => {
      const m = svg.getScreenCTM();
      if (!m) return null;
      const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
      return [p.x, p.y];
    };
    const inside = ([px, py], [x0, y0], w, h) => px >= x0 && px <= x0 + w && py >= y0 && py <= y0 + h;
    let dragging = null;
    function dragTo(p) {
      if (dragging === "map") {
        const [w1, w2] = mapFromPx(p);
        setWeights(w1, w2);
      } else if (dragging === "data") {
        const [x, y] = dataFromPx(p);
        setWeights(state.w1, y - state.w1 * x);
      }
      draw();
    }
    svg.addEventListener("pointerdown", (event) => {
      const p = fromEvent(event);
      if (!p) return;
      if (inside(p, panels.map, mapW, mapH)) dragging = "map";
      else if (inside(p, panels.data, dataW, dataH)) dragging = "data";
      else return;
      svg.setPointerCapture(event.pointerId);
      event.preventDefault();
      dragTo(p);
    });
    svg.addEventListener("pointermove", (event) => {
      if (!dragging) return;
      const p = fromEvent(event);
      if (p) dragTo(p);
    });
    const stop = () => {
      dragging = null;
    };
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);

    // Re-lay out when the width crosses the narrow threshold.
    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => {
        const want = root.clientWidth > 0 && root.clientWidth < NARROW ? "narrow" : "wide";
        if (want !== layout) {
          build();
          draw();
        }
      }).observe(root);
    }

    setWeights(state.w1, state.w2);
    build();
    draw();
    root.dataset.gdbReady = "1";
  }

  // Lazy: build when the figure nears the viewport (or before printing).
  function watch(root) {
    let done = false;
    const go = () => {
      if (done) return;
      done = true;
      setUp(root);
    };
    if (typeof IntersectionObserver === "undefined") {
      go();
      return;
    }
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          io.disconnect();
          go();
        }
      },
      { rootMargin: "300px" },
    );
    io.observe(root);
    window.addEventListener("beforeprint", go);
  }

  const start = () => document.querySelectorAll('[data-gdb-interactive="ch1-sse-squares"]').forEach(watch);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
