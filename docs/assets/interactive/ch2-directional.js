// Chapter 2's interactive figure (slug ch2-directional): the slope of the bowl
// C(w) = w1^2 + w2^2 (gdbook.surfaces.bowl, the paper's Fig. 1) along a unit
// direction v, the direction of steepest descent, and one step of gradient
// descent. Plain JavaScript, no library.
//
// The first part is pure functions that Node can run; tests/test_interactive_ch2.py
// compares every number they return with gdbook.surfaces.bowl / bowl_grad and
// gdbook.descent.directional_derivative / steepest_direction / gradient_descent.
// The second part draws the page and does nothing on a page without the root.
"use strict";

// `var`, not `const`: Material's instant navigation runs this script again
// each time a reader comes back to the page, and a second `const` of the
// same name would throw.
var gdbookCh2 = (() => {
  const W_RANGE = [-1.0, 1.0]; // both coordinates of the point
  const ETA_RANGE = [0.01, 1.2];
  const DEFAULTS = { w1: 1.0, w2: 0.5, theta: 45, eta: 0.1 };
  const CURVE_STEP = 2; // degrees between the points of the slope curve

  function checkSettings({ w1, w2, theta, eta }) {
    const finite = (a) => typeof a === "number" && Number.isFinite(a);
    if (!(finite(w1) && finite(w2))) throw new Error(`w must be two finite numbers; got (${w1}, ${w2})`);
    if (!finite(theta)) throw new Error(`theta must be a finite number of degrees; got ${theta}`);
    if (!(finite(eta) && eta > 0)) throw new Error(`eta must be > 0; got ${eta}`);
  }

  /** C(w) = w1^2 + w2^2, as gdbook.surfaces.bowl. */
  function bowl([w1, w2]) {
    return w1 * w1 + w2 * w2;
  }
  /** The gradient (2 w1, 2 w2), as gdbook.surfaces.bowl_grad. */
  function bowlGrad([w1, w2]) {
    return [2.0 * w1, 2.0 * w2];
  }
  /** The unit vector at theta degrees (NumPy's radians multiplies by pi/180). */
  function direction(theta) {
    const a = theta * (Math.PI / 180.0);
    return [Math.cos(a), Math.sin(a)];
  }
  /** Eq. (1), as gdbook.descent.directional_derivative: np.sum(grad * v). */
  function directionalDerivative(g, v) {
    return g[0] * v[0] + g[1] * v[1];
  }
  /** Eq. (2.1), as gdbook.descent.steepest_direction; null where grad = 0. */
  function steepestDirection(g) {
    const norm = Math.sqrt(g[0] * g[0] + g[1] * g[1]);
    if (norm === 0) return null;
    return [-g[0] / norm, -g[1] / norm];
  }
  /** The angle of a vector in degrees, in [0, 360). */
  function angleOf(v) {
    const a = (Math.atan2(v[1], v[0]) * 180.0) / Math.PI;
    return a < 0 ? a + 360.0 : a;
  }

  /**
   * Everything the figure draws or prints for the point w = (w1, w2), the
   * direction theta (degrees) and the learning rate eta.
   */
  function compute(settings) {
    checkSettings(settings);
    const { w1, w2, theta, eta } = settings;
    const w = [w1, w2];
    const g = bowlGrad(w);
    const v = direction(theta);
    const slope = directionalDerivative(g, v);
    const vStar = steepestDirection(g);
    let steepest = null;
    if (vStar) {
      const angle = angleOf(vStar);
      let gap = theta - angle; // how far the chosen direction is from it, in (-180, 180]
      gap -= 360 * Math.ceil((gap - 180) / 360);
      steepest = { v: vStar, angle, slope: directionalDerivative(g, vStar), gap };
    }
    // One step of Eq. (3), as gdbook.descent.gradient_descent(bowl_grad, w, eta, 1)[1].
    const wNew = [w1 - eta * g[0], w2 - eta * g[1]];
    const angles = Array.from({ length: 360 / CURVE_STEP + 1 }, (_, k) => k * CURVE_STEP);
    const units = angles.map(direction);
    const curve = { angles, units, slopes: units.map((u) => directionalDerivative(g, u)) };
    return { w, C: bowl(w), grad: g, v, slope, steepest, wNew, CNew: bowl(wNew), curve };
  }

  return {
    W_RANGE,
    ETA_RANGE,
    DEFAULTS,
    CURVE_STEP,
    bowl,
    bowlGrad,
    direction,
    directionalDerivative,
    steepestDirection,
    angleOf,
    compute,
  };
})();

if (typeof module !== "undefined") module.exports = gdbookCh2;

// -- the page ------------------------------------------------------------------
if (typeof document !== "undefined") {
  const SVG = "http://www.w3.org/2000/svg";
  const MARGIN = { left: 40, right: 22, top: 24, bottom: 34 };
  const MAP = { lo: -3.2, hi: 3.2, px: 50 }; // the map shows [-3.2, 3.2]^2
  const CURVE = { w: 320, h: 220, slope: 3.0 }; // slope axis from -3 to 3
  const GAP = 24;
  const NARROW = 560;

  function make(tag, attrs, parent) {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (parent) parent.appendChild(el);
    return el;
  }
  const minus = (s) => s.replaceAll("-", "−");
  const fix = (x, d) => minus((Math.abs(x) < 0.5 * 10 ** -d ? 0 : x).toFixed(d));
  const pair = (p, d) => `(${fix(p[0], d)}, ${fix(p[1], d)})`;

  // A line from p to q with a filled arrowhead at q (both in pixels).
  function arrow(p, q, size = 9) {
    const dx = q[0] - p[0];
    const dy = q[1] - p[1];
    const len = Math.hypot(dx, dy);
    if (len < 1e-9) return { line: "", head: "" };
    const [ux, uy] = [dx / len, dy / len];
    const s = Math.min(size, len * 0.6);
    const base = [q[0] - ux * s, q[1] - uy * s];
    const l = [base[0] - uy * s * 0.45, base[1] + ux * s * 0.45];
    const r = [base[0] + uy * s * 0.45, base[1] - ux * s * 0.45];
    const f = (a) => `${a[0].toFixed(1)} ${a[1].toFixed(1)}`;
    return { line: `M${f(p)}L${f(base)}`, head: `M${f(q)}L${f(l)}L${f(r)}Z` };
  }

  function setUp(root) {
    const f = gdbookCh2;
    const svg = root.querySelector("[data-gdb-plot]");
    const control = (name) => root.querySelector(`[data-gdb-control="${name}"]`);
    const names = ["w1", "w2", "theta", "eta", "steepest", "reset"];
    const controls = Object.fromEntries(names.map((n) => [n, control(n)]));
    if (!svg || Object.values(controls).some((c) => !c)) return;
    const state = { ...f.DEFAULTS };
    const mapSize = (MAP.hi - MAP.lo) * MAP.px;
    const outerW = (w) => MARGIN.left + w + MARGIN.right;
    const outerH = (h) => MARGIN.top + h + MARGIN.bottom;
    let layout = null;
    let panels = null;
    let layers = null;

    const mapPx = ([a, b]) => [panels.map[0] + (a - MAP.lo) * MAP.px, panels.map[1] + (MAP.hi - b) * MAP.px];
    const mapFromPx = ([x, y]) => [MAP.lo + (x - panels.map[0]) / MAP.px, MAP.hi - (y - panels.map[1]) / MAP.px];
    const curvePx = ([angle, slope]) => [
      panels.curve[0] + (angle / 360) * CURVE.w,
      panels.curve[1] + ((CURVE.slope - slope) / (2 * CURVE.slope)) * CURVE.h,
    ];

    function build() {
      const narrow = root.clientWidth > 0 && root.clientWidth < NARROW;
      layout = narrow ? "narrow" : "wide";
      let width;
      let height;
      if (narrow) {
        width = outerW(Math.max(mapSize, CURVE.w));
        panels = {
          map: [MARGIN.left + (width - outerW(mapSize)) / 2, MARGIN.top],
          curve: [MARGIN.left, outerH(mapSize) + GAP / 2 + MARGIN.top],
        };
        height = outerH(mapSize) + GAP / 2 + outerH(CURVE.h);
      } else {
        width = outerW(mapSize) + GAP + outerW(CURVE.w);
        height = outerH(mapSize);
        panels = {
          map: [MARGIN.left, MARGIN.top],
          curve: [outerW(mapSize) + GAP + MARGIN.left, MARGIN.top + (mapSize - CURVE.h) / 2],
        };
      }
      svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
      root.dataset.gdbLayout = layout;
      svg.replaceChildren();
      const g = (cls) => make("g", { class: cls }, svg);
      layers = { axes: g("gdb-ch2-axes"), contours: g("gdb-ch2-contours"), live: g("gdb-ch2-live") };
      drawStatic();
    }

    function drawStatic() {
      const a = layers.axes;
      const [mx, my] = panels.map;
      make("rect", { x: mx, y: my, width: mapSize, height: mapSize, class: "gdb-ch2-frame" }, a);
      for (let t = -3; t <= 3; t++) {
        const [px, py] = mapPx([t, t]);
        const cls = t === 0 ? "gdb-ch2-axis" : "";
        make("line", { x1: px, x2: px, y1: my, y2: my + mapSize, class: cls }, a);
        make("line", { x1: mx, x2: mx + mapSize, y1: py, y2: py, class: cls }, a);
        make("text", { x: px, y: my + mapSize + 14, "text-anchor": "middle" }, a).textContent = minus(String(t));
        make("text", { x: mx - 5, y: py + 4, "text-anchor": "end" }, a).textContent = minus(String(t));
      }
      make("text", { x: mx + mapSize / 2, y: my + mapSize + 29, "text-anchor": "middle", class: "gdb-ch2-label" }, a).textContent = "w₁";
      make("text", { x: mx, y: my - 8, class: "gdb-ch2-label" }, a).textContent = "w₂; circles of equal C = w₁² + w₂²";
      // Contours of the bowl: circles C = r^2 for r = 0.5, 1, ..., 3.
      const [ox, oy] = mapPx([0, 0]);
      for (let k = 1; k <= 6; k++) {
        make("circle", { cx: ox, cy: oy, r: 0.5 * k * MAP.px }, layers.contours);
      }
      make("path", { d: `M${ox - 5} ${oy - 5}l10 10m0 -10l-10 10`, class: "gdb-ch2-min" }, layers.contours);
      // The slope curve's axes.
      const [cx, cy] = panels.curve;
      make("rect", { x: cx, y: cy, width: CURVE.w, height: CURVE.h, class: "gdb-ch2-frame" }, a);
      for (let deg = 0; deg <= 360; deg += 90) {
        const [px] = curvePx([deg, 0]);
        make("line", { x1: px, x2: px, y1: cy, y2: cy + CURVE.h }, a);
        make("text", { x: px, y: cy + CURVE.h + 14, "text-anchor": "middle" }, a).textContent = `${deg}°`;
      }
      for (let s = -3; s <= 3; s++) {
        const [, py] = curvePx([0, s]);
        make("line", { x1: cx, x2: cx + CURVE.w, y1: py, y2: py, class: s === 0 ? "gdb-ch2-axis" : "" }, a);
        make("text", { x: cx - 5, y: py + 4, "text-anchor": "end" }, a).textContent = minus(String(s));
      }
      make("text", { x: cx + CURVE.w / 2, y: cy + CURVE.h + 29, "text-anchor": "middle", class: "gdb-ch2-label" }, a).textContent = "direction angle θ of v";
      make("text", { x: cx, y: cy - 8, class: "gdb-ch2-label" }, a).textContent = "slope ∇C · v along v";
    }

    function draw() {
      const c = f.compute(state);
      const L = layers.live;
      L.replaceChildren();
      const p = mapPx(c.w);
      const put = (cls, shape) => {
        make("path", { d: shape.line, class: `${cls} gdb-ch2-shaft` }, L);
        make("path", { d: shape.head, class: `${cls} gdb-ch2-head` }, L);
      };
      // The gradient (true length), the steepest direction v* and the chosen v (unit length).
      put("gdb-ch2-grad", arrow(p, mapPx([c.w[0] + c.grad[0], c.w[1] + c.grad[1]])));
      if (c.steepest) {
        put("gdb-ch2-star", arrow(p, mapPx([c.w[0] + c.steepest.v[0], c.w[1] + c.steepest.v[1]])));
      }
      put("gdb-ch2-v", arrow(p, mapPx([c.w[0] + c.v[0], c.w[1] + c.v[1]])));
      // The step of gradient descent to w - eta grad C.
      const q = mapPx(c.wNew);
      make("path", { d: `M${p[0].toFixed(1)} ${p[1].toFixed(1)}L${q[0].toFixed(1)} ${q[1].toFixed(1)}`, class: "gdb-ch2-step" }, L);
      make("circle", { cx: q[0].toFixed(1), cy: q[1].toFixed(1), r: 5, class: "gdb-ch2-new" }, L);
      make("circle", { cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: 6, class: "gdb-ch2-point" }, L);
      // The slope curve, the chosen direction and the steepest one.
      const pts = c.curve.angles.map((a, k) => curvePx([a, c.curve.slopes[k]]));
      make("path", { d: `M${pts.map(([x, y]) => `${x.toFixed(1)} ${y.toFixed(1)}`).join("L")}`, class: "gdb-ch2-curve" }, L);
      const th = ((state.theta % 360) + 360) % 360;
      if (c.steepest) {
        const [sx, sy] = curvePx([c.steepest.angle, c.steepest.slope]);
        make("line", { x1: sx, x2: sx, y1: panels.curve[1], y2: panels.curve[1] + CURVE.h, class: "gdb-ch2-star gdb-ch2-shaft" }, L);
        make("circle", { cx: sx, cy: sy, r: 5, class: "gdb-ch2-star-dot" }, L);
      }
      const [vx, vy] = curvePx([th, c.slope]);
      make("line", { x1: vx, x2: vx, y1: vy, y2: curvePx([0, 0])[1], class: "gdb-ch2-v gdb-ch2-shaft" }, L);
      make("circle", { cx: vx, cy: vy, r: 5.5, class: "gdb-ch2-v-dot" }, L);

      const text = {
        w1: fix(c.w[0], 2),
        w2: fix(c.w[1], 2),
        theta: `${fix(state.theta, 0)}°`,
        eta: fix(state.eta, 2),
        grad: pair(c.grad, 2),
        v: pair(c.v, 3),
        slope: fix(c.slope, 4),
        "steepest-angle": c.steepest ? `${fix(c.steepest.angle, 2)}°` : "none (∇C = 0)",
        "steepest-slope": c.steepest ? fix(c.steepest.slope, 4) : "0",
        gap: c.steepest ? `${fix(Math.abs(c.steepest.gap), 2)}°` : "–",
        C: fix(c.C, 4),
        "w-new": pair(c.wNew, 3),
        "C-new": fix(c.CNew, 4),
      };
      for (const [k, v] of Object.entries(text)) {
        for (const o of root.querySelectorAll(`[data-gdb-output="${k}"]`)) o.textContent = v;
      }
      const steep = c.steepest
        ? `The slope is least, ${text["steepest-slope"]}, at ${text["steepest-angle"]}, the direction of minus the gradient; v is ${text.gap} away from it.`
        : "The gradient is zero here: every direction has slope 0.";
      svg.setAttribute(
        "aria-label",
        `Contour circles of C = w₁² + w₂² with the point w = (${text.w1}, ${text.w2}), its gradient ${text.grad}, ` +
          `the unit direction v at ${text.theta} and the step of gradient descent with η = ${text.eta} to ${text["w-new"]}; ` +
          `beside it the slope ∇C · v against the angle of v, ${text.slope} at ${text.theta}. ${steep}`,
      );
      root.dataset.gdbDraws = String(Number(root.dataset.gdbDraws || 0) + 1);
    }

    const clamp = (v, [lo, hi]) => Math.min(hi, Math.max(lo, v));
    const snap = (v, step) => Math.round(v / step) * step;
    function setPoint(a, b) {
      state.w1 = Number(snap(clamp(a, f.W_RANGE), 0.05).toFixed(2));
      state.w2 = Number(snap(clamp(b, f.W_RANGE), 0.05).toFixed(2));
      controls.w1.value = String(state.w1);
      controls.w2.value = String(state.w2);
    }
    function setTheta(t) {
      state.theta = ((Math.round(t) % 360) + 360) % 360;
      controls.theta.value = String(state.theta);
    }
    function readControls() {
      setPoint(Number(controls.w1.value), Number(controls.w2.value));
      setTheta(Number(controls.theta.value));
      state.eta = Number(controls.eta.value);
      draw();
    }
    for (const n of ["w1", "w2", "theta", "eta"]) controls[n].addEventListener("input", readControls);
    controls.steepest.addEventListener("click", () => {
      const c = f.compute(state);
      if (c.steepest) setTheta(c.steepest.angle);
      draw();
    });
    controls.reset.addEventListener("click", () => {
      setPoint(f.DEFAULTS.w1, f.DEFAULTS.w2);
      setTheta(f.DEFAULTS.theta);
      controls.eta.value = String(f.DEFAULTS.eta);
      state.eta = f.DEFAULTS.eta;
      draw();
    });

    // Drag on the map: from the point, move the point; elsewhere, turn v
    // towards the pointer. Drag on the slope curve: choose the angle.
    const fromEvent = (event) => {
      const m = svg.getScreenCTM();
      if (!m) return null;
      const q = new DOMPoint(event.clientX, event.clientY).matrixTransform(m.inverse());
      return [q.x, q.y];
    };
    const inBox = ([x, y], [x0, y0], w, h) => x >= x0 && x <= x0 + w && y >= y0 && y <= y0 + h;
    let dragging = null;
    function dragTo(q) {
      if (dragging === "point") {
        const [a, b] = mapFromPx(q);
        setPoint(a, b);
      } else if (dragging === "direction") {
        const [a, b] = mapFromPx(q);
        if (Math.hypot(a - state.w1, b - state.w2) > 1e-9) setTheta(f.angleOf([a - state.w1, b - state.w2]));
      } else if (dragging === "curve") {
        setTheta(((clamp(q[0], [panels.curve[0], panels.curve[0] + CURVE.w]) - panels.curve[0]) / CURVE.w) * 360);
      }
      draw();
    }
    svg.addEventListener("pointerdown", (event) => {
      const q = fromEvent(event);
      if (!q) return;
      if (inBox(q, panels.map, mapSize, mapSize)) {
        const p = mapPx([state.w1, state.w2]);
        dragging = Math.hypot(q[0] - p[0], q[1] - p[1]) < 16 ? "point" : "direction";
      } else if (inBox(q, panels.curve, CURVE.w, CURVE.h)) {
        dragging = "curve";
      } else {
        return;
      }
      svg.setPointerCapture(event.pointerId);
      event.preventDefault();
      dragTo(q);
    });
    svg.addEventListener("pointermove", (event) => {
      if (!dragging) return;
      const q = fromEvent(event);
      if (q) dragTo(q);
    });
    const stop = () => {
      dragging = null;
    };
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);

    if (typeof ResizeObserver !== "undefined") {
      new ResizeObserver(() => {
        const want = root.clientWidth > 0 && root.clientWidth < NARROW ? "narrow" : "wide";
        if (want !== layout) {
          build();
          draw();
        }
      }).observe(root);
    }

    setPoint(state.w1, state.w2);
    setTheta(state.theta);
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

  const start = () => document.querySelectorAll('[data-gdb-interactive="ch2-directional"]').forEach(watch);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}
