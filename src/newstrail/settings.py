"""One place for settings.

Precedence, lowest first: defaults here, a TOML file (``$NEWSTRAIL_CONFIG`` or
``./newstrail.toml``, section ``[newstrail]``), environment variables
``NEWSTRAIL_<FIELD>`` (e.g. ``NEWSTRAIL_DB``), then CLI flags (applied by the
CLI through :meth:`Settings.replace`).
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newstrail.errors import UsageError

USER_AGENT = "newstrail/0.1 (+https://github.com/newstrail/newstrail; news provenance research)"


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path = Path("newstrail.db")

    # --- inputs -------------------------------------------------------
    max_input_bytes: int = 50 * 1024 * 1024
    """Largest single document (file, record, fetched page, WARC record) accepted."""
    keep_raw_max_bytes: int = 50 * 1024 * 1024
    """Raw inputs up to this size are kept (compressed) in the store for re-extraction."""
    min_text_chars: int = 80
    """Text extracted from a web page shorter than this is rejected as ``no-article``
    (a menu, consent wall or error page)."""
    min_post_chars: int = 15
    """Text given as such (records, feed entries, text files) shorter than this is rejected
    as ``no-article``. Lower, because a channel post of one sentence is a real claim."""

    # --- debris learned from the corpus ----------------------------------
    learned_line_min_docs: int = 3
    """A line recurring in this many documents of one outlet is site debris."""

    # --- fetching --------------------------------------------------------
    user_agent: str = USER_AGENT
    fetch_timeout: float = 20.0
    max_redirects: int = 5
    per_host_interval: float = 1.0
    """Seconds between two requests to the same host."""
    respect_robots: bool = True
    allow_private: bool = False
    """Fetch private, loopback and link-local addresses (tests, intranets)."""
    follow_feed_links: bool = True
    """Fetch the article page of a feed entry that carries no full text."""

    # --- provenance (issue 4; docs/provenance.md) --------------------------
    provenance_copy_jaccard: float = 0.75
    """Shingle Jaccard at or above which one text is a verbatim copy of the other."""
    provenance_copy_containment: float = 0.85
    """...or when each text holds this share of the other's shingles."""
    provenance_copy_containment_short: float = 0.75
    """For posts under 80 words: share of the shorter post's 3-word shingles inside the other
    (at least half its length) that makes it a copy (channels retouch the attribution)."""
    provenance_copy_jaccard_series: float = 0.9
    """Below this Jaccard, two documents of one outlet on different days (a daily series), or
    whose titles name different days, are never linked."""
    provenance_summary_containment: float = 0.35
    """Share of the shorter text's shingles inside the longer one that makes it a summary."""
    provenance_min_shared: int = 8
    """Fewest shared 5-word shingles for a summary."""
    provenance_summary_overlap: float = 0.7
    """Share of the smaller fingerprint set that a same-language retelling sharing passages
    must keep to be a summary (or ``provenance_translation_overlap`` when it names the
    source three times or more); less is a citation."""
    provenance_translation_overlap: float = 0.45
    """Share of the smaller fingerprint set (figures, days, names, links) that another-language
    document must share to be its translation."""
    provenance_translation_overlap_uncited: float = 0.8
    """...or this share when neither names the other as its source."""
    provenance_translation_min_shared: int = 6
    """Fewest shared fingerprints for a translation."""
    provenance_citation_min_shared: int = 3
    """Fewest shared fingerprints that support a citation naming only the source."""
    provenance_citation_max_sources: int = 8
    """A text citing more distinct sources than this (a daily assessment, a digest) is a
    compilation: it joins no story as a citation."""
    provenance_max_key_docs: int = 100
    """Index keys (passages, fingerprints) found in more documents than this are boilerplate
    or common words and are not used to find candidates."""

    # --- claims stage (issue 5: newstrail.nlp) ----------------------------------------
    claims_workers: int = 2
    """spaCy processes (``nlp.pipe(n_process=...)``) parsing documents for the claims stage;
    1 parses in the main process."""
    claims_parallel_after: int = 60
    """Use ``claims_workers`` processes only when this many documents are pending: each
    worker loads the model (about 3 s), which small runs do not win back."""
    claims_pipe_batch: int = 16
    """Texts per ``nlp.pipe`` batch."""
    claims_chunk_chars: int = 20_000
    """Documents longer than this are parsed in pieces cut at paragraph breaks (then joined
    into one parsed document), so spaCy's ``max_length`` and memory stay bounded."""

    # --- entities (issue 3; docs/entities.md) ------------------------------
    entity_aliases_file: Path | None = None
    """A YAML alias file of your own, read after the shipped one (same format as
    ``src/newstrail/data/entities/aliases.yaml``)."""
    entity_fuzzy_min: float = 60.0
    """Least rapidfuzz ratio (0-100) between two spellings with the same spelling key for them
    to be one entity."""
    entity_fuzzy_org_min: float = 94.0
    """Least token-sort ratio between two organisation names (without a common spelling key)
    for them to be one entity."""
    geo_fuzzy_min: float = 80.0
    """Least rapidfuzz ratio between a place name and a gazetteer spelling with the same
    spelling key (stricter than for people: the gazetteer holds many near-namesakes)."""
    geo_dominance: float = 5.0
    """A place name shared by several settlements resolves to the largest only when it has
    this many times the population of the next; otherwise it stays unresolved unless a region
    or country named in the document decides."""
    geo_theatre: str = "UA RU-09 RU-10 RU-41 RU-61"
    """Countries and regions (ISO code, or code-admin1) of the war's theatre: when namesakes
    cannot be told apart otherwise, the one inside it is taken (Artemovsk is Bakhmut)."""
    entity_context_words: int = 12
    """Words either side of a mention searched for the context words of a homonym."""

    # --- runtime ----------------------------------------------------------
    batch_size: int = 50
    """Documents written per transaction."""
    workers: int = 0
    """Processes that extract documents in parallel; 0 means one per CPU core (at most 4),
    1 means none (everything in the main process)."""
    parallel_after: int = 32
    """Start the worker processes only once a run has this many inputs to extract, so small
    runs do not pay their start-up (about two seconds to import the extractors)."""
    extra: dict[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied; ``None`` values are ignored (unset CLI flags)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def load(cls, config: Path | None = None, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        values: dict[str, Any] = {}
        path = config or (Path(env["NEWSTRAIL_CONFIG"]) if "NEWSTRAIL_CONFIG" in env else None)
        if path is None and Path("newstrail.toml").is_file():
            path = Path("newstrail.toml")
        if path is not None:
            try:
                data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise UsageError(
                    f"cannot read config file {path}: {exc}",
                    hint="fix the TOML or unset NEWSTRAIL_CONFIG",
                ) from exc
            values.update(data.get("newstrail", data))
        known = {f.name: f for f in fields(cls)}
        for name in known:
            key = f"NEWSTRAIL_{name.upper()}"
            if key in env:
                values[name] = env[key]
        unknown = set(values) - set(known)
        if unknown:
            raise UsageError(
                f"unknown setting(s): {', '.join(sorted(unknown))}",
                hint=f"known settings: {', '.join(sorted(known))}",
            )
        return cls(**{k: _coerce(known[k].type, k, v) for k, v in values.items()})


def _coerce(kind: Any, name: str, value: Any) -> Any:
    kind = str(kind)
    try:
        if kind == "Path":
            return Path(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            return str(value).strip().lower() in {"1", "true", "yes", "on"}
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except (TypeError, ValueError) as exc:
        raise UsageError(f"setting {name}={value!r} is not a valid {kind}") from exc
    return value
