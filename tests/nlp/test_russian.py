"""Russian attributions (newstrail.nlp.russian): the invented gold set, each construction,
hedges, dates, quantities, and the claims stage over Russian documents in a store.

All Russian sentences here and in tests/fixtures/claims/russian.json are invented for the
tests (Telegram / wire style); none is copied from a corpus."""

from __future__ import annotations

import hashlib
import json
import socket
from pathlib import Path

import pytest

from newstrail.models import Document, Sighting
from newstrail.nlp import run as claims_run
from newstrail.nlp import russian

GOLD = Path(__file__).parents[1] / "fixtures" / "claims" / "russian.json"


@pytest.fixture(scope="module")
def ru():
    """natasha's models, loaded once for the module."""
    russian.load()
    return russian


def claims_of(ru, text, published="2024-03-05"):
    doc = ru.parse(text)
    found = ru.extract(doc, "d", published)
    for c in found:  # every span is an exact slice of the text
        for span in (c.cue, c.content, c.source):
            if span is not None:
                assert text[span.start:span.end] == span.text
    return found


def one(ru, text, **kw):
    found = claims_of(ru, text, **kw)
    assert len(found) == 1, [(c.source, c.cue.text) for c in found]
    return found[0]


def src(c):
    return c.source.text if c.source else None


def test_gold_set_source_cue_precision_and_recall(ru):
    items = json.loads(GOLD.read_text(encoding="utf-8"))["items"]
    assert 25 <= len(items) <= 40
    docs = ru.parse_many([it["text"] for it in items])
    tp = fp = fn = content_ok = stance_ok = 0
    misses = []
    for it, doc in zip(items, docs, strict=True):
        pred = ru.extract(doc, "d", it["published"])
        got = {(src(c), c.cue.text): c for c in pred}
        gold = {(g["source"], g["cue"]): g for g in it["claims"]}
        tp += len(got.keys() & gold.keys())
        fp += len(got.keys() - gold.keys())
        fn += len(gold.keys() - got.keys())
        for key in got.keys() & gold.keys():
            content_ok += got[key].content.text == gold[key]["content"]
            stance_ok += (got[key].stance, got[key].hedge_band) == (gold[key]["stance"], gold[key]["band"])
        if got.keys() != gold.keys():
            misses.append((it["text"][:60], sorted(got.keys() - gold.keys(), key=str),
                           sorted(gold.keys() - got.keys(), key=str)))
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"\nRussian gold set (source, cue): P {p:.3f} ({tp}/{tp + fp}) R {r:.3f} ({tp}/{tp + fn});"
          f" content exact {content_ok}/{tp}, stance+band {stance_ok}/{tp}")
    for m in misses:
        print("  mismatch:", m)
    assert p >= 0.9 and r >= 0.85
    assert content_ok >= 0.8 * tp and stance_ok >= 0.9 * tp


def test_verb_with_chto_clause(ru):
    c = one(ru, "Министерство обороны России заявило, что войска заняли Авдеевку.")
    assert (src(c), c.cue.text, c.content.text) == (
        "Министерство обороны России", "заявило", "что войска заняли Авдеевку")
    assert c.stance == "reported" and c.extra["lang"] == "ru"


def test_cue_verbs_match_every_form_by_lemma(ru):
    for text in ("Представители штаба сообщили, что обстрел прекратился.",
                 "Пресс-служба сообщает, что обстрел прекратился.",
                 "Губернатор сообщила, что обстрел прекратился."):
        c = one(ru, text)
        assert c.content.text == "что обстрел прекратился"


def test_po_slovam_and_po_dannym_take_the_genitive_as_source(ru):
    c = one(ru, "По словам пресс-секретаря Кремля Дмитрия Пескова, переговоры не ведутся.")
    assert (c.cue.text, src(c), c.content.text) == (
        "По словам", "пресс-секретаря Кремля Дмитрия Пескова", "переговоры не ведутся")
    c = one(ru, "Российские силы продвинулись к окраине села, по данным ISW.")
    assert (c.cue.text, src(c), c.content.text) == (
        "по данным", "ISW", "Российские силы продвинулись к окраине села")


def test_po_imeyushchimsya_dannym_is_no_source(ru):
    assert claims_of(ru, "По имеющимся данным, мост поврежден.") == []


def test_kak_soobshchaet(ru):
    text = "Как сообщает ТАСС, удар был нанесен 3 марта."
    c = one(ru, text)
    assert (src(c), c.cue.text, c.content.text) == ("ТАСС", "Как сообщает", "удар был нанесен 3 марта")
    at = text.index("3 марта")
    assert c.extra["dates"] == [{"text": "3 марта", "start": at, "end": at + 7, "value": "2024-03-03"}]


def test_quotation_before_a_dash_and_cue_is_quoted(ru):
    c = one(ru, "«Мы не отступим ни на шаг», — заявил командир батальона.")
    assert (src(c), c.content.text, c.stance) == (
        "командир батальона", "«Мы не отступим ни на шаг»", "quoted")


def test_trailing_cue_with_a_body_as_source(ru):
    c = one(ru, "ВСУ, вероятно, потеряли до 60 танков, сообщили в штабе.")
    assert (src(c), c.cue.text, c.content.text) == (
        "штабе", "сообщили", "ВСУ, вероятно, потеряли до 60 танков")
    assert c.hedge_band == "likely"
    q = c.extra["quantities"][0]
    assert (q["text"], q["value"], q["qualifier"], q["counts"]) == ("до 60 танков", 60.0, "<=", "танков")


def test_speaker_colon_line(ru):
    c = one(ru, "Песков: переговоры с Киевом сейчас не ведутся")
    assert (src(c), c.cue.text, c.content.text) == (
        "Песков", ":", "переговоры с Киевом сейчас не ведутся")
    assert claims_of(ru, "Внимание: в городе объявлена воздушная тревога, пройдите в укрытие") == []


def test_so_ssylkoy_na_nests_under_the_reporter(ru):
    found = claims_of(ru, "РИА Новости со ссылкой на источник в силовых структурах сообщило, "
                          "что задержаны 12 человек.")
    by_cue = {c.cue.text: c for c in found}
    outer, inner = by_cue["сообщило"], by_cue["со ссылкой на"]
    assert src(outer) == "РИА Новости" and src(inner) == "источник в силовых структурах"
    assert inner.extra["chain"] == ["РИА Новости", "источник в силовых структурах"]
    assert found[inner.parent] is outer and outer.parent is None


def test_ob_etom_soobshchaet_takes_the_sentence_before(ru):
    found = claims_of(ru, "Ночью над областью сбили восемь беспилотников. "
                          "Об этом сообщает региональное управление МЧС.")
    assert [(src(c), c.content.text) for c in found] == [
        ("региональное управление МЧС", "Ночью над областью сбили восемь беспилотников")]


def test_denial_claim_and_assessment(ru):
    assert one(ru, "Генштаб ВСУ опроверг информацию об окружении группировки.").stance == "denied"
    assert one(ru, "Представитель ведомства отрицал, что удар был нанесен по кварталу.").stance == "denied"
    c = one(ru, "Военкор заявил о якобы прорыве обороны.")
    assert (c.stance, c.hedge_cues, c.hedge_band) == ("claimed", ("якобы",), None)
    assert one(ru, "Военкор утверждает, что фронт прорван.").stance == "claimed"
    assert one(ru, "Аналитики считают, что наступление замедлится.").stance == "assessed"


def test_about_object_is_content(ru):
    c = one(ru, "Мэр сообщил о гибели двух мирных жителей.")
    assert c.content.text == "о гибели двух мирных жителей"


def test_no_attribution_in_plain_narration(ru):
    assert claims_of(ru, "Мост через реку был восстановлен за две недели.") == []
    assert claims_of(ru, "") == []


@pytest.mark.parametrize(("text", "band"), [
    ("почти наверняка", "almost certain"), ("скорее всего", "very likely"),
    ("весьма вероятно", "very likely"), ("вероятно", "likely"),
    ("предположительно", "likely"), ("возможно", "roughly even chance"),
    ("не исключено", "roughly even chance"), ("маловероятно", "unlikely"),
    ("крайне маловероятно", "very unlikely"), ("якобы", None), ("не может", None),
])
def test_hedge_bands(text, band):
    h = russian.find_hedge([f"Противник {text} атакует."])
    assert h.band == band
    assert bool(h.cues) == (text != "не может")


def test_confidence_is_kept_apart():
    h = russian.find_hedge(["С высокой степенью уверенности: войска, вероятно, отойдут."])
    assert (h.band, h.confidence) == ("likely", "high")


@pytest.mark.parametrize(("text", "value"), [
    ("3 марта", "2024-03-03"), ("12 февраля 2023 года", "2023-02-12"),
    ("в начале ноября", "2023-11-01/2023-11-10"), ("в конце марта", "2024-03-21/2024-03-31"),
    ("с начала 2024 года", "2024-01-01/2024-03-05"), ("на прошлой неделе", "2024-02-26/2024-03-03"),
    ("вчера", "2024-03-04"), ("два дня назад", "2024-03-03"), ("в среду", "2024-02-28"),
    ("01.03.2024", "2024-03-01"), ("в 2023 году", "2023-01-01/2023-12-31"),
])
def test_dates_resolve_against_publication(text, value):
    got = russian.find_dates(f"Это произошло {text}.", "2024-03-05")
    assert [(d["text"], d["value"]) for d in got] == [(text, value)]


def test_next_day_counts_from_the_event_told_before():
    got = russian.find_dates("Удар нанесли 3 марта. На следующий день ударили снова.", "2024-03-05")
    assert [d["value"] for d in got] == ["2024-03-03", "2024-03-04"]


def test_quantities(ru):
    doc = ru.parse("Противник стянул около 2000 военных, ущерб оценили в 150 тыс. рублей, "
                   "сбиты от 10 до 15 дронов.")
    got = {q["text"]: q for q in ru.find_quantities(doc)}
    assert got["около 2000 военных"]["qualifier"] == "~"
    assert (got["150 тыс. рублей"]["value"], got["150 тыс. рублей"]["unit"]) == (150000.0, "RUB")
    assert (got["от 10 до 15 дронов"]["value"], got["от 10 до 15 дронов"]["high"]) == (10.0, 15.0)


def test_models_load_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    models = russian.load.__wrapped__()
    assert len(models) == 4


# --- the stage ------------------------------------------------------------------------------

RU_POST = ("Министерство обороны России заявило, что войска заняли село Степовое.\n\n"
           "По словам губернатора, 3 марта пострадали три человека.")


def add(store, text, *, lang, published="2024-03-05"):
    h = hashlib.sha256(text.encode()).hexdigest()
    raw = store.put_raw(text.encode())
    doc = Document(doc_id=h[:16], content_hash=h, input_id=h[:8], text=text, extracted=text,
                   published=published, lang=lang)
    store.add(doc, Sighting(doc_id=h[:16], source="test", record_key=h[:8], input_id=h[:8],
                            kind="text", raw_id=raw))
    return h[:16]


def status(store):
    return {r["doc_id"]: (r["status"], r["reason"]) for r in store.conn.execute(
        "SELECT doc_id, status, reason FROM processed WHERE stage='claims'")}


def test_stage_reads_russian_and_skips_ukrainian(ru, store, settings):
    r = add(store, RU_POST, lang="ru")
    uk = add(store, "Російські війська атакували позиції поблизу Авдіївки.", lang="uk")
    blank = add(store, "…… 12 — 34", lang="ru")
    # a mention of the entities stage's Cyrillic path: the claims stage must leave it alone
    store.conn.execute("INSERT INTO mentions (doc_id, start, end, text, label, origin)"
                       " VALUES (?, 0, 10, 'Министерство', 'ORG', 'gazetteer')", (r,))
    counts = claims_run.run(store, settings)
    st = status(store)
    assert st[r] == ("ok", None) and st[blank] == ("skipped", "no-sentences")
    assert st[uk] == ("skipped", "unsupported-language")
    reason = store.conn.execute("SELECT message FROM processed WHERE doc_id=? AND stage='claims'",
                                (uk,)).fetchone()[0]
    assert "'uk'" in reason
    assert counts["documents"] == 1 and counts["claims"] == 2
    rows = store.conn.execute("SELECT source_text, cue_text, content_text, content_start,"
                              " content_end FROM claims WHERE doc_id=? ORDER BY cue_start", (r,)).fetchall()
    assert [(a, b) for a, b, *_ in rows] == [("Министерство обороны России", "заявило"),
                                              ("губернатора", "По словам")]
    for *_, text, s, e in rows:
        assert RU_POST[s:e] == text
    assert [x[0] for x in store.conn.execute("SELECT value FROM claim_dates")] == ["2024-03-03"]
    assert store.conn.execute("SELECT count(*) FROM mentions WHERE doc_id=?", (r,)).fetchone()[0] == 1
    # idempotent: nothing pending, then the same ids after a version change
    ids = [x[0] for x in store.conn.execute("SELECT claim_id FROM claims ORDER BY claim_id")]
    assert claims_run.run(store, settings)["claims"] == 0
    store.conn.execute("DELETE FROM processed")
    claims_run.run(store, settings)
    assert ids == [x[0] for x in store.conn.execute("SELECT claim_id FROM claims ORDER BY claim_id")]


def test_stage_parses_a_long_russian_document_in_pieces(ru, store, settings):
    text = "\n\n".join(RU_POST for _ in range(8))
    doc_id = add(store, text, lang="ru")
    assert claims_run.run(store, settings.replace(claims_chunk_chars=300))["documents"] == 1
    rows = store.conn.execute("SELECT content_text, content_start, content_end FROM claims"
                              " WHERE doc_id=?", (doc_id,)).fetchall()
    assert len(rows) == 16 and all(text[s:e] == t for t, s, e in rows)


def test_stage_records_a_parse_failure_and_goes_on(ru, store, settings, monkeypatch):
    good = add(store, RU_POST, lang="ru")
    bad = add(store, "Губернатор сообщил, что всё спокойно.", lang="ru")
    real = russian.parse_many

    def parse_many(texts, **kw):
        raise RuntimeError("batch failed")

    def parse(text, **kw):
        if "спокойно" in text:
            raise RuntimeError("natasha failed")
        return real([text], **kw)[0]

    monkeypatch.setattr(russian, "parse_many", parse_many)
    monkeypatch.setattr(russian, "parse", parse)
    claims_run.run(store, settings)
    st = status(store)
    assert st[good] == ("ok", None) and st[bad] == ("failed", "parse-error")


def test_impersonal_v_body_is_the_source(ru):
    c = one(ru, "В профсоюзе подчеркнули, что ситуация грозит конфликтом.")
    assert (src(c), c.content.text) == ("профсоюзе", "что ситуация грозит конфликтом")
    c = one(ru, "В субботу губернатор заявил, что атака отражена.")
    assert src(c) == "губернатор"


def test_trailing_comma_verb_with_an_object_is_no_report(ru):
    assert claims_of(ru, "Суд прервал выступление, объявил перерыв и удалился.") == []


def test_telegram_markdown_and_emoji_do_not_break_the_parse(ru):
    text = "⚡️**Минцифры РФ опровергло информацию СМИ об отмене отсрочки**."
    c = one(ru, text)
    assert (src(c), c.content.text) == ("Минцифры РФ", "информацию СМИ об отмене отсрочки")
    assert russian.mask(text) == " " * 4 + text[4:-3] + "  ."


def test_connective_before_an_aside_or_po_phrase(ru):
    c = one(ru, "При этом, по мнению аналитика, санкции не приведут к дефициту.")
    assert (src(c), c.content.text, c.stance) == ("аналитика", "санкции не приведут к дефициту", "assessed")
    c = one(ru, "Тогда, как говорят в прокуратуре, штурмовики атаковали позиции у села.")
    assert (src(c), c.content.text) == ("прокуратуре", "штурмовики атаковали позиции у села")


def test_posle_togo_kak_is_a_time_clause_not_an_aside(ru):
    c = one(ru, "Оппозиция собралась после того, как премьер заявил, что переговоры прерваны.")
    assert (src(c), c.cue.text, c.content.text) == ("премьер", "заявил", "что переговоры прерваны")


def test_a_report_inside_a_quotation_nests_and_keeps_its_own_sentence(ru):
    found = claims_of(ru, '"Депутат заявил, что уйдет в отставку. Пусть начнет с себя", - написала она.')
    by_cue = {c.cue.text: c for c in found}
    inner, outer = by_cue["заявил"], by_cue["написала"]
    assert inner.content.text == "что уйдет в отставку"
    assert outer.stance == "quoted" and found[inner.parent] is outer
    assert inner.extra["chain"] == ["она", "Депутат"]


def test_participles_and_questions_are_no_reports(ru):
    assert claims_of(ru, "В Польше арестован немец, обвиняемый в поставках оружия.") == []
    assert claims_of(ru, "Говорит ли это об успехе наступления?") == []
    c = one(ru, "В отчете указано, что горело только топливо.")
    assert c.content.text == "что горело только топливо"


def test_signoff_after_a_dash_is_the_source(ru):
    c = one(ru, "⚡️**Режим прекращения огня вступил в силу**, — Al Jazeera.")
    assert (src(c), c.cue.text, c.content.text) == ("Al Jazeera", "—", "Режим прекращения огня вступил в силу")
    assert claims_of(ru, "Курахово — город в Донецкой области.") == []
    found = claims_of(ru, "Глава МИД заявил, что переговоры возможны — СМИ")
    by_cue = {c.cue.text: c for c in found}
    assert by_cue["заявил"].content.text == "что переговоры возможны"
    assert by_cue["заявил"].extra["chain"] == ["СМИ", "Глава МИД"]


def test_gerund_and_conjoined_cues_take_the_clause_after_them(ru):
    c = one(ru, "Генпрокурор поручил провести проверки в области, отметив, что проблемы есть.")
    assert (src(c), c.cue.text, c.content.text) == ("Генпрокурор", "отметив", "что проблемы есть")
    c = one(ru, "Школьница извинилась перед родственниками и заверила их, что больше так не будет.")
    assert c.content.text == "что больше так не будет"
    assert claims_of(ru, "Об этом свидетельствует заявление Совета Украина — НАТО.") == []
    assert claims_of(ru, "Как Трамп назначает родственников и о чем это говорит") == []


def test_report_inside_a_quotation_does_not_take_the_outer_cue_as_content(ru):
    found = claims_of(ru, "«Я\u00a0много раз говорил с\u00a0Китаем о\u00a0том, что поставки "
                          "не прекратились»,\u00a0— заявил министр.")
    by_cue = {c.cue.text: c for c in found}
    assert by_cue["говорил"].content.text == "о\u00a0том, что поставки не прекратились"
    assert by_cue["говорил"].extra["chain"] == ["министр", "Я"]
    assert by_cue["заявил"].content.text.endswith("прекратились»")  # no trailing ",\u00a0"


def test_markdown_link_labels_are_no_speakers(ru):
    assert claims_of(ru, "🟠[Трансформеры: Начало и конец эпохи](https://example.org/v/1)") == []


def test_the_writers_own_aside_is_no_claim(ru):
    # "Напомним" is the writer's "let us recall": only the report inside it is a claim
    c = one(ru, "Напомним, в Кремле неоднократно заявляли, что срочники в боях не участвуют.")
    assert c.cue.text == "заявляли" and src(c) == "Кремле"


def test_a_headline_and_dateline_without_full_stops_stay_out_of_the_first_sentence(ru):
    text = ("Штаб округа: колонна прибыла в срок, а не «с опозданием»\n\n"
            "12.05.2024 09:40 МСК\n\n"
            "МОЛНИЯ | В штабе Южного военного округа опровергли сообщения блогеров "
            "о задержке колонны снабжения под Токмаком.")
    found = [c for c in claims_of(ru, text) if c.cue.text == "опровергли"]
    assert len(found) == 1 and src(found[0]) == "штабе Южного военного округа"
    assert found[0].content.text.startswith("сообщения блогеров")
    # sentences never run across a blank line
    doc = ru.parse(text)
    assert all("\n\n" not in text[doc.tokens[a].start:doc.tokens[b - 1].end]
               for a, b in doc.sents)


def test_markdown_bold_is_trimmed_from_span_edges(ru):
    # invented post in a Telegram export's markdown
    c = one(ru, "**Глава Минобороны Великобритании** заявил, что **война вошла в "
                "критическую фазу**.")
    assert src(c) == "Глава Минобороны Великобритании"
    assert not c.content.text.endswith("*")
