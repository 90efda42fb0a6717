"""JSON Lines, JSON arrays and CSV of article records.

A record needs ``text`` or ``html``; ``id``, ``url``, ``title``, ``outlet``,
``published``, ``lang`` are used when present, and every other key is kept as
metadata. When ``published`` is absent, one of the common alternative names of the date
(``publication_date``, ``date``, ``pubDate``, ...) stands in for it, and ``source`` or
``site`` for a missing ``outlet``, but only when the record's alternatives agree
(two different dates or names are ambiguous, and none is taken). Records stream one at a time, so a file of any size is fine; the
size cap applies to each record.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from newstrail.models import RawInput, Reject
from newstrail.settings import Settings

KNOWN = ("id", "url", "title", "outlet", "published", "lang", "text", "html")
# Alternative field names other tools and data sets use (RSS ``pubDate``, PolNeAR
# ``publication_date``, NewsAPI-style ``published_at``/``source``); the first one present is
# recorded in ``meta["<field>_from"]``. ``publisher`` is not an outlet alias: in PolNeAR it is
# a slug ("breitbart"), and read as the outlet it made provenance take "told CNN" for a
# citation of a CNN article (docs/provenance.md).
ALIASES = {
    "published": ("publication_date", "published_at", "pubDate", "pub_date", "date",
                  "datetime", "date_published"),
    "outlet": ("source", "site", "site_name"),
}


def iter_jsonl(
    stream: IO[bytes], *, source: str, input_id: str, settings: Settings
) -> Iterator[RawInput | Reject]:
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        key = f"line:{lineno}"
        if len(line) > settings.max_input_bytes:
            yield Reject(source, key, f"{input_id}:{lineno}", "record", "too-large",
                         f"line {lineno} is {len(line):,} bytes, over the cap")
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Reject(source, key, f"{input_id}:{lineno}", "record", "bad-record",
                         f"line {lineno} is not valid JSON: {exc}", data=line[:100_000])
            continue
        yield _record(record, source=source, key=key, fallback_id=f"{input_id}:{lineno}", raw=line)


def iter_json_array(
    data: bytes, *, source: str, input_id: str, settings: Settings
) -> Iterator[RawInput | Reject]:
    try:
        records = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield Reject(source, "", input_id, "record", "bad-record", f"not valid JSON: {exc}",
                     data=data[:100_000])
        return
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        yield Reject(source, "", input_id, "record", "bad-record",
                     "JSON file holds neither an object nor a list of objects")
        return
    for index, record in enumerate(records):
        raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
        yield _record(record, source=source, key=f"item:{index}",
                      fallback_id=f"{input_id}:{index}", raw=raw)


def iter_csv(
    data: bytes, *, source: str, input_id: str, settings: Settings
) -> Iterator[RawInput | Reject]:
    csv.field_size_limit(min(sys.maxsize, settings.max_input_bytes))
    from newstrail.ingest.encoding import decode

    text, _ = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        for index, row in enumerate(reader, 2):  # line 1 is the header
            record = {k.strip().lower(): v for k, v in row.items() if k is not None}
            raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
            yield _record(record, source=source, key=f"row:{index}",
                          fallback_id=f"{input_id}:{index}", raw=raw)
    except csv.Error as exc:
        yield Reject(source, f"row:{reader.line_num}", input_id, "record", "bad-record",
                     f"CSV broken near line {reader.line_num}: {exc}")


def _record(record: Any, *, source: str, key: str, fallback_id: str, raw: bytes
            ) -> RawInput | Reject:
    if not isinstance(record, dict):
        return Reject(source, key, fallback_id, "record", "bad-record",
                      f"record is a {type(record).__name__}, not an object", data=raw[:100_000])
    text, html = record.get("text"), record.get("html")
    rid = record.get("id")
    input_id = str(rid) if rid not in (None, "") else fallback_id
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        return Reject(source, f"id:{rid}" if rid else key, input_id, "record", "empty",
                      "record has no non-empty 'text' or 'html' field",
                      data=raw[:100_000])
    meta = {k: v for k, v in record.items() if k not in ("text", "html")}
    _fill_aliases(meta)
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        return RawInput(source=source, record_key=f"id:{rid}" if rid else key, input_id=input_id,
                        kind="record", data=html.encode("utf-8"), media_type="text/html",
                        url=_str(record.get("url")), meta=meta)
    return RawInput(source=source, record_key=f"id:{rid}" if rid else key, input_id=input_id,
                    kind="record", text=text, data=raw, media_type="text/plain",
                    url=_str(record.get("url")), meta=meta)


def _str(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _fill_aliases(meta: dict[str, Any]) -> None:
    """Fill a missing ``published``/``outlet`` from its alternative names, in place.

    Only non-empty strings count: a ``source`` that is an object or a list (NewsAPI's
    ``{"id", "name"}``) or a bare number (epoch seconds or milliseconds?) is not read as one.
    The alternatives present must all hold the same value; the key used is kept in
    ``meta["<field>_from"]``.
    """
    for field_, names in ALIASES.items():
        if meta.get(field_) not in (None, ""):
            continue
        found = [(name, meta[name].strip()) for name in names
                 if isinstance(meta.get(name), str) and meta[name].strip()]
        if found and len({v for _, v in found}) == 1:
            meta[field_] = found[0][1]
            meta[f"{field_}_from"] = found[0][0]
