// The gradient descent explorer (docs/explorer.md): plain JavaScript, no library.
//
// The first part is pure functions that Node can run (tests/test_explorer.py
// checks them against gdbook.surfaces and gdbook.descent): the three surfaces
// and their gradients, computed with the same operations in the same order as
// src/gdbook/surfaces.py, and descentPath, the update of
// gdbook.descent.momentum_descent (gradient_descent when beta = 0). The second
// part draws the page and does nothing on a page without a .gdb-explorer.
"use strict";

// `var`, not `const`: Material's instant navigation runs this script again
// each time a reader comes back to the page, and a second `const` of the
// same name would throw.
var gdbookExplorer = (() => {
  const VALLEY_STEEPNESS = 25.0;
  const DOUBLE_WELL_TILT = 0.5;

  // -- the surfaces: f(w) and its gradient, w = [w1, w2] ---------------------
  function bowl(w) {
    const [w1, w2] = point(w);
    return w1 * w1 + w2 * w2;
  }
  function bowlGrad(w) {
    const [w1, w2] = point(w);
    return [2.0 * w1, 2.0 * w2];
  }
  function valley(w) {
    const [w1, w2] = point(w);
    return 0.5 * (w1 * w1 + VALLEY_STEEPNESS * (w2 * w2));
  }
  function valleyGrad(w) {
    const [w1, w2] = point(w);
    return [w1, VALLEY_STEEPNESS * w2];
  }
  function doubleWell(w) {
    const [w1, w2] = point(w);
    const s = w1 * w1 - 1.0;
    return s * s + DOUBLE_WELL_TILT * w1 + w2 * w2;
  }
  function doubleWellGrad(w) {
    const [w1, w2] = point(w);
    return [4.0 * w1 * (w1 * w1 - 1.0) + DOUBLE_WELL_TILT, 2.0 * w2];
  }

  function point(w) {
    if (!Array.isArray(w) || w.length !== 2 || !w.every((x) => typeof x === "number")) {
      throw new Error(`w must be a point [w1, w2] of two numbers; got ${JSON.stringify(w)}`);
    }
    return w;
  }

  // The critical points of the double well along w1 solve 4x^3 - 4x + 1/2 = 0.
  function doubleWellCritical(x) {
    for (let i = 0; i < 50; i++) {
      x -= (4 * x * (x * x - 1) + DOUBLE_WELL_TILT) / (12 * x * x - 4);
    }
    return x;
  }
  const WELL_LEFT = doubleWellCritical(-1);
  const WELL_RIGHT = doubleWellCritical(1);
  const RIDGE = doubleWellCritical(0);

  // Names as in gdbook.surfaces.SURFACES; the rest is what the page needs:
  // the view (centre and half-width in w1), contour levels, the minima, and the
  // settings a reader starts from.
  const SURFACES = {
    bowl: {
      label: "Bowl",
      f: bowl,
      grad: bowlGrad,
      view: { cx: 0, cy: 0, halfWidth: 2.2 },
      levels: Array.from({ length: 16 }, (_, k) => ((k + 1) * 0.2) ** 2),
      minima: [{ w: [0, 0], name: "minimum" }],
      defaults: { w0: [1.8, 1.1], eta: 0.1, beta: 0, nSteps: 50 },
    },
    valley: {
      label: "Elongated valley",
      f: valley,
      grad: valleyGrad,
      view: { cx: 0, cy: 0, halfWidth: 5 },
      levels: Array.from({ length: 16 }, (_, k) => 0.5 * (k + 1) ** 2),
      minima: [{ w: [0, 0], name: "minimum" }],
      defaults: { w0: [-4, 1], eta: 0.03, beta: 0, nSteps: 200 },
    },
    double_well: {
      label: "Double well",
      f: doubleWell,
      grad: doubleWellGrad,
      view: { cx: 0, cy: 0, halfWidth: 2.2 },
      // Levels near the ridge's own level would double the dashed contour.
      levels: Array.from({ length: 18 }, (_, k) => doubleWell([WELL_LEFT, 0]) + ((k + 1) * 0.25) ** 2).filter(
        (level) => Math.abs(level - doubleWell([RIDGE, 0])) > 0.1,
      ),
      separatrix: doubleWell([RIDGE, 0]),
      minima: [
        { w: [WELL_LEFT, 0], name: "global minimum" },
        { w: [WELL_RIGHT, 0], name: "local minimum" },
      ],
      defaults: { w0: [2, 1], eta: 0.02, beta: 0, nSteps: 300 },
    },
  };

  /**
   * The path of gradient descent with momentum, as gdbook.descent.momentum_descent:
   *   u <- beta u - eta grad f(w),  w <- w + u,  u starting at zero;
   * with beta = 0 this is gdbook.descent.gradient_descent. Returns the points
   * [w1, w2], the start first. With tol, it stops before the step at which
   * the gradient's norm is below tol. If a point overflows to infinity or NaN
   * the path ends with it (there gdbook.descent raises ValueError at the next
   * gradient, which gdbook.surfaces refuses to evaluate).
   */
  function descentPath(name, w0, eta, beta, nSteps, tol = null) {
    const surface = SURFACES[name];
    if (!surface) {
      throw new Error(`unknown surface ${JSON.stringify(name)}; expected one of ${Object.keys(SURFACES).join(", ")}`);
    }
    point(w0);
    if (!w0.every(Number.isFinite)) throw new Error("w0 has NaN or inf values");
    if (!(Number.isFinite(eta) && eta > 0)) throw new Error(`eta must be > 0; got ${eta}`);
    if (!(beta >= 0 && beta < 1)) throw new Error(`beta must be in [0, 1); got ${beta}`);
    if (!(Number.isInteger(nSteps) && nSteps >= 0)) {
      throw new Error(`nSteps must be an integer >= 0; got ${nSteps}`);
    }
    if (tol !== null && !(Number.isFinite(tol) && tol > 0)) {
      throw new Error(`tol must be > 0; got ${tol}`);
    }
    let w1 = w0[0];
    let w2 = w0[1];
    let u1 = 0.0;
    let u2 = 0.0;
    const path = [[w1, w2]];
    for (let k = 0; k < nSteps; k++) {
      if (!(Number.isFinite(w1) && Number.isFinite(w2))) break;
      const [g1, g2] = surface.grad([w1, w2]);
      if (tol !== null && Math.sqrt(g1 * g1 + g2 * g2) < tol) break;
      u1 = beta * u1 - eta * g1;
      u2 = beta * u2 - eta * g2;
      w1 += u1;
      w2 += u2;
      path.push([w1, w2]);
    }
    return path;
  }

  const DIVERGED = 1e6; // a point this far out is reported as diverged

  /** What the readout says about a path: where it ended and why. */
  function summarize(name, path, nSteps, tol = null) {
    const surface = SURFACES[name];
    const at = path.findIndex(
      ([a, b]) => !(Number.isFinite(a) && Number.isFinite(b)) || Math.max(Math.abs(a), Math.abs(b)) > DIVERGED,
    );
    const last = path[path.length - 1];
    const final = at >= 0 ? path[at] : last;
    const finite = Number.isFinite(final[0]) && Number.isFinite(final[1]);
    let status = "steps";
    if (at >= 0) status = "diverged";
    else if (tol !== null && path.length - 1 < nSteps) status = "converged";
    const g = finite ? surface.grad(final) : [NaN, NaN];
    return {
      steps: path.length - 1,
      status,
      divergedAt: at,
      final,
      value: finite ? surface.f(final) : NaN,
      gradNorm: Math.sqrt(g[0] * g[0] + g[1] * g[1]),
    };
  }

  return {
    VALLEY_STEEPNESS,
    DOUBLE_WELL_TILT,
    DIVERGED,
    SURFACES,
    bowl,
    bowlGrad,
    valley,
    valleyGrad,
    doubleWell,
    doubleWellGrad,
    descentPath,
    summarize,
  };
})();

if (typeof module !== "undefined") module.exports = gdbookExplorer;

// -- the page ------------------------------------------------------------------
if (typeof document !== "undefined") {
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 640;
  const HEIGHT = 400;
  const TOL = 1e-6;

  function make(tag, attrs, parent) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (parent) parent.appendChild(el);
    return el;
  }

  function fmt(x) {
    if (Number.isNaN(x)) return "NaN";
    if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
    if (x === 0) return "0";
    const a = Math.abs(x);
    const s = a >= 1e4 || a < 1e-3 ? x.toExponential(2) : x.toFixed(4);
    return s.replaceAll("-", "−");
  }

  // Segments of the contour lines f = level on a grid (marching squares),
  // as one SVG path per level.
  function contourPath(values, nx, ny, level, toX, toY) {
    let d = "";
    const cross = (i0, j0, i1, j1) => {
      const a = values[j0 * (nx + 1) + i0];
      const b = values[j1 * (nx + 1) + i1];
      const t = (level - a) / (b - a);
      return [toX(i0 + t * (i1 - i0)), toY(j0 + t * (j1 - j0))];
    };
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const v00 = values[j * (nx + 1) + i] > level;
        const v10 = values[j * (nx + 1) + i + 1] > level;
        const v01 = values[(j + 1) * (nx + 1) + i] > level;
        const v11 = values[(j + 1) * (nx + 1) + i + 1] > level;
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

  // Clip the segment p-q to the box [lo, hi]^2 (Liang-Barsky); null if outside.
  function clip(p, q, lo, hi) {
    let t0 = 0;
    let t1 = 1;
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    for (const [den, num] of [[-dx, p[0] - lo], [dx, hi - p[0]], [-dy, p[1] - lo], [dy, hi - p[1]]]) {
      if (den === 0) {
        if (num < 0) return null;
      } else {
        const t = num / den;
        if (den < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    if (t0 > t1) return null;
    return [
      [p[0] + t0 * dx, p[1] + t0 * dy],
      [p[0] + t1 * dx, p[1] + t1 * dy],
    ];
  }

  function setUp(root) {
    const ex = gdbookExplorer;
    const $ = (name) => root.querySelector(`[data-gdb="${name}"]`);
    const controls = {
      surface: $("surface"),
      eta: $("eta"),
      beta: $("beta"),
      steps: $("steps"),
      w1: $("w1"),
      w2: $("w2"),
      plain: $("plain"),
      reset: $("reset"),
    };
    const svg = $("plot");
    if (!svg || Object.values(controls).some((c) => !c)) return;
    svg.setAttribute("viewBox", `0 0 ${WIDTH} ${HEIGHT}`);
    svg.replaceChildren();
    const layers = {
      grid: make("g", { class: "gdb-ex-grid" }, svg),
      contours: make("g", { class: "gdb-ex-contours" }, svg),
      minima: make("g", { class: "gdb-ex-minima" }, svg),
      plain: make("path", { class: "gdb-ex-plain" }, svg),
      path: make("path", { class: "gdb-ex-path" }, svg),
      dots: make("path", { class: "gdb-ex-dots" }, svg),
      start: make("circle", { class: "gdb-ex-start", r: 6 }, svg),
      end: make("circle", { class: "gdb-ex-end", r: 4.5 }, svg),
    };
    const state = { name: controls.surface.value, w0: [0, 0] };

    const scale = () => WIDTH / (2 * ex.SURFACES[state.name].view.halfWidth);
    const toPx = ([a, b]) => {
      const { cx, cy } = ex.SURFACES[state.name].view;
      return [WIDTH / 2 + (a - cx) * scale(), HEIGHT / 2 - (b - cy) * scale()];
    };
    const fromPx = (x, y) => {
      const { cx, cy } = ex.SURFACES[state.name].view;
      return [cx + (x - WIDTH / 2) / scale(), cy - (y - HEIGHT / 2) / scale()];
    };
    const eta = () => Number((10 ** Number(controls.eta.value)).toPrecision(3));
    const round2 = (x) => Math.round(x * 100) / 100;

    function drawSurface() {
      const s = ex.SURFACES[state.name];
      const nx = 160;
      const ny = 100;
      const values = new Float64Array((nx + 1) * (ny + 1));
      for (let j = 0; j <= ny; j++) {
        for (let i = 0; i <= nx; i++) {
          values[j * (nx + 1) + i] = s.f(fromPx((i * WIDTH) / nx, (j * HEIGHT) / ny));
        }
      }
      const toX = (i) => (i * WIDTH) / nx;
      const toY = (j) => (j * HEIGHT) / ny;
      layers.contours.replaceChildren();
      s.levels.forEach((level, k) => {
        const t = k / (s.levels.length - 1);
        make(
          "path",
          {
            d: contourPath(values, nx, ny, level, toX, toY),
            style: `stroke: hsl(${(235 - 140 * t).toFixed(0)} 70% var(--gdb-ex-contour-lightness))`,
          },
          layers.contours,
        );
      });
      if (s.separatrix !== undefined) {
        make(
          "path",
          { d: contourPath(values, nx, ny, s.separatrix, toX, toY), class: "gdb-ex-separatrix" },
          layers.contours,
        );
      }
      // Grid lines at whole numbers, labelled along the bottom and left edges.
      layers.grid.replaceChildren();
      const [lo1, hi2] = fromPx(0, 0);
      const [hi1, lo2] = fromPx(WIDTH, HEIGHT);
      for (let a = Math.ceil(lo1); a <= hi1; a++) {
        const [x] = toPx([a, 0]);
        make("line", { x1: x, y1: 0, x2: x, y2: HEIGHT, class: a === 0 ? "gdb-ex-axis" : "" }, layers.grid);
        if (a !== 0 && x > 24 && x < WIDTH - 24) {
          make("text", { x: x + 3, y: HEIGHT - 5 }, layers.grid).textContent = String(a).replace("-", "−");
        }
      }
      for (let b = Math.ceil(lo2); b <= hi2; b++) {
        const [, y] = toPx([0, b]);
        make("line", { x1: 0, y1: y, x2: WIDTH, y2: y, class: b === 0 ? "gdb-ex-axis" : "" }, layers.grid);
        if (b !== 0 && y > 24 && y < HEIGHT - 24) {
          make("text", { x: 4, y: y - 4 }, layers.grid).textContent = String(b).replace("-", "−");
        }
      }
      make("text", { x: WIDTH - 8, y: HEIGHT / 2 - 6, "text-anchor": "end", class: "gdb-ex-axis-label" }, layers.grid).textContent = "w₁";
      make("text", { x: WIDTH / 2 + 6, y: 16, class: "gdb-ex-axis-label" }, layers.grid).textContent = "w₂";
      layers.minima.replaceChildren();
      for (const m of s.minima) {
        const [x, y] = toPx(m.w);
        make("path", { d: `M${x - 5} ${y - 5}l10 10m0 -10l-10 10` }, layers.minima);
        make("title", {}, layers.minima.lastChild).textContent = `${m.name} (${fmt(m.w[0])}, ${fmt(m.w[1])})`;
      }
    }

    // The path as an SVG path, clipped to a box around the view.
    function pathData(path) {
      const lo = -WIDTH;
      const hi = 2 * WIDTH;
      let d = "";
      let pen = null;
      const px = path.map(toPx);
      for (let k = 0; k + 1 < px.length; k++) {
        const seg = clip(px[k], px[k + 1], lo, hi);
        if (!seg) {
          pen = null;
          continue;
        }
        const [p, q] = seg;
        if (!pen || pen[0] !== p[0] || pen[1] !== p[1]) d += `M${p[0].toFixed(1)} ${p[1].toFixed(1)}`;
        d += `L${q[0].toFixed(1)} ${q[1].toFixed(1)}`;
        pen = q;
      }
      return d;
    }

    function update() {
      const s = ex.SURFACES[state.name];
      const beta = Number(controls.beta.value);
      const nSteps = Number(controls.steps.value);
      const e = eta();
      const path = ex.descentPath(state.name, state.w0, e, beta, nSteps, TOL);
      const info = ex.summarize(state.name, path, nSteps, TOL);
      const shown = info.divergedAt >= 0 ? path.slice(0, info.divergedAt + 1) : path;
      layers.path.setAttribute("d", pathData(shown));
      const r = 1.8;
      layers.dots.setAttribute(
        "d",
        shown
          .slice(0, 400)
          .map(toPx)
          .filter(([x, y]) => x > -10 && x < WIDTH + 10 && y > -10 && y < HEIGHT + 10)
          .map(([x, y]) => `M${(x - r).toFixed(1)} ${y.toFixed(1)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`)
          .join(""),
      );
      const showPlain = controls.plain.checked && beta > 0;
      layers.plain.setAttribute(
        "d",
        showPlain ? pathData(ex.descentPath(state.name, state.w0, e, 0, nSteps, TOL).slice(0, 2000)) : "",
      );
      const [sx, sy] = toPx(state.w0);
      layers.start.setAttribute("cx", sx);
      layers.start.setAttribute("cy", sy);
      const [fx, fy] = toPx(info.final);
      const endVisible = info.status !== "diverged" && fx >= 0 && fx <= WIDTH && fy >= 0 && fy <= HEIGHT;
      layers.end.setAttribute("cx", endVisible ? fx : -100);
      layers.end.setAttribute("cy", endVisible ? fy : -100);

      $("eta-value").textContent = String(e);
      $("beta-value").textContent = beta.toFixed(2);
      $("steps-value").textContent = String(nSteps);
      $("w0-value").textContent = `(${state.w0[0].toFixed(2)}, ${state.w0[1].toFixed(2)})`.replaceAll("-", "−");
      $("final").textContent = `(${fmt(info.final[0])}, ${fmt(info.final[1])})`;
      $("value").textContent = fmt(info.value);
      const status = $("status");
      status.dataset.status = info.status;
      if (info.status === "diverged") {
        status.textContent = `diverged: |w| passed 10⁶ at step ${info.divergedAt}`;
      } else if (info.status === "converged") {
        status.textContent = `converged: ‖∇f‖ < 10⁻⁶ after ${info.steps} steps`;
      } else {
        status.textContent = `${info.steps} steps taken; ‖∇f‖ = ${fmt(info.gradNorm)}`;
      }
      const near = s.minima.find((m) => Math.hypot(info.final[0] - m.w[0], info.final[1] - m.w[1]) < 0.05);
      $("where").textContent = info.status === "diverged" ? "" : near ? `near the ${near.name}` : "";
    }

    function setStart(w) {
      state.w0 = [round2(w[0]), round2(w[1])];
      controls.w1.value = String(state.w0[0]);
      controls.w2.value = String(state.w0[1]);
    }

    function loadSurface(name) {
      state.name = name;
      const s = ex.SURFACES[name];
      const [lo1, hi2] = fromPx(0, 0);
      const [hi1, lo2] = fromPx(WIDTH, HEIGHT);
      Object.assign(controls.w1, { min: String(Math.ceil(lo1 * 10) / 10), max: String(Math.floor(hi1 * 10) / 10) });
      Object.assign(controls.w2, { min: String(Math.ceil(lo2 * 10) / 10), max: String(Math.floor(hi2 * 10) / 10) });
      const d = s.defaults;
      controls.eta.value = String(Math.log10(d.eta));
      controls.beta.value = String(d.beta);
      controls.steps.value = String(d.nSteps);
      setStart(d.w0);
      drawSurface();
      update();
    }

    controls.surface.addEventListener("change", () => loadSurface(controls.surface.value));
    controls.reset.addEventListener("click", () => loadSurface(state.name));
    for (const c of [controls.eta, controls.beta, controls.steps, controls.plain]) {
      c.addEventListener("input", update);
    }
    for (const c of [controls.w1, controls.w2]) {
      c.addEventListener("input", () => {
        setStart([Number(controls.w1.value), Number(controls.w2.value)]);
        update();
      });
    }
    // Click or drag on the plot to move the start.
    const fromEvent = (event) => {
      const m = svg.getScreenCTM();
      if (!m) return null;
      const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
      return fromPx(p.x, p.y);
    };
    let dragging = false;
    svg.addEventListener("pointerdown", (event) => {
      const w = fromEvent(event);
      if (!w) return;
      dragging = true;
      svg.setPointerCapture(event.pointerId);
      setStart(w);
      update();
    });
    svg.addEventListener("pointermove", (event) => {
      if (!dragging) return;
      const w = fromEvent(event);
      if (w) {
        setStart(w);
        update();
      }
    });
    const stop = () => {
      dragging = false;
    };
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);

    loadSurface(state.name);
    root.dataset.ready = "true";
  }

  const start = () => document.querySelectorAll(".gdb-explorer").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
