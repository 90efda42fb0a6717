"""The claims stage of ``process``: one spaCy pass per document, claims and mentions stored.

For every document the stage has not processed at :data:`VERSION`:

* neither English nor Russian (``documents.lang``; Ukrainian among them), or no letters at
  all -> kept, marked ``skipped`` with the reason (``unsupported-language``, ``no-sentences``);
* Russian -> parsed by natasha and read by the Russian rules (:mod:`newstrail.nlp.russian`),
  one document at a time in this process; the same ``Claim`` records, written the same way.
  Their entity mentions stay the entities stage's (its Cyrillic gazetteer path, stage
  ``entities-foreign``), which writes them after this stage;
* English -> parsed with ``nlp.pipe(batch_size=, n_process=)``; a long
  document is cut at paragraph breaks into pieces of at most ``claims_chunk_chars`` and the
  parsed pieces are joined back into one ``Doc`` whose text is exactly the document's text;
* claims extracted (:mod:`newstrail.nlp.attribution`), nested, given their dates and
  quantities, and written with the document's entity mentions
  (``newstrail.entities.mentions.record_mentions``) and its ``processed`` row in one
  transaction per batch of ``batch_size`` documents.

A document whose extraction raises is marked ``failed`` with the message and the run goes
on. If the parser itself dies mid-stream (a worker killed), the rest are parsed one by one
in this process, so one poisonous document cannot stop the run. Ctrl-C keeps the batches
committed; the next run starts where this one stopped.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from newstrail.models import Claim
from newstrail.nlp import dates
from newstrail.settings import Settings
from newstrail.store import Store

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

VERSION = "13"
STAGE = "claims"
SUPPORTED_LANGS = {"en", "ru"}
# the components the stage reads: tagger/parser/lemmatizer for the rules, ner for sources,
# dates and mentions; nothing is unused in en_core_web_md's default pipeline (senter is off)
DISABLE: tuple[str, ...] = ("senter",)

log = logging.getLogger(__name__)


def run(store: Store, settings: Settings, *,
        on_progress: Callable[[str, int, int | None], None] | None = None) -> dict[str, Any]:
    """Parse documents not yet processed and store their claims and mentions."""
    pending = list(store.pending(STAGE, VERSION))
    counts = {"documents": 0, "claims": 0, "mentions": 0, "skipped": 0, "failed": 0}
    if not pending:
        return counts
    todo: list[dict[str, Any]] = []
    with store.atomic():
        for row in pending:
            why = skip_reason(row)
            if why:
                store.mark_processed(row["doc_id"], STAGE, VERSION, status="skipped",
                                     reason=why[0], message=why[1])
                counts["skipped"] += 1
            else:
                todo.append(row)
    done = counts["skipped"]
    total = len(pending)
    if on_progress:
        on_progress(STAGE, done, total)
    russian = [r for r in todo if (r.get("lang") or "").lower() == "ru"]
    todo = [r for r in todo if (r.get("lang") or "").lower() != "ru"]
    if russian:
        done = _run_russian(store, settings, russian, counts, done, total, on_progress)
    if not todo:
        return counts
    from newstrail.nlp.component import load_claims_nlp

    nlp = load_claims_nlp(DISABLE)
    n_process = settings.claims_workers if len(todo) >= settings.claims_parallel_after else 1
    batch: list[tuple[dict[str, Any], Doc | None, BaseException | None]] = []

    def flush() -> None:
        nonlocal done
        with store.atomic():
            for row, sdoc, err in batch:
                _store_one(store, row, sdoc, err, counts)
        done += len(batch)
        batch.clear()
        if on_progress:
            on_progress(STAGE, done, total)

    for row, sdoc, err in iter_parsed(nlp, todo, settings, n_process=n_process):
        batch.append((row, sdoc, err))
        if len(batch) >= settings.batch_size:
            flush()
    if batch:
        flush()
    return counts


def skip_reason(row: dict[str, Any]) -> tuple[str, str] | None:
    text = row.get("text") or ""
    if not any(ch.isalpha() for ch in text):
        return "no-sentences", "the text has no words"
    lang = (row.get("lang") or "").lower() or None
    if lang is None:
        letters = [ch for ch in text[:5000] if ch.isalpha()]
        latin = sum(1 for ch in letters if ch.isascii())
        if letters and latin / len(letters) < 0.8:
            return "unsupported-language", "language unknown and the text is not Latin script"
        return None
    if lang not in SUPPORTED_LANGS:
        return ("unsupported-language",
                f"claims are extracted from English and Russian only (the document is '{lang}')")
    return None


def _run_russian(store: Store, settings: Settings, rows: list[dict[str, Any]],
                 counts: dict[str, int], done: int, total: int,
                 on_progress: Callable[[str, int, int | None], None] | None) -> int:
    """Russian documents: natasha parse and the Russian rules, one transaction per
    ``batch_size`` documents; a document that fails is recorded and the run goes on."""
    from newstrail.nlp import russian
    from newstrail.store.claims import replace_claims

    try:
        russian.load()
    except Exception as exc:  # the parser itself is broken: no document's fault
        # Left pending (not marked failed), so the next run after the fix takes them. Seen:
        # setuptools >= 81 has no pkg_resources, which pymorphy2 imports. Before this check,
        # every document retried the load and kept its traceback (the models' arrays with
        # it): 24 GB on 3,816 Telegram posts, then the kernel killed the run.
        log.error("Russian documents left unprocessed: natasha cannot load (%s: %s); hint: "
                  "pip install 'setuptools<81' (pymorphy2 needs pkg_resources), or reinstall "
                  "with bash scripts/setup.sh, then run newstrail process again",
                  type(exc).__name__, exc)
        counts["unavailable"] = counts.get("unavailable", 0) + len(rows)
        return done + len(rows)

    def parsed(chunk: list[dict[str, Any]]) -> list[Any]:
        """The batch parsed together (faster); one by one when that fails, so that one
        text natasha cannot parse costs only itself."""
        try:
            return russian.parse_many([r["text"] for r in chunk],
                                      max_chars=settings.claims_chunk_chars)
        except Exception:
            out: list[Any] = []
            for r in chunk:
                try:
                    out.append(russian.parse(r["text"], max_chars=settings.claims_chunk_chars))
                except Exception as exc:  # natasha cannot parse this text
                    out.append(exc.with_traceback(None))  # the frames hold parse arrays
            return out

    for i in range(0, len(rows), settings.batch_size):
        chunk = rows[i:i + settings.batch_size]
        with store.atomic():
            for row, rdoc in zip(chunk, parsed(chunk), strict=True):
                doc_id = row["doc_id"]
                if isinstance(rdoc, Exception):
                    store.mark_processed(doc_id, STAGE, VERSION, status="failed",
                                         reason="parse-error", message=f"{type(rdoc).__name__}: {rdoc}")
                    counts["failed"] += 1
                    continue
                if not rdoc.sents:
                    replace_claims(store, doc_id, [], VERSION)
                    store.mark_processed(doc_id, STAGE, VERSION, status="skipped",
                                         reason="no-sentences", message="the parser found no sentence")
                    counts["skipped"] += 1
                    continue
                try:
                    with store.atomic():
                        claims = russian.extract(rdoc, doc_id, row.get("published"))
                        replace_claims(store, doc_id, claims, VERSION)
                        store.mark_processed(doc_id, STAGE, VERSION, status="ok")
                except Exception as exc:  # one document's bad luck is recorded, the run goes on
                    log.warning("claims failed on %s: %s", doc_id, exc)
                    store.mark_processed(doc_id, STAGE, VERSION, status="failed",
                                         reason="extraction-error",
                                         message=f"{type(exc).__name__}: {exc}")
                    counts["failed"] += 1
                    continue
                counts["documents"] += 1
                counts["claims"] += len(claims)
        done += len(chunk)
        if on_progress:
            on_progress(STAGE, done, total)
    return done


def chunks(text: str, max_chars: int) -> list[str]:
    """Contiguous pieces of ``text`` (joined they are ``text``), cut after paragraph breaks,
    then line breaks, then sentence ends, each at most ``max_chars`` when possible."""
    if len(text) <= max_chars:
        return [text]
    out: list[str] = []
    pos = 0
    while len(text) - pos > max_chars:
        window = text[pos:pos + max_chars]
        cut = -1
        for pattern in (r"\n\s*\n", r"\n", r"[.!?]\s+", r"\s+"):
            found = [m.end() for m in re.finditer(pattern, window)]
            found = [f for f in found if f > max_chars // 4]
            if found:
                cut = found[-1]
                break
        if cut <= 0:
            cut = max_chars
        out.append(text[pos:pos + cut])
        pos += cut
    out.append(text[pos:])
    return out


def iter_parsed(nlp: Language, rows: list[dict[str, Any]], settings: Settings, *,
                n_process: int = 1) -> Iterator[tuple[dict[str, Any], Doc | None, BaseException | None]]:
    """(row, parsed doc, None) per row in order, or (row, None, error) when it cannot be parsed."""
    from newstrail.nlp.component import HeaderTokenizer, with_header

    headers = isinstance(nlp.tokenizer, HeaderTokenizer)
    # plain strings to nlp.pipe (not as_tuples, which tokenises in this process): the
    # tokenizer runs in the workers, and each text's place comes back in order (nlp.pipe
    # keeps the order of its input)
    places: deque[tuple[int, int, int]] = deque()

    def texts() -> Iterator[str]:
        for k in range(len(rows)):
            pieces = chunks(rows[k]["text"], settings.claims_chunk_chars)
            for j, piece in enumerate(pieces):
                places.append((k, j, len(pieces)))
                # a whole document carries its publication date, so that the component
                # resolves its dates in the parsing worker (this process only stores)
                if headers:
                    yield with_header(piece, rows[k].get("published"), whole=len(pieces) == 1)
                else:
                    yield piece

    k_next = 0
    parts: list[Doc] = []
    try:
        stream = nlp.pipe(texts(), batch_size=settings.claims_pipe_batch, n_process=n_process)
        for sdoc in stream:
            k, j, n = places.popleft()
            parts.append(sdoc)
            if j == n - 1:
                if len(parts) > 1:
                    for p in parts:  # rules found per piece miss what spans pieces: redo
                        p.user_data.clear()
                merged = _join(parts)
                parts = []
                k_next = k + 1
                text = rows[k]["text"]
                if len(merged) and merged[-1].idx + len(merged[-1].text_with_ws) != len(text):
                    # every offset stored would be off: never store them
                    yield rows[k], None, ValueError(
                        "the parsed text is not the document's text (its length differs)")
                    continue
                # its text is the row's (pieces join back exactly): tell text_of, so that
                # this process does not rebuild it from every token (spaCy's doc.text)
                merged.user_data["newstrail_text"] = text
                yield rows[k], merged, None
    except (KeyboardInterrupt, GeneratorExit):
        raise
    except Exception as exc:  # the parser died (worker killed, C error): go on one by one
        log.warning("parser failed (%s); parsing the rest one document at a time", exc)
        for k in range(k_next, len(rows)):
            try:
                merged = _join([nlp(p) for p in chunks(rows[k]["text"], settings.claims_chunk_chars)])
            except Exception as err:  # this document cannot be parsed
                yield rows[k], None, err
                continue
            yield rows[k], merged, None


def _join(parts: list[Doc]) -> Doc:
    """One document from the parsed pieces of its text (``chunks``), offsets as in the text."""
    from spacy.tokens import Doc

    return parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def extract_claims(sdoc: Doc, doc_id: str, published: str | None) -> list[Claim]:
    """Claims of one parsed document: found, framed (retellings), nested, dated, counted."""
    from newstrail.nlp.component import find, precomputed, precomputed_dates

    claims, all_quants = precomputed(sdoc, doc_id) or find(sdoc, doc_id)
    all_dates = precomputed_dates(sdoc, published)
    if all_dates is None:
        all_dates = dates.find(sdoc, published)
    out = []
    for c in claims:
        lo = min(c.cue.start, c.content.start)
        hi = max(c.cue.end, c.content.end)
        c_dates = [dataclasses.asdict(d) for d in all_dates if lo <= d.start and d.end <= hi]
        c_quants = [dataclasses.asdict(q) for q in all_quants
                    if c.content.start <= q.start and q.end <= c.content.end]
        out.append(dataclasses.replace(
            c, extra={**c.extra, "dates": c_dates, "quantities": c_quants}))
    return out


def _store_one(store: Store, row: dict[str, Any], sdoc: Doc | None, err: BaseException | None,
               counts: dict[str, int]) -> None:
    from newstrail.entities.mentions import record_mentions
    from newstrail.store.claims import replace_claims

    doc_id = row["doc_id"]
    if sdoc is None:
        store.mark_processed(doc_id, STAGE, VERSION, status="failed", reason="parse-error",
                             message=f"{type(err).__name__}: {err}")
        counts["failed"] += 1
        return
    if all(t.is_space for t in sdoc):  # no sentence with a word (doc.sents would walk every token)
        replace_claims(store, doc_id, [], VERSION)
        store.mark_processed(doc_id, STAGE, VERSION, status="skipped", reason="no-sentences",
                             message="the parser found no sentence")
        counts["skipped"] += 1
        return
    try:
        with store.atomic():
            claims = extract_claims(sdoc, doc_id, row.get("published"))
            replace_claims(store, doc_id, claims, VERSION)
            counts["mentions"] += int(record_mentions(store, row, sdoc, claims) or 0)
            store.mark_processed(doc_id, STAGE, VERSION, status="ok")
    except Exception as exc:  # one document's bad luck is recorded, the run goes on
        log.warning("claims failed on %s: %s", doc_id, exc)
        store.mark_processed(doc_id, STAGE, VERSION, status="failed", reason="extraction-error",
                             message=f"{type(exc).__name__}: {exc}")
        counts["failed"] += 1
        return
    counts["documents"] += 1
    counts["claims"] += len(claims)
