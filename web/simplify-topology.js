// Build-time helper of scripts/build_web_assets.py (never loaded by the app): reads
// {"topology": TopoJSON, "object": name, "min_weight": squared degrees} on stdin and writes the object's
// features as a GeoJSON FeatureCollection, simplified with topojson-simplify (Visvalingam: every point
// whose triangle is smaller than min_weight goes; arcs are shared, so neighbours keep a common border).
"use strict";
const path = require("path");
const modules = path.join(__dirname, "node_modules");
const {feature} = require(path.join(modules, "topojson-client"));
const {presimplify, simplify} = require(path.join(modules, "topojson-simplify"));

let raw = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", chunk => { raw += chunk; });
process.stdin.on("end", () => {
  const {topology, object, min_weight: minWeight} = JSON.parse(raw);
  const simple = minWeight > 0 ? simplify(presimplify(topology), minWeight) : topology;
  process.stdout.write(JSON.stringify(feature(simple, simple.objects[object])));
});
