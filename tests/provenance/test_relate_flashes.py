"""Short Telegram-style posts: flashes days apart, a flash inside a later digest, retellings
that share only names. All texts are invented for these tests."""

from __future__ import annotations

from newstrail.provenance.features import compute
from newstrail.provenance.relate import judge


def _f(doc_id: str, text: str, published: str, outlet: str, lang: str = "ru"):
    return compute({"doc_id": doc_id, "text": text, "title": None, "lang": lang,
                    "published": published, "outlet": outlet, "url": None})


APPROVED = ("⚡️Совет Федерации одобрил закон о федеральном бюджете на 2025 год и плановый период "
            "2026-2027 годов. Согласно документу, доходы бюджета в 2025 году составят 40,3 трлн "
            "рублей, расходы — 41,5 трлн рублей. Выдуманный канал. Подписаться")
SIGNED = ("❗️Президент подписал закон, утверждающий федеральный бюджет на 2025 год и плановый "
          "период 2026-2027 годов")


def test_flashes_days_apart_are_not_linked_but_a_copy_within_hours_is(settings):
    approved = _f("a", APPROVED, "2024-11-27T09:50:00+00:00", "Выдуманный канал")
    signed = _f("b", SIGNED, "2024-11-30T22:53:00+00:00", "Другой канал")
    assert judge(signed, approved, settings) is None
    assert judge(approved, signed, settings) is None
    copy = _f("c", APPROVED.replace("⚡️", "🔴") + " Третий канал", "2024-11-27T10:20:00+00:00",
              "Третий канал")
    link = judge(copy, approved, settings)
    assert link is not None and (link.child, link.parent) == ("c", "a")


FLASH = ("Армения пока не заявляла о выходе из организации и поддерживает все документы саммита "
         "— президент")
DIGEST = ("❗️В столице проходит пресс-конференция президента по итогам выдуманного саммита, "
          "главные заявления:\n\n— Армения пока не заявляла о выходе из организации и "
          "поддерживает все документы саммита. Организация не должна была воевать за Ереван, "
          "внешней агрессии против Армении не было;\n\n— Россия надеется, что отношения с "
          "соседями будут развиваться, ситуация там сложная и требует особого внимания;\n\n— "
          "Сотрудничество в атомной энергетике весьма возможно;\n\n— Ущерб от двух ракетных "
          "атак минимальный, но он есть;\n\n— Критика отношений между странами не всегда "
          "отвечает интересам государств.")


def test_later_digest_holding_an_earlier_flash_is_not_its_summary(settings):
    flash = _f("f", FLASH, "2024-11-28T13:23:00+00:00", "Ранний канал")
    digest = _f("d", DIGEST, "2024-11-28T13:27:00+00:00", "Другой канал")
    assert flash.n_words * 2.2 < digest.n_words
    assert judge(digest, flash, settings) is None
    # the other way round (the digest first, the flash cut from it later) is a summary
    flash_later = _f("f2", FLASH, "2024-11-28T13:40:00+00:00", "Ранний канал")
    link = judge(flash_later, digest, settings)
    assert link is not None and (link.child, link.parent, link.relation) == ("f2", "d", "summary")


LONG = ("Военных Северной Кореи пригласили участвовать в параде на Красной площади в Москве. "
        "Министр обороны России Андрей Белоусов провел встречу с лидером Северной Кореи Ким Чен "
        "Ыном в Пхеньяне на фоне сообщений об отправке военных КНДР. Как сообщает агентство, Ким "
        "Чен Ын на встрече заявил, что Запад наносит удары по территории России. Белоусов "
        "ответил, что Москва ценит поддержку Пхеньяна. Стороны обсудили военное сотрудничество "
        "России и КНДР, а также подготовку парада в Москве. Выдуманная служба новостей сообщает, "
        "что переговоры продолжатся в столице Северной Кореи.")
NAMES_ONLY = ("Лидер Северной Кореи Ким Чен Ын и министр обороны России Андрей Белоусов встретились "
              "в Пхеньяне. Москва пригласила войска КНДР на парад в Москве.")


def test_retelling_sharing_only_names_is_not_a_summary(settings):
    long = _f("l", LONG, "2024-11-30T03:00:00+00:00", "Служба")
    short = _f("s", NAMES_ONLY, "2024-11-30T07:20:00+00:00", "Канал")
    common = long.fp_keys & short.fp_keys
    assert len(common) >= 5 and all(k.startswith("e:") for k in common)
    assert judge(short, long, settings) is None


REPORT = ("Invented report. Ukrainian forces repelled twenty three Russian assaults near the "
          "village of Ivanivske on Tuesday, the regional command said in its evening update. "
          "Russian units tried to cross the canal at three points under cover of drones and "
          "artillery, and two of the attempts were stopped before they reached the water. The "
          "command said that glide bombs struck the town four times an hour through the night, "
          "damaging a school, a bakery and the water pumping station that serves the northern "
          "districts. Volunteers evacuated forty residents from the eastern outskirts by bus, "
          "and the regional administration opened two more shelters near the railway station "
          "for families who had lost their homes in the strikes.")
EDITS = (("Tuesday", "Tuesday evening"), ("three points", "several points"),
         ("a bakery", "a small bakery"), ("forty residents", "forty two residents"),
         ("two more shelters", "two new shelters"))


def test_long_text_edited_in_places_is_a_copy_not_a_summary(settings):
    edited = REPORT
    for old, new in EDITS:
        edited = edited.replace(old, new)
    origin = _f("o", REPORT, "2024-03-03T08:00:00+00:00", "Invented Wire", lang="en")
    copy = _f("e", edited, "2024-03-03T09:00:00+00:00", "Invented Daily", lang="en")
    assert origin.n_words >= 80
    link = judge(copy, origin, settings)
    assert link is not None and (link.child, link.parent, link.relation) == ("e", "o", "verbatim-copy")


def test_later_post_holding_its_parent_and_adding_is_a_copy(settings):
    first = ("Пожар на складе в выдуманном городе потушен, пострадавших нет, сообщили спасатели "
             "утром")
    added = ("🔥 " + first + ". Площадь возгорания составила около ста квадратных метров, "
             "причины выясняются. Выдуманный канал")
    origin = _f("p", first, "2024-11-28T05:00:00+00:00", "Канал один")
    later = _f("q", added, "2024-11-28T05:30:00+00:00", "Канал два")
    link = judge(later, origin, settings)
    assert link is not None and (link.child, link.parent, link.relation) == ("q", "p", "verbatim-copy")
