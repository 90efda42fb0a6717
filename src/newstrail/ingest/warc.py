"""WARC and WARC.gz files (web archives, e.g. Common Crawl news).

HTML and plain-text ``response`` and ``resource`` records become inputs;
requests, metadata, revisits and non-text responses (images, scripts) are
skipped and counted. A corrupt record becomes a reject and reading resumes at
the next record boundary, so one bad record does not lose the rest of the file.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from newstrail.models import RawInput, Reject
from newstrail.settings import Settings

TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that is not an article (not an error): counted, not stored."""

    reason: str


def iter_warc(
    stream: BinaryIO, *, source: str, input_id: str, settings: Settings
) -> Iterator[RawInput | Reject | Skipped]:
    start = 0
    while True:
        stream.seek(start)
        iterator = ArchiveIterator(stream, no_record_parse=False, arc2warc=True)
        last_good: int | None = None
        try:
            for record in iterator:
                # Read the payload before asking for the offset: warcio's get_record_offset()
                # reads the current record to its end, leaving an empty content stream.
                payload = _payload(record, settings)
                offset = start + iterator.get_record_offset()
                last_good = offset
                item = _record_input(record, payload, offset, source=source, input_id=input_id,
                                     settings=settings)
                if item is not None:
                    yield item
            return
        except (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError,
                ValueError, OSError) as exc:
            # warcio cannot say where the bad record began once it has failed, so we do:
            # the first record boundary after the last good record (or where this pass began).
            failed_at = start if last_good is None else _next_record_start(stream, last_good + 1)
            if failed_at is None:
                return
            yield Reject(source, f"offset:{failed_at}", f"{input_id}@{failed_at}", "warc-record",
                         "corrupt-warc-record",
                         f"unreadable WARC record at byte {failed_at}: {type(exc).__name__}: {exc}")
            nxt = _next_record_start(stream, failed_at + 1)
            if nxt is None:
                return
            start = nxt


def _payload(record, settings: Settings) -> bytes | None:
    """The body of a response/resource record, at most one byte over the cap; else None."""
    if record.rec_type not in ("response", "resource"):
        return None
    return record.content_stream().read(settings.max_input_bytes + 1)


def _record_input(record, data: bytes | None, offset: int, *, source: str, input_id: str,
                  settings: Settings) -> RawInput | Reject | Skipped | None:
    if data is None:
        return None  # warcinfo, request, metadata, revisit: nothing to read
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{input_id}@{offset}"
    fetched_at = record.rec_headers.get_header("WARC-Date")
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        content_type = record.http_headers.get_header("Content-Type") or ""
        if status and not status.startswith("2"):
            return Skipped(f"http-{status}")
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media = content_type.split(";")[0].strip().lower()
    if media and media not in TEXT_TYPES:
        return Skipped("not-text")
    cap = settings.max_input_bytes
    key = f"offset:{offset}"
    if len(data) > cap:
        return Reject(source, key, uri, "warc-record", "too-large",
                      f"WARC record at byte {offset} is over the {cap:,}-byte cap")
    charset = None
    if "charset=" in content_type:
        charset = content_type.split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
    return RawInput(source=source, record_key=key, input_id=uri, kind="warc-record", data=data,
                    media_type="text/plain" if media == "text/plain" else "text/html", url=uri,
                    fetched_at=fetched_at, warc_offset=offset, declared_encoding=charset,
                    meta={"warc": input_id, "warc_offset": offset})


def _next_record_start(stream: BinaryIO, position: int) -> int | None:
    """The next offset at or after ``position`` where a WARC record can begin.

    warcio stops at the first unreadable record; resyncing is ours to do. In a
    .warc.gz every record is its own gzip member (magic 1f 8b 08); in a plain
    WARC every record starts with a 'WARC/1.' line.
    """
    markers = (b"\x1f\x8b\x08", b"WARC/1.")
    chunk_size = 1 << 20
    while True:
        stream.seek(position)
        chunk = stream.read(chunk_size + 8)
        if not chunk:
            return None
        hits = [i for i in (chunk.find(m) for m in markers) if i >= 0]
        if hits:
            return position + min(hits)
        position += chunk_size
