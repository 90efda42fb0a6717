"""From what the user typed (files, folders, globs, URLs) to a stream of inputs.

Each file is routed by its name and, when the name says nothing, by sniffing
its first bytes: web archives, record files (JSONL/JSON/CSV), feeds, URL
lists, HTML, plain text. Containers stream record by record; single documents
are read whole, after a size check.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newstrail.errors import FetchError, InputRejected, UsageError
from newstrail.ingest.feeds import iter_feed, looks_like_feed
from newstrail.ingest.fetch import Fetcher
from newstrail.ingest.records import iter_csv, iter_json_array, iter_jsonl
from newstrail.ingest.warc import Skipped, iter_warc
from newstrail.models import RawInput, Reject
from newstrail.settings import Settings

Item = RawInput | Reject | Skipped

INPUT_SUFFIXES = {
    ".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".md", ".markdown",
    ".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".rss", ".atom", ".xml", ".rdf",
    ".warc", ".arc", ".urls",
}
_URL = re.compile(r"^https?://\S+$", re.I)
_HTML_SNIFF = re.compile(rb"<(!doctype html|html|head|body|article|div|p)[\s>]", re.I)


@dataclass(frozen=True, slots=True)
class Target:
    kind: str  # "url" or "file"
    location: str  # URL or absolute path
    input_id: str


def is_url(text: str) -> bool:
    return bool(_URL.match(text.strip()))


def expand_targets(args: list[str]) -> list[Target]:
    """Resolve arguments to URLs and files. Raises UsageError for a path that does not exist."""
    targets: list[Target] = []
    for arg in args:
        if is_url(arg):
            targets.append(Target("url", arg.strip(), arg.strip()))
            continue
        path = Path(arg).expanduser()
        if path.is_file():
            targets.append(Target("file", str(path.resolve()), arg))
        elif path.is_dir():
            for file in _walk(path):
                rel = file.relative_to(path).as_posix()
                targets.append(Target("file", str(file.resolve()), rel))
        elif any(ch in arg for ch in "*?["):
            matches = sorted(glob.glob(arg, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file()]
            if not files:
                raise UsageError(f"no file matches {arg!r}", hint="check the pattern; quote it so the shell does not expand it")
            targets.extend(Target("file", str(f.resolve()), str(f)) for f in files)
        else:
            raise UsageError(f"no such file, folder or URL: {arg!r}",
                             hint="URLs must start with http:// or https://")
    return targets


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` that look like inputs, in a stable order; hidden ones skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            suffixes = Path(name.lower()).suffixes
            if suffixes and suffixes[-1] == ".gz":
                suffixes = suffixes[:-1]
            if suffixes and suffixes[-1] in INPUT_SUFFIXES:
                yield Path(root) / name


def iter_inputs(
    targets: list[Target],
    *,
    settings: Settings,
    fetcher: Fetcher | None = None,
    already_fetched: Callable[[str], bool] = lambda url: False,
) -> Iterator[Item]:
    for target in targets:
        if target.kind == "url":
            yield from _iter_url(target.location, target.input_id, settings=settings,
                                 fetcher=fetcher, already_fetched=already_fetched, meta={})
        else:
            for item in iter_file(Path(target.location), target.input_id, settings=settings):
                if isinstance(item, RawInput) and item.kind == "url" and not item.data:
                    yield from _iter_url(item.url or item.source, item.input_id, settings=settings,
                                         fetcher=fetcher, already_fetched=already_fetched,
                                         meta=item.meta)
                else:
                    yield item


def _iter_url(url: str, input_id: str, *, settings: Settings, fetcher: Fetcher | None,
              already_fetched: Callable[[str], bool], meta: dict) -> Iterator[Item]:
    if already_fetched(url):
        yield Skipped("already-fetched")
        return
    if fetcher is None or (meta.get("teaser") is not None and not settings.follow_feed_links):
        yield Reject(url, "", input_id, "url", "fetch-failed",
                     f"not fetched: {url}", )
        return
    try:
        got = fetcher.fetch(url)
    except FetchError as exc:
        yield Reject(url, "", input_id, "url", exc.reason, str(exc))
        return
    if looks_like_feed(got.content) or "rss" in got.content_type or "atom" in got.content_type:
        for item in iter_feed(got.content, source=url, input_id=input_id, feed_url=url):
            if isinstance(item, RawInput) and item.kind == "url":
                yield from _iter_url(item.url or item.source, item.input_id, settings=settings,
                                     fetcher=fetcher, already_fetched=already_fetched,
                                     meta=item.meta)
            else:
                yield item
        return
    media = "text/plain" if got.content_type == "text/plain" else "text/html"
    yield RawInput(source=url, record_key="", input_id=input_id, kind="url", data=got.content,
                   media_type=media, url=got.url, fetched_at=got.fetched_at,
                   declared_encoding=got.charset,
                   meta={**meta, "http": {"status": got.status, "content_type": got.content_type,
                                          "redirects": list(got.redirects)}})


def iter_file(path: Path, input_id: str, *, settings: Settings) -> Iterator[Item]:
    source = str(path)
    name = path.name.lower()
    gz = name.endswith(".gz")
    base = name[:-3] if gz else name
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Reject(source, "", input_id, "file", "unreadable", f"cannot read {path}: {exc}")
        return

    if base.endswith((".warc", ".arc")):
        with path.open("rb") as stream:
            yield from iter_warc(stream, source=source, input_id=input_id, settings=settings)
        return
    if base.endswith((".jsonl", ".ndjson")):
        yield from _stream_jsonl(path, gz, source=source, input_id=input_id, settings=settings)
        return

    cap = settings.max_input_bytes
    big_container = base.endswith((".json", ".csv", ".tsv"))
    limit = cap * 20 if big_container else cap
    if size > limit and not gz:
        yield Reject(source, "", input_id, "file", "too-large",
                     f"{input_id} is {size / 1e6:.0f} MB, over the {limit / 1e6:.0f} MB cap",
                     )
        return
    try:
        raw = path.read_bytes() if size <= limit else path.open("rb").read(limit + 1)
    except OSError as exc:
        yield Reject(source, "", input_id, "file", "unreadable", f"cannot read {path}: {exc}")
        return
    data = raw
    if gz or raw[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(raw, limit)
        except InputRejected as exc:
            yield Reject(source, "", input_id, "file", exc.reason, f"{input_id}: {exc.message}",
                         data=raw[: settings.keep_raw_max_bytes])
            return
    if len(data) > limit:
        yield Reject(source, "", input_id, "file", "too-large",
                     f"{input_id} is over the {limit / 1e6:.0f} MB cap")
        return
    if not data.strip():
        yield Reject(source, "", input_id, "file", "empty", f"{input_id} is empty", data=raw)
        return
    if data.startswith((b"WARC/1.", b"filedesc://")):
        yield from iter_warc(io.BytesIO(data), source=source, input_id=input_id, settings=settings)
        return
    if base.endswith(".json"):
        yield from iter_json_array(data, source=source, input_id=input_id, settings=settings)
        return
    if base.endswith((".csv", ".tsv")):
        try:
            yield from iter_csv(data, source=source, input_id=input_id, settings=settings)
        except InputRejected as exc:
            yield Reject(source, "", input_id, "file", exc.reason, f"{input_id}: {exc.message}",
                         data=raw)
        return
    is_feed_name = base.endswith((".rss", ".atom", ".rdf"))
    if is_feed_name or (not base.endswith((".html", ".htm")) and looks_like_feed(data)):
        yield from iter_feed(data, source=source, input_id=input_id)
        return
    media = "text/html" if base.endswith((".html", ".htm", ".xhtml", ".shtml")) else None
    if media is None and _HTML_SNIFF.search(data[:4096]):
        media = "text/html"
    if media is None:
        lines = [ln.strip() for ln in data.decode("utf-8", "replace").splitlines() if ln.strip()]
        if base.endswith(".urls") or (lines and len(lines) <= 100_000 and all(is_url(ln) for ln in lines)):
            for line in dict.fromkeys(lines):
                yield RawInput(source=line, record_key="", input_id=line, kind="url", url=line,
                               meta={"url_list": input_id})
            return
        media = "text/plain"
    kind = "html" if media == "text/html" else "text"
    yield RawInput(source=source, record_key="", input_id=input_id, kind=kind, data=data,
                   media_type=media)


def _stream_jsonl(path: Path, gz: bool, *, source: str, input_id: str, settings: Settings
                  ) -> Iterator[Item]:
    opener = gzip.open if gz else open
    try:
        with opener(path, "rb") as stream:
            yield from iter_jsonl(stream, source=source, input_id=input_id, settings=settings)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield Reject(source, "tail", input_id, "file", "truncated-gzip",
                     f"{input_id}: compressed stream ends early or is corrupt ({exc}); "
                     "records before that point were read")


def _gunzip(raw: bytes, limit: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(limit + 1)
    except EOFError as exc:
        raise InputRejected("truncated-gzip", "gzip data ends early (truncated download?)",
                            hint="download the file again") from exc
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise InputRejected("truncated-gzip", f"corrupt gzip data: {exc}") from exc
    return data
