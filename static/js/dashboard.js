/* The dashboard's charts and its Print button (templates: dashboards/dashboard.html).
 *
 * The numbers come from the page's json_script element "dashboard-charts", with their labels already
 * in the reader's language; each canvas names its series with data-chart and the chart type with
 * data-chart-kind. Every chart's numbers are also in a table on the page, so the page is complete
 * without this script. Loaded with `defer`; it loads the vendored Chart.js (its address in this
 * script's data-chartjs) only once the page has loaded, so that the page's first paint on a slow
 * phone never waits for the charts' 200 KB, and draws one chart a task. No inline script anywhere. Once
 * the charts are drawn, the data element is marked data-drawn (what the browser tests wait for).
 */
(function () {
  "use strict";

  var chartjsUrl = document.currentScript ? document.currentScript.dataset.chartjs : "";

  // Dark and light of one hue per pair, so the bars stay apart in black-and-white print too.
  var COLOURS = {
    activity: ["#1f3a5f", "#8fb3d9"],
    focus_areas: ["#1f3a5f", "#8fb3d9"],
    reciprocity: ["#1f3a5f", "#d39b3a"],
  };
  // A horizontal bar chart grows with its number of rows (in pixels: print shrinks the rem).
  var ROW_HEIGHT_PX = 26;
  var AXES_AND_LEGEND_PX = 80;
  var PRINT_WIDTH_PX = 680; // about the width of A4 portrait, less the print margins, at 96 dpi
  // Chart.js gives a horizontal chart's labels at most half its width: on a phone "Trade and investment
  // (Economy team)" was cut at the canvas's edge. Below NARROW_PX each label is broken into lines of at
  // most LABEL_LINE characters (a Korean or Chinese one counts two), at its spaces, and its row is as
  // high as its lines.
  var NARROW_PX = 576;
  var LABEL_LINE = 18;
  var LINE_HEIGHT_PX = 16;

  function bindPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false; // hidden in the HTML: without this script it could do nothing
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function datasets(chartData, colours) {
    return chartData.series.map(function (series, index) {
      var colour = colours[index % colours.length];
      return { label: series.label, data: series.data, backgroundColor: colour, borderColor: colour };
    });
  }

  function options(horizontal) {
    var valueAxis = { beginAtZero: true, ticks: { precision: 0 } };
    var categoryAxis = { ticks: { autoSkip: false } };
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: document.documentElement.lang || undefined,
      indexAxis: horizontal ? "y" : "x",
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: { legend: { position: "bottom" } },
    };
  }

  var WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/g;

  function columns(text) {
    return text.replace(WIDE, "  ").length;
  }

  function inLines(label) {
    var lines = [];
    label.split(" ").forEach(function (word) {
      var last = lines.length - 1;
      if (last >= 0 && columns(lines[last] + " " + word) <= LABEL_LINE) {
        lines[last] += " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines;
  }

  function draw(canvas, charts) {
    var name = canvas.dataset.chart;
    var chartData = charts[name];
    if (!chartData) {
      return;
    }
    var horizontal = canvas.dataset.chartKind === "hbar";
    var labels = chartData.labels;
    if (horizontal) {
      if (canvas.parentElement.clientWidth < NARROW_PX) {
        labels = labels.map(inLines);
      }
      var rows = labels.reduce(function (height, label) {
        return height + Math.max(ROW_HEIGHT_PX, [].concat(label).length * LINE_HEIGHT_PX + 8);
      }, 0);
      // Set through the CSSOM, which a CSP without 'unsafe-inline' allows (a style attribute it would not).
      canvas.parentElement.style.height = Math.max(160, rows + AXES_AND_LEGEND_PX) + "px";
    }
    new window.Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: datasets(chartData, COLOURS[name] || COLOURS.activity) },
      options: options(horizontal),
    });
  }

  function eachChart(callback) {
    Object.values(window.Chart.instances).forEach(callback);
  }

  function fitChartsForPrint() {
    // The browser lays the page out for paper only after this event: narrow the charts now, so
    // they print at the width of the sheet instead of the screen's.
    window.addEventListener("beforeprint", function () {
      eachChart(function (chart) {
        chart.resize(Math.min(chart.width, PRINT_WIDTH_PX), chart.height);
      });
    });
    window.addEventListener("afterprint", function () {
      eachChart(function (chart) {
        chart.resize();
      });
    });
  }

  function drawCharts() {
    var source = document.getElementById("dashboard-charts");
    if (!source || !window.Chart) {
      return; // the tables carry every number; the charts are an aid
    }
    var charts = JSON.parse(source.textContent);
    var style = window.getComputedStyle(document.body);
    // The page's font stack, which holds the Korean and Chinese faces; Chart.js's own has none.
    window.Chart.defaults.font.family = style.fontFamily;
    window.Chart.defaults.color = style.color;
    var canvases = Array.prototype.slice.call(document.querySelectorAll("canvas[data-chart]"));
    fitChartsForPrint();
    drawOneATask(canvases, charts, function () {
      source.dataset.drawn = "true";
    });
  }

  // Each chart in a task of its own: drawing them all at once held a slow phone's main thread for a
  // fifth of a second, in which a tap on the page waited (Lighthouse's Total Blocking Time).
  function drawOneATask(canvases, charts, done) {
    if (!canvases.length) {
      done();
      return;
    }
    draw(canvases.shift(), charts);
    window.setTimeout(function () {
      drawOneATask(canvases, charts, done);
    }, 0);
  }

  function loadChartjsThenDraw() {
    if (window.Chart || !chartjsUrl) {
      drawCharts();
      return;
    }
    var script = document.createElement("script");
    script.src = chartjsUrl;
    script.addEventListener("load", drawCharts);
    document.head.appendChild(script);
  }

  bindPrintButtons();
  if (document.readyState === "complete") {
    loadChartjsThenDraw();
  } else {
    window.addEventListener("load", loadChartjsThenDraw);
  }
})();
