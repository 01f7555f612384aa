/* Explorable figures (bnviz.site.explore): a sweep's stored per-seed curves,
   drawn as SVG for the setting, network and measure the reader chooses.
   The data is the JSON the site build writes out of results/ (linked in the
   figure's caption); nothing else is requested. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var MARKS = ["circle", "square", "triangle", "diamond", "down"];
  var M = { left: 58, right: 14, top: 14, bottom: 46 };

  function el(tag, attrs, parent, text) {
    var node = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  function isDark() {
    var scheme = document.body.getAttribute("data-md-color-scheme");
    if (scheme) return scheme === "slate";
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function scaleOf(measure) {
    return measure.indexOf("accuracy") >= 0 ? 100 : 1;
  }

  /* The lines for one choice: per variant, validation with moving averages
     (solid) and, for networks with BN, re-estimated statistics (dashed). */
  function seriesFor(data, variant, measure) {
    var chosen = variant === "all" ? data.variants : [variant];
    var first = data.sweep[data.keys[0]];
    var out = [];
    chosen.forEach(function (v) {
      var bn = data.has_bn.indexOf(v) >= 0;
      var precise = measure + "_precise";
      var val = measure.indexOf("val_") === 0;
      var both = val && bn && first[v][0][precise] !== undefined;
      out.push({
        variant: v, metric: measure, dashed: false,
        label: data.labels[v] + (both ? ", moving averages" : ""),
      });
      if (both) {
        out.push({
          variant: v, metric: precise, dashed: true,
          label: data.labels[v] + data.precise_label,
        });
      }
    });
    return out;
  }

  /* The value range over every setting, so the axes stay put while choosing. */
  function extent(data, series) {
    var lo = Infinity, hi = -Infinity;
    data.keys.forEach(function (key) {
      series.forEach(function (s) {
        data.sweep[key][s.variant].forEach(function (run) {
          (run[s.metric] || []).forEach(function (y) {
            if (y === null) return;
            y *= scaleOf(s.metric);
            lo = Math.min(lo, y);
            hi = Math.max(hi, y);
          });
        });
      });
    });
    if (!isFinite(lo)) return [0, 1];
    var pad = (hi - lo) * 0.05 || 1;
    return [lo - pad, hi + pad];
  }

  function ticks(lo, hi, count) {
    var raw = (hi - lo) / count;
    var mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (f) { return f * mag; })
      .filter(function (s) { return s >= raw; })[0];
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) {
      out.push(Math.round(t / step) * step);
    }
    return out;
  }

  function marker(kind, x, y, color, parent) {
    var r = 3.6, attrs = { fill: color, class: "bnviz-explore-marker" };
    if (kind === "circle") {
      return el("circle", Object.assign(attrs, { cx: x, cy: y, r: r }), parent);
    }
    var pts = {
      square: [[-r, -r], [r, -r], [r, r], [-r, r]],
      triangle: [[0, -r * 1.2], [r * 1.1, r * 0.9], [-r * 1.1, r * 0.9]],
      diamond: [[0, -r * 1.3], [r * 1.1, 0], [0, r * 1.3], [-r * 1.1, 0]],
      down: [[0, r * 1.2], [r * 1.1, -r * 0.9], [-r * 1.1, -r * 0.9]],
    }[kind];
    attrs.points = pts.map(function (p) {
      return (x + p[0]).toFixed(2) + "," + (y + p[1]).toFixed(2);
    }).join(" ");
    return el("polygon", attrs, parent);
  }

  function format(y, measure) {
    return scaleOf(measure) === 100 ? (100 * y).toFixed(1) + " %" : y.toFixed(3);
  }

  function draw(fig, data, state) {
    var plot = fig.querySelector(".bnviz-explore-plot");
    var key = data.keys[state.index];
    var series = seriesFor(data, state.variant, state.measure);
    var colors = data.colors[isDark() ? "dark" : "light"];
    var epochs = data.sweep[key][data.variants[0]][0][state.measure].length;
    var width = Math.max(280, Math.min(760, plot.clientWidth || 640));
    var height = Math.round(Math.min(380, Math.max(240, width * 0.55)));
    var box = [M.left, M.top, width - M.right, height - M.bottom];
    var ys = extent(data, series), scale = scaleOf(state.measure);
    function px(e) {
      if (epochs === 1) return (box[0] + box[2]) / 2;
      return box[0] + ((e - 1) / (epochs - 1)) * (box[2] - box[0]) * 0.94
        + (box[2] - box[0]) * 0.03;
    }
    function py(v) {
      return box[3] - ((v - ys[0]) / (ys[1] - ys[0])) * (box[3] - box[1]);
    }
    var what = data.measures[state.measure];
    var svg = el("svg", {
      width: width, height: height, viewBox: "0 0 " + width + " " + height,
      role: "img", "aria-label": what + " per epoch, " + data.setting.toLowerCase()
        + " " + key + ", " + series.length * data.seeds.length + " curves",
      "data-key": key, "data-y-lo": ys[0], "data-y-hi": ys[1],
      "data-top": box[1], "data-bottom": box[3], "data-scale": scale,
    });
    var axes = el("g", { class: "bnviz-explore-axes" }, svg);
    ticks(ys[0], ys[1], 5).forEach(function (t) {
      el("line", { x1: box[0], x2: box[2], y1: py(t), y2: py(t),
        class: "bnviz-explore-grid" }, axes);
      el("text", { x: box[0] - 6, y: py(t) + 4, "text-anchor": "end" }, axes,
        String(+t.toFixed(6)));
    });
    for (var e = 1; e <= epochs; e++) {
      el("text", { x: px(e), y: box[3] + 16, "text-anchor": "middle" }, axes,
        String(e));
    }
    el("line", { x1: box[0], x2: box[2], y1: box[3], y2: box[3],
      class: "bnviz-explore-axis" }, axes);
    el("text", { x: (box[0] + box[2]) / 2, y: height - 8,
      "text-anchor": "middle", class: "bnviz-explore-label" }, axes, "epoch");
    el("text", { transform: "translate(14," + (box[1] + box[3]) / 2
      + ") rotate(-90)", "text-anchor": "middle",
      class: "bnviz-explore-label" }, axes, what);
    var lines = el("g", { class: "bnviz-explore-lines" }, svg);
    series.forEach(function (s) {
      data.sweep[key][s.variant].forEach(function (run, seed) {
        var values = run[s.metric], d = "", pen = "M";
        values.forEach(function (v, i) {
          if (v === null) { pen = "M"; return; }
          d += pen + px(i + 1).toFixed(2) + "," + py(v * scale).toFixed(2);
          pen = "L";
        });
        var path = el("path", {
          d: d, stroke: colors[s.variant], fill: "none", "stroke-width": 1.8,
          "stroke-dasharray": s.dashed ? "6 4" : "none",
          "data-variant": s.variant, "data-metric": s.metric,
          "data-seed": data.seeds[seed],
        }, lines);
        el("title", {}, path, s.label + ", seed " + data.seeds[seed] + ": "
          + values.map(function (v) {
            return v === null ? "—" : format(v, s.metric);
          }).join(", "));
        values.forEach(function (v, i) {
          if (v !== null) {
            marker(MARKS[seed % MARKS.length], px(i + 1), py(v * scale),
              colors[s.variant], lines);
          }
        });
      });
    });
    plot.replaceChildren(svg, legend(data, series, colors),
      table(data, series, key, state.measure, epochs));
  }

  function swatch(color, dashed, kind) {
    var svg = el("svg", { width: kind ? 14 : 30, height: 14, "aria-hidden": "true" });
    if (kind) {
      marker(kind, 7, 7, "currentColor", svg);
    } else {
      el("line", { x1: 1, x2: 29, y1: 7, y2: 7, stroke: color,
        "stroke-width": 2.2, "stroke-dasharray": dashed ? "6 4" : "none" }, svg);
    }
    return svg;
  }

  function legend(data, series, colors) {
    var list = document.createElement("ul");
    list.className = "bnviz-explore-legend";
    function item(icon, text) {
      var li = document.createElement("li");
      li.append(icon, document.createTextNode(text));
      list.appendChild(li);
    }
    series.forEach(function (s) {
      item(swatch(colors[s.variant], s.dashed), s.label);
    });
    var seeds = document.createElement("li");
    seeds.append("seeds");
    data.seeds.forEach(function (seed, i) {
      seeds.append(swatch(null, false, MARKS[i % MARKS.length]), String(seed));
    });
    list.appendChild(seeds);
    return list;
  }

  function table(data, series, key, measure, epochs) {
    var t = document.createElement("table");
    t.className = "bnviz-explore-table";
    t.createCaption().textContent = data.measures[measure] + " after epoch "
      + epochs + ", " + data.setting.toLowerCase() + " " + key + ", per seed";
    function th(row, scope, text) {
      var cell = document.createElement("th");
      cell.scope = scope;
      cell.textContent = text;
      row.appendChild(cell);
    }
    var head = t.createTHead().insertRow();
    th(head, "col", "network");
    data.seeds.forEach(function (seed) { th(head, "col", "seed " + seed); });
    var body = t.createTBody();
    series.forEach(function (s) {
      var row = body.insertRow();
      th(row, "row", s.label);
      data.sweep[key][s.variant].forEach(function (run) {
        var v = run[s.metric][run[s.metric].length - 1];
        row.insertCell().textContent = v === null ? "not finite" : format(v, s.metric);
      });
    });
    return t;
  }

  function setUp(fig) {
    if (fig.dataset.ready) return;
    fig.dataset.ready = "loading";
    var link = fig.querySelector("figcaption a[href$='.json']");
    var range = fig.querySelector("input[type=range]");
    var output = fig.querySelector("output");
    var selects = fig.querySelectorAll("select");
    fetch(link.href).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + link.href);
      return r.json();
    }).then(function (data) {
      function redraw() {
        var state = { index: +range.value, variant: selects[0].value,
          measure: selects[1].value };
        var key = data.keys[state.index];
        output.textContent = key;
        range.setAttribute("aria-valuetext", key);
        draw(fig, data, state);
      }
      range.addEventListener("input", redraw);
      selects.forEach(function (s) { s.addEventListener("change", redraw); });
      fig.querySelector(".bnviz-explore-fallback").remove();
      fig.querySelectorAll("[hidden]").forEach(function (n) { n.hidden = false; });
      fig.bnvizRedraw = redraw;
      fig.dataset.ready = "yes";
      redraw();
      var width = fig.clientWidth;
      new ResizeObserver(function () {
        if (fig.clientWidth !== width) { width = fig.clientWidth; redraw(); }
      }).observe(fig);
    }).catch(function (err) {
      fig.dataset.ready = "failed";
      fig.querySelector(".bnviz-explore-fallback").textContent =
        "The explorable view could not load its data (" + err.message + ").";
    });
  }

  function redrawAll() {
    document.querySelectorAll(".bnviz-explore").forEach(function (fig) {
      if (fig.bnvizRedraw) fig.bnvizRedraw();
    });
  }

  // An explorable figure loads its data and draws when it comes near the screen, so a page
  // opens without waiting for figures far below.
  var near = "IntersectionObserver" in window && new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) { near.unobserve(e.target); setUp(e.target); }
    });
  }, { rootMargin: "400px 0px" });

  function init() {
    document.querySelectorAll(".bnviz-explore").forEach(function (fig) {
      if (near) near.observe(fig); else setUp(fig);
    });
  }

  new MutationObserver(redrawAll).observe(document.body,
    { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  window.matchMedia("(prefers-color-scheme: dark)")
    .addEventListener("change", redrawAll);
  if (window.document$) {
    window.document$.subscribe(init);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
