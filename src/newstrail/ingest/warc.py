"""WARC and WARC.gz files (web archives, e.g. Common Crawl news).

HTML and plain-text ``response`` and ``resource`` records become inputs;
requests, metadata, revisits and non-text responses (images, scripts) are
skipped and counted. A corrupt record becomes a reject and reading resumes at
the next record boundary, so one bad record does not lose the rest of the file.
"""

from __future__ import annotations

import io
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
    """Inputs from a WARC, WARC.gz or ARC file, record by record."""
    stream.seek(0)
    gz = stream.read(3) == GZIP_MAGIC
    stream.seek(0)
    if not gz:
        yield from _iter_plain(stream, source=source, input_id=input_id, settings=settings)
        return
    # A .warc.gz is one gzip member per record. We inflate members ourselves (written by
    # hand because warcio reads members as one stream: a damaged member can swallow the
    # records after it without an error). A member that fails to inflate or to parse is
    # one reject; the next member is read as usual.
    for offset, member in _gzip_members(stream, cap=settings.max_input_bytes + (1 << 20)):
        if isinstance(member, Exception):
            yield _corrupt(source, input_id, offset, member)
            continue
        try:
            iterator = ArchiveIterator(io.BytesIO(member), arc2warc=True)
            for index, record in enumerate(iterator):
                payload = _payload(record, settings)
                # One record per member is the rule; a file gzipped as a whole holds many.
                key = f"offset:{offset}" if index == 0 else f"offset:{offset}.{index}"
                item = _record_input(record, payload, offset, source=source, input_id=input_id,
                                     settings=settings, key=key)
                if item is not None:
                    yield item
        except _RECORD_ERRORS as exc:
            yield _corrupt(source, input_id, offset, exc)


_RECORD_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError,
                  ValueError, OSError)
GZIP_MAGIC = b"\x1f\x8b\x08"


class MemberTooLarge(Exception):
    """A gzip member inflates to more than the size cap."""


def _corrupt(source: str, input_id: str, offset: int, exc: Exception) -> Reject:
    if isinstance(exc, MemberTooLarge):
        return Reject(source, f"offset:{offset}", f"{input_id}@{offset}", "warc-record",
                      "too-large", f"WARC record at byte {offset}: {exc}")
    return Reject(source, f"offset:{offset}", f"{input_id}@{offset}", "warc-record",
                  "corrupt-warc-record",
                  f"unreadable WARC record at byte {offset}: {type(exc).__name__}: {exc}")


def _gzip_members(stream: BinaryIO, *, cap: int, chunk_size: int = 1 << 16
                  ) -> Iterator[tuple[int, bytes | Exception]]:
    """(offset, inflated bytes) per gzip member, or (offset, error) for a damaged one.

    Reads the file once, front to back; after an error, reading resumes at the
    next gzip header after the damaged member's start. Members inflating past
    ``cap`` are drained, not kept.
    """
    stream.seek(0)
    pending = b""  # compressed bytes read from the file but not yet fed to an inflater
    start = 0  # file offset of pending[0], which is where the current member begins
    while True:
        if not pending:
            pending = stream.read(chunk_size)
            if not pending:
                return  # clean end of file
        inflater = zlib.decompressobj(wbits=31)
        out: list[bytes] = []
        size = 0
        fed = 0  # bytes of this member fed so far (including any unused tail)
        data = pending
        error: Exception | None = None
        while True:
            try:
                piece = inflater.decompress(data)
            except zlib.error as exc:
                error = exc
                break
            fed += len(data)
            size += len(piece)
            if size <= cap:
                out.append(piece)
            if inflater.eof:
                break
            data = stream.read(chunk_size)
            if not data:
                error = EOFError("gzip member ends early (truncated file?)")
                break
        if error is None:
            tail = inflater.unused_data
            yield start, (b"".join(out) if size <= cap else
                          MemberTooLarge(f"inflates to more than {cap:,} bytes"))
            start += fed - len(tail)
            pending = tail
            continue
        yield start, error
        nxt = _find(stream, GZIP_MAGIC, start + 1)
        if nxt is None:
            return
        stream.seek(nxt)
        start, pending = nxt, b""


def _iter_plain(stream: BinaryIO, *, source: str, input_id: str, settings: Settings
                ) -> Iterator[RawInput | Reject | Skipped]:
    """An uncompressed WARC/ARC: records in sequence; after a damaged one, resume at the next
    'WARC/1.' line."""
    start = 0
    while True:
        stream.seek(start)
        iterator = ArchiveIterator(stream, arc2warc=True)
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
        except _RECORD_ERRORS as exc:
            failed_at = start if last_good is None else _find(stream, WARC_MAGIC, last_good + 1)
            if failed_at is None:
                return
            yield _corrupt(source, input_id, failed_at, exc)
            nxt = _find(stream, WARC_MAGIC, failed_at + 1)
            if nxt is None:
                return
            start = nxt


WARC_MAGIC = b"WARC/1."


def _payload(record, settings: Settings) -> bytes | None:
    """The body of a response/resource record, at most one byte over the cap; else None."""
    if record.rec_type not in ("response", "resource"):
        return None
    return record.content_stream().read(settings.max_input_bytes + 1)


def _record_input(record, data: bytes | None, offset: int, *, source: str, input_id: str,
                  settings: Settings, key: str | None = None) -> RawInput | Reject | Skipped | None:
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
    key = key or f"offset:{offset}"
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


def _find(stream: BinaryIO, marker: bytes, position: int) -> int | None:
    """Offset of the next ``marker`` at or after ``position``, or None."""
    chunk_size = 1 << 20
    while True:
        stream.seek(position)
        chunk = stream.read(chunk_size + len(marker))
        if not chunk:
            return None
        hit = chunk.find(marker)
        if hit >= 0:
            return position + hit
        position += chunk_size
