"""The ingest run: targets -> inputs -> documents in the store, with a summary.

Each document is written with its sighting in one savepoint, and the batch
is committed every ``settings.batch_size`` documents, so an interrupted run
(Ctrl-C, kill -9) loses at most the open batch and never leaves half a
document; re-running skips every input already stored (same place, same
bytes) and finishes the job.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from newstrail.errors import InputRejected
from newstrail.ingest import debris
from newstrail.ingest.document import apply_learned, build_document
from newstrail.ingest.fetch import Fetcher
from newstrail.ingest.normalize import content_hash
from newstrail.ingest.sources import Item, Target, expand_targets, iter_inputs
from newstrail.ingest.warc import Skipped
from newstrail.models import Document, RawInput, Reject, Sighting
from newstrail.settings import Settings
from newstrail.store import Store
from newstrail.store.db import sha256


@dataclass
class Summary:
    new: int = 0
    duplicate: int = 0
    unchanged: int = 0
    recleaned: int = 0
    rejected: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    interrupted: bool = False
    doc_ids: list[str] = field(default_factory=list)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    def line(self) -> str:
        parts = [f"{self.new} new", f"{self.duplicate} duplicate", f"{self.unchanged} unchanged"]
        rejected = f"{self.rejected_total} rejected"
        if self.rejected:
            rejected += " (" + ", ".join(f"{r}: {n}" for r, n in sorted(self.rejected.items())) + ")"
        parts.append(rejected)
        if self.skipped:
            parts.append(
                f"{sum(self.skipped.values())} skipped ("
                + ", ".join(f"{r}: {n}" for r, n in sorted(self.skipped.items())) + ")"
            )
        if self.recleaned:
            parts.append(f"{self.recleaned} re-cleaned with learned site debris")
        return ("interrupted: " if self.interrupted else "") + ", ".join(parts)

    def as_dict(self) -> dict:
        return {
            "new": self.new, "duplicate": self.duplicate, "unchanged": self.unchanged,
            "rejected": dict(self.rejected), "skipped": dict(self.skipped),
            "recleaned": self.recleaned, "interrupted": self.interrupted,
        }


def ingest(
    args: list[str] | list[Target],
    store: Store,
    settings: Settings,
    *,
    refetch: bool = False,
    on_item: Callable[[str], None] | None = None,
    fetcher: Fetcher | None = None,
) -> Summary:
    """Ingest files, folders, globs and URLs into ``store``. Never raises for bad inputs.

    Reading, fetching and every store write happen in this process, in input order.
    Extraction (the costly part) runs in worker processes once the run is big enough
    (``settings.workers``, ``settings.parallel_after``); results are taken back in input
    order, so which copy counts as new and which as duplicate does not depend on timing.
    """
    targets = expand_targets(args) if args and isinstance(args[0], str) else list(args)  # type: ignore[arg-type]
    summary = Summary()
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher(settings)

    def already_fetched(url: str) -> bool:
        if refetch:
            return False
        row = store.conn.execute("SELECT 1 FROM sightings WHERE source=? LIMIT 1", (url,)).fetchone()
        return row is not None

    learned_cache: dict[str, set[str]] = {}

    def learned(outlet: str) -> set[str]:
        if outlet not in learned_cache:
            learned_cache[outlet] = store.learned_lines(outlet, settings.learned_line_min_docs)
        return learned_cache[outlet]

    touched: set[str] = set()
    items = iter_inputs(targets, settings=settings, fetcher=fetcher, already_fetched=already_fetched)
    workers = _worker_count(settings)
    pool: ProcessPoolExecutor | None = None
    window: deque[tuple[_Work, Future]] = deque()
    to_build = 0
    pending = 0

    def done(work: _Work, built: Document | tuple[str, str]) -> None:
        nonlocal pending
        _store(work, built, store, settings, summary, learned, touched)
        if on_item:
            on_item(work.item.input_id)
        pending += 1
        if pending >= settings.batch_size:
            store.conn.execute("COMMIT")
            store.conn.execute("BEGIN IMMEDIATE")
            pending = 0

    store.conn.execute("BEGIN IMMEDIATE")
    try:
        for item in items:
            work = _prepare(item, store, summary)
            if work is None:
                if on_item:
                    on_item(getattr(item, "input_id", ""))
                continue
            to_build += 1
            if pool is None and workers > 1 and to_build > settings.parallel_after:
                pool = _start_pool(workers)
            if pool is None:
                done(work, _build(work.item, settings))
                continue
            window.append((work, pool.submit(_build, work.item, settings)))
            while len(window) >= 4 * workers:
                pool = _take(window, pool, workers, settings, done)
        while window:
            pool = _take(window, pool, workers, settings, done)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if store.conn.in_transaction:
            store.conn.execute("COMMIT")
        if own_fetcher:
            fetcher.close()
    if not summary.interrupted:
        summary.recleaned = relearn(store, settings, touched)
    return summary


def _take(window: deque[tuple[_Work, Future]], pool: ProcessPoolExecutor, workers: int,
          settings: Settings, done: Callable[[_Work, Document | tuple[str, str]], None]
          ) -> ProcessPoolExecutor:
    """Store the oldest result. If a worker died (a crash in a C library on hostile input,
    the kernel's OOM killer), every pending input is retried alone to find the one that
    kills the worker; it becomes a ``worker-crashed`` reject and the run goes on."""
    queued, future = window.popleft()
    try:
        built = future.result()
    except BrokenProcessPool:
        works = [queued] + [w for w, _ in window]
        window.clear()
        pool.shutdown(wait=True, cancel_futures=True)
        for work, result in _isolate(works, settings):
            done(work, result)
        return _start_pool(workers)
    done(queued, built)
    return pool


def _isolate(works: list[_Work], settings: Settings, build: Callable[..., Any] | None = None
             ) -> Iterator[tuple[_Work, Document | tuple[str, str]]]:
    """Build each input alone in a fresh one-worker pool (``build`` replaceable in tests)."""
    build = build or _build
    for work in works:
        pool = _start_pool(1)
        try:
            result = pool.submit(build, work.item, settings).result()
        except BrokenProcessPool:
            result = ("worker-crashed",
                      "the extractor process died on this input (a crash or out of memory)")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        yield work, result


@dataclass(frozen=True, slots=True)
class _Work:
    item: RawInput
    raw_bytes: bytes
    raw_id: str


def _worker_count(settings: Settings) -> int:
    if settings.workers > 0:
        return settings.workers
    return max(1, min(os.cpu_count() or 1, 4))


def _start_pool(workers: int) -> ProcessPoolExecutor:
    # forkserver, not fork: the CLI's progress bar runs a thread, and forking a process
    # with threads can leave a lock (stderr's, say) held forever in the child.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["newstrail.ingest.document"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_worker_init,
                               initargs=(os.getpid(),))


def _worker_init(main_pid: int) -> None:
    # Ctrl-C is the main process's to handle: it stops reading, drains and commits.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A worker's parent is the forkserver, not the main process, so when the main process is
    # killed outright (kill -9, the OOM killer) nothing tells the workers: they wait on their
    # queue for ever and keep the forkserver alive. Each watches the main process instead.
    threading.Thread(target=_exit_when_gone, args=(main_pid,), daemon=True).start()


def _exit_when_gone(pid: int, every: float = 1.0) -> None:
    while True:
        time.sleep(every)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # the pid was reused by another user's process
            os._exit(0)


def _build(item: RawInput, settings: Settings) -> Document | tuple[str, str]:
    """One input -> a Document, or (reason, message). Runs in a worker; never raises."""
    try:
        return build_document(item, settings=settings)
    except InputRejected as exc:
        return exc.reason, str(exc)
    except Exception as exc:  # a bug or a library failure on hostile input: never stop the run
        return "extraction-error", f"{type(exc).__name__}: {exc}"


def _prepare(item: Item, store: Store, summary: Summary) -> _Work | None:
    """Settle what needs no extraction (skips, rejects, inputs already stored)."""
    if isinstance(item, Skipped):
        if item.reason == "already-fetched":
            summary.unchanged += 1
        else:
            summary.skipped[item.reason] += 1
        return None
    if isinstance(item, Reject):
        store.add_reject(item)
        summary.rejected[item.reason] += 1
        return None
    raw_bytes = item.data if item.data else (item.text or "").encode("utf-8")
    raw_id = sha256(raw_bytes)
    if store.seen(item.source, item.record_key, raw_id):
        summary.unchanged += 1
        return None
    return _Work(item, raw_bytes, raw_id)


def _store(work: _Work, built: Document | tuple[str, str], store: Store, settings: Settings,
           summary: Summary, learned: Callable[[str], set[str]], touched: set[str]) -> None:
    item, raw_bytes, raw_id = work.item, work.raw_bytes, work.raw_id
    if isinstance(built, tuple):
        _reject(store, summary, item, built[0], built[1], raw_bytes)
        return
    doc = built
    if doc.outlet:
        try:
            doc = apply_learned(doc, learned(doc.outlet), settings=settings)
        except InputRejected as exc:
            _reject(store, summary, item, exc.reason, str(exc), raw_bytes)
            return
    with store.atomic():
        store.put_raw(raw_bytes, item.media_type)
        sighting = Sighting(
            doc_id=doc.doc_id, source=item.source, record_key=item.record_key,
            input_id=item.input_id, kind=item.kind, raw_id=raw_id, url=doc.url or item.url,
            warc_offset=item.warc_offset, fetched_at=item.fetched_at, outlet=doc.outlet,
            title=doc.title, author=doc.author, published=doc.published,
            published_inferred=doc.published_inferred,
        )
        outcome, doc_id = store.add(doc, sighting)
        if outcome == "new" and doc.outlet:
            store.add_outlet_lines(
                doc.outlet, doc_id,
                (debris.line_hash(ln) for ln in debris.learnable_lines(doc.extracted)),
            )
            touched.add(doc.outlet)
    if outcome == "new":
        summary.new += 1
        summary.doc_ids.append(doc_id)
    elif outcome == "duplicate":
        summary.duplicate += 1
    else:
        summary.unchanged += 1


def _reject(store: Store, summary: Summary, item: RawInput, reason: str, message: str,
            raw: bytes) -> None:
    with store.atomic():
        store.add_reject(Reject(item.source, item.record_key, item.input_id, item.kind, reason,
                                message, data=raw[: store.keep_raw_max_bytes]))
    summary.rejected[reason] += 1


def relearn(store: Store, settings: Settings, outlets: Iterable[str]) -> int:
    """Re-clean the documents of ``outlets`` with the lines learned so far. Returns how many changed.

    Lines become debris only once they recur in several documents of an
    outlet, so documents ingested before that are cleaned again here.
    """
    changed = 0
    for outlet in sorted(outlets):
        lines = store.learned_lines(outlet, settings.learned_line_min_docs)
        for doc_id, extracted, text in store.outlet_docs(outlet):
            new = debris.remove_learned(extracted, lines).text if lines else extracted
            if new != text and len(new) >= settings.min_post_chars:
                store.update_text(doc_id, new, content_hash(new))
                changed += 1
    return changed
