// The board's pages' only script: draws each KPI's chart (Chart.js, served by the bot) from the
// JSON data block beside its canvas. The same figures are always in the table under the chart.
'use strict';
(function () {
  /** Chart.js's browser bundle, loaded before this script, puts `Chart` on the window. @type {any} */
  var Chart = /** @type {any} */ (window).Chart;
  if (!Chart) return;
  var figures = document.querySelectorAll('.kpi-chart');
  Array.prototype.forEach.call(figures, function (figure) {
    var canvas = figure.querySelector('canvas');
    var block = figure.querySelector('script.chart-data');
    if (!canvas || !block) return;
    var d = JSON.parse(block.textContent || '{}');
    var labels = d.labels;
    /** @param {number | null} value */
    var flat = function (value) { return labels.map(function () { return value; }); };
    var datasets = [
      { label: d.name + (d.unit ? ' (' + d.unit + ')' : ''), data: d.values, borderColor: '#0b5394', backgroundColor: '#0b5394', pointRadius: 4 },
      { label: 'Baseline', data: flat(d.baseline), borderColor: '#4a4a4a', borderDash: [6, 4], pointRadius: 0 }
    ];
    if (d.target !== null) datasets.push({ label: 'Target', data: flat(d.target), borderColor: '#0e6b28', borderDash: [2, 3], pointRadius: 0 });
    new Chart(canvas, {
      type: 'line',
      data: { labels: labels, datasets: datasets },
      options: { animation: false, responsive: false, plugins: { legend: { labels: { color: '#1b1b1b' } } }, scales: { x: { ticks: { color: '#1b1b1b' } }, y: { ticks: { color: '#1b1b1b' } } } }
    });
  });
})();
