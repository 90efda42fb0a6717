"""``newstrail claims``: the attributed claims found by ``newstrail process``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newstrail.cli._util import (
    DbOption,
    JsonOption,
    app,
    emit_json,
    emit_report,
    eval_app,
    open_db,
    safe,
    settings_for,
)
from newstrail.errors import UsageError
from newstrail.nlp.hedges import BANDS

STANCES = ("reported", "assessed", "claimed", "denied", "quoted")
KINDS = ("report", "act", "question")


@app.command("claims")
def claims_cmd(
    db: DbOption = None,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document (doc_id, prefix, input_id or URL).")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Source text contains this (anywhere in the chain).")] = None,
    stance: Annotated[str | None, typer.Option("--stance", help="reported, assessed, claimed, denied or quoted.")] = None,
    band: Annotated[str | None, typer.Option("--band", help="ICD 203 band, e.g. 'likely', or 'none'.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="report (said, judged, stood for), act (a deed: 'signed a law') or question (a reporter's: 'Asked whether ...'); default all.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many claims.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Attributed claims: who said what, how sure, with which dates and numbers."""
    from newstrail.store.claims import iter_claims

    if stance and stance not in STANCES:
        raise UsageError(f"unknown stance {stance!r}", hint=f"one of: {', '.join(STANCES)}")
    if kind and kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}", hint=f"one of: {', '.join(KINDS)}")
    if band and band != "none" and band not in BANDS:
        raise UsageError(f"unknown band {band!r}",
                         hint="one of: " + ", ".join(f"'{b}'" for b in BANDS) + ", 'none'")
    store = open_db(settings_for(db))
    try:
        if doc and store.get(doc) is None:
            raise UsageError(f"no document {doc!r}", hint="see `newstrail docs` for ids")
        n = 0
        for c in iter_claims(store, doc=doc, source=source, stance=stance, band=band,
                               kind=kind, limit=limit):
            n += 1
            if as_json:
                emit_json(c)
                continue
            depth = len(c["chain"]) - 1
            src = c["source"]["text"] if c["source"] else "(no source)"
            if c["source"] and c["source"].get("resolved"):
                src = f"{c['source']['resolved']['text']} ({src})"  # "Mr. Obama (who)"
            hedge = f" [{c['hedge']['band']}]" if c["hedge"]["band"] else ""
            what = c["stance"] if c["kind"] == "report" else c["kind"]  # an act has no stance
            line = (f"{'  ' * depth}{c['claim_id'][:8]}  {c['doc_id'][:8]}  {what:<8} "
                    f"{src} — {c['cue']['text']} — {c['content']['text'][:160]}{hedge}")
            typer.echo(safe(line))
        if n == 0 and not as_json:
            typer.echo("no claims" + (" match" if any((doc, source, stance, band, kind)) else
                                      " (run `newstrail process`)"), err=True)
    finally:
        store.close()


@eval_app.command("attribution")
def eval_attribution(
    path: Annotated[Path, typer.Argument(help="PolNeAR JSONL(.gz), e.g. ../shared/data/polnear/polnear_test.jsonl.gz")],
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    cache: Annotated[Path | None, typer.Option(help="Keep parsed documents here (DocBin) for re-runs.")] = None,
    workers: Annotated[int, typer.Option(help="spaCy processes for parsing.")] = 1,
    agreement: Annotated[bool, typer.Option(
        "--agreement", help="Instead: annotator against annotator and newstrail against each "
                            "annotator, on the articles several annotators marked.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Score source / cue / content spans (exact and overlapping) against PolNeAR gold."""
    from newstrail.eval import attribution as ev

    if agreement:
        emit_report(ev.agreement(path, cache=cache, n_process=workers), as_json,
                    ev.format_agreement)
        return
    result = ev.evaluate(path, limit=limit, cache=cache, n_process=workers)
    emit_report(result, as_json, ev.format_report)
