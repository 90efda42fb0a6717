"""Learn the cue lexicon from PolNeAR train: which verbs and nouns signal attribution.

    python -m newstrail.nlp.train_cues ../shared/data/polnear/polnear_train.jsonl.gz \
        [--cache DIR] [--out src/newstrail/data/claims/cues.json]

For each lemma, ``p = (times it heads a gold cue) / (times it occurs with that part of
speech)``; lemmas with ``p >= MIN_P`` over at least ``MIN_COUNT`` cue uses are kept, with
their counts, in ``data/claims/cues.json``. ``frames`` counts the same per (lemma, how the
rules find its content: ccomp / xcomp / dobj / prep / parataxis / advcl / none; ``prep:of`` etc.
per preposition), so the rules can
accept "want + xcomp" and refuse "show + dobj" as the training data says; a verb inside a
gold content is not counted (it is nested, and PolNeAR marks outermost attributions only).
``objects`` are the nouns that, as the object of a verb with a preposition, belong to the cue
("expressed misgivings about", "drew criticism for"): what follows the preposition is said.
Train only: dev and test are never read here.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

MIN_P = 0.3
MIN_COUNT = 3


def learn(path: Path, cache: Path | None = None) -> dict[str, dict[str, dict[str, float]]]:
    from newstrail.eval.attribution import _parsed, load

    docs = load(path)
    parsed = _parsed([d["text"] for d in docs], cache, 1)
    from newstrail.nlp.attribution import _content_of, _content_prep

    frames: Counter[str] = Counter()
    frames_cue: Counter[str] = Counter()
    cue_verbs: Counter[str] = Counter()
    cue_nouns: Counter[str] = Counter()
    all_verbs: Counter[str] = Counter()
    all_nouns: Counter[str] = Counter()
    cue_objects: Counter[str] = Counter()
    all_objects: Counter[str] = Counter()
    for d, sdoc in zip(docs, parsed, strict=True):
        for tok in sdoc:
            if tok.pos_ == "VERB":
                all_verbs[tok.lemma_.lower()] += 1
            elif tok.pos_ == "NOUN":
                all_nouns[tok.lemma_.lower()] += 1
        heads_i = set()
        for a in d["attributions"]:
            for s, e in a.get("cue") or []:
                span = sdoc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                ids = {t.i for t in span}
                for t in span:
                    if t.dep_ == "dobj" and t.pos_ == "NOUN" and t.head.i in ids and any(
                            c.dep_ == "prep" and c.i in ids for c in t.children):
                        cue_objects[t.lemma_.lower()] += 1
                heads = [t for t in span if t.pos_ == "VERB"] or [t for t in span if t.pos_ == "NOUN"]
                if not heads:
                    continue
                head = heads[0] if len(heads) == 1 else span.root
                heads_i.add(head.i)
                if head.pos_ == "VERB":
                    cue_verbs[head.lemma_.lower()] += 1
                elif head.pos_ == "NOUN":
                    cue_nouns[head.lemma_.lower()] += 1
        # a verb inside a gold content ("'I want to win,' she said") is nested: PolNeAR
        # marks outermost attributions only, so it is neither a cue nor a non-cue here
        inside = sorted((min(s for s, _ in a["content"]), max(e for _, e in a["content"]))
                        for a in d["attributions"] if a.get("content"))
        for tok in sdoc:
            if tok.dep_ == "dobj" and tok.pos_ == "NOUN" and any(
                    c.dep_ == "prep" for c in tok.children) and not any(
                    s <= tok.idx < e for s, e in inside):
                all_objects[tok.lemma_.lower()] += 1
        for tok in sdoc:
            if tok.pos_ != "VERB":
                continue
            if tok.i not in heads_i and any(s <= tok.idx < e for s, e in inside):
                continue
            found = _content_of(tok)
            key = f"{tok.lemma_.lower()}|{found[1] if found else 'none'}"
            keys = [key]
            if found and found[1] == "prep":
                keys.append(f"{key}:{_content_prep(tok)}")  # "spoke of" vs "spoke to"
            for k in keys:
                frames[k] += 1
                if tok.i in heads_i:
                    frames_cue[k] += 1

    def keep(cues: Counter[str], all_: Counter[str]) -> dict[str, dict[str, float]]:
        out = {}
        for lemma, n in cues.most_common():
            total = max(all_[lemma], n)
            p = n / total
            if n >= MIN_COUNT and p >= MIN_P and lemma.isalpha():
                out[lemma] = {"cue": n, "total": total, "p": round(p, 3)}
        return out

    frame_table = {k: [frames_cue[k], n] for k, n in sorted(frames.items())
                   if n >= MIN_COUNT and frames_cue[k] > 0 and k.split("|")[0].isalpha()}
    return {"verbs": keep(cue_verbs, all_verbs), "nouns": keep(cue_nouns, all_nouns),
            "objects": keep(cue_objects, all_objects), "frames": frame_table}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", type=Path)
    ap.add_argument("--cache", type=Path, default=None)
    ap.add_argument("--out", type=Path,
                    default=Path(__file__).resolve().parents[1] / "data" / "claims" / "cues.json")
    args = ap.parse_args(argv)
    lex = learn(args.train, args.cache)
    meta = {"trained_on": args.train.name, "min_p": MIN_P, "min_count": MIN_COUNT}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"meta": meta, **lex}, indent=1, sort_keys=False) + "\n",
                        encoding="utf-8")
    print(f"{len(lex['verbs'])} verbs, {len(lex['nouns'])} nouns, {len(lex['objects'])} objects, "
          f"{len(lex['frames'])} frames"
          f" -> {args.out}")


if __name__ == "__main__":
    main()
