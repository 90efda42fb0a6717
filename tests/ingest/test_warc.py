"""WARC reading: per-record gzip members, whole-file gzip, plain WARC, damage and truncation."""

from __future__ import annotations

import gzip
import io

from newstrail.ingest.warc import iter_warc
from newstrail.models import RawInput, Reject
from newstrail.settings import Settings

from .badinputs import ARTICLE_EN, page, paragraphs, warc_bytes

PAGES = [(f"https://example.org/{c}", page(paragraphs(ARTICLE_EN.replace("14", str(n)))))
         for c, n in (("a", 31), ("b", 32), ("c", 33))]


def read(data: bytes) -> list:
    return list(iter_warc(io.BytesIO(data), source="s", input_id="crawl.warc.gz",
                          settings=Settings()))


def urls(items) -> list[str]:
    return [i.url for i in items if isinstance(i, RawInput)]


def test_each_record_is_an_input_with_its_payload():
    items = read(warc_bytes(PAGES))
    assert urls(items) == [u for u, _ in PAGES]
    assert all(b"<html" in i.data for i in items)
    keys = [i.record_key for i in items]
    assert len(set(keys)) == 3 and keys[0] == "offset:0"


def test_plain_and_whole_file_gzip_warcs():
    plain = gzip.decompress(warc_bytes(PAGES))
    assert urls(read(plain)) == [u for u, _ in PAGES]
    whole = read(gzip.compress(plain))
    assert urls(whole) == [u for u, _ in PAGES]
    assert len({i.record_key for i in whole}) == 3


def test_a_damaged_member_loses_only_its_record():
    data = bytearray(warc_bytes(PAGES))
    second = data.find(b"\x1f\x8b\x08", 10)
    for i in range(second + 30, second + 60):
        data[i] ^= 0xFF
    items = read(bytes(data))
    assert urls(items) == ["https://example.org/a", "https://example.org/c"]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [r.reason for r in rejects] == ["corrupt-warc-record"]
    assert rejects[0].record_key == f"offset:{second}"


def test_truncated_warc_keeps_the_complete_records():
    data = warc_bytes(PAGES)
    items = read(data[:-200])
    assert urls(items) == ["https://example.org/a", "https://example.org/b"]
    assert [i.reason for i in items if isinstance(i, Reject)] == ["corrupt-warc-record"]
