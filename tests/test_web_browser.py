"""End to end in a real browser: Debian's Chromium driven by Playwright (no browser is downloaded:
``executable_path`` points at /usr/bin/chromium, or $SITREP_CHROMIUM). The server is the real app
under uvicorn on loopback, over a corpus ingested through the real ingest API.

Locally the tests skip when Chromium or Playwright is missing; in CI (CI=true) they fail instead.
Screenshots go to test-artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from test_web_support import HOSTILE_IDS, corpus_db  # noqa: F401

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() == "true"
TIMEOUT_MS = 15_000


def _unavailable(reason: str):
    if IN_CI:
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(corpus_db):
    """The app under uvicorn in a thread, on a free loopback port."""
    import uvicorn

    from sitrep.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(corpus_db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set SITREP_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records script errors, dialogs and CSP violations; external requests fail."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, base_url=server)
    # Nothing may leave the machine: any request not to our server is aborted (and remembered).
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    context.add_init_script("""
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    """)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    pg.errors, pg.dialogs, pg.outside = [], [], outside
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def assert_clean(pg) -> None:
    assert pg.errors == [], pg.errors
    assert pg.dialogs == [], pg.dialogs
    assert pg.outside == [], pg.outside
    assert pg.evaluate("window.__violations") == []


def map_ready(pg) -> int:
    pg.wait_for_selector("#marker-count[data-state=ready]")
    count = int(pg.get_attribute("#marker-count", "data-count"))
    # the cluster layer adds markers in chunks (chunkedLoading), after the page says ready: on a busy
    # machine a test that read them at once saw only some
    pg.wait_for_function(f"() => sitrep.cluster.getLayers().length >= {count}")
    return count


def test_overview_shows_counts_and_charts(page):
    page.goto("/")
    assert int(page.inner_text("#count-documents").replace(",", "")) > 10
    page.wait_for_selector("#chart-months canvas")
    timeline_ready(page)
    assert int(page.get_attribute("#chart-timeline", "data-series")) >= 2
    assert page.locator("#latest-events tbody tr").count() >= 5
    shot(page, "overview")
    assert_clean(page)


def test_map_filters_change_the_markers(page):
    page.goto("/map")
    everything = map_ready(page)
    assert everything > 5
    page.wait_for_function("() => sitrep.cluster.getLayers().length > 0")
    assert page.evaluate("sitrep.cluster.getLayers().length") == everything
    page.wait_for_selector(".event-cluster")  # drawn on the map
    shot(page, "map")
    page.select_option("#f-type", "Battles")
    page.click("#map-filters button[type=submit]")
    page.wait_for_function(f"() => document.querySelector('#marker-count').dataset.count !== '{everything}'")
    battles = map_ready(page)
    assert 0 < battles < everything
    assert page.evaluate("sitrep.cluster.getLayers().length") == battles
    assert "type=Battles" in page.url
    page.fill("#f-since", "2031-01-01")
    page.click("#map-filters button[type=submit]")
    page.wait_for_function("() => document.querySelector('#marker-count').dataset.count === '0'")
    assert page.evaluate("sitrep.cluster.getLayers().length") == 0
    # the base map came from this server: outlines drawn with no tiles and no network
    assert page.locator("img.leaflet-tile").count() == 0
    page.wait_for_function("() => sitrep.outlines.countries && sitrep.outlines.admin1")
    assert page.evaluate("sitrep.outlines.countries.getLayers().length") > 20
    assert page.evaluate("sitrep.outlines.admin1.getLayers().length") > 50
    assert_clean(page)


# --- the world map ------------------------------------------------------------------------------------

MARKERS_JS = """() => sitrep.cluster.getLayers().map(m => ({lat: m.getLatLng().lat, lon: m.getLatLng().lng,
    type: m.options.eventType, precision: m.options.precision, location: m.point[7], fill: m.options.fillColor,
    stroke: m.options.color, fillOpacity: m.options.fillOpacity, radius: m.options.radius}))"""

# The countries of the served outlines whose polygon holds [lat, lon] (ray casting over the GeoJSON).
COUNTRIES_AT_JS = """([lat, lon]) => {
  const inRing = (ring) => { let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i], [xj, yj] = ring[j];
      if ((yi > lat) !== (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
    } return inside; };
  const found = [];
  sitrep.outlines.countries.eachLayer(l => {
    const g = l.feature.geometry, polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (polys.some(p => inRing(p[0]) && !p.slice(1).some(inRing))) found.push(l.feature.properties.name);
  });
  return found; }"""

# The colour the marker canvas shows dx pixels right of [lat, lon]: [r, g, b, alpha].
PIXEL_JS = """([lat, lon, dx]) => {
  const p = sitrep.map.latLngToContainerPoint([lat, lon]);
  const box = sitrep.map.getContainer().getBoundingClientRect();
  const x = box.left + p.x + dx, y = box.top + p.y;
  const canvas = Array.from(document.querySelectorAll('.leaflet-overlay-pane canvas')).pop();
  const r = canvas.getBoundingClientRect();
  const data = canvas.getContext('2d').getImageData(Math.round((x - r.left) * canvas.width / r.width),
                                                    Math.round((y - r.top) * canvas.height / r.height), 1, 1).data;
  return Array.from(data); }"""


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def css_rgbs(text: str) -> list[tuple[int, int, int]]:
    import re

    return [tuple(int(v) for v in m) for m in re.findall(r"rgba?\((\d+), (\d+), (\d+)", text)]


def close(a, b, tolerance: int = 16) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


def legend_colours(pg) -> dict[str, tuple[int, int, int]]:
    """Each type of the legend and the colour its swatch is painted in (as the browser computed it)."""
    found = pg.evaluate("""() => Array.from(document.querySelectorAll('#legend-types .legend-item')).map(i =>
        [i.dataset.type, getComputedStyle(i.querySelector('.swatch')).backgroundColor])""")
    return {t: css_rgbs(c)[0] for t, c in found}


def show_alone(pg, location: str, zoom: int = 9) -> dict:
    """Centre the map on the event placed at ``location`` and zoom in until it is drawn unclustered."""
    markers = [m for m in pg.evaluate(MARKERS_JS) if m["location"] == location]
    assert markers, f"no marker at {location}"
    m = markers[0]
    pg.evaluate(f"() => {{ sitrep.map.setView([{m['lat']}, {m['lon']}], {zoom}, {{animate: false}}); return 1; }}")
    try:
        pg.wait_for_function(f"""() => sitrep.cluster.getLayers().some(l => l.point[7] === {location!r}
            && sitrep.map.hasLayer(l))""")
    except Exception as timed_out:
        # say what the map showed instead: its view, and the markers (or clusters) drawn around the place
        seen = pg.evaluate(f"""() => ({{zoom: sitrep.map.getZoom(), centre: sitrep.map.getCenter(),
            near: sitrep.cluster.getLayers().filter(l => l.getLatLng().distanceTo([{m['lat']}, {m['lon']}]) < 50000)
                .map(l => [l.point[7], sitrep.map.hasLayer(l)])}})""")
        raise AssertionError(f"{location} not drawn alone at zoom {zoom}: {seen}; page errors {pg.errors}") from timed_out
    pg.wait_for_timeout(400)  # the cluster layer's own animation
    return m


def test_map_covers_the_world_and_every_event_sits_on_land(page):
    page.goto("/map")
    assert map_ready(page) > 5
    page.wait_for_function("() => sitrep.outlines.countries && sitrep.outlines.admin1")
    assert page.evaluate("sitrep.outlines.countries.getLayers().length") > 200  # the whole world
    assert page.evaluate("sitrep.outlines.admin1.getLayers().length") > 3000  # every country's regions
    markers = page.evaluate(MARKERS_JS)
    at_sea = [m for m in markers if not page.evaluate(COUNTRIES_AT_JS, [m["lat"], m["lon"]])]
    assert at_sea == []
    # far from Ukraine too: the events of the Afghan, Sudanese and Burmese reports are on their land
    by_place = {m["location"]: page.evaluate(COUNTRIES_AT_JS, [m["lat"], m["lon"]]) for m in markers}
    for code, name in (("AF", "Afghanistan"), ("SD", "Sudan"), ("MM", "Myanmar")):
        # wherever the extractor places these reports' events, their markers are on that country's land
        located = {e["location"] for e in page.request.get(f"/api/events?country={code}").json()["items"]
                   if e["latitude"] is not None}
        assert located and located <= set(by_place), (code, located)
        assert all(name in by_place[place] for place in located), (code, {p: by_place[p] for p in located})
    page.evaluate(f"() => {{ sitrep.map.setView([32.5, 65.5], 6, {{animate: false}}); return 1; }}")
    page.wait_for_timeout(500)
    shot(page, "map-afghanistan")
    assert_clean(page)


def test_map_markers_have_the_legend_colours(page):
    page.goto("/map")
    map_ready(page)
    legend = legend_colours(page)
    assert set(legend) >= {"Battles", "Explosions/Remote violence", "Violence against civilians"}
    assert len(set(legend.values())) == len(legend)  # one colour per type
    markers = page.evaluate(MARKERS_JS)
    for m in markers:
        assert rgb(m["fill"]) == legend[m["type"]], m
    # the clusters' rings are cut only in the legend's colours, one arc per type of their events
    page.wait_for_selector(".event-cluster .cluster-ring")
    rings = page.evaluate("""() => Array.from(document.querySelectorAll('.event-cluster .cluster-ring')).map(r =>
        [r.dataset.types, getComputedStyle(r).backgroundImage])""")
    assert rings
    for types, background in rings:
        colours = set(css_rgbs(background))
        assert colours == {legend[t] for t in types.split("|")}, (types, background)
    # and drawn on the canvas: an exact place's dot is filled with its type's colour
    m = show_alone(page, "Monywa")
    pixel = page.evaluate(PIXEL_JS, [m["lat"], m["lon"], 0])
    assert pixel[3] > 200 and close(pixel[:3], legend[m["type"]]), (pixel, m)
    assert_clean(page)


def test_map_region_level_event_looks_different_and_the_legend_says_so(page):
    page.goto("/map")
    map_ready(page)
    markers = page.evaluate(MARKERS_JS)
    helmand = next(m for m in markers if m["location"] == "Helmand")
    assert helmand["precision"] == "region"
    exact = [m for m in markers if m["precision"] == "exact"]
    assert exact and all(m["fillOpacity"] > 0.5 for m in exact)
    assert helmand["fillOpacity"] < 0.2 and helmand["radius"] > exact[0]["radius"]
    legend = page.inner_text("#legend-precision")
    assert "hollow ring" in legend and "region" in legend and "filled dot" in legend
    show_alone(page, "Helmand", zoom=8)
    page.wait_for_function("() => document.querySelectorAll('.place-label').length > 0")
    colour = legend_colours(page)[helmand["type"]]
    centre = page.evaluate(PIXEL_JS, [helmand["lat"], helmand["lon"], 0])
    ring = page.evaluate(PIXEL_JS, [helmand["lat"], helmand["lon"], helmand["radius"]])
    assert centre[3] < 60, centre  # hollow: the land shows through its middle
    assert ring[3] > 200 and close(ring[:3], colour), ring  # its rim in the type's colour
    shot(page, "map-region")
    assert_clean(page)


def test_map_keeps_a_view_set_as_soon_as_the_markers_arrive(page):
    # The map fits itself to the events once, when they arrive; a view set right after (a reader's first
    # zoom, or a script) must stand, not be undone when a zoom animation of that first fit ends.
    page.goto("/map")
    page.wait_for_function("() => sitrep.map._fitted")
    page.evaluate("() => { sitrep.map.setView([31.6, 64.4], 8, {animate: false}); return 1; }")
    page.wait_for_timeout(600)  # longer than a zoom animation
    assert page.evaluate("sitrep.map.getZoom()") == 8
    centre = page.evaluate("[sitrep.map.getCenter().lat, sitrep.map.getCenter().lng]")
    assert abs(centre[0] - 31.6) < 0.01 and abs(centre[1] - 64.4) < 0.01, centre
    assert_clean(page)


def test_map_labels_places_as_it_zooms(page):
    page.goto("/map")
    map_ready(page)
    labels = "() => Array.from(document.querySelectorAll('.place-label')).map(l => [l.className, l.textContent])"
    page.evaluate("() => { sitrep.map.setView([30, 60], 3, {animate: false}); return 1; }")
    page.wait_for_timeout(300)
    wide = page.evaluate(labels)
    assert any("label-country" in c and t == "Afghanistan" for c, t in wide)
    assert not any("label-event" in c for c, _ in wide)
    show_alone(page, "Monywa", zoom=9)
    close_up = page.evaluate(labels)
    assert any("label-event" in c and t == "Monywa" for c, t in close_up)  # the place the report names
    assert any("label-town" in c for c, _ in close_up)  # towns of the gazetteer around it
    assert_clean(page)


def test_event_fact_leads_to_its_highlighted_span(page):
    page.goto("/events?type=Battles")
    assert page.locator("#facets .facet-value.selected").inner_text().startswith("Battles")
    shot(page, "events")
    page.click("#events-table tbody tr a[href^='/events/web-2023-06-12-neskuchne/']")
    page.wait_for_selector("#event-facts")
    assert "Neskuchne" in page.inner_text("#event-facts")
    link = page.locator("#event-claims a.fact-link").first
    quote = link.inner_text().strip("“”")
    anchor = link.get_attribute("href").split("#")[1]
    shot(page, "event")
    link.click()
    page.wait_for_url(f"**/documents/web-2023-06-12-neskuchne#{anchor}")
    page.wait_for_selector("mark.target")
    highlighted = "".join(page.locator("mark.target").all_inner_texts())
    assert highlighted == quote
    assert page.evaluate("document.body.dataset.target") == anchor
    box = page.locator("mark.target").first.bounding_box()
    assert box and 0 <= box["y"] < 900  # scrolled into view
    # a fact in the side list moves the highlight to its own words
    person = page.locator("#doc-facts a.fact-link[href^='#span-person-']").first
    name = person.inner_text()
    person.click()
    page.wait_for_function("() => document.body.dataset.target.startsWith('span-person-')")
    assert page.locator("mark.target").first.inner_text() == name
    shot(page, "document")
    assert_clean(page)


def test_person_page_from_the_register(page):
    page.goto("/people?name=Kyrylenko")
    page.click("#people-table tbody tr a >> nth=0")
    page.wait_for_selector("#person-mentions")
    assert page.title().startswith("Pavlo Kyrylenko")
    assert page.locator("#person-mentions blockquote.evidence").count() >= 1
    assert page.locator("#same-name li").count() >= 1  # the same name in the other outlet's report
    shot(page, "person")
    page.locator("#person-mentions a.to-span").first.click()
    page.wait_for_selector("mark.target")
    assert "Kyrylenko" in page.locator("mark.target").first.inner_text()
    assert_clean(page)


def timeline_ready(pg) -> dict:
    pg.wait_for_selector("#chart-timeline[data-state=ready]")
    return pg.evaluate("sitrep.timelineState")


def test_claims_page_opens_on_a_timeline_of_one_measure(page):
    page.goto("/claims")  # no parameters: the page chooses the most counted subject
    state = timeline_ready(page)
    page.wait_for_selector("#chart-timeline canvas")
    series = int(page.get_attribute("#chart-timeline", "data-series"))
    assert series >= 2 and len(state["series"]) == series
    assert page.locator("#chart-timeline .legend-item").count() == series
    assert page.locator("#timeline-table tbody tr").count() >= series
    # one measure: every series holds death tolls only, and the chart's axis says so
    assert {m for s in state["series"] for m in s["measures"]} == {"killed"}
    assert state["measureLabel"] == "killed"
    assert "killed or wounded" not in page.inner_text("#timeline-table")
    # running totals are step lines; the vague "tens of thousands" is a labelled range bar, not a point
    assert {s["style"] for s in state["series"]} == {"steps"}
    assert state["rangesDrawn"] == sum(s["ranges"] for s in state["series"]) >= 1
    assert "20,000–99,999" in page.inner_text("#timeline-table tr.range")
    shot(page, "claims")
    # the killed-or-wounded totals have their own chart
    page.select_option("#f-side", "RU")
    page.select_option("#f-group", "military")
    page.select_option("#f-measure", "killed,wounded")
    page.select_option("#f-scope", "cumulative")
    page.click("#claims-filters button[type=submit]")
    page.wait_for_url("**/claims?*measure=killed%2Cwounded*")
    state = timeline_ready(page)
    assert state["measureLabel"] == "killed or wounded"
    assert {m for s in state["series"] for m in s["measures"]} == {"killed,wounded"}
    assert_clean(page)


def test_claims_timeline_draws_incidents_as_points(page):
    page.goto("/claims?side=UA&group=military&measure=killed&scope=incident")
    state = timeline_ready(page)
    assert state["series"] and {s["style"] for s in state["series"]} == {"points"}
    assert state["rangesDrawn"] >= 1  # "dozens" of soldiers: drawn as a range
    shot(page, "claims-incidents")
    assert_clean(page)


def test_overview_timeline_link_opens_the_same_chart(page):
    page.goto("/")
    overview = timeline_ready(page)
    page.click("#main-timeline-link")
    page.wait_for_url("**/claims?*")
    assert timeline_ready(page)["series"] == overview["series"]
    assert_clean(page)


def test_hostile_reports_run_nothing(page):
    """Reports carrying <script>, on*= handlers, javascript:/data: URLs and markup in their text, title,
    URL and outlet: on every page that shows them, nothing runs and nothing leaves the machine."""
    pages = ["/", "/events", "/claims", "/people", "/search?q=Nikopol", "/search?q=Kherson",
             "/map?since=2023-05-08&until=2023-05-11"]
    for doc in HOSTILE_IDS:
        pages += [f"/documents/{doc}", f"/events/{doc}/e1"]
    for path in pages:
        page.goto(path)
        page.wait_for_load_state("load")
        for selector in ("mark", "a", ".outlet", "td"):
            if page.locator(selector).count():
                page.locator(selector).first.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    # the map popup of a hostile event, filled from the API with text only
    page.goto("/map?since=2023-05-08&until=2023-05-11")
    assert map_ready(page) >= 1
    popups = []
    for n in range(page.evaluate("sitrep.cluster.getLayers().length")):
        page.evaluate(f"() => {{ sitrep.cluster.getLayers()[{n}].fire('click'); return true; }}")
        page.wait_for_selector(".leaflet-popup .popup .sources ul")
        popups.append(page.inner_text(".leaflet-popup .popup"))
        page.evaluate("() => { sitrep.map.closePopup(); return true; }")
        page.wait_for_selector(".leaflet-popup", state="detached")
    assert any("<script>window.__pwned='title'</script>" in p for p in popups), popups  # the title, as text
    assert page.locator(".popup a.external").count() == 0  # javascript:/data: URLs are never links
    page.goto(f"/documents/{HOSTILE_IDS[0]}")
    assert "<script>window.__pwned='text'</script>" in page.inner_text("#doc-text")  # shown as text
    assert page.locator("#doc-text script, #doc-text img, #doc-text svg, #doc-text iframe").count() == 0
    shot(page, "hostile-document")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert_clean(page)


def test_api_docs_work_offline(page):
    page.goto("/api/docs")
    page.wait_for_selector("#swagger-ui .opblock", timeout=TIMEOUT_MS)
    assert page.locator("#swagger-ui .opblock").count() >= 10
    assert_clean(page)


def test_missing_browser_fails_in_ci_and_skips_elsewhere(monkeypatch):
    import test_web_browser as me

    monkeypatch.setattr(me, "IN_CI", True)
    with pytest.raises(pytest.fail.Exception, match="cannot run in CI"):
        me._unavailable("no Chromium")
    monkeypatch.setattr(me, "IN_CI", False)
    with pytest.raises(pytest.skip.Exception):
        me._unavailable("no Chromium")
