"""Site-debris removal for plain-text copies of news pages.

Two mechanisms, both working on whole lines (a kept line is never rewritten):

* :func:`clean_text`: general rules that recognise kinds of site text on any
  site, in English, Ukrainian and Russian: copyright and reprint notices,
  privacy/cookie text, funder credits, donation and subscription appeals,
  "Related"/"Read also" blocks, tags, share prompts, adverts, template tokens,
  navigation menus.
* :func:`learnable_lines` / :func:`line_hash` / :func:`remove_learned`: lines
  that recur across several documents of one outlet. The store counts the
  hashes per outlet; this module only holds the pure functions.

Why hand-written rules: trafilatura, jusText, readability and boilerpipe all
classify *HTML DOM blocks* (tag names, link density, class names). A text file
saved from a browser has none of that, and no maintained library classifies
plain-text lines as news-site debris across English, Ukrainian and Russian.
So the rules below are small regex families, compiled once, with the three
languages side by side, and every rule is biased toward keeping a line:
removing an article sentence is worse than leaving a "Share" button in.

Precision guards used throughout (see :func:`_guarded`):

* phrase rules only fire on lines that start with the phrase and are short;
* lines that quote someone (a quoted span of 3+ words) or carry a reporting
  verb ("said", "заявив", "сообщил", ...) are prose, whatever they mention;
* block rules ("Related" lists, tag lists, menus) stop at the first
  sentence-like line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = [
    "Cleaned",
    "RemovedLine",
    "clean_text",
    "learnable_lines",
    "line_hash",
    "remove_learned",
    "signature_outlet",
]


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """One line taken out of a text, and the rule family that took it."""

    line: str
    reason: str
    """copyright, reprint-policy, privacy, funding, donation, related, tags, share,
    subscribe, advert, template, navigation, comments, widget, link, learned."""


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    removed: tuple[RemovedLine, ...]


# --------------------------------------------------------------------------
# Tunables. Each number is a precision guard; the comments say what it protects.
# --------------------------------------------------------------------------

LEARNABLE_MAX_WORDS = 30
"""Longest line that may be learned as outlet debris. Site furniture (menus,
footers, appeals, sidebar headlines) is short; article paragraphs are long, and
a long paragraph recurring in three documents is syndicated copy, not debris."""

_MAX_PHRASE_WORDS = 40  # a phrase rule never removes a line longer than this
_HEADLINE_MAX_WORDS = 20  # a "Related" list item is at most this long
_NAV_MAX_WORDS = 4  # a menu item is at most this long ...
_NAV_MAX_CHARS = 40
_NAV_MIN_RUN = 5  # ... and a menu is at least this many items in a row
_LINK_MIN_RUN = 3  # a run of this many link-only lines is a link list
_GUARD_WORDS = 6  # a learned line this long is treated as a possible sentence
_MAX_PASSES = 6  # clean_text repeats until nothing changes (idempotence)

# --------------------------------------------------------------------------
# Line normalisation: what a rule sees ("visible" text of a line).
# --------------------------------------------------------------------------

_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+•·]\s+|\d{1,3}[.)]\s+)+")
_MD_EMPHASIS = re.compile(r"[*_~`]{2,}|(?<![\w*_])[*_](?=\S)|(?<=\S)[*_](?![\w*_])")
# emoji, arrows, bullets and dashes that channels put before a promo line
_LEAD_SYMBOLS = re.compile(r"^[^\w©(\[{«»“”„\"'‘’$€£₴₽]+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|ua|ru|ly|me)/\S*")
_WORD = re.compile(r"[^\W_]+(?:['’ʼ-][^\W_]+)*")
_SPACE = re.compile(r"\s+")


def _visible(line: str) -> str:
    """The text a reader sees on a line: no zero-width marks, markdown or leading emoji."""
    s = _ZERO_WIDTH.sub("", line)
    if "](" in s:  # the substring tests skip regexes that cannot match (speed only)
        s = _MD_IMAGE.sub(r"\1", s)
        s = _MD_LINK.sub(r"\1", s)
    s = _MD_PREFIX.sub("", s.strip())
    if any(c in s for c in "*_~`"):
        s = _MD_EMPHASIS.sub("", s)
    s = _LEAD_SYMBOLS.sub("", s.strip())
    return _SPACE.sub(" ", s).strip()


def _has_url(vis: str) -> bool:
    return "/" in vis or "www." in vis


def _words(vis: str) -> list[str]:
    return _WORD.findall(_URL.sub(" ", vis) if _has_url(vis) else vis)


_SENTENCE_END = re.compile(r"[.!?;:](?:[\"'”’»)\]]*)$")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)[\"'”’»)\]]*$")


def _is_sentence(vis: str, n_words: int) -> bool:
    """Reads like article prose: a finished sentence of a few words, or simply long."""
    if n_words > _HEADLINE_MAX_WORDS:
        return True
    return n_words >= 4 and bool(_SENTENCE_END.search(vis)) and not _TRUNCATED.search(vis)


# A quoted span of 3+ words, or a reporting verb: the line reports what someone
# said, so it is article prose even when it mentions donations, cookies or subscribing.
_QUOTED = re.compile(r"[“«„\"][^”»“\"]*?\w+\W+\w+\W+\w+[^”»“\"]*[”»“\"]")
_REPORTING = re.compile(
    r"\b(?:"
    # en
    r"said|says|told|tells|according to|added|urged|wrote|asked|stated|announced|reported"
    r"|warned|claimed|insisted|noted|explained|stressed"
    # uk
    r"|заяви\w*|повідоми\w*|сказа\w*|зазначи\w*|дода\w*|написа\w*|закли\w*|наголоси\w*"
    r"|розповіл\w*|за словами|за даними"
    # ru
    r"|заявил\w*|сообщил\w*|отметил\w*|добавил\w*|призвал\w*|подчеркнул\w*|рассказал\w*"
    r"|по словам|по данным"
    r")\b",
    re.IGNORECASE,
)


_QUOTE_CHARS = frozenset("“«„\"")


def _guarded(vis: str) -> bool:
    """True when a line must not be removed by a phrase rule (it quotes or attributes)."""
    quoted = not _QUOTE_CHARS.isdisjoint(vis) and _QUOTED.search(vis) is not None
    return quoted or _REPORTING.search(vis) is not None


# --------------------------------------------------------------------------
# Rule families. LABELS match a whole short line (a button, heading or menu
# item); PHRASES match the start of a line and may run on for a sentence.
# Languages side by side: en | uk | ru.
# --------------------------------------------------------------------------

_FLAGS = re.IGNORECASE
_APOS = "['’ʼ]"
_TAIL = r"[\s:：.!|»›>→\-–—…]*"  # what may follow a label: "Share:", "Read more »"


def _label(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{body}){_TAIL}", _FLAGS)


def _phrase(body: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{body})", _FLAGS)


# --- copyright -----------------------------------------------------------
_COPYRIGHT_START = _phrase(r"^(?:©|\(c\)\s|℗|copyright\b|копірайт|копирайт)")
_RIGHTS = _phrase(
    r"all\s+rights\s+reserved"  # en
    r"|(?:усі|всі)\s+права\s+(?:захищен[іо]|застережен[іо])"  # uk
    r"|все\s+права\s+(?:защищены|охраняются)"  # ru
)
# the rights phrase opens the line or a sentence ("© 2024 X. All rights reserved.") and
# closes that sentence; "said all rights reserved to the signatories" is prose
_RIGHTS_SIGNATURE = re.compile(
    rf"(?:^|[.!|©]\s*|\b(?:19|20)\d\d\W*)(?:{_RIGHTS.pattern})\s*(?:\([^()]{{0,40}}\))?"
    r"\s*(?:[.!]|$)",
    _FLAGS,
)

# --- reprint policy ------------------------------------------------------
_REPRINT = _phrase(
    # en
    r"\bmay\s+not\s+be\s+(?:re)?(?:published|produced|printed|distributed|broadcast|rewritten"
    r"|copied|transmitted)"
    r"|^(?:no\s+part\s+of\s+this|(?:any\s+)?(?:reproduction|republication|redistribution"
    r"|reprinting|copying)\b.{0,80}\b(?:prohibited|forbidden|not\s+permitted|without))"
    r"|^(?:you\s+(?:may|can)|feel\s+free\s+to)\s+republish|^republish\s+(?:this|our)"
    r"|\bwithout\s+(?:the\s+)?(?:prior\s+|express\s+)?written\s+permission\b"
    # uk
    rf"|^(?:будь-яке\s+)?(?:використання|передрук|копіювання|відтворення|цитування|поширення)"
    r"\s+(?:матеріал|інформаці|текст|публікац|фото)\w*.{0,120}"
    r"(?:дозволя\w*|допуска\w*|можлив\w*|заборон\w*|лише|тільки|виключно)"
    rf"|посилання\s+.{{0,80}}обов{_APOS}язков\w*"
    rf"|^(?:при|у\s+разі|в\s+разі)\s+(?:цитуванн|використанн|передрук|копіюванн)\w*"
    # ru
    r"|^(?:любое\s+)?(?:использование|перепечатка|копирование|воспроизведение|цитирование"
    r"|распространение)\s+(?:материал|информаци|текст|публикаци|фото)\w*.{0,120}"
    r"(?:разреша\w*|допуска\w*|возможн\w*|запрещ\w*|только|исключительно)"
    r"|ссылк[аи]\s+.{0,80}обязательн\w*"
    r"|^при\s+(?:цитировани|использовани|перепечатк|копировани)\w*"
)

# --- privacy and cookies -------------------------------------------------
_PRIVACY_LABEL = _label(
    # en
    r"privacy(?:\s+(?:policy|notice|statement|settings|choices|center|centre))?"
    r"|your\s+privacy\s+(?:choices|rights|options)|cookies?(?:\s+(?:policy|settings|notice"
    r"|preferences|statement))?|manage\s+(?:cookies|preferences|consent|privacy(?:\s+settings)?)"
    r"|accept(?:\s+(?:all|only\s+essential))?(?:\s+cookies)?|reject\s+all(?:\s+cookies)?"
    r"|(?:terms|conditions)(?:\s+(?:of|and)\s+(?:use|service|conditions|sale))?|user\s+agreement"
    r"|legal(?:\s+(?:notice|information))?|imprint|impressum|accessibility(?:\s+statement)?"
    r"|ad\s*choices|about\s+our\s+ads|do\s+not\s+sell(?:\s+or\s+share)?\s+my\s+personal"
    r"\s+information|gdpr|ok,?\s+i\s+agree|i\s+agree|got\s+it"
    # uk
    r"|політика\s+(?:конфіденційності|використання\s+(?:файлів\s+)?cookies?|cookies?)"
    r"|умови\s+(?:використання|користування)|правила\s+(?:користування|використання)"
    r"|угода\s+користувача|прийняти(?:\s+все)?|погоджуюсь"
    # ru
    r"|политика\s+(?:конфиденциальности|использования\s+(?:файлов\s+)?cookies?|cookies?)"
    r"|условия\s+(?:использования|пользования)|правила\s+(?:использования|пользования)"
    r"|пользовательское\s+соглашение|принять(?:\s+все)?|согласен"
)
_PRIVACY_PHRASE = _phrase(
    # en
    r"^(?:we|this\s+(?:web)?site|our\s+(?:web)?site|we\s+and\s+our\s+(?:third[-\s]party\s+)?"
    r"partners)\s+(?:use|uses)\s+cookies|^by\s+(?:continuing|using|clicking|browsing)\b.{0,60}"
    r"\b(?:agree|accept|consent)|^this\s+site\s+is\s+protected\s+by\s+recaptcha"
    r"|^(?:learn\s+more\s+about\s+your|sale\s+of)\s+(?:privacy|personal\s+information)"
    r"|^we\s+won['’]t\s+sell\s+your\s+personal|^registration\s+on\s+or\s+use\s+of\s+this\s+site"
    r"|^(?:read|see|visit)\s+our\s+(?:privacy|cookie)"
    # uk
    r"|^(?:ми|цей\s+(?:веб)?сайт|сайт)\s+використову\w+\s+(?:файли\s+)?(?:cookie|куки)"
    r"|^продовжуючи\s+(?:користуватися|використовувати|перегляд)"
    # ru
    r"|^(?:мы|этот\s+сайт|сайт|наш\s+сайт)\s+использу\w+\s+(?:файлы\s+)?(?:cookie|куки)"
    r"|^продолжая\s+(?:пользоваться|использовать|просмотр)"
)

# --- funding credits -----------------------------------------------------
_FUNDING_PHRASE = _phrase(
    # en
    r"^this\s+(?:project|article|story|report|reporting|publication|material|content|coverage"
    r"|series|investigation|podcast|newsletter|programme|program|website|site|page|journalism)"
    r"\s+(?:is|was|has\s+been|is\s+being|were)\s+(?:(?:generously|partially|partly|"
    r"financially)\s+)?(?:supported|funded|co-funded|sponsored|made\s+possible|underwritten"
    r"|produced|prepared|published|created)\s+(?:\w+\s+){0,3}?"
    r"(?:by|with|thanks\s+to|in\s+partnership|in\s+cooperation|through|from)\b"
    r"|^the\s+(?:views|opinions|contents?)\s+(?:expressed\s+)?(?:in|of)\s+this\s+\w+"
    r".{0,80}(?:do\s+not\s+necessarily|are\s+(?:the\s+)?sole)"
    # uk
    r"|^(?:цей\s+|ця\s+|це\s+)?(?:матеріал|публікаці\w|проєкт|проект|текст|стат\w+|видання)"
    r"\s+(?:\w+\s+){0,3}?(?:підготовлен|створен|реалізован|опублікован|виготовлен|зроблен"
    r"|вироблен|здійснен|виходить)\w*\s+(?:\w+\s+){0,2}?(?:за|при|завдяки)\s+(?:\w+\s+)?"
    r"(?:підтримк|сприянн|фінансуванн)"
    r"|^(?:думки|погляди|зміст)\b.{0,100}не\s+обов['’ʼ]язково\s+відобража"
    # ru
    r"|^(?:этот\s+|данный\s+|эта\s+)?(?:материал|публикаци\w|проект|текст|стать\w)"
    r"\s+(?:\w+\s+){0,3}?(?:подготовлен|создан|реализован|опубликован|выпущен|сделан"
    r"|произведен|осуществл)\w*\s+(?:\w+\s+){0,2}?(?:при|за|благодаря)\s+(?:\w+\s+)?"
    r"(?:поддержк|содействи|финансировани)"
    r"|^(?:мнения|взгляды|содержание)\b.{0,100}не\s+обязательно\s+отража"
)

# A bare credit ("Supported by the EU", "За підтримки МФВ", "При поддержке фонда"), only on a
# short line without a comma: "При содействии советника груз был доставлен ..." is news.
_FUNDING_CREDIT = _phrase(
    r"^(?:(?:supported|funded|co-funded|sponsored|made\s+possible)\s+by|with\s+(?:the\s+)?"
    r"(?:financial\s+)?support\s+(?:of|from))\b"  # en
    r"|^(?:за\s+(?:фінансової\s+)?підтримки|за\s+сприяння|фінансується)\b"  # uk
    r"|^(?:при\s+(?:финансовой\s+)?поддержке|при\s+содействии|финансируется)\b"  # ru
)
_FUNDING_CREDIT_MAX_WORDS = 10

# --- donation and membership appeals -------------------------------------
_DONATION_LABEL = _label(
    # en
    r"donate(?:\s+(?:now|today|here|monthly|once))?|give(?:\s+(?:now|monthly|once|one\s+time"
    r"|today))|join(?:\s+(?:monthly|now|us))|support(?:\s+us)?|become\s+a\s+(?:member|patron"
    r"|supporter|subscriber|friend)|make\s+a\s+(?:monthly\s+|one[-\s]time\s+)?(?:gift|donation)"
    r"|support\s+(?:our|the|independent|ukrainian|local|quality)\b.{0,60}"
    r"|donate\s+\S{1,8}\s+now|\$\s?\d+"
    # uk
    r"|підтримати(?:\s+\S+){0,3}|підтримайте(?:\s+\S+){0,4}|задонатити|донат\w*"
    r"|стати\s+(?:членом|патроном|другом|учасником)\b.{0,40}|зробити\s+внесок"
    # ru
    r"|поддержать(?:\s+\S+){0,3}|поддержите(?:\s+\S+){0,4}|задонатить|пожертвовать"
    r"|стать\s+(?:членом|патроном|другом|участником)\b.{0,40}|сделать\s+пожертвование"
)
_DONATION_PHRASE = _phrase(
    # en
    r"^(?:please\s+)?(?:consider\s+)?(?:support(?:ing)?|donat(?:e|ing))\s+(?:us|our|to\s+us"
    r"|independent|today|now)\b"
    r"|^(?:your|every)\s+(?:support|donation|gift|contribution)s?\b.{0,40}?\b(?:helps?|keeps?"
    r"|powers?|allows?|enables?|makes?|matters|funds?|goes)\b"
    r"|^we\s+(?:rely|depend)\s+on\s+(?:readers|you|your|donations|reader)"
    r"|^if\s+you\s+(?:like|value|appreciate|enjoy|found)\s+(?:our|this|what\s+we)"
    r"|^help\s+us\s+(?:keep|continue|to\s+keep|stay|report|remain|do)\b"
    r"|^(?:independent|quality)\s+journalism\s+(?:needs|depends|relies|costs)"
    # all three: the appeal as a later sentence of the line ("We rely on readers. Your support
    # helps us ..."), only with a verb of helping so that "Your support matters, she said" is not
    r"|[.!]\s+(?:your|every)\s+(?:support|donation|gift|contribution)s?\s+(?:helps?|keeps?|allows?"
    r"|enables?|powers?)\b"
    r"|[.!]\s+ваш[аі]?\s+(?:підтримка|донати?|внески?)\s+(?:допомага|дозволя|трима)\w*"
    r"|[.!]\s+ваш[аи]?\s+(?:поддержка|донаты?|взносы?)\s+(?:помога|позволя|держ)\w*"
    r"|^as\s+a\s+monthly\s+donor|^we\s+thank\s+you\s+for\s+considering"
    r"|^if\s+you\s+need\s+assistance\s+with\s+your\s+donation"
    # uk
    r"|^(?:будь\s+ласка,?\s+)?підтрима(?:йте|ти)\s+(?:нас|наш|нашу|редакцію|незалежн|проєкт"
    r"|проект|українськ|журналіст)"
    r"|^ваш(?:а|і)?\s+(?:підтримка|донат|внески?|пожертв\w+)\b"
    r"|^(?:незалежна\s+)?журналістика\s+(?:потребує|залежить)"
    # ru
    r"|^(?:пожалуйста,?\s+)?поддерж(?:ите|ать)\s+(?:нас|наш|нашу|редакцию|независим|проект"
    r"|журналист)"
    r"|^ваш(?:а|и)?\s+(?:поддержка|донат|взносы?|пожертвовани\w+)\b"
    r"|^(?:независимая\s+)?журналистика\s+(?:нуждается|зависит)"
)

# --- subscribe, sign-in, newsletter, channel promo -------------------------
_SUBSCRIBE_LABEL = _label(
    # en
    r"subscribe(?:\s+(?:now|today|here))?|newsletters?|sign\s+(?:up|in|out)(?:\s+(?:now|today"
    r"|here))?|log\s*(?:in|out)|register|my\s+account|account|email\s+updates"
    r"|e-?mail\*|email\s+address\*?|name\*|follow\s+us|stay\s+connected|get\s+the\s+app"
    r"|download\s+(?:the|our)\s+app|thank\s+you\s+for\s+(?:subscribing|subscription|signing\s+up)"
    r"|\*?invalid\s+email\s+address|send\s+(?:us\s+)?(?:a\s+)?(?:tip|news)"
    # uk
    r"|підписатися|підпишіться|підписка|розсилка|увійти|вхід|вийти|реєстрація|зареєструватися"
    r"|особистий\s+кабінет|надіслати\s+новину|запропонувати\s+новину"
    # ru
    r"|подписаться|подпишитесь|подписка|рассылка|войти|вход|выйти|регистрация"
    r"|зарегистрироваться|личный\s+кабинет|прислать\s+новость|предложить\s+новость"
)
_SUBSCRIBE_PHRASE = _phrase(
    # en
    r"^(?:subscribe|sign\s+up)\s+(?:now|today|here)\b|^(?:subscribe|sign\s+up)\s+(?:to|for)\s+"
    r"(?:our|the\s+(?:\w+\s+){0,3}?(?:newsletter|channel|podcast|briefing)|free|email|e-mail"
    r"|updates|alerts|breaking|daily|weekly|newsletters?)\b|^follow\s+(?:us|\w+)\s+on\s+"
    r"(?:telegram|twitter|x|facebook|instagram|youtube|tiktok|google\s+news|whatsapp)\b"
    r"|^join\s+(?:us|our)\s+(?:on\s+)?(?:telegram|whatsapp|channel|newsletter|community)"
    r"|^(?:get|receive)\s+(?:our|the)\b.{0,60}\b(?:newsletter|inbox|alerts|updates)"
    r"|^(?:get|receive)\b.{0,60}\b(?:delivered\s+(?:straight\s+)?to\s+your\s+inbox|in\s+your\s+inbox)"
    r"|^(?:get|unlock)\s+unlimited\s+access|\bcancel\s+any\s?time\W*$"
    r"|^(?:отримайте|отримати)\s+(?:необмежений|повний)\s+доступ"  # uk
    r"|^(?:получите|получить)\s+(?:неограниченный|полный)\s+доступ"  # ru
    r"|^(?:don['’]t\s+miss|never\s+miss)\s+(?:our|a|the|out)\b|^stay\s+informed\s+with"
    r"|^thanks?\s+(?:you\s+)?for\s+(?:signing\s+up|subscribing)"
    r"|^(?:already\s+a\s+subscriber|create\s+(?:a\s+)?free\s+account|subscribe\s+to\s+continue)"
    r"|^(?:be\s+the\s+first\s+to\s+know|we\s+will\s+send\s+you)"
    r"|^(?:for\s+the\s+latest\s+news)\b.{0,60}\bhead\s+to"
    # uk
    r"|^(?:підписуй(?:те)?(?:ся|сь)|підпиши(?:сь|ться)|підпишіться|підписатися)\s+(?:на|у|в)\b"
    r"|^(?:стежте|слідкуйте|слідкуй)\s+за\s+(?:нами|новинами|оновленнями)"
    r"|^(?:читайте|дивіться)\s+(?:нас|\w+)\s+(?:в|у|на)\s+(?:telegram|телеграм|viber|вайбер"
    r"|facebook|youtube|google|instagram|tiktok)"
    r"|^(?:читайте|дивіться|читати)\s+нас\b"
    r"|^(?:наш|наші)\s+(?:telegram|телеграм)"
    # ru
    r"|^(?:подписыва(?:й|йте)(?:сь|ся)|подпиши(?:сь|тесь)|подписаться)\s+(?:на|в)\b"
    r"|^(?:следите|следи)\s+за\s+(?:нами|новостями|обновлениями)"
    r"|^(?:читайте|смотрите)\s+(?:нас|\w+)\s+(?:в|на)\s+(?:telegram|телеграм|viber|вайбер"
    r"|youtube|дзен|google|vk|rutube|max)"
    r"|^(?:читайте|смотрите|читать)\s+нас\b"
    r"|^(?:наш|наши)\s+(?:telegram|телеграм)"
    # all: a bare call to action, alone or after a channel name ("Топор Live. Подписаться")
    r"|^(?:subscribe|подпис\w+|підпис\w+)\W*(?:https?://\S+|t\.me/\S+|@\w+)$"
    r"|^[^.!?]{0,40}[.!:—–|]\s*(?:subscribe|follow\s+us|подписаться|подписывайся|подпишись"
    r"|підписатися|підписуйся|підпишись)\W*$"
)

# --- adverts -------------------------------------------------------------
_ADVERT_LABEL = _label(
    # en
    r"advertisements?|advertising|advertise(?:\s+with\s+us)?|ad|ads|sponsored(?:\s+content)?"
    r"|partner\s+content|paid\s+(?:content|post|partnership)|promoted|from\s+our\s+partners"
    r"|story\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?advertisement)?"
    r"|scroll\s+(?:down\s+)?to\s+continue(?:\s+(?:reading|with\s+content))?"
    r"|continue\s+reading\s+(?:below|the\s+main\s+story)|article\s+continues\s+below"
    # uk
    r"|реклама|партнерськ\w+\s+матеріал|спецпроєкт|на\s+правах\s+реклами|промо"
    # ru
    r"|реклама|партнерск\w+\s+материал|спецпроект|на\s+правах\s+рекламы"
    r"|#(?:реклама|промо|ad|sponsored|партнер)"
)

# --- share prompts -------------------------------------------------------
_SHARE_LABEL = _label(
    # en
    r"share(?:\s+(?:this|on|via|it|article|story|page|now))*(?:\s+(?:article|story|page))?"
    r"|share\s+(?:on\s+)?(?:facebook|twitter|x|telegram|whatsapp|linkedin|email)"
    r"|more\s+share\s+options|tweet|copy(?:\s+article)?\s+link|link\s+copied|email\s+this"
    r"|print(?:\s+this)?(?:\s+(?:article|page))?|save(?:\s+article)?"
    # uk
    r"|поділитися|поділись|поширити|копіювати\s+посилання|скопіювати\s+посилання"
    r"|посилання\s+скопійовано|друкувати"
    # ru
    r"|поделиться|поделись|копировать\s+ссылку|скопировать\s+ссылку|ссылка\s+скопирована"
    r"|распечатать|печать"
)
# a line made only of social-network names ("Facebook Twitter Telegram")
_NETWORK = (
    r"facebook|twitter|telegram|whatsapp|viber|linkedin|pinterest|reddit|tumblr|flipboard"
    r"|instagram|youtube|tiktok|threads|bluesky|mastodon|vk|вконтакте|однокласники|одноклассники"
    r"|messenger|google\s+news|rss|email|e-mail|sms|x|gmail|pocket|digg|yammer|weibo|qzone"
    r"|blogger|typepad|netvibes|viadeo|yahoomail|flickr|line|skype"
)
_NETWORKS_ONLY = re.compile(rf"(?:\b(?:{_NETWORK})\b[\s,|/·•]*)+", re.IGNORECASE)
# networks that are unambiguous on their own; "X", "Email", "Print" only next to others
_NETWORK_STRONG = re.compile(
    r"facebook|twitter|telegram|whatsapp|viber|linkedin|pinterest|reddit|tumblr|flipboard"
    r"|instagram|youtube|tiktok|bluesky|mastodon|вконтакте|однокласники|одноклассники",
    re.IGNORECASE,
)

# --- related / read-more headings (start a block) and inline "Read also: ..." ---
_RELATED_HEADING = _label(
    # en
    r"related(?:\s+(?:articles?|stories|news|posts?|content|coverage|reading|topics?|links"
    r"|information|videos?))?|read\s+(?:more|also|next)|also\s+read|see\s+also|more\s+stories"
    r"|you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in|have\s+missed)"
    r"|recommended(?:\s+(?:for\s+you|stories|articles))?|most\s+(?:read|popular|viewed|shared)"
    r"|(?:top|trending|latest|popular|more|other)\s+(?:stories|news|headlines|articles|posts)"
    r"|trending\s+now|popular\s+now|editor['’]?s\s+picks?|top\s+picks"
    r"|more\s+(?:from|on|in|about)\s+\S+(?:\s+\S+){0,3}|in\s+other\s+news|what\s+to\s+read\s+next"
    r"|(?:useful\s+|related\s+)?links|the\s+latest\s+stories\s+on\s+\S+(?:\s+\S+){0,2}"
    r"|further\s+reading|recent\s+posts|see\s+all|view\s+all"
    r"|all\s+(?:news|stories)|show\s+more|load\s+more|read\s+less"
    # uk
    r"|читайте\s+також|також\s+читайте|дивіться\s+також|читати\s+також|читати\s+далі"
    r"|схожі\s+(?:новини|матеріали|статті|публікації)|(?:новини|матеріали)\s+(?:за|по)\s+темі"
    r"|за\s+темою|більше\s+(?:новин|матеріалів|на\s+тему|за\s+темою)|інші\s+новини"
    r"|останні\s+новини|найпопулярніше|популярне|найчитаніше|вибір\s+редакції"
    r"|вас\s+може\s+зацікавити|рекомендуємо|пов['’ʼ]язані\s+(?:матеріали|новини|статті)"
    r"|головне\s+за\s+(?:день|тиждень)|(?:усі|всі)\s+новини|показати\s+(?:ще|більше)|детальніше"
    # ru
    r"|читайте\s+также|также\s+читайте|смотрите\s+также|читать\s+также|читать\s+далее"
    r"|похожие\s+(?:новости|материалы|статьи|публикации)|новости\s+по\s+теме|(?:ещ[её]\s+)?по\s+теме"
    r"|другие\s+новости|последние\s+новости|популярное|самое\s+(?:читаемое|популярное|главное)"
    r"|выбор\s+редакции|вас\s+может\s+заинтересовать|рекомендуем"
    r"|связанные\s+(?:материалы|новости|статьи)|главное\s+за\s+(?:день|неделю)|все\s+новости"
    r"|показать\s+(?:ещ[её]|больше)|подробнее"
)
_RELATED_INLINE = _phrase(
    # en
    r"^(?:read\s+(?:also|more|next)|also\s+read|see\s+also|related|more|watch|listen|recommended"
    r"|you\s+may\s+also\s+like|further\s+reading)\s*(?:\|\s*|[:：—–]|-\s)\s*\S"
    # uk
    r"|^(?:читайте\s+також|також\s+читайте|дивіться\s+також|читати\s+також|по\s+темі"
    r"|на\s+тему)\s*(?:[:：—–]|-\s)\s*\S"
    # ru
    r"|^(?:читайте\s+также|также\s+читайте|смотрите\s+также|читать\s+также|по\s+теме"
    r"|на\s+тему)\s*(?:[:：—–]|-\s)\s*\S"
)
# Deliberately absent: "Раніше:", "Ранее:", "Нагадаємо:", which open article prose in uk/ru news.
_RELATED_INLINE_MAX_WORDS = 25
_READ_MORE_LINK = _phrase(
    r"^(?:read\s+(?:more|also|the\s+full)|continue\s+reading|читати\s+(?:далі|більше|повністю)"
    r"|читайте\s+(?:далі|повністю)|читать\s+(?:далее|полностью)|читайте\s+(?:далее|полностью))"
)

# --- tags ----------------------------------------------------------------
_TAGS_HEADING = _label(
    r"tags?|tagged(?:\s+with)?|topics?|filed\s+under|keywords|categories|category"  # en
    r"|теги|тег|теми|ключові\s+слова|мітки|рубрики|рубрика"  # uk
    r"|тэги|теги|темы|ключевые\s+слова|метки|рубрики|рубрика"  # ru
)
_TAGS_INLINE = _phrase(
    r"^(?:tags?|tagged(?:\s+with)?|topics?|filed\s+under|keywords|categories)\s*[:：]\s*\S"  # en
    r"|^(?:теги|теми|ключові\s+слова|мітки|рубрики)\s*[:：]\s*\S"  # uk
    r"|^(?:тэги|теги|темы|ключевые\s+слова|метки|рубрики)\s*[:：]\s*\S"  # ru
)
# "Ukraine (2,341)  Russia (1,877)": topic names with article counters
_TAG_COUNTERS = re.compile(
    r"(?:[^\W\d_][^\W\d_]*(?:[ '’&-]+[^\W\d_]+){0,3}\s*\(\s*\d[\d.,\s]*\)\s*[,;|·•/]?\s*)+"
)
_HANDLE_ONLY = re.compile(r"@[A-Za-z0-9_]{3,32}")
_HASHTAGS_ONLY = re.compile(r"(?:#[^\W_][\w-]*[\s,]*)+")

# --- comments ------------------------------------------------------------
_COMMENTS_LABEL = _label(
    r"(?:show|view|hide|load|read|add|post|leave)\s+(?:a\s+|all\s+|the\s+)?comments?|comments?"
    r"|\d+\s+comments?|be\s+the\s+first\s+to\s+comment|join\s+the\s+(?:conversation|discussion)"
    r"|leave\s+a\s+(?:reply|comment)(?:\s+cancel\s+reply)?|comments\s+are\s+closed"
    r"|cancel\s+reply|post\s+comment|submit(?:\s+comment)?"
    r"|коментар\w*|залишити\s+коментар|(?:\d+\s+)?коментар\w*|додати\s+коментар"  # uk
    r"|комментари\w*|оставить\s+комментарий|(?:\d+\s+)?комментари\w*|добавить\s+комментарий"  # ru
)

# --- page furniture: skip links, reading time, script warnings ------------
_NAV_LABEL = _label(
    # en
    r"skip\s+to\s+(?:main\s+)?(?:content|article|navigation|search)|back\s+to\s+(?:top|home"
    r"(?:page)?|main\s+menu)|home(?:page)?|menu|main\s+menu|open\s+menu|close(?:\s+menu)?"
    r"|search|site\s+search|sitemap|site\s+map|breadcrumbs?|about(?:\s+us)?|contact(?:\s+us)?"
    r"|careers|jobs|faqs?|help|feedback|previous|next|previous\s+items|next\s+items"
    r"|select\s+(?:your\s+)?language|choose\s+(?:your\s+)?language|language|learn\s+more|more"
    r"|toggle\s+navigation|page\s+contents|in\s+this\s+article|table\s+of\s+contents|back"
    r"|(?:previous|next|older|newer)\s+(?:post|article|story|posts|entries)|post\s+navigation"
    r"|search\s+for|sections|back\s+to\s+gallery|enlarge\s+image|view\s+gallery"
    r"|попередн\w+\s+(?:стаття|новина|запис)|наступн\w+\s+(?:стаття|новина|запис)"
    r"|предыдущ\w+\s+(?:статья|новость|запись)|следующ\w+\s+(?:статья|новость|запись)"
    # uk
    r"|головна|меню|пошук|закрити|наверх|вгору|нагору|перейти\s+до\s+(?:основного\s+)?вмісту"
    r"|про\s+нас|контакти|мова|обрати\s+мову|назад|далі"
    # ru
    r"|главная|меню|поиск|закрыть|наверх|вверх|перейти\s+к\s+(?:основному\s+)?содержанию"
    r"|о\s+нас|контакты|язык|выбрать\s+язык|назад|далее"
)
_WIDGET = _phrase(
    # en
    r"^-?\d{1,3}\s*°\s*[cfсф]?$|^\d+\s*(?:-|\s)?\s*min(?:ute)?s?\s+read$|^(?:listen\s+to\s+(?:this\s+)?article|listen"
    r"|font\s+size|text\s+size|reading\s+time\b.{0,20}|loading\.*|play\s+video|watch\s+video"
    r"|watch\s+live)\W*$"
    r"|^(?:please\s+)?(?:ensure|enable)\s+javascript|^javascript\s+is\s+(?:disabled|required)"
    r"|^save\s+my\s+name,\s+email|^this\s+site\s+uses\s+akismet|^notify\s+me\s+of\s+(?:new|follow)"
    r"|^(?:sorry,\s+your\s+blog\s+cannot\s+share|post\s+was\s+not\s+sent|email\s+check\s+failed)"
    r"|^your\s+browser\s+does\s+not\s+support|^(?:this\s+)?video\s+(?:is\s+)?(?:unavailable"
    r"|cannot\s+be\s+played)|^you\s+have\s+permission\s+to\s+edit\s+this"
    # uk
    r"|^(?:час\s+читання|читати\s+\d+\s+хв|\d+\s+хв(?:илин)?\s+читання)\b.{0,20}$"
    r"|^(?:слухати|прослухати)(?:\s+статтю)?\W*$|^завантаження\.*$"
    # ru
    r"|^(?:время\s+чтения|читать\s+\d+\s+мин|\d+\s+мин(?:ут)?\s+чтения)\b.{0,20}$"
    r"|^(?:слушать|прослушать)(?:\s+статью)?\W*$|^загрузка\.*$"
)
# Section names of news sites. Never removed on their own ("Politics" can be a heading);
# they only tell a run of short lines that it is a menu (see _context_rules).
_SECTION_NAME = _label(
    # en
    r"news|latest(?:\s+news)?|world|politics|business|economy|markets|money|sports?|opinion"
    r"|culture|arts?|entertainment|tech(?:nology)?|science|health|video|videos|photos?|podcasts?"
    r"|lifestyle|travel|weather|local|national|international|europe|u\.?s\.?|uk|crime|media"
    r"|education|style|food|climate|environment|features|analysis|investigations|live|war"
    r"|ukraine|russia|middle\s+east|asia|africa|americas|world\s+news|breaking(?:\s+news)?"
    # uk
    r"|новини|світ|політика|економіка|бізнес|спорт|думки|культура|суспільство|війна|технології"
    r"|наука|здоров['’ʼ]я|відео|фото|стиль\s+життя|регіони|україна|кримінал|аналітика|блоги"
    # ru
    r"|новости|мир|политика|экономика|бизнес|спорт|мнения|культура|общество|война|технологии"
    r"|наука|здоровье|видео|фото|происшествия|регионы|россия|украина|аналитика|блоги"
)
# one-line menus and breadcrumbs: "Home | World | Ukraine", "Головна › Новини › Світ"
_MENU_SEPARATOR = re.compile(r"\s+[|•·›»>/]\s+|\s*[›»]\s*")

# --- unrendered template tokens -----------------------------------------
_TEMPLATE = re.compile(
    r"\{\{[^{}\n]{1,60}\}\}|\{%[^%\n]{1,60}%\}|<%=?[^%\n]{1,60}%>|\$\{[\w.]{1,40}\}"
    r"|%%[A-Z_]{2,30}%%"
)
_TEMPLATE_MAX_WORDS = 15


def _fullmatch_label(pattern: re.Pattern[str], vis: str) -> bool:
    return bool(vis) and pattern.fullmatch(vis) is not None


# ---------------------------------------------------------------------------
# Single-line classification
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    raw: str
    vis: str
    n_words: int
    blank: bool
    sentence: bool
    link_only: bool
    nav_item: bool


_LINK_ONLY = re.compile(r"\s*(?:[-*+•]\s*)?(?:!?\[[^\]]*\]\([^)]*\)[\s|,·•]*)+\s*")


def _analyse(raw: str) -> _Line:
    vis = _visible(raw)
    words = _words(vis)
    return _Line(
        raw=raw,
        vis=vis,
        n_words=len(words),
        blank=not raw.strip(),
        sentence=_is_sentence(vis, len(words)),
        link_only=_LINK_ONLY.fullmatch(_ZERO_WIDTH.sub("", raw)) is not None
        or (_has_url(vis) and _URL.fullmatch(vis) is not None),
        nav_item=_is_nav_item_text(vis),
    )


def _is_menu_line(ln: _Line) -> bool:
    parts = [p for p in _MENU_SEPARATOR.split(ln.vis) if p.strip()]
    if len(parts) < 3 or ln.sentence:
        return False
    return all(_is_nav_item_text(p.strip()) for p in parts)


def _is_nav_item_text(vis: str) -> bool:
    """A menu item: 1-4 words, no digits (table cells, scores, dates), no sentence end."""
    if not vis or len(vis) > _NAV_MAX_CHARS or any(c.isdigit() for c in vis):
        return False
    n = len(_words(vis))
    if not 1 <= n <= _NAV_MAX_WORDS:
        return False
    if _SENTENCE_END.search(vis) or vis.endswith((",", ":")):
        return False
    first = next((c for c in vis if c.isalpha()), "")
    return first.isupper() or n <= 2


def _networks_only(ln: _Line) -> bool:
    return ln.n_words <= 10 and _NETWORKS_ONLY.fullmatch(ln.vis) is not None


def _classify(ln: _Line) -> str | None:
    """The reason a line is debris on its own, or None."""
    vis, n = ln.vis, ln.n_words
    if ln.blank:
        return None
    if not vis or (n == 0 and not any(c.isalnum() for c in vis)):
        return None  # markup-only lines ("**", "---") are left alone
    # copyright: a signature line, not prose that happens to contain ©
    if n <= _MAX_PHRASE_WORDS and (
        (_COPYRIGHT_START.search(vis) and not _REPORTING.search(vis))
        or (_RIGHTS.search(vis) and _RIGHTS_SIGNATURE.search(vis))
    ):
        return "copyright"
    if n <= _TEMPLATE_MAX_WORDS and _TEMPLATE.search(vis):
        return "template"
    # whole-line labels: short by construction, so no prose guard needed
    if n <= 12:
        for reason, pattern in _LABEL_RULES:
            if _fullmatch_label(pattern, vis):
                return reason
        if _networks_only(ln) and _NETWORK_STRONG.search(vis):
            return "share"
        bare = _ZERO_WIDTH.sub("", ln.raw).strip().strip("*_")
        if _HASHTAGS_ONLY.fullmatch(bare):
            return "tags"
        if _HANDLE_ONLY.fullmatch(bare):
            return "signature"  # a Telegram channel signing its post: "@banksta"
        if "(" in vis and _TAG_COUNTERS.fullmatch(vis):
            return "tags"
    if n <= _MAX_PHRASE_WORDS and _TAGS_INLINE.search(vis):
        return "tags"
    if n <= 8 and _WIDGET.search(vis):
        return "widget"
    if not _MENU_CHARS.isdisjoint(vis) and _is_menu_line(ln):
        return "navigation"
    if ln.link_only and _READ_MORE_LINK.search(vis):
        return "related"
    if n > _MAX_PHRASE_WORDS:
        return None
    reason = None
    if n <= _RELATED_INLINE_MAX_WORDS and _RELATED_INLINE.search(vis):
        # "Read more: Kyiv says corridor still working" is a headline (no full stop), even
        # with "says"; "Related: the fund grew, according to Prague." is a sentence
        return "related" if not (ln.sentence and _guarded(vis)) else None
    if n <= _FUNDING_CREDIT_MAX_WORDS and "," not in vis and _FUNDING_CREDIT.search(vis):
        reason = "funding"
    else:
        reason = next((r for r, pattern in _PHRASE_RULES if pattern.search(vis)), None)
    # a phrase rule never takes a line that quotes someone or reports what they said
    return None if reason is None or _guarded(vis) else reason


_MENU_CHARS = frozenset("|•·›»>/")


_LABEL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("advert", _ADVERT_LABEL),
    ("privacy", _PRIVACY_LABEL),
    ("share", _SHARE_LABEL),
    ("donation", _DONATION_LABEL),
    ("subscribe", _SUBSCRIBE_LABEL),
    ("comments", _COMMENTS_LABEL),
    ("related", _RELATED_HEADING),
    ("tags", _TAGS_HEADING),
    ("navigation", _NAV_LABEL),
)
_PHRASE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("reprint-policy", _REPRINT),
    ("privacy", _PRIVACY_PHRASE),
    ("funding", _FUNDING_PHRASE),
    ("donation", _DONATION_PHRASE),
    ("subscribe", _SUBSCRIBE_PHRASE),
)

# ---------------------------------------------------------------------------
# Context rules: blocks that follow a heading, runs of menu items, share bars
# ---------------------------------------------------------------------------


_NUMBERED = re.compile(r"\s*\d{1,2}[.)]\s+\S")


def _headline_like(ln: _Line) -> bool:
    """A list item under a "Related" heading: a headline, date, byline or link."""
    if ln.link_only:
        return True
    first = next((c for c in ln.vis if c.isalnum()), "")
    if first.islower() or ln.vis.endswith((",", "-")):
        return False  # the continuation of a hard-wrapped paragraph, not a headline
    if _TRUNCATED.search(ln.vis) and ln.n_words <= _MAX_PHRASE_WORDS:
        return True  # a teaser cut off with "..."
    if _NUMBERED.match(ln.raw) and ln.n_words <= _HEADLINE_MAX_WORDS:
        return True  # "2. Can Europe defend itself?": a numbered list of headlines
    return not ln.sentence and ln.n_words <= _HEADLINE_MAX_WORDS


def _tag_like(ln: _Line) -> bool:
    return not ln.sentence and ln.n_words <= 5 and not ln.vis.endswith(":")


def _extend_block(
    lines: Sequence[_Line], reasons: list[str | None], start: int, reason: str,
    member: Callable[[_Line], bool],
) -> None:
    """Mark lines after a heading at ``start`` while they look like list items.

    Blank lines do not end the block when the next line is another item; the
    block ends at the first line that is not an item (a sentence, or prose
    after a blank line).
    """
    i = start + 1
    while i < len(lines):
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        if reasons[i] is not None:
            i += 1  # already debris of another kind: part of the block
            continue
        if not member(ln):
            return
        reasons[i] = reason
        i += 1


def _mark_runs(
    lines: Sequence[_Line], reasons: list[str | None], is_item: Callable[[int], bool],
    min_run: int, reason: str, min_new: int = 1,
    anchor: Callable[[list[int]], bool] | None = None,
) -> None:
    """Mark runs of at least ``min_run`` consecutive items (blank lines ignored).

    With ``anchor``, a run is only marked when ``anchor(run)`` holds.
    """
    run: list[int] = []

    def flush() -> None:
        anchored = anchor is None or (bool(run) and anchor(run))
        if (
            anchored
            and len(run) >= min_run
            and sum(reasons[j] is None for j in run) >= min_new
        ):
            for j in run:
                if reasons[j] is None:
                    reasons[j] = reason
        run.clear()

    for i, ln in enumerate(lines):
        if ln.blank:
            continue
        if is_item(i):
            run.append(i)
        else:
            flush()
    flush()


def _spread_share(lines: Sequence[_Line], reasons: list[str | None]) -> None:
    """"X", "Email", "Print", "Copy link" count as share items next to other share items."""
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
    changed = True
    while changed:
        changed = False
        for k, i in enumerate(nonblank):
            if reasons[i] is not None or not _networks_only(lines[i]):
                continue
            neighbours = nonblank[max(0, k - 1) : k] + nonblank[k + 1 : k + 2]
            if any(reasons[j] == "share" for j in neighbours):
                reasons[i] = "share"
                changed = True


def _context_rules(lines: Sequence[_Line], reasons: list[str | None]) -> None:
    single = list(reasons)  # what the one-line rules said, before blocks extend it
    _spread_share(lines, reasons)
    for i, ln in enumerate(lines):
        if ln.blank or reasons[i] not in {"related", "tags"}:
            continue
        if reasons[i] == "related" and _fullmatch_label(_RELATED_HEADING, ln.vis):
            _extend_block(lines, reasons, i, "related", _headline_like)
        elif reasons[i] == "tags" and _fullmatch_label(_TAGS_HEADING, ln.vis):
            _extend_block(lines, reasons, i, "tags", _tag_like)

    def nav_item(i: int) -> bool:
        ln = lines[i]
        return reasons[i] is not None or (not ln.link_only and ln.nav_item)

    # A menu must contain some plain items (not only lines other rules took) and at
    # least one item a one-line rule recognised ("Home", "Search", "Privacy Policy"):
    # a list of names or table cells has none of those.
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
    position = {i: k for k, i in enumerate(nonblank)}

    def menu_anchor(run: list[int]) -> bool:
        if any(single[j] is not None or _fullmatch_label(_SECTION_NAME, lines[j].vis) for j in run):
            return True
        first, last = position[run[0]], position[run[-1]]
        before = nonblank[first - 1] if first > 0 else None
        after = nonblank[last + 1] if last + 1 < len(nonblank) else None
        return before is None or any(
            k is not None and single[k] is not None for k in (before, after)
        )

    _mark_runs(
        lines, reasons, nav_item, _NAV_MIN_RUN, "navigation", min_new=2, anchor=menu_anchor
    )

    def link_item(i: int) -> bool:
        ln = lines[i]
        return ln.link_only and ln.n_words <= _HEADLINE_MAX_WORDS

    _mark_runs(lines, reasons, link_item, _LINK_MIN_RUN, "related")


# ---------------------------------------------------------------------------
# Putting lines back together
# ---------------------------------------------------------------------------

_MAX_BLANK_RUN = 2


def _split_lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _join_kept(raw_lines: Sequence[str], drop: Sequence[bool]) -> str:
    """Join the kept lines.

    Blank runs on both sides of a removed block do not add up: the longer one
    is kept. Blank runs are capped at two lines, whitespace-only lines become
    empty, and leading/trailing blank lines go.
    """
    out: list[str] = []
    blanks = 0  # blank lines since the last kept or removed non-blank line
    widest = 0  # widest blank run since the last kept non-blank line
    for raw, gone in zip(raw_lines, drop, strict=True):
        if gone:
            widest, blanks = max(widest, blanks), 0
        elif not raw.strip():
            blanks += 1
        else:
            if out:
                out.extend([""] * min(max(widest, blanks), _MAX_BLANK_RUN))
            out.append(raw)
            widest = blanks = 0
    return "\n".join(out)


def _clean_once(
    text: str, memo: dict[str, tuple[_Line, str | None]]
) -> tuple[str, list[RemovedLine]]:
    raw_lines = _split_lines(text)
    for raw in raw_lines:
        if raw not in memo:
            ln = _analyse(raw)
            memo[raw] = (ln, _classify(ln))
    lines = [memo[r][0] for r in raw_lines]
    reasons = [memo[r][1] for r in raw_lines]
    _context_rules(lines, reasons)
    drop = [r is not None for r in reasons]
    removed = [RemovedLine(raw, r) for raw, r in zip(raw_lines, reasons, strict=True) if r]
    return _join_kept(raw_lines, drop), removed


def clean_text(text: str) -> Cleaned:
    """Remove site debris recognised by the general rules; kept lines are untouched.

    The rules run again on their own output until nothing changes, so that a
    menu split by a removed advert is still seen as one menu, and
    ``clean_text(clean_text(t).text) == clean_text(t)`` holds.
    """
    removed: list[RemovedLine] = []
    current = text
    memo: dict[str, tuple[_Line, str | None]] = {}  # one-line results, reused by later passes
    for _ in range(_MAX_PASSES):
        new, gone = _clean_once(current, memo)
        removed.extend(gone)
        if new == current:
            break
        current = new
    return Cleaned(current, tuple(removed))


# ---------------------------------------------------------------------------
# Lines learned per outlet
# ---------------------------------------------------------------------------

_DIGITS = re.compile(r"\d")
_PUNCT_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _normal_form(line: str) -> str:
    """Casefolded visible text, digits as 0, whitespace folded, edge punctuation dropped:
    "Feb 27, 2026 16:51" and "Feb 10, 2026 13:43" are one line; markdown link targets
    do not count, so a menu item is the same line whatever page it links from."""
    vis = _visible(line).casefold()
    vis = _DIGITS.sub("0", vis)
    return _PUNCT_EDGES.sub("", _SPACE.sub(" ", vis).strip())


def line_hash(line: str) -> str:
    """Stable 16-hex-digit hash of a line's normal form (see ``_normal_form``)."""
    return hashlib.blake2b(_normal_form(line).encode("utf-8"), digest_size=8).hexdigest()


def learnable_lines(text: str) -> list[str]:
    """Lines of a (general-cleaned) text that may be counted as outlet debris.

    Each distinct normal form once, in order. Left out: blank lines, lines with
    fewer than two letters (list numbers, separators), and lines longer than
    :data:`LEARNABLE_MAX_WORDS` words (paragraphs recurring across an outlet's
    documents are syndicated copy or quoted text, not site furniture).
    """
    seen: set[str] = set()
    out: list[str] = []
    for raw in _split_lines(text):
        if not raw.strip():
            continue
        vis = _visible(raw)
        if sum(c.isalpha() for c in vis) < 2 or len(_words(vis)) > LEARNABLE_MAX_WORDS:
            continue
        key = _normal_form(raw)
        if key and key not in seen:
            seen.add(key)
            out.append(raw)
    return out


_LEAD_IN = re.compile(r":[\s\"'”’»)*_]*$")


def _sentence_like_for_learning(ln: _Line) -> bool:
    """Could be article text: a finished clause, a long line, or a lead-in ending in ':'.

    Lead-ins are guarded whatever their length: Telegram channels open items with
    "⚡️Минобороны РФ:" or "Зеленский:", which say who the following claim is from.
    """
    if ln.n_words >= _GUARD_WORDS or (ln.n_words >= 1 and _LEAD_IN.search(ln.vis)):
        return True
    return ln.n_words >= 3 and bool(_SENTENCE_END.search(ln.vis))


def remove_learned(text: str, learned: set[str]) -> Cleaned:
    """Remove lines whose :func:`line_hash` is in ``learned``.

    Short, non-sentence lines (menu items, bylines, section labels) go wherever
    they are. A sentence-like learned line (see ``_sentence_like_for_learning``)
    could be a stock article sentence that an outlet repeats ("The Kremlin did
    not respond to a request for comment."), so it is removed only when both
    hold:

    * it lies outside the article span: before the first or after the last
      line that is sentence-like and *not* learned (the article's own prose);
    * it is not directly next to such a prose line (blank lines skipped), so
      the closing sentence of an article is kept even when a footer follows.

    A text with no unlearned prose keeps all its sentence-like lines: with no
    article to anchor on, nothing tells footer from body (a one-line post).
    """
    raw_lines = _split_lines(text)
    lines = [_analyse(r) for r in raw_lines]
    hit = [not ln.blank and line_hash(ln.raw) in learned for ln in lines]
    guarded = [h and _sentence_like_for_learning(ln) for h, ln in zip(hit, lines, strict=True)]
    prose = [
        not ln.blank and not h and _sentence_like_for_learning(ln)
        for h, ln in zip(hit, lines, strict=True)
    ]
    prose_idx = [i for i, p in enumerate(prose) if p]
    nonblank = [i for i, ln in enumerate(lines) if not ln.blank]
    position = {i: k for k, i in enumerate(nonblank)}

    def removable(i: int) -> bool:
        if not guarded[i]:
            return True
        if not prose_idx or prose_idx[0] < i < prose_idx[-1]:
            return False
        k = position[i]
        neighbours = nonblank[max(0, k - 1) : k] + nonblank[k + 1 : k + 2]
        return not any(prose[j] for j in neighbours)

    drop = [h and removable(i) for i, h in enumerate(hit)]
    removed = tuple(
        RemovedLine(raw, "learned") for raw, d in zip(raw_lines, drop, strict=True) if d
    )
    return Cleaned(_join_kept(raw_lines, drop), removed)


# ---------------------------------------------------------------------------
# Outlet named by a signature line
# ---------------------------------------------------------------------------

_SIGNATURE_MARK = re.compile(
    r"©|(?<!\S)\(c\)(?=\s)|\bcopyright\b|копірайт|копирайт", re.IGNORECASE
)
# credits of a photo, not the site's signature
_PHOTO_CREDIT = re.compile(
    r"photo|image|picture|getty|shutterstock|reuters/|afp/|ap/|\bcredit|фото|світлин|снимок"
    r"|/\s*\w", re.IGNORECASE
)
_YEARS = re.compile(r"\b(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)?\d\d)?\b")
_SIGNATURE_NOISE = re.compile(
    rf"{_SIGNATURE_MARK.pattern}|{_RIGHTS.pattern}|\ball\s+rights\b|\bby\b\s*$",
    re.IGNORECASE,
)


def signature_outlet(text: str) -> str | None:
    """The rights holder named by a copyright signature, e.g. "© 2024 Eastern Wire
    Media. All rights reserved." -> "Eastern Wire Media".

    Apply to the text *before* cleaning (cleaning removes the signature).
    Candidates are short lines with a copyright mark; photo credits ("© Reuters/
    Gleb Garanich", "Photo: © AFP 2024") are skipped. A line with a rights phrase
    beats one with only a year, which beats a bare "© Name" line; among equals
    the last wins (the page footer comes last).
    """
    best: tuple[tuple[int, int, int], str] | None = None
    for pos, raw in enumerate(_split_lines(text)):
        vis = _visible(raw)
        mark = _SIGNATURE_MARK.search(vis)
        if not mark or len(_words(vis)) > 25:
            continue
        has_rights = bool(_RIGHTS.search(vis))
        has_year = bool(_YEARS.search(vis))
        if not has_rights and _PHOTO_CREDIT.search(vis):
            continue
        if not (has_rights or has_year or (mark.start() == 0 and len(_words(vis)) <= 8)):
            continue
        name = _signature_name(vis[mark.start() :])
        if name:
            rank = (int(has_rights), int(has_year), pos)
            if best is None or rank > best[0]:
                best = (rank, name)
    return best[1] if best else None


_NAME_END = re.compile(r"(?<![A-Z])(?<!Inc)(?<!Ltd)(?<!Co)(?<!LLC)\.\s|\s[|–—]\s|;")


def _signature_name(tail: str) -> str | None:
    """The holder's name from the text after a copyright mark."""
    s = _SIGNATURE_NOISE.sub(" ", tail)
    s = _YEARS.sub(" ", s)
    # the name ends at the first sentence break: "Nexstar Media, Inc. All rights ..."
    s = _NAME_END.split(s, maxsplit=1)[0]
    s = re.sub(r"\s+", " ", s).strip(" \t,.:;-–—|()")
    s = re.sub(r"^(?:the\s+)?(?:by|від|от)\s+", "", s, flags=re.IGNORECASE)
    s = s.strip(" ,.")
    if not s or len(_words(s)) > 8 or not any(c.isalpha() for c in s):
        return None
    return s
