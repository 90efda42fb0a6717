"""``newstrail eval attribution --agreement``: annotators against each other, and newstrail
against each of them."""

import gzip
import json

import pytest
from typer.testing import CliRunner

from newstrail.cli import app
from newstrail.errors import UsageError
from newstrail.eval import attribution as ev

# invented article, two annotators who differ on the second source's edges
TEXT = ("The governor said that the bridge was closed. "
        "Local officials in Kherson told reporters that shelling continued overnight.")


def _attr(text: str, source: str, cue: str, content: str) -> dict:
    def span(s: str) -> list[list[int]]:
        i = text.index(s)
        return [[i, i + len(s)]]
    return {"type": "Attribution", "source": span(source), "cue": span(cue), "content": span(content)}


def _article(tmp_path, second_source: str):
    a = [_attr(TEXT, "The governor", "said", "that the bridge was closed"),
         _attr(TEXT, "Local officials in Kherson", "told", "that shelling continued overnight")]
    b = [_attr(TEXT, "The governor", "said", "that the bridge was closed"),
         _attr(TEXT, second_source, "told", "that shelling continued overnight")]
    doc = {"doc_id": "invented-1", "text": TEXT, "publication_date": "2024-03-05",
           "primary_annotator": "a", "attributions": a,
           "alt_annotations": {"b": {"attributions": b}}}
    path = tmp_path / "two.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(doc) + "\n")
    return path


def test_annotators_who_differ_on_one_source_agree_on_half_the_sources(tmp_path):
    res = ev.agreement(_article(tmp_path, "Local officials"))
    assert (res["documents"], res["annotations"], res["annotator_pairs"]) == (1, 2, 1)
    assert res["human"]["source_exact"]["f1"] == 0.5
    assert res["human"]["source_overlap"]["f1"] == 1.0
    assert res["human"]["content_exact"]["f1"] == 1.0
    # newstrail finds both attributions with the first annotator's edges
    assert res["newstrail"]["source_exact"]["f1"] == 0.75
    assert res["newstrail"]["content_exact"]["f1"] == 1.0


def test_identical_annotators_agree_fully_and_the_cli_prints_both_columns(tmp_path):
    path = _article(tmp_path, "Local officials in Kherson")
    assert ev.agreement(path)["human"]["source_exact"]["f1"] == 1.0
    res = CliRunner().invoke(app, ["eval", "attribution", str(path), "--agreement"])
    assert res.exit_code == 0, res.output
    assert "annotator-annotator" in res.stdout and "source_exact" in res.stdout


def test_a_file_with_one_annotator_per_article_says_which_files_have_more(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"doc_id": "x", "text": TEXT, "primary_annotator": "a",
                                "attributions": []}) + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as e:
        ev.agreement(path)
    assert "annotator_training" in e.value.hint


def test_polnear_annotators_agree_more_than_newstrail_with_them(shared_data):
    res = ev.agreement(shared_data / "polnear" / "polnear_annotator_training.jsonl.gz")
    assert res["documents"] == 4 and res["annotator_pairs"] == 60
    h, n = res["human"], res["newstrail"]
    assert 0.7 < h["source_exact"]["f1"] < 0.9  # measured 0.787
    assert n["source_exact"]["f1"] > 0.6  # measured 0.713
    assert h["content_exact"]["f1"] > n["content_exact"]["f1"]
