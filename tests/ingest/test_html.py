"""HTML extraction on pages written for the purpose (invented content)."""

from __future__ import annotations

import pytest

from newstrail.errors import InputRejected
from newstrail.ingest.document import build_document
from newstrail.ingest.html import extract_html
from newstrail.models import RawInput
from newstrail.settings import Settings

ARTICLE = """<!doctype html><html lang="en"><head>
<title>Shelling hits Kherson market | Dnipro Ledger</title>
<meta property="og:title" content="Shelling hits Kherson market">
<meta property="og:site_name" content="Dnipro Ledger">
<meta name="author" content="Olena Marchenko">
<meta property="article:published_time" content="2024-03-04T08:15:00+02:00">
</head><body>
<nav><a href="/">Home</a> <a href="/war">War</a> <a href="/donate">Donate</a></nav>
<article><h1>Shelling hits Kherson market</h1>
<p>Russian artillery struck the central market in Kherson on Monday morning, killing three
people and wounding at least eleven, the regional military administration said.</p>
<p>The head of the administration said that the strike came shortly after 9 a.m., when the
market was crowded with residents buying bread and vegetables before the curfew.</p>
<p>Emergency crews extinguished a fire that spread to two neighbouring buildings. Officials
reportedly expect the number of casualties to rise as debris is cleared.</p>
</article>
<section class="comments"><p>Reader comment: this is terrible, praying for Kherson, stay safe
everyone and thank you for the reporting.</p></section>
<footer>© 2024 Dnipro Ledger. All rights reserved. Privacy policy.</footer>
</body></html>"""


def test_article_text_and_metadata():
    got = extract_html(ARTICLE, url="https://dnipro-ledger.example/war/kherson-market")
    assert "killing three people" in " ".join(got.text.split())
    assert "Emergency crews extinguished" in got.text
    assert "All rights reserved" not in got.text
    assert "Donate" not in got.text
    assert got.title == "Shelling hits Kherson market"
    assert got.author == "Olena Marchenko"
    assert got.date == "2024-03-04"
    assert got.sitename == "Dnipro Ledger"
    assert got.extractor in {"trafilatura", "readability"}


def test_comments_are_not_article_text():
    got = extract_html(ARTICLE)
    assert "praying for Kherson" not in got.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><head><title>404</title></head><body></body></html>",
        "<<<>>><div",
    ],
)
def test_pages_without_article_are_rejected(page):
    # extract_html may return a scrap such as "Home"; the document builder's minimum length
    # turns that into the same reject.
    raw = RawInput(source="/x.html", record_key="", input_id="x.html", kind="html",
                   data=page.encode(), media_type="text/html")
    with pytest.raises(InputRejected) as info:
        build_document(raw, settings=Settings())
    assert info.value.reason == "no-article"


def test_empty_page_is_rejected():
    with pytest.raises(InputRejected) as info:
        extract_html("  \n ")
    assert info.value.reason == "empty"


def test_hostile_markup_does_not_crash():
    deep = "<div>" * 20000 + "<p>" + "Troops advanced near Bakhmut on Tuesday. " * 20 + "</p>"
    try:
        got = extract_html("<html><body>" + deep + "</body></html>")
    except InputRejected as exc:  # rejecting is fine, crashing is not
        assert exc.reason == "no-article"
    else:
        assert "Bakhmut" in got.text


def test_cyrillic_page():
    page = (
        "<html lang='uk'><head><title>Обстріл Херсона</title></head><body><article>"
        "<h1>Обстріл Херсона</h1>"
        + "<p>Російська армія обстріляла центральний ринок Херсона в понеділок, загинули "
        "троє людей, повідомила обласна військова адміністрація.</p>" * 3
        + "</article></body></html>"
    )
    got = extract_html(page)
    assert "центральний ринок" in got.text
