"""Reading speed per format on one core: the same generated articles (~800 words) as .txt files,
JSON Lines, CSV, saved HTML pages (trafilatura, with page furniture around the article), an RSS feed
and a WARC.gz crawl of the same pages.

    python benchmarks/bench_read.py              # 300 articles
    python benchmarks/bench_read.py --n 1000 --json

Figures are the best of several passes (files are in the page cache after the first).
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import platform
import sys
import tempfile
from pathlib import Path
from time import perf_counter

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.corpus import generate_articles  # noqa: E402
from sitrep.model import Document  # noqa: E402
from sitrep.read import read_inputs  # noqa: E402

# Page furniture like a news site's: navigation, a ticker, a sidebar, related links, a footer, scripts.
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}T09:00:00+02:00">
<link rel="canonical" href="{url}">
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments);}}gtag('js',new Date());</script>
<style>body{{font-family:serif}} .ticker{{overflow:hidden}} nav a{{margin:0 4px}}</style></head>
<body><header><nav><a href="/">Home</a><a href="/news">News</a><a href="/world">World</a><a href="/business">Business</a>
<a href="/opinion">Opinion</a><a href="/sport">Sport</a><a href="/subscribe">Subscribe</a></nav>
<div class="ticker">Markets: stocks edge higher as oil prices ease | Weather: cloudy, 14C | Live: parliament session</div></header>
<main><article><h1>{title}</h1><p class="byline">By staff reporters</p>
{paragraphs}
</article>
<section class="related"><h2>Related</h2><ul><li><a href="/a">Explainer: the front line in maps</a></li>
<li><a href="/b">Analysis: what the latest aid package contains</a></li><li><a href="/c">Opinion: the long winter ahead</a></li></ul></section>
</main><aside><h3>Most read</h3><ol><li>Recipe: a quick autumn soup</li><li>Football: late goal settles derby</li>
<li>Travel: ten quiet beaches</li></ol><div class="ad">Advertisement</div></aside>
<footer><p>Contact us | Privacy | Terms | Cookie settings</p><p>&copy; {outlet}. All rights reserved.</p></footer>
<script src="/static/app.js"></script></body></html>
"""


def page(article: dict) -> str:
    body = article["text"].split("\n", 1)[1]  # the generator puts the title on the first line
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body.splitlines() if p.strip())
    return PAGE.format(title=html.escape(article["title"]), outlet=html.escape(article["outlet"]),
                       published=article["published"], url=article["url"], paragraphs=paragraphs)


def write_inputs(folder: Path, articles: list[dict]) -> dict[str, list[str]]:
    """The same articles in every format; returns format -> the paths to read."""
    import csv

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out: dict[str, list[str]] = {}
    (folder / "txt").mkdir()
    (folder / "html").mkdir()
    for a in articles:
        (folder / "txt" / f"{a['id']}.txt").write_text(a["text"], encoding="utf-8")
        (folder / "html" / f"{a['id']}.html").write_text(page(a), encoding="utf-8")
    out["txt"] = [str(folder / "txt")]
    out["html"] = [str(folder / "html")]
    jsonl = folder / "all.jsonl"
    jsonl.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    out["jsonl"] = [str(jsonl)]
    with (folder / "all.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "title", "date", "url", "text"])
        writer.writeheader()
        for a in articles:
            writer.writerow({"id": a["id"], "title": a["title"], "date": a["published"], "url": a["url"], "text": a["text"]})
    out["csv"] = [str(folder / "all.csv")]
    items = "".join(
        f"<item><title>{html.escape(a['title'])}</title><link>{a['url']}</link>"
        f"<pubDate>{a['published']}T09:00:00+02:00</pubDate>"
        f"<description>{html.escape(''.join(f'<p>{p}</p>' for p in a['text'].splitlines()[1:]))}</description></item>"
        for a in articles
    )
    feed = f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bench</title>{items}</channel></rss>'
    (folder / "all.rss").write_text(feed, encoding="utf-8")
    out["rss"] = [str(folder / "all.rss")]
    with (folder / "crawl.warc.gz").open("wb") as f:
        warc = WARCWriter(f, gzip=True)
        for a in articles:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            warc.write_record(warc.create_warc_record(a["url"], "response", payload=io.BytesIO(page(a).encode()),
                                                      http_headers=headers))
    out["warc.gz"] = [str(folder / "crawl.warc.gz")]
    return out


def measure(paths: list[str], passes: int) -> tuple[float, int, int]:
    """(best seconds for one pass, documents, failures)."""
    best, n_docs, n_fail = float("inf"), 0, 0
    for _ in range(passes):
        start = perf_counter()
        items = list(read_inputs(paths))
        best = min(best, perf_counter() - start)
        n_docs = sum(isinstance(i, Document) for i in items)
        n_fail = len(items) - n_docs
    return best, n_docs, n_fail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    articles = generate_articles(args.n, words=args.words)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = write_inputs(Path(tmp), articles)
        list(read_inputs(inputs["html"][:1]))  # warm-up: imports, trafilatura's first-call set-up
        for fmt, paths in inputs.items():
            seconds, n_docs, n_fail = measure(paths, args.passes)
            results[fmt] = {"docs": n_docs, "failures": n_fail, "docs_per_s": round(n_docs / seconds, 1),
                            "ms_per_doc": round(1000 * seconds / max(n_docs, 1), 3)}
    if args.json:
        print(json.dumps({"machine": platform.processor() or platform.machine(), "python": platform.python_version(),
                          "n": args.n, "words": args.words, "formats": results}))
        return
    print(f"{args.n} articles of ~{args.words} words, best of {args.passes} passes, one core "
          f"({platform.machine()}, Python {platform.python_version()})")
    print(f"{'format':<9}{'docs':>6}{'fail':>6}{'docs/s':>10}{'ms/doc':>9}")
    for fmt, r in results.items():
        print(f"{fmt:<9}{r['docs']:>6}{r['failures']:>6}{r['docs_per_s']:>10}{r['ms_per_doc']:>9}")


if __name__ == "__main__":
    main()
