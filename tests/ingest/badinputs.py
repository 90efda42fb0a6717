"""Builds a folder of bad (and a few good) inputs, as users really have them.

Returns the expected outcome per file: a reject reason, or "doc".
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE_EN = (
    "Russian forces conducted assaults near Pokrovsk on March 3, the General Staff said. "
    "Ukrainian troops repelled 14 attacks, according to the report, and regional officials "
    "said at least 12 civilians were wounded in shelling of nearby villages. "
) * 3
ARTICLE_RU = (
    "Российские войска 3 марта продолжили наступление под Авдеевкой, сообщило Минобороны "
    "России. По данным ведомства, потери противника составили до 250 военнослужащих. "
) * 3


def page(body: str, title: str = "Invented test page") -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>"
            f"{body}</article><footer>© 2021 Test Outlet</footer></body></html>")


def paragraphs(text: str) -> str:
    return "".join(f"<p>{s.strip()}.</p>" for s in text.split(". ") if s.strip())


def warc_bytes(pages: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                           http_headers=headers)
        writer.write_record(record)
    return out.getvalue()


def build(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}

    def put(name: str, data: bytes | str, outcome: str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected[name] = outcome

    # good inputs in awkward encodings
    put("cp1251.txt", ARTICLE_RU.encode("cp1251"), "doc")
    put("koi8r.txt", ("Сводка\n\n" + ARTICLE_RU.replace("250", "300")).encode("koi8_r"), "doc")
    put("bom.txt", b"\xef\xbb\xbf" + ("Headline\n\n" + ARTICLE_EN).encode("utf-8"), "doc")
    put("latin1.html", page(paragraphs(ARTICLE_EN.replace("Pokrovsk", "Kupiansk")) +
                            "<p>Le ministère a déclaré.</p>").encode("latin-1"), "doc")
    put("good.html.gz", gzip.compress(page(paragraphs(ARTICLE_EN.replace("14", "15"))).encode()),
        "doc")
    hostile = page(paragraphs(ARTICLE_EN.replace("14", "16")) +
                   "<script>alert('x')</script><img src=x onerror=alert(1)>"
                   + "<div>" * 3000 + "deep" + "</div>" * 10,
                   title="<script>alert(1)</script>\x1b[31mred")
    put("hostile.html", hostile, "doc")
    # bad inputs
    put("binary.txt", bytes(range(256)) * 40, "binary")
    put("image.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "binary")
    put("empty.txt", b"", "empty")
    put("blank.md", b"   \n\n\t  \n", "empty")
    put("nav-only.html", page("<ul><li><a href='/a'>Politics</a></li></ul>").replace(
        "<footer>© 2021 Test Outlet</footer>", ""), "no-article")
    full = gzip.compress(page(paragraphs(ARTICLE_EN)).encode() * 20)
    put("truncated.html.gz", full[: len(full) // 2], "truncated-gzip")
    put("broken.rss", b"<?xml version='1.0'?><rss><channel><title>x</tit", "broken-feed")
    put("garbage.xml", b"<rss version='2.0'>\x00\x01 not really", "broken-feed")
    good_warc = warc_bytes([("https://example.org/a", page(paragraphs(ARTICLE_EN.replace("14", "17")))),
                            ("https://example.org/b", page(paragraphs(ARTICLE_EN.replace("14", "18")))),
                            ("https://example.org/c", page(paragraphs(ARTICLE_EN.replace("14", "19"))))])
    # corrupt the middle record: flip bytes inside the second gzip member
    second = good_warc.find(b"\x1f\x8b\x08", 10)
    third = good_warc.find(b"\x1f\x8b\x08", second + 10)
    corrupt = bytearray(good_warc)
    for i in range(second + 30, min(second + 80, third)):
        corrupt[i] ^= 0xFF
    put("crawl.warc.gz", bytes(corrupt), "warc")
    put("records.jsonl",
        '{"id": "ok-1", "text": "' + ARTICLE_EN.replace("14", "20") + '", "outlet": "wire"}\n'
        '{"id": "bad-1", "text": \n'
        '[1, 2, 3]\n'
        '{"id": "empty-1", "text": ""}\n', "records")
    put("records.csv", "id,title,text\nc1,Title," + '"' + ARTICLE_EN.replace("14", "21") + '"\n',
        "records")
    huge = folder / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 200 MB on paper, nothing on disk
        fh.truncate(200 * 1024 * 1024)
    expected["huge.txt"] = "too-large"
    return expected
