"""Site-debris removal: each rule family in English, Ukrainian and Russian, the
article sentences that look like debris but must stay, line structure, idempotence,
learned lines and signature outlets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrail.ingest import debris
from newstrail.ingest.debris import (
    Cleaned,
    RemovedLine,
    clean_text,
    learnable_lines,
    line_hash,
    remove_learned,
    signature_outlet,
)

PROSE = "Russian drones struck the port of Odesa overnight, killing two people, the governor said."
PROSE_UK = "Уночі російські війська атакували Київ балістичними ракетами, повідомили у КМВА."
PROSE_RU = "Средства ПВО за ночь сбили над Брянской областью 25 беспилотников, сообщили в ведомстве."


def reasons(text: str) -> list[str]:
    return [r.reason for r in clean_text(text).removed]


def test_public_api_is_pinned():
    assert debris.__all__ == [
        "Cleaned",
        "RemovedLine",
        "clean_text",
        "learnable_lines",
        "line_hash",
        "remove_learned",
        "signature_outlet",
    ]


# --------------------------------------------------------------------------
# One-line rule families, three languages each
# --------------------------------------------------------------------------

SINGLE_LINES = [
    # copyright
    ("© 2024 Eastern Wire Media. All rights reserved.", "copyright"),
    ("Copyright 2025 Nexstar Media, Inc. All rights reserved.", "copyright"),
    ("© Київський вісник, 2024. Усі права захищені", "copyright"),
    ("Всі права захищені.", "copyright"),
    ("© 2024 Вольный курьер. Все права защищены.", "copyright"),
    # reprint policy
    ("This material may not be published, broadcast, rewritten or redistributed.",
     "reprint-policy"),
    ("Використання матеріалів дозволяється лише за умови посилання на сайт.", "reprint-policy"),
    ("При цитуванні посилання на «Вісник» обов'язкове.", "reprint-policy"),
    ("При цитировании ссылка обязательна", "reprint-policy"),
    ("Перепечатка материалов запрещена без письменного разрешения редакции.", "reprint-policy"),
    # privacy
    ("Privacy Policy", "privacy"),
    ("We use cookies to improve your experience on our site.", "privacy"),
    ("Політика конфіденційності", "privacy"),
    ("Ми використовуємо файли cookie, щоб покращити роботу сайту.", "privacy"),
    ("Политика конфиденциальности", "privacy"),
    ("Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь.", "privacy"),
    # funding
    ("This project is supported by the European Fund for Journalism.", "funding"),
    ("Supported by the European Union", "funding"),
    ("Матеріал підготовлено за підтримки Фонду розвитку медіа.", "funding"),
    ("Цей матеріал створено за фінансової підтримки Європейського Союзу.", "funding"),
    ("Материал подготовлен при поддержке фонда «Свободная пресса».", "funding"),
    # donation
    ("Support independent journalism", "donation"),
    ("Become a member", "donation"),
    ("Your support keeps our team in the field.", "donation"),
    ("Підтримайте нас", "donation"),
    ("Ваша підтримка допомагає нам працювати.", "donation"),
    ("Поддержите нас", "donation"),
    ("Поддержать «Вольный курьер»", "donation"),
    # related, inline
    ("Read also: Ukraine strikes refinery in Bryansk region", "related"),
    ("READ MORE: Kyiv says grain corridor still working", "related"),
    ("Читайте також: Росія атакувала Київ балістикою", "related"),
    ("Читайте также: Как в регионах вербуют добровольцев", "related"),
    # tags
    ("Tags: Ukraine, Russia, Odesa", "tags"),
    ("Ukraine (2,341)  Russia (1,877)", "tags"),
    ("Теги: Київ, ракетний удар", "tags"),
    ("Тэги: Курская область, мобилизация", "tags"),
    ("#новини #тривога", "tags"),
    # share
    ("Share this article", "share"),
    ("Facebook Twitter Telegram WhatsApp", "share"),
    ("Поділитися", "share"),
    ("Поделиться", "share"),
    # subscribe
    ("Sign up for our daily newsletter", "subscribe"),
    ("Підписуйтесь на наш Telegram-канал", "subscribe"),
    ("Подписывайтесь на наш канал в Telegram", "subscribe"),
    ("❗️ [Подписывайся на Mash](https://t.me/+abc)", "subscribe"),
    ("[👉 Топор Live. Подписаться](https://t.me/+abc)", "subscribe"),
    ("__Читать нас без VPN можно здесь: ____bit.ly/bbcrussian__", "subscribe"),
    # advert
    ("Advertisement", "advert"),
    ("Story continues below advertisement", "advert"),
    ("Реклама", "advert"),
    ("#промо", "advert"),
    # template
    ("Hello {{signed_in_name}}", "template"),
    ("{{region.title}}", "template"),
    # navigation
    ("Skip to main content", "navigation"),
    ("Home | World | Ukraine | Opinion", "navigation"),
    ("Головна › Новини › Війна", "navigation"),
    ("Главная / Новости / Политика", "navigation"),
    # comments, widgets, signatures
    ("Leave a comment", "comments"),
    ("Коментарі", "comments"),
    ("Комментарии", "comments"),
    ("5 min read", "widget"),
    ("Please ensure Javascript is enabled for purposes of", "widget"),
    ("@banksta", "signature"),
]


@pytest.mark.parametrize(("line", "reason"), SINGLE_LINES)
def test_rule_family(line, reason):
    text = f"{PROSE}\n\n{line}\n\n{PROSE}"
    cleaned = clean_text(text)
    assert cleaned.removed == (RemovedLine(line, reason),)
    assert cleaned.text == f"{PROSE}\n\n{PROSE}"


# --------------------------------------------------------------------------
# Article lines that look like debris: all must stay
# --------------------------------------------------------------------------

TRAPS = [
    "The ministry said it would support the families of the victims.",
    "Read the full statement on the ministry's website, officials said.",
    "Related to this, the navy said a Russian warship had left Sevastopol.",
    "Read more about the offensive below.",
    "“We ask everyone who can to donate blood,” the mayor said.",
    "The leaked assessment, stamped “© General Staff 2023” in its footer, was genuine.",
    "The treaty said all rights reserved to the signatories would lapse in 2030.",
    "This project was funded by Japan and will restore power to 40,000 homes, the mayor said.",
    "Support for Ukraine among European voters remains high, the survey found.",
    "The offensive was supported by artillery and drones, the general staff said.",
    "Subscribers to the channel were told to leave the city, police said.",
    "Related: the Czech initiative has raised funds from 18 countries, according to Prague.",
    "Advertising revenue of Russian state TV fell by a third in 2023.",
    "Share prices of Ukrainian eurobonds rose after the announcement.",
    "Міністерство заявило, що підтримає родини загиблих.",
    "Нагадаємо: минулого тижня ворог тричі атакував столицю дронами.",
    "Читайте також, що говорять мешканці: на відкриття прийшли десятки людей.",
    "Проєкт відновлення мосту реалізовано за підтримки уряду Японії, повідомили в ОВА.",
    "Реклама на бігбордах закликає чоловіків вступати до штурмових бригад.",
    "Министерство пообещало поддержать семьи погибших.",
    "«Поддержите нас, нам нечем воевать», — сказал один из бойцов на видео.",
    "По теме переговоров с Вашингтоном Песков отказался давать подробности.",
    "Подробнее о ходе боев — в материале ниже.",
    "При содействии советника главы ДНР груз был доставлен для подразделений на юге.",
    "Ранее: Песков заявил, что Кремль не получал новых предложений.",
    "Смотрите видео с места удара: горят два склада.",
    "Воздушная тревога объявлена на всей территории Украины",
    "Повітряна тривога оголошена по всій території України",
    "A Russian milblogger denied the reports.[[lxxix]](https://example.org/#_edn79)",
]


@pytest.mark.parametrize("line", TRAPS)
def test_trap_sentence_is_kept(line):
    text = f"{PROSE}\n\n{line}\n\n{PROSE}"
    assert clean_text(text) == Cleaned(text, ())


def test_trap_sentences_kept_together():
    text = "\n\n".join(TRAPS)
    assert clean_text(text).text == text


# --------------------------------------------------------------------------
# Blocks: Related lists, tags, share bars, menus
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading", ["Related articles", "Read more", "Читайте також", "Читайте также", "Похожие новости"]
)
def test_related_heading_removes_following_headlines(heading):
    text = (
        f"{PROSE}\n\n{heading}\nKyiv says grain corridor still working\n"
        "Zelensky visits Kharkiv\n[Ukraine's drone war, explained](https://example.com/x)\n\n"
        f"{PROSE_UK}"
    )
    cleaned = clean_text(text)
    assert cleaned.text == f"{PROSE}\n\n{PROSE_UK}"
    assert {r.reason for r in cleaned.removed} == {"related"}
    assert len(cleaned.removed) == 4


def test_related_block_stops_at_sentence_without_blank_line():
    text = f"Related\nHeadline one about Kyiv\nHeadline two about Odesa\n{PROSE}\nSecond short line"
    assert clean_text(text).text == f"{PROSE}\nSecond short line"


def test_related_block_continues_over_blank_lines_between_items():
    text = f"{PROSE}\n\nRead more\n\nHeadline one\n\nHeadline two\n\n{PROSE_RU}"
    assert clean_text(text).text == f"{PROSE}\n\n{PROSE_RU}"


def test_related_block_does_not_eat_hard_wrapped_prose():
    text = "Read more\nPhotos\nwhich were released online show the damage,\nsaid officials."
    assert clean_text(text).text == (
        "which were released online show the damage,\nsaid officials."
    )


def test_numbered_most_read_list():
    text = f"{PROSE}\nMost read\n1. Inside Ukraine's drone factories\n2. Can Europe defend itself?"
    assert clean_text(text).text == PROSE


def test_tags_heading_block():
    text = f"{PROSE}\nTags:\nUkraine\nRussia\nDrones\n{PROSE_RU}"
    assert clean_text(text).text == f"{PROSE}\n{PROSE_RU}"


def test_ambiguous_share_items_only_next_to_share_lines():
    assert clean_text(f"{PROSE}\nShare\nFacebook\nX\nEmail\n{PROSE}").text == f"{PROSE}\n{PROSE}"
    assert clean_text(f"{PROSE}\nEmail\n{PROSE}").removed == ()


def test_menu_run_removed():
    menu = "Home\nNews\nWorld\nEurope\nUkraine\nOpinion\nSports"
    assert clean_text(f"{menu}\n{PROSE}").text == PROSE


def test_list_of_cities_in_article_is_not_a_menu():
    text = (
        "Volunteers said the supplies would go to hospitals in:\nKharkiv\nDnipro\nZaporizhzhia\n"
        f"Kramatorsk\nSumy\n{PROSE}"
    )
    assert clean_text(text).removed == ()


def test_table_of_names_and_numbers_is_not_a_menu():
    text = f"{PROSE}\nKyle Busch\n5040\nKevin Harvick\n5033\nDenny Hamlin\n5027\nJoey Logano\n{PROSE}"
    assert clean_text(text).removed == ()


def test_long_line_with_template_token_is_kept():
    line = "Officials said {{count}} drones were launched overnight against Odesa and Mykolaiv " * 2
    assert clean_text(line.strip()).removed == ()


# --------------------------------------------------------------------------
# Markup, zero-width characters, line structure
# --------------------------------------------------------------------------


def test_zero_width_characters_do_not_hide_debris_or_prose():
    text = f"Adver\u200btisement\n{PROSE[:20]}\u200b{PROSE[20:]}"
    cleaned = clean_text(text)
    assert cleaned.text == f"{PROSE[:20]}\u200b{PROSE[20:]}"  # kept line untouched
    assert reasons(text) == ["advert"]


def test_markdown_link_and_heading_syntax():
    text = f"## Related stories\n- [Kyiv under fire](https://x.example/1)\n\n{PROSE}"
    assert clean_text(text).text == PROSE


def test_kept_lines_are_byte_identical_and_blank_runs_merge():
    text = f"  {PROSE}  \n\nAdvertisement\n\n{PROSE_UK}\n\n\n\n\n{PROSE_RU}\n\n"
    assert clean_text(text).text == f"  {PROSE}  \n\n{PROSE_UK}\n\n\n{PROSE_RU}"


def test_crlf_input():
    assert clean_text(f"{PROSE}\r\nAdvertisement\r\n{PROSE}").text == f"{PROSE}\n{PROSE}"


def test_empty_and_blank_input():
    assert clean_text("") == Cleaned("", ())
    assert clean_text("\n \n") == Cleaned("", ())


# --------------------------------------------------------------------------
# Idempotence
# --------------------------------------------------------------------------

_POOL = [
    PROSE, PROSE_UK, PROSE_RU, "", "", "Advertisement", "Related articles", "Read more",
    "Kyiv says grain corridor still working", "Home", "News", "World", "Ukraine", "Opinion",
    "Share", "X", "Email", "Facebook", "Tags:", "Drones", "Підтримайте нас", "Поделиться",
    "© 2024 Eastern Wire Media. All rights reserved.", "Hello {{name}}", "Kharkiv", "Dnipro",
    "[Link](https://example.com)", "Читайте також", "1. Inside Ukraine's drone factories",
    *TRAPS[:6],
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_POOL), max_size=25))
def test_clean_text_is_idempotent(lines):
    once = clean_text("\n".join(lines)).text
    assert clean_text(once).text == once


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_clean_text_is_idempotent_on_arbitrary_text(text):
    once = clean_text(text).text
    assert clean_text(once).text == once


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_POOL), max_size=25))
def test_output_lines_are_input_lines_in_order(lines):
    text = "\n".join(lines)
    kept = [ln for ln in clean_text(text).text.split("\n") if ln.strip()]
    it = iter(ln for ln in text.split("\n") if ln.strip())
    assert all(any(k == ln for ln in it) for k in kept)


# --------------------------------------------------------------------------
# Learned lines
# --------------------------------------------------------------------------


def test_line_hash_normalises():
    assert line_hash("Feb 27, 2026 16:51") == line_hash("feb 10, 2026 13:43")
    assert line_hash("  Latest   News ") == line_hash("latest news")
    assert line_hash("[Our team](https://a.example/team)") == line_hash("Our team")
    assert line_hash("Sup\u200bport us") == line_hash("Support us")
    assert line_hash("Support us") != line_hash("Support them")
    assert len(line_hash("x")) == 16


def test_learnable_lines():
    long_line = " ".join(["word"] * 31)
    text = f"Menu\n\nMenu\n{long_line}\n12\n---\nAbout us\n{PROSE}"
    assert learnable_lines(text) == ["Menu", "About us", PROSE]


FOOTER = "Our journalism is funded by readers like you."
STOCK = "The Kremlin did not immediately respond to a request for comment."


def _learned(*lines: str) -> set[str]:
    return {line_hash(x) for x in lines}


def test_short_learned_lines_go_anywhere():
    text = f"Newsletter\n{PROSE}\nAuthor Name\n{PROSE_UK}"
    cleaned = remove_learned(text, _learned("Newsletter", "Author Name"))
    assert cleaned.text == f"{PROSE}\n{PROSE_UK}"
    assert {r.reason for r in cleaned.removed} == {"learned"}


def test_learned_sentence_in_the_middle_is_kept():
    text = f"{PROSE}\n{STOCK}\n{PROSE_UK}"
    assert remove_learned(text, _learned(STOCK)).text == text


def test_learned_sentence_right_after_the_article_is_kept():
    text = f"{PROSE}\n{PROSE_UK}\n{STOCK}\nAbout us\nContact"
    cleaned = remove_learned(text, _learned(STOCK, "About us", "Contact"))
    assert cleaned.text == f"{PROSE}\n{PROSE_UK}\n{STOCK}"


def test_learned_sentence_inside_the_footer_is_removed():
    text = f"{PROSE}\n{PROSE_UK}\nAbout us\n{FOOTER}\nContact"
    cleaned = remove_learned(text, _learned(FOOTER, "About us", "Contact"))
    assert cleaned.text == f"{PROSE}\n{PROSE_UK}"


def test_learned_sentence_in_leading_block_is_removed():
    text = f"Menu\n{FOOTER}\nSearch\n\n{PROSE}\n{PROSE_UK}"
    assert remove_learned(text, _learned(FOOTER, "Menu", "Search")).text == (
        f"{PROSE}\n{PROSE_UK}"
    )


def test_post_without_unlearned_prose_keeps_its_sentences():
    alert = "Воздушная тревога объявлена на всей территории Украины"
    text = f"{alert}\n[Подписывайся](https://t.me/x)"
    assert remove_learned(text, _learned(alert, "[Подписывайся](https://t.me/x)")).text == alert


def test_learned_lead_in_with_colon_is_kept():
    text = f"⚡️**Минобороны РФ:**\n\n{PROSE_RU}\n\n#промо"
    assert remove_learned(text, _learned("⚡️**Минобороны РФ:**")).text == text


def test_remove_learned_with_nothing_learned():
    assert remove_learned(PROSE, set()) == Cleaned(PROSE, ())


# --------------------------------------------------------------------------
# Signature outlet
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("© 2024 Eastern Wire Media. All rights reserved.", "Eastern Wire Media"),
        ("© Київський вісник, 2024. Усі права захищені", "Київський вісник"),
        ("© 2024 Вольный курьер. Все права защищены.", "Вольный курьер"),
        ("Copyright © 2024 Baltic Policy Institute. All rights reserved.",
         "Baltic Policy Institute"),
        ("Copyright 2025 Nexstar Media, Inc. All rights reserved. This material may not be "
         "published.", "Nexstar Media, Inc"),
        ("CARE is a 501(c)(3) not-for-profit organization. © 2026 CARE. All rights reserved.",
         "CARE"),
        ("© UN Human Rights Monitoring Mission in Ukraine", "UN Human Rights Monitoring Mission in Ukraine"),
        (f"{PROSE}\n© Reuters/Gleb Garanich\n{PROSE}", None),
        (PROSE, None),
    ],
)
def test_signature_outlet(text, outlet):
    assert signature_outlet(text) == outlet


def test_signature_outlet_prefers_rights_line_and_footer():
    text = (
        "Photo: © 2023 AFP\n© 2022 People in Need (photographer: A. Lores)\n"
        "Copyright 2025 Nexstar Media, Inc. All rights reserved.\n"
        f"{PROSE}\n© 2026 AOL Media LLC. All rights reserved."
    )
    assert signature_outlet(text) == "AOL Media LLC"
