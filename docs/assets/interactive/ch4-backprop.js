// Chapter 4's figure: a 2-3-2 sigmoid network with its forward values and
// backward errors on the drawing.
//
// First part: pure functions that Node runs (tests/test_interactive_ch4.py
// compares them with gdbook.network.Network): the forward pass, Eqs. (13)-(14),
// the quadratic cost of one example, the output error, Eq. (17), the hidden
// error, Eq. (22), and the gradients, Eqs. (23)-(24), with the operations of
// Network._forward and Network._backprop in the same order. Second part: the
// drawing; it does nothing on a page without its root.
"use strict";

// `var`, not `const`: Material's instant navigation runs this script again
// each time a reader comes back to the page, and a second `const` of the
// same name would throw.
var gdbookCh4 = (() => {
  const SIZES = [2, 3, 2]; // n_1, n_2, n_3; layer 1 is the input
  const sigmoid = (z) => 1.0 / (1.0 + Math.exp(-z)); // gdbook.activations.sigmoid

  function check(p) {
    const vec = (v, n, name) => {
      if (!Array.isArray(v) || v.length !== n || !v.every(Number.isFinite)) {
        throw new Error(`${name} must be ${n} finite numbers; got ${JSON.stringify(v)}`);
      }
    };
    vec(p.x, SIZES[0], "x");
    vec(p.y, SIZES[2], "y");
    for (const l of [2, 3]) {
      const W = p.W[l];
      if (!Array.isArray(W) || W.length !== SIZES[l - 1]) {
        throw new Error(`W${l} must have shape (${SIZES[l - 1]}, ${SIZES[l - 2]}); got ${JSON.stringify(W)}`);
      }
      W.forEach((row, j) => vec(row, SIZES[l - 2], `W${l}[${j}]`));
      vec(p.b[l], SIZES[l - 1], `b${l}`);
    }
  }

  /**
   * Every number the figure shows, for input x, target y, weights W[l]
   * (n_l x n_{l-1}) and biases b[l], l = 2, 3: z[l], a[l] (a[1] = x), the
   * slopes sp[l] = a(1 - a), err = a^3 - y, back = (W^3)^T delta^3, the
   * errors delta[l], the gradients gradW[l]
   * (dC/dw^l_jk = delta^l_j a^{l-1}_k) and gradB[l] = delta[l], and the cost
   * C = |y - a^3|^2 / 2.
   */
  function compute(p) {
    check(p);
    const a = { 1: p.x.slice() };
    const z = {};
    const sp = {};
    for (const l of [2, 3]) {
      // Eq. (13) as in Network._forward: a @ W.T + b, then Eq. (14).
      z[l] = p.W[l].map((row, j) => row.reduce((s, w, k) => s + a[l - 1][k] * w, 0) + p.b[l][j]);
      a[l] = z[l].map(sigmoid);
      sp[l] = a[l].map((v) => v * (1 - v));
    }
    const delta = {};
    // Eq. (17): (a - y) * (a (1 - a)), as Network._output_error for the quadratic cost.
    const err = a[3].map((v, j) => v - p.y[j]);
    delta[3] = err.map((e, j) => e * sp[3][j]);
    // Eq. (22): (delta @ W) * (a (1 - a)), as Network._backprop; back = (W^3)^T delta^3.
    const back = a[2].map((_, j) => delta[3].reduce((s, d, k) => s + d * p.W[3][k][j], 0));
    delta[2] = back.map((v, j) => v * sp[2][j]);
    const gradW = {};
    const gradB = {};
    for (const l of [2, 3]) {
      gradB[l] = delta[l].slice(); // Eq. (23)
      gradW[l] = delta[l].map((d) => a[l - 1].map((v) => d * v)); // Eq. (24)
    }
    const cost = 0.5 * a[3].reduce((s, v, j) => s + (p.y[j] - v) ** 2, 0);
    return { z, a, sp, err, back, delta, gradW, gradB, cost };
  }

  // The parameters a reader can select: weights w^l_jk and biases b^l_j.
  const PARAMS = [];
  for (const l of [2, 3]) {
    for (let j = 0; j < SIZES[l - 1]; j++) {
      for (let k = 0; k < SIZES[l - 2]; k++) PARAMS.push({ kind: "w", l, j, k });
    }
  }
  for (const l of [2, 3]) for (let j = 0; j < SIZES[l - 1]; j++) PARAMS.push({ kind: "b", l, j });

  const DEFAULTS = {
    x: [1.0, -0.5],
    y: [1.0, 0.0],
    W: {
      2: [
        [0.8, -1.2],
        [-0.5, 0.9],
        [1.5, 0.6],
      ],
      3: [
        [1.1, -0.7, 0.6],
        [-0.9, 1.3, 0.5],
      ],
    },
    b: { 2: [0.1, -0.3, 0.2], 3: [-0.2, 0.1] },
  };

  return { SIZES, PARAMS, DEFAULTS, sigmoid, compute };
})();

if (typeof module !== "undefined") module.exports = gdbookCh4;

// -- the page ------------------------------------------------------------------
if (typeof document !== "undefined") {
  (() => {
    const SVG = "http://www.w3.org/2000/svg";
    const SUB = "₀₁₂₃₄₅₆₇₈₉";
    const SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    const sub = (n) => String(n).replace(/\d/g, (d) => SUB[d]);
    const sup = (n) => String(n).replace(/\d/g, (d) => SUP[d]);
    const f = (v, d = 3) => {
      const s = v.toFixed(d);
      return (Number(s) === 0 ? (0).toFixed(d) : s).replace("-", "−");
    };
    const fs = (v) => (Math.abs(v) >= 1e-3 || v === 0 ? f(v, 4) : v.toExponential(2).replace("-", "−").replace("e", "×10^").replace(/\^([−+]?)(\d+)/, (_, s, e) => (s === "−" ? "⁻" : "") + sup(e)));
    const name = (p) => (p.kind === "w" ? `w${sup(p.l)}${sub(p.j + 1)}${sub(p.k + 1)}` : `b${sup(p.l)}${sub(p.j + 1)}`);
    const STAGES = ["forward pass only", "δ³ by (17)", "δ² by (22)"];

    const make = (tag, attrs, parent, text) => {
      const el = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      if (text !== undefined) el.textContent = text;
      if (parent) parent.appendChild(el);
      return el;
    };

    function setUp(root) {
      const ex = gdbookCh4;
      const $ = (n) => root.querySelector(`[data-gdb-control="${n}"]`);
      const out = (n) => root.querySelector(`[data-gdb-out="${n}"]`);
      const svg = root.querySelector("[data-gdb-plot]");
      const c = { x1: $("x1"), x2: $("x2"), y1: $("y1"), y2: $("y2"), param: $("param"), value: $("value"), step: $("step") };
      if (!svg || Object.values(c).some((e) => !e)) return;
      const p = structuredClone(ex.DEFAULTS);
      let stage = 2; // 0: forward only; 1: delta^3 known; 2: delta^2 known too
      c.param.replaceChildren(
        ...ex.PARAMS.map((q, i) => {
          const o = document.createElement("option");
          o.value = String(i);
          o.textContent = q.kind === "w" ? `weight ${name(q)}: layer ${q.l - 1} neuron ${q.k + 1} → layer ${q.l} neuron ${q.j + 1}` : `bias ${name(q)}`;
          return o;
        }),
      );
      c.param.value = String(ex.PARAMS.findIndex((q) => q.kind === "w" && q.l === 3 && q.j === 0 && q.k === 1));
      const selected = () => ex.PARAMS[Number(c.param.value)];
      const getParam = (q) => (q.kind === "w" ? p.W[q.l][q.j][q.k] : p.b[q.l][q.j]);
      const setParam = (q, v) => {
        if (q.kind === "w") p.W[q.l][q.j][q.k] = v;
        else p.b[q.l][q.j] = v;
      };
      const syncValue = () => {
        c.value.value = String(getParam(selected()));
      };

      function draw() {
        const narrow = root.clientWidth < 520;
        const [W, H] = narrow ? [360, 372] : [640, 372];
        svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
        p.x = [Number(c.x1.value), Number(c.x2.value)];
        p.y = [Number(c.y1.value), Number(c.y2.value)];
        setParam(selected(), Number(c.value.value));
        const r = ex.compute(p);
        const q = selected();
        const R = narrow ? 23 : 27;
        const xs = narrow ? [40, 185, 310] : [80, 300, 500];
        const top = 84;
        const bottom = H - 74;
        const pos = (l, j) => {
          const n = ex.SIZES[l - 1];
          const gap = (bottom - top) / 2;
          return [xs[l - 1], (top + bottom) / 2 + (j - (n - 1) / 2) * (n === 3 ? gap : 1.5 * gap)];
        };
        svg.replaceChildren();
        const edges = make("g", { class: "gdb-edges" }, svg);
        for (const l of [2, 3]) {
          p.W[l].forEach((row, j) =>
            row.forEach((w, k) => {
              const [x1, y1] = pos(l - 1, k);
              const [x2, y2] = pos(l, j);
              const sel = q.kind === "w" && q.l === l && q.j === j && q.k === k;
              const e = make("line", { x1: x1 + R, y1, x2: x2 - R, y2, class: `gdb-edge ${w >= 0 ? "gdb-pos" : "gdb-neg"}${sel ? " gdb-sel" : ""}`, "stroke-width": (0.8 + 1.6 * Math.min(Math.abs(w), 4)).toFixed(2) }, edges);
              make("title", {}, e, `${name({ kind: "w", l, j, k })} = ${f(w, 2)}`);
              if (sel) {
                const t = narrow ? 0.4 : 0.5;
                make("text", { x: x1 + R + t * (x2 - x1 - 2 * R), y: y1 + t * (y2 - y1) - 8, class: "gdb-sel-label", "text-anchor": "middle" }, svg, `${name(q)} = ${f(w, 2)}`);
              }
            }),
          );
        }
        const nodes = make("g", { class: "gdb-nodes" }, svg);
        for (let l = 1; l <= 3; l++) {
          const [lx] = pos(l, 0);
          const [tx, anchor] = !narrow || l === 2 ? [lx, "middle"] : l === 1 ? [4, "start"] : [W - 4, "end"];
          make("text", { x: tx, y: 22, class: "gdb-layer", "text-anchor": anchor }, nodes, l === 1 ? "layer 1: input" : l === 3 ? "layer 3: output" : "layer 2");
          for (let j = 0; j < ex.SIZES[l - 1]; j++) {
            const [cx, cy] = pos(l, j);
            const known = l === 3 ? stage >= 1 : l === 2 ? stage >= 2 : false;
            const selNode = q.kind === "b" && q.l === l && q.j === j;
            const hot = (q.l === l && q.j === j && known) || (q.kind === "w" && l === q.l - 1 && j === q.k);
            make("circle", { cx, cy, r: R, class: `gdb-node${l === 1 ? " gdb-input" : ""}${selNode ? " gdb-sel" : ""}${hot ? " gdb-hot" : ""}` }, nodes);
            make("text", { x: cx, y: cy + 5, "text-anchor": "middle", class: "gdb-a" }, nodes, f(r.a[l][j], 2));
            if (l > 1) {
              make("text", { x: cx, y: cy - R - 6, "text-anchor": "middle", class: "gdb-z" }, nodes, `z = ${f(r.z[l][j], 2)}`);
              make("text", { x: cx, y: cy + R + 15, "text-anchor": "middle", class: `gdb-d${known ? "" : " gdb-unknown"}` }, nodes, known ? `δ = ${f(r.delta[l][j])}` : "δ = ?");
            }
            if (l === 3) {
              const [tx, ty, anchor] = narrow ? [cx, cy + R + 31, "middle"] : [cx + R + 8, cy + 5, "start"];
              make("text", { x: tx, y: ty, class: "gdb-y", "text-anchor": anchor }, nodes, `target y${sub(j + 1)} = ${f(p.y[j], 2)}`);
            }
          }
        }
        // The readouts.
        const vec = (v) => `(${v.map((x) => f(x)).join(", ")})`;
        const steps = [
          `Forward: a² = σ(W² x + b²) = ${vec(r.a[2])}, a³ = σ(W³ a² + b³) = ${vec(r.a[3])}, cost Cₓ = ${fs(r.cost)}. Press “step backward”.`,
          `Output layer, (17): δ³ = (a³ − y) ⊙ σ′(z³) = ${vec(r.err)} ⊙ ${vec(r.sp[3])} = ${vec(r.delta[3])}.`,
          `Hidden layer, (22): δ² = ((W³)ᵀ δ³) ⊙ σ′(z²) = ${vec(r.back)} ⊙ ${vec(r.sp[2])} = ${vec(r.delta[2])}.`,
        ];
        out("step").textContent = steps[stage];
        const needed = q.l === 3 ? 1 : 2;
        let g;
        if (stage < needed) {
          g = `∂Cₓ/∂${name(q)} needs δ${sup(q.l)}: step backward to layer ${q.l}.`;
        } else if (q.kind === "w") {
          g = `∂Cₓ/∂${name(q)} = δ${sup(q.l)}${sub(q.j + 1)} a${sup(q.l - 1)}${sub(q.k + 1)} = ${f(r.delta[q.l][q.j], 4)} × ${f(r.a[q.l - 1][q.k], 4)} = ${fs(r.gradW[q.l][q.j][q.k])}, by (24).`;
        } else {
          g = `∂Cₓ/∂${name(q)} = δ${sup(q.l)}${sub(q.j + 1)} = ${fs(r.gradB[q.l][q.j])}, by (23).`;
        }
        out("grad").textContent = g;
        out("x").textContent = `(${f(p.x[0], 2)}, ${f(p.x[1], 2)})`;
        out("y").textContent = `(${f(p.y[0], 2)}, ${f(p.y[1], 2)})`;
        out("value").textContent = f(getParam(q), 2);
        out("cost").textContent = fs(r.cost);
        c.step.textContent = stage < 2 ? "Step backward" : "Start the backward pass again";
        svg.setAttribute(
          "aria-label",
          `A 2-3-2 sigmoid network. Input x = (${f(p.x[0], 2)}, ${f(p.x[1], 2)}), target y = (${f(p.y[0], 2)}, ${f(p.y[1], 2)}). ` +
            `Activations a² = ${vec(r.a[2])}, a³ = ${vec(r.a[3])}; cost ${fs(r.cost)}. Backward pass: ${STAGES[stage]}` +
            (stage >= 1 ? `; δ³ = ${vec(r.delta[3])}` : "") +
            (stage >= 2 ? `; δ² = ${vec(r.delta[2])}` : "") +
            `. Selected: ${name(q)} = ${f(getParam(q), 2)}.`,
        );
        root.dataset.gdbDraws = String(Number(root.dataset.gdbDraws || 0) + 1);
        root.dataset.gdbReady = "1";
      }

      for (const k of ["x1", "x2", "y1", "y2", "value"]) c[k].addEventListener("input", draw);
      c.param.addEventListener("change", () => {
        syncValue();
        draw();
      });
      c.step.addEventListener("click", () => {
        stage = (stage + 1) % 3;
        draw();
      });
      let width = root.clientWidth;
      window.addEventListener("resize", () => {
        if ((root.clientWidth < 520) !== (width < 520)) draw();
        width = root.clientWidth;
      });
      syncValue();
      draw();
    }

    function lazy(root) {
      if (!("IntersectionObserver" in window)) return setUp(root);
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
    const start = () => document.querySelectorAll('[data-gdb-interactive="ch4-backprop"]').forEach(lazy);
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  })();
}
