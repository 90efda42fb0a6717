from newstrail.entities.mentions import find_acronyms, iter_mentions
from newstrail.models import Claim, Span

from .helpers import parse_and_record

TEXT = ("Russian forces attacked Bakhmut and Nova Kakhovka on Tuesday, the Russian MoD said. "
        "Forces of the Luhansk People's Republic (LPR) shelled Kreminna, an anonymous US official "
        "said.")


def test_ruler_fixes_places_the_model_gets_wrong(nlp):
    ents = {e.text: e.label_ for e in nlp(TEXT).ents}
    assert ents["Bakhmut"] == "GPE" and ents["Nova Kakhovka"] == "GPE"
    assert ents["Russian MoD"] == "ORG"


def test_mentions_include_claim_sources_that_ner_missed(nlp):
    start = TEXT.index("an anonymous US official")
    src = Span(start, start + len("an anonymous US official"), "an anonymous US official")
    cue = Span(TEXT.rindex("said"), TEXT.rindex("said") + 4, "said")
    claim = Claim(doc_id="d", cue=cue, content=Span(0, 10, TEXT[:10]), source=src)
    got = iter_mentions("d", TEXT, nlp(TEXT), [claim])
    by_text = {m.text: m for m in got}
    assert by_text["an anonymous US official"].origin == "claim-source"
    assert by_text["Bakhmut"].origin == "gazetteer"
    assert all(TEXT[m.start:m.end] == m.text for m in got)


def test_region_word_is_kept_in_the_mention(nlp):
    text = "Drones struck the Kursk region overnight."
    got = [m.text for m in iter_mentions("d", text, nlp(text))]
    assert "Kursk region" in got


def test_acronyms_defined_in_text():
    assert find_acronyms("the Luhansk People's Republic (LPR) and the Institute for the Study "
                         "of War (ISW)") == [("LPR", "Luhansk People's Republic"),
                                             ("ISW", "Institute for the Study of War")]
    assert find_acronyms("Russia (RU) said, in Kyiv (Ukraine)") == []


def test_reprocessing_replaces_mentions(store, nlp):
    doc_id = parse_and_record(store, nlp, TEXT)
    n = store.conn.execute("SELECT count(*) FROM mentions WHERE doc_id=?", (doc_id,)).fetchone()[0]
    from newstrail.entities.mentions import record_mentions

    with store.atomic():
        record_mentions(store, store.get(doc_id), nlp(TEXT), [])
    again = store.conn.execute("SELECT count(*) FROM mentions WHERE doc_id=?", (doc_id,)).fetchone()[0]
    assert n == again > 0
    assert store.conn.execute("SELECT count(*) FROM acronyms").fetchone()[0] == 1
