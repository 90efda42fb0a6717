"""The analysis run (``newstrail process``): every stage over what it has not yet seen.

Stages run in the order data needs them, each incremental (it keeps its own state in the
store and only looks at documents or mentions that are new to it):

1. ``provenance``: near-duplicates, containment, translations and citations group
   documents into stories with an origin (language-independent, no NLP model).
2. ``claims``: one pass of the English spaCy pipeline per document; attributed claims
   (source, cue, content, chain, stance, hedge, dates, quantities) and the entity mentions
   inside them and in the text. Documents the model does not cover are kept and marked
   ``skipped`` with the reason.
3. ``entities``: mentions resolved to canonical entities across spellings and scripts;
   places geocoded.

A stage that fails on one document records it in ``processed`` and goes on; Ctrl-C keeps
what was committed and the next run resumes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newstrail.errors import UsageError
from newstrail.settings import Settings
from newstrail.store import Store

STAGES = ("provenance", "claims", "entities")

ProgressCallback = Callable[[str, int, int | None], None]
"""``on_progress(stage, done, total)``; ``total`` is None when unknown."""


@dataclass
class ProcessSummary:
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    interrupted: bool = False

    def line(self) -> str:
        parts = []
        for stage, counts in self.stages.items():
            shown = ", ".join(f"{k} {v}" for k, v in counts.items() if not isinstance(v, dict))
            parts.append(f"{stage}: {shown or 'nothing new'}")
        return ("interrupted: " if self.interrupted else "") + "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {"stages": self.stages, "interrupted": self.interrupted}


def process(
    store: Store,
    settings: Settings,
    *,
    stages: Sequence[str] = STAGES,
    on_progress: ProgressCallback | None = None,
) -> ProcessSummary:
    unknown = set(stages) - set(STAGES)
    if unknown:
        raise UsageError(f"unknown stage(s): {', '.join(sorted(unknown))}",
                         hint=f"stages are {', '.join(STAGES)}")
    summary = ProcessSummary()
    try:
        if "provenance" in stages:
            from newstrail.provenance.stories import update as update_stories

            summary.stages["provenance"] = update_stories(store, settings, on_progress=on_progress)
        if "claims" in stages:
            from newstrail.nlp.run import run as run_claims

            summary.stages["claims"] = run_claims(store, settings, on_progress=on_progress)
        if "entities" in stages:
            from newstrail.entities.resolve import update as resolve_entities

            summary.stages["entities"] = resolve_entities(store, settings, on_progress=on_progress)
    except KeyboardInterrupt:
        summary.interrupted = True
    return summary
