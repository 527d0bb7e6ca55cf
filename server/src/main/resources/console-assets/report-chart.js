// Draws a report's chart with uPlot from the JSON in the page (<script type="application/json">), with
// no inline script and no eval, as the console's Content-Security-Policy wants. The table under the
// chart is its text alternative. Bars are grouped side by side, one colour per series.
(function () {
  "use strict";
  var COLOURS = ["#1f5fa8", "#b45309", "#15803d", "#7e22ce", "#be123c", "#0f766e", "#4d7c0f", "#9f1239"];

  function barPaths(series, count) {
    var width = 0.8 / count;
    return window.uPlot.paths.bars({
      disp: {
        x0: { unit: 1, values: function (u) { return u.data[0].map(function (x) { return x - 0.4 + series * width; }); } },
        size: { unit: 1, values: function () { return [width]; } }
      }
    });
  }

  function draw(holder) {
    var spec = JSON.parse(document.getElementById(holder.getAttribute("data-chart")).textContent);
    var numbers = spec.series.some(function (s) { return s.values.some(function (v) { return v !== null; }); });
    if (!numbers) {
      holder.textContent = "Nothing to draw: the charted columns have no numbers for these rows (a claim-first queue, say,"
        + " hands no leads out, so it has no shares). The table has what there is.";
      holder.setAttribute("data-drawn", "empty");
      return;
    }
    var n = spec.labels.length;
    var xs = spec.labels.map(function (_, i) { return i; });
    var width = Math.max(holder.clientWidth || 0, 320);
    var bars = spec.kind === "bar";
    var every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(width / 90))));
    var opts = {
      width: width,
      height: 320,
      legend: { live: false },
      scales: {
        x: { time: false, range: function () { return [-0.5, Math.max(n, 1) - 0.5]; } },
        y: { range: function (u, min, max) { return [0, max > 0 ? max * 1.1 : 1]; } }
      },
      axes: [
        {
          splits: function () { return xs.filter(function (i) { return i % every === 0; }); },
          values: function (u, splits) { return splits.map(function (i) { return spec.labels[i] || ""; }); }
        },
        { size: 60 }
      ],
      series: [{ label: "" }].concat(spec.series.map(function (s, j) {
        var colour = COLOURS[j % COLOURS.length];
        return bars
          ? { label: s.label, fill: colour, stroke: colour, width: 0, paths: barPaths(j, spec.series.length), points: { show: false } }
          : { label: s.label, stroke: colour, width: 2, points: { show: true } };
      }))
    };
    var data = [xs].concat(spec.series.map(function (s) { return s.values; }));
    var plot = new window.uPlot(opts, data, holder);
    var canvas = holder.querySelector("canvas");
    if (canvas) {
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", holder.getAttribute("data-label"));
    }
    holder.setAttribute("data-drawn", plot && canvas && canvas.width > 0 ? "yes" : "no");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
