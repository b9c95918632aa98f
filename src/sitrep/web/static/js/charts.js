// Charts (uPlot): events per month on the overview; competing claims on the overview and the claims
// page, one measure per chart: running totals as a step line per claimant, single incidents as points
// (never joined), figures given only as a range as a labelled bar from low to high.
"use strict";
(function () {
  const el = sitrep.el;
  const day = s => Date.parse(s + "T00:00:00Z") / 1000;

  function width(node) {
    return Math.max(320, node.clientWidth || 600);
  }

  // Months with no events are months of 0 events and 0 dead: put them in, so no line is drawn straight
  // across years that had none.
  function everyMonth(months) {
    if (months.length < 2) return months;
    const known = Object.fromEntries(months.map(m => [m.month, m]));
    const out = [];
    let [y, mo] = months[0].month.split("-").map(Number);
    const last = months[months.length - 1].month;
    for (let guard = 0; guard < 2400; guard++) {
      const key = y + "-" + String(mo).padStart(2, "0");
      out.push(known[key] || {month: key, events: 0, fatalities: 0});
      if (key >= last) break;
      mo += 1;
      if (mo > 12) { mo = 1; y += 1; }
    }
    return out;
  }

  function monthsChart(node) {
    const months = everyMonth(JSON.parse(node.dataset.months || "[]"));
    if (!months.length) { node.textContent = "No dated events yet."; return; }
    const xs = months.map(m => day(m.month + "-01"));
    const opts = {
      width: width(node), height: 220,
      series: [{}, {label: "events", stroke: "#2c3e50", fill: "rgba(44,62,80,0.25)", paths: uPlot.paths.bars({size: [0.8, 40]})},
               {label: "fatalities", stroke: "#c0392b", scale: "f"}],
      axes: [{}, {label: "events", size: 60}, {side: 1, scale: "f", label: "fatalities", size: 60, grid: {show: false}}],
      scales: {x: {time: true}},
    };
    new uPlot(opts, [xs, months.map(m => m.events), months.map(m => m.fatalities)], node);
  }

  const SCOPE_NAMES = {cumulative: "running total", incident: "incident"};

  function pointsTable(target, series, colours) {
    if (!target) return;
    target.textContent = "";
    const rows = [];
    series.forEach(function (s, i) {
      for (const p of s.points) rows.push([p.date, s, p, colours[i]]);
    });
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const body = el("tbody", {}, rows.map(function ([date, s, p, colour]) {
      const swatch = el("span", {class: "swatch"});
      swatch.style.backgroundColor = colour;
      return el("tr", {class: p.range ? "range" : null}, [
        el("td", {text: date}), el("td", {}, [swatch, s.claimant]), el("td", {class: "num", text: p.label}),
        el("td", {text: p.measure.split(",").join(", ")}), el("td", {text: SCOPE_NAMES[s.scope] || s.scope}),
        el("td", {text: p.certainty}),
        el("td", {}, [el("a", {class: "to-span", href: sitrep.path("documents", p.document_id) + "#span-claim-" + p.claim_id + "-0", text: "“" + (p.evidence || "…") + "”"})]),
      ]);
    }));
    target.appendChild(el("table", {class: "listing", id: "timeline-table"}, [
      el("thead", {}, [el("tr", {}, ["date", "claimant", "figure", "measure", "scope", "certainty", "evidence"].map(h => el("th", {text: h})))]), body]));
  }

  // Ranges ("tens of thousands", "between 10 and 15") as bars from low to high, labelled with both;
  // drawn over uPlot's canvas after each redraw.
  function rangeBars(series, colours, state) {
    return function (u) {
      const ctx = u.ctx, px = uPlot.pxRatio;
      let drawn = 0;
      ctx.save();
      ctx.font = (11 * px) + "px system-ui, sans-serif";
      ctx.textBaseline = "middle";
      series.forEach(function (s, i) {
        if (!u.series[i + 1].show) return;
        for (const p of s.points) {
          if (!p.range) continue;
          const x = u.valToPos(day(p.date), "x", true);
          const yLow = u.valToPos(p.range[0], "y", true), yHigh = u.valToPos(p.range[1], "y", true);
          ctx.strokeStyle = colours[i];
          ctx.fillStyle = colours[i];
          ctx.lineWidth = 3 * px;
          ctx.beginPath();
          ctx.moveTo(x, yLow); ctx.lineTo(x, yHigh);
          ctx.moveTo(x - 5 * px, yLow); ctx.lineTo(x + 5 * px, yLow);
          ctx.moveTo(x - 5 * px, yHigh); ctx.lineTo(x + 5 * px, yHigh);
          ctx.stroke();
          const text = p.range[0].toLocaleString("en") + "–" + p.range[1].toLocaleString("en");
          const right = x + 8 * px + ctx.measureText(text).width < u.bbox.left + u.bbox.width;
          ctx.textAlign = right ? "left" : "right";
          ctx.fillText(text, x + (right ? 8 : -8) * px, (yLow + yHigh) / 2);
          drawn += 1;
        }
      });
      ctx.restore();
      state.rangesDrawn = drawn;
    };
  }

  async function timelineChart(node) {
    node.textContent = "loading…";
    const data = await sitrep.getJSON(node.dataset.api);
    node.textContent = "";
    const series = data.series.slice(0, sitrep.palette.length);
    const colours = series.map((s, i) => sitrep.palette[i]);
    const state = {measure: data.query.measure, measureLabel: data.measure_label, rangesDrawn: 0,
                   series: series.map(s => ({claimant: s.claimant, scope: s.scope, style: s.style,
                                             measures: Array.from(new Set(s.points.map(p => p.measure))),
                                             points: s.points.length, ranges: s.points.filter(p => p.range).length}))};
    sitrep.timelineState = state;  // what was drawn, for the browser tests and the console
    node.dataset.series = String(series.length);
    pointsTable(document.getElementById("timeline-points"), series, colours);
    if (!series.length) { node.appendChild(el("p", {class: "note", text: "No claims with a figure for this subject."})); return; }
    const dates = Array.from(new Set(series.flatMap(s => s.points.map(p => p.date)))).sort();
    const xs = dates.map(day);
    const columns = [xs];
    const uSeries = [{}];
    let top = 0;
    series.forEach(function (s, i) {
      const byDate = {};
      for (const p of s.points) {
        byDate[p.date] = p; // the last claim of a day stands for that day
        top = Math.max(top, p.plotted || 0, p.range ? p.range[1] : 0);
      }
      columns.push(dates.map(d => (byDate[d] && byDate[d].plotted !== null ? byDate[d].plotted : null)));
      const steps = s.style === "steps";
      uSeries.push({label: s.claimant, stroke: colours[i], fill: undefined, width: steps ? 2 : 0, spanGaps: steps,
                    paths: steps ? uPlot.paths.stepped({align: 1}) : () => null,
                    points: {show: true, size: steps ? 7 : 9, fill: colours[i], stroke: colours[i]}});
    });
    const pad = 86400 * 20;
    new uPlot({width: width(node), height: 300, series: uSeries, legend: {show: false},
               scales: {x: {time: true, range: (u, min, max) => [min - pad, max + pad]},
                        y: {range: () => [0, top * 1.1 || 1]}},
               axes: [{}, {label: data.measure_label, size: 80, labelGap: 8}],
               hooks: {draw: [rangeBars(series, colours, state)]}}, columns, node);
    const legend = el("div", {class: "legend"});
    series.forEach(function (s, i) {
      const swatch = el("span", {class: "swatch" + (s.style === "steps" ? " step" : "")});
      swatch.style.backgroundColor = colours[i];
      legend.appendChild(el("span", {class: "legend-item"}, [swatch, s.claimant + " (" + s.points.length + " " + (s.style === "steps" ? "total" : "incident") + (s.points.length === 1 ? "" : "s") + ")"]));
    });
    node.appendChild(legend);
    node.dataset.state = "ready";
  }

  const months = document.getElementById("chart-months");
  if (months) monthsChart(months);

  const timeline = document.getElementById("chart-timeline");
  if (timeline && timeline.dataset.api) {
    timelineChart(timeline).catch(err => { timeline.textContent = "could not load: " + err.message; timeline.dataset.state = "error"; });
  }
})();
