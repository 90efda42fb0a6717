"""The fetcher against a real HTTP server on loopback (no other network)."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newstrail.errors import FetchError
from newstrail.ingest.fetch import Fetcher, check_address
from newstrail.ingest.pipeline import ingest

from .badinputs import ARTICLE_EN, page, paragraphs

ARTICLE = page(paragraphs(ARTICLE_EN), title="Front line report")
SECOND = page(paragraphs(ARTICLE_EN.replace("Pokrovsk", "Kupiansk")), title="Second report")
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Teaser only</title><link>{base}/second.html</link><guid>t1</guid>
<pubDate>Sun, 03 Mar 2024 10:00:00 +0000</pubDate><description>Short teaser.</description></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/article.html": (200, "text/html; charset=utf-8", ARTICLE.encode()),
            "/second.html": (200, "text/html; charset=utf-8", SECOND.encode()),
            "/private/secret.html": (200, "text/html", ARTICLE.encode()),
            "/feed.xml": (200, "application/rss+xml", FEED.format(base=base).encode()),
            "/big.html": (200, "text/html", b"<p>" + b"x" * 300_000 + b"</p>"),
            "/gone.html": (404, "text/html", b"not here"),
        }
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        status, ctype, body = routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture
def local(settings):
    return settings.replace(allow_private=True, per_host_interval=0.0, max_input_bytes=100_000)


def test_private_and_loopback_refused_by_default(settings):
    for url in ("http://127.0.0.1/x", "http://localhost/x", "http://10.1.2.3/x",
                "http://169.254.169.254/latest/meta-data", "http://[::1]/x"):
        with pytest.raises(FetchError) as info:
            check_address(url, allow_private=False)
        assert info.value.reason == "private-address"
    with pytest.raises(FetchError) as info:
        check_address("file:///etc/passwd", allow_private=True)
    assert info.value.reason == "unsupported"


def test_ingest_url_refused_without_flag(server, store, settings):
    summary = ingest([server + "/article.html"], store, settings)
    assert summary.rejected == {"private-address": 1}
    assert "--allow-private" in next(store.rejects())["message"]


def test_fetch_follows_redirects_and_sends_user_agent(server, local):
    with Fetcher(local) as f:
        got = f.fetch(server + "/redirect")
    assert got.url.endswith("/article.html") and got.redirects == (server + "/redirect",)
    assert got.charset == "utf-8"
    assert any(a.startswith("newstrail/") for a in Handler.seen_agents)


@pytest.mark.parametrize("path,reason", [("/loop", "fetch-failed"), ("/big.html", "too-large"),
                                         ("/gone.html", "fetch-failed"),
                                         ("/private/secret.html", "robots-disallowed")])
def test_fetch_failures_have_reasons(server, local, path, reason):
    with Fetcher(local) as f, pytest.raises(FetchError) as info:
        f.fetch(server + path)
    assert info.value.reason == reason


def test_per_host_rate_limit(server, local):
    # The limiter spaces request *starts*: both requests start after t0, at least 0.3 s
    # apart, so the pair cannot finish sooner (a slow machine only makes it longer).
    with Fetcher(local.replace(per_host_interval=0.3)) as f:
        start = time.monotonic()
        f.fetch(server + "/article.html")  # also loads robots.txt
        f.fetch(server + "/second.html")
        assert time.monotonic() - start >= 0.29  # local fetches take milliseconds unspaced


def test_ingest_urls_and_feed_teasers(server, store, local):
    summary = ingest([server + "/article.html", server + "/feed.xml"], store, local)
    assert summary.new == 2, store.rejects()
    docs = {d["input_id"]: d for d in store.documents()}
    second = docs[server + "/second.html"]
    assert second["title"] == "Teaser only"  # feed metadata wins over the page
    assert second["published"] == "2024-03-03T10:00:00Z"
    sighting = store.sightings(second["doc_id"])[0]
    assert sighting["fetched_at"] and sighting["kind"] == "url"
    # a second run does not fetch what is already stored
    again = ingest([server + "/article.html"], store, local)
    assert again.unchanged == 1 and again.new == 0


def test_url_list_file(server, store, local, tmp_path):
    urls = tmp_path / "list.txt"
    urls.write_text(f"{server}/article.html\n\n{server}/gone.html\n{server}/article.html\n")
    summary = ingest([str(urls)], store, local)
    assert summary.new == 1 and summary.rejected == {"fetch-failed": 1}
