"""Attributed claims in Russian documents, over natasha's parse (UD dependencies and NER).

The English stage's rules read spaCy's English parse; for Russian the parse comes from
natasha (razdel segmentation, slovnet morphology, syntax and NER, pymorphy2 lemmas: all
models ship inside the PyPI wheels, nothing is downloaded). On it, by hand-written rules
(no library extracts source/cue/content spans from Russian news):

* a reporting verb (``CUE_VERBS``, matched on the lemma: "заявило", "сообщили",
  "подчеркнул", "опровергла", "сообщается", "заявив") with a clause ("..., что ..."), a
  quotation, a colon, or "о"/"об" + noun ("сообщил о гибели") as content, its ``nsubj`` as
  source; "как сообщает X, ..." and "«...», — заявил X" take the rest of the sentence;
* prepositional cues: "по словам X", "по данным X", "по информации X", "по мнению X"
  (source: the genitive), "со ссылкой на X" (nested under the verb that carries it);
* a speaker and a colon opening a line ("Песков: переговоры не ведутся"), the Telegram way
  of quoting.

Stance, hedge bands (ICD 203, the bands of :mod:`newstrail.nlp.hedges`), dates resolved
against the publication date (through :func:`newstrail.nlp.dates.resolve`, the Russian
expression rewritten in the English form it reads) and quantities ("до 60 танков") are
attached as for English, so the records are the same :class:`~newstrail.models.Claim`.
Spans are character offsets into the document's text.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from newstrail.models import Claim, Span
from newstrail.nlp import dates, hedges, markup

__all__ = ["CUE_VERBS", "RuToken", "extract", "find_dates", "find_hedge", "find_quantities",
           "load", "parse"]

# lemmas as pymorphy2 gives them (ё written е); both aspects
CUE_VERBS = frozenset(["заявить", "заявлять", "сообщить", "сообщать", "сообщаться", "сказать", "говорить", "отметить", "отмечать", "подчеркнуть", "подчеркивать", "утверждать", "признать", "признавать", "опровергнуть", "опровергать", "отрицать", "написать", "писать", "передать", "передавать", "предупредить", "предупреждать", "считать", "полагать", "оценить", "оценивать", "рассказать", "рассказывать", "добавить", "добавлять", "пояснить", "пояснять", "уточнить", "уточнять", "объявить", "объявлять", "заверить", "заверять", "указать", "указывать", "констатировать", "настаивать", "предположить", "предполагать", "прогнозировать", "подтвердить", "подтверждать", "доложить", "докладывать", "напомнить", "напоминать", "заметить", "отвергнуть", "отвергать", "уверять", "похвастаться", "хвастаться", "обвинить", "обвинять", "пригрозить", "грозить", "пообещать", "обещать", "сообщиться", "заявиться", "информировать", "отчитаться", "признаться", "думать", "говориться"])
DENY = frozenset({"опровергнуть", "опровергать", "отрицать", "отвергнуть", "отвергать"})
CLAIM = frozenset({"утверждать", "настаивать", "уверять", "заверить", "заверять",
                   "похвастаться", "хвастаться", "обвинить", "обвинять"})
ASSESS = frozenset({"считать", "полагать", "оценить", "оценивать", "предположить",
                    "предполагать", "прогнозировать", "думать"})
# verbs that take "о"/"об" + noun as what is said ("сообщил о гибели"), not only a clause
ABOUT_VERBS = frozenset({"заявить", "заявлять", "сообщить", "сообщать", "сообщаться",
                         "рассказать", "рассказывать", "предупредить", "предупреждать",
                         "написать", "писать", "объявить", "объявлять", "доложить",
                         "докладывать", "напомнить", "напоминать", "говорить", "отчитаться",
                         "информировать", "сказать"})
# verbs whose object is what is reported ("опроверг информацию о ...")
OBJECT_VERBS = DENY | frozenset({"подтвердить", "подтверждать"})
# obliques after a verb that are a place or a medium, not who speaks
_NOT_SOURCES = frozenset({"интервью", "эфире", "телеграм-канале", "телеграме", "телеграмме",
                          "канале", "заявлении", "сообщении", "обращении", "соцсетях", "сети",
                          "ходе", "время", "день", "итоге", "частности", "результате", "свою",
                          "связи", "этом", "том", "ответ"})
# "в субботу заявили", "в ночь на ...": a time, not a speaker
_TIME_WORDS = frozenset({"понедельник", "вторник", "среда", "четверг", "пятница", "суббота",
                         "воскресенье", "ночь", "утро", "вечер", "день", "год", "месяц",
                         "неделя", "время", "момент", "январь", "февраль", "март", "апрель",
                         "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
                         "декабрь", "прошлое", "начало", "конец", "середина", "период"})
# "по словам X": the reporting noun after "по" (surface forms, lower case) and its stance
PO_NOUNS = {"словам": "reported", "данным": "reported", "информации": "reported",
            "сведениям": "reported", "сообщению": "reported", "сообщениям": "reported",
            "утверждению": "claimed", "утверждениям": "claimed", "заявлению": "reported",
            "версии": "claimed", "мнению": "assessed", "оценке": "assessed",
            "оценкам": "assessed", "подсчетам": "assessed", "подсчётам": "assessed",
            "прогнозу": "assessed", "прогнозам": "assessed"}
# "по имеющимся данным", "по предварительным данным": no source, an evidential hedge
_SOURCELESS = frozenset({"имеющимся", "некоторым", "предварительным", "непроверенным",
                         "неофициальным", "последним", "уточненным", "уточнённым", "разным",
                         "открытым", "первым", "новым", "всем"})
# a line "Label: ..." that is not a speaker
_LABELS = frozenset({"внимание", "важно", "срочно", "молния", "подробности", "итоги", "фото",
                     "видео", "источник", "подписаться", "обновлено", "читайте", "также",
                     "напомним", "справка", "главное", "мнение", "цитата", "пишите",
                     "сегодня", "вчера", "утро", "вечер", "итог", "upd", "update", "тема",
                     "подпишись", "подписывайтесь", "канал", "ссылка", "заголовок"})

# words of a speaker's title before the name in "Глава МИД Лавров: ..."
_TITLES = frozenset({"глава", "министр", "пресс-секретарь", "представитель", "губернатор", "мэр",
                     "спикер", "командир", "советник", "депутат", "эксперт", "источник",
                     "президент", "премьер", "премьер-министр", "посол", "замглавы",
                     "вице-премьер", "сенатор", "генерал", "полковник", "военкор", "аналитик",
                     "политолог", "официальный", "директор", "руководитель", "председатель",
                     "начальник", "заместитель", "министра", "главы", "мэра"})
_SMALL = frozenset({"и", "по", "при", "в", "для"})

_OPEN, _CLOSE = "«„“", "»“”"
_EDGE = " \t\n,.;:—–-*_~`#|\u200d\ufe0f"


def _is_edge(ch: str) -> bool:
    """Spaces, punctuation that is not a quotation mark, Telegram's markdown and emoji
    ("**❗️ВСУ ...**"): trimmed from span edges."""
    return (ch in _EDGE or ch.isspace() or unicodedata.category(ch)[0] in "SC"
            or unicodedata.category(ch) == "Mn")


@dataclass(frozen=True, slots=True)
class RuToken:
    """One token of natasha's parse, indexed in the whole document."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    rel: str
    head: int
    """index of the head token, -1 for a sentence root"""
    sent: int
    feats: dict[str, str]


@dataclass(frozen=True, slots=True)
class RuDoc:
    text: str
    tokens: tuple[RuToken, ...]
    sents: tuple[tuple[int, int], ...]
    """(first token, end token) per sentence"""
    ents: tuple[tuple[int, int, str], ...] = ()
    """(start char, end char, PER/ORG/LOC); empty while the stage runs no Russian NER"""


@lru_cache(maxsize=1)
def load() -> Any:
    """natasha's models, once per process (about 1 s; the model files are in the wheels).

    No NER: the stage's mentions of Russian documents are the entities stage's (its Cyrillic
    gazetteer path), and slovnet's NER pass cost a third of the parse (2,250 words/s)."""
    import warnings

    from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter

    emb = NewsEmbedding()
    morph, syntax = NewsMorphTagger(emb), NewsSyntaxParser(emb)
    # sentences are fed sorted by length (see parse_many), so bigger batches pad little
    morph.batch_size = syntax.batch_size = PARSE_BATCH
    with warnings.catch_warnings():  # pymorphy2 imports pkg_resources here, not our code
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
        vocab = MorphVocab()
    return Segmenter(), morph, syntax, vocab


PARSE_BATCH = 32
"""Sentences per slovnet batch. Measured on 100 Telegram posts (load average about 3):
syntax 1,565 words/s in natasha's own order and batches of 8, 2,500 sorted by length."""


def parse(text: str, *, max_chars: int = 20_000) -> RuDoc:
    """natasha's parse of ``text`` (see :func:`parse_many`)."""
    return parse_many([text], max_chars=max_chars)[0]


def parse_many(texts: list[str], *, max_chars: int = 20_000) -> list[RuDoc]:
    """natasha's parse of each text: razdel sentences, slovnet morphology and UD syntax,
    pymorphy2 lemmas. The sentences of all the texts go through slovnet together, sorted by
    length, which pads batches least (natasha's ``Doc`` API tags one document at a time). A
    long text is segmented in pieces cut at paragraph breaks (``max_chars`` each); offsets
    are into the text."""
    # slovnet's layers are small numpy matmuls: OpenBLAS's threads only spin against each
    # other and the other jobs on the cores (threadpool_limits below). Measured on 300
    # posts, load average about 3: 1,650 words/s with OpenBLAS's default threads, 9,300
    # with one.
    from razdel import sentenize, tokenize
    from threadpoolctl import threadpool_limits

    segmenter, morph, syntax, vocab = load()

    sents: list[tuple[int, int, list[Any]]] = []  # (text index, sentence start, razdel tokens)
    for k, text in enumerate(texts):
        for base, piece in _pieces(mask(text), max_chars):
            for sent_start, sent in _sentences(piece, sentenize):
                toks = list(tokenize(sent))
                if toks:
                    sents.append((k, base + sent_start, toks))
    order = sorted(range(len(sents)), key=lambda i: len(sents[i][2]))
    words = [[t.text for t in sents[i][2]] for i in order]
    tagged = [None] * len(sents)
    parsed = [None] * len(sents)
    with threadpool_limits(limits=1, user_api="blas"):
        for i, mk, sk in zip(order, morph.map(words), syntax.map(words), strict=True):
            tagged[i], parsed[i] = mk, sk
    out_tokens: list[list[RuToken]] = [[] for _ in texts]
    out_sents: list[list[tuple[int, int]]] = [[] for _ in texts]
    for i, (k, start, toks) in enumerate(sents):
        tokens = out_tokens[k]
        first = len(tokens)
        ids = {t.id: first + j for j, t in enumerate(parsed[i].tokens)}
        for t, mt, st in zip(toks, tagged[i].tokens, parsed[i].tokens, strict=True):
            pos = mt.pos or ""
            lemma = _lemma(vocab, t.text, pos, mt.feats) if pos in _LEMMATIZED else t.text.lower()
            tokens.append(RuToken(len(tokens), start + t.start, start + t.stop,
                                  texts[k][start + t.start:start + t.stop], lemma,
                                  pos, st.rel or "", ids.get(st.head_id, -1),
                                  len(out_sents[k]), dict(mt.feats or {})))
        out_sents[k].append((first, len(tokens)))
    return [RuDoc(text, tuple(out_tokens[k]), tuple(out_sents[k]), ())
            for k, text in enumerate(texts)]


_MARKUP = re.compile(r"\]\([^)\s]*\)|[*_~`\[\]#|\u200b-\u200f\ufe0f\u2600-\u27bf\u2b00-\u2bff"
                     r"\U0001f000-\U0001faff]")


_RUBRIC = re.compile(r"(?m)^[ \t]*[A-ZА-ЯЁ]{3,}(?:[ \t]+[A-ZА-ЯЁ]{2,}){0,3}[ \t]*\|"
                     r"(?=[ \t]*[A-ZА-ЯЁ«\"])")
"""A rubric opening a line: "СРОЧНО | ", "МОЛНИЯ | " (natasha took it for the subject of
the report that follows). Not before a colon: "МИД: ..." is a speaker line."""


def mask(text: str) -> str:
    """``text`` with rubrics ("СРОЧНО |"), Telegram's markdown ("**", "__", "[label](url)"
    tails) and emoji turned into spaces, so that natasha parses the words (a "**" glued to a
    subject cost it its ``nsubj``) while every offset stays the same."""
    return _MARKUP.sub(_blank, _RUBRIC.sub(_blank, text))


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


_LEMMATIZED = frozenset({"VERB", "AUX", "NOUN", "ADJ"})


def _lemma(vocab: Any, word: str, pos: str, feats: Any) -> str:
    try:
        return (vocab.lemmatize(word, pos, feats) or word).lower().replace("ё", "е")
    except Exception:  # pymorphy2 has no analysis for a few odd tokens (emoji, URLs)
        return word.lower()


_PARAGRAPH = re.compile(r"\n[ \t\u00a0]*\n\s*")


def _sentences(text: str, sentenize: Any) -> Iterator[tuple[int, str]]:
    """(start, text) of each sentence: razdel's, within each paragraph. razdel runs a headline,
    a dateline and the first line of a post ("СРОЧНО | В Минобороны опровергли ...") into one
    sentence when they end without a full stop, and natasha's parse of that sentence lost
    the source of the report."""
    pos = 0
    for m in [*_PARAGRAPH.finditer(text), None]:
        end = m.start() if m else len(text)
        for sent in sentenize(text[pos:end]):
            yield pos + sent.start, sent.text
        if m:
            pos = m.end()


def _pieces(text: str, max_chars: int) -> list[tuple[int, str]]:
    out, pos = [], 0
    while len(text) - pos > max_chars:
        window = text[pos:pos + max_chars]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        cut = cut + 1 if cut > max_chars // 4 else max_chars
        out.append((pos, text[pos:pos + cut]))
        pos += cut
    out.append((pos, text[pos:]))
    return out


# --- extraction ---------------------------------------------------------------------------

class _Tree:
    def __init__(self, doc: RuDoc) -> None:
        self.doc = doc
        self.children: list[list[int]] = [[] for _ in doc.tokens]
        for t in doc.tokens:
            if t.head >= 0:
                self.children[t.head].append(t.i)

    def subtree(self, i: int, skip: set[int] | frozenset[int] = frozenset()) -> list[int]:
        # natasha's heads can form a cycle: each token is visited once
        seen: set[int] = set()
        stack = [i]
        while stack:
            k = stack.pop()
            if k in skip or k in seen:
                continue
            seen.add(k)
            stack.extend(self.children[k])
        return sorted(seen)

    def kids(self, i: int, *rels: str) -> list[int]:
        return [c for c in self.children[i] if self.doc.tokens[c].rel in rels]


def _span(doc: RuDoc, start: int, end: int, *, keep_quotes: bool = True) -> Span | None:
    """A character span trimmed of edge spaces and punctuation (quotation marks kept when
    they pair up)."""
    text = doc.text
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    if keep_quotes and end > start:
        inner = text[start:end]
        if inner[0] in _OPEN and not any(c in inner for c in _CLOSE):
            start += 1
        elif inner[-1] in _CLOSE and not any(c in inner for c in _OPEN):
            end -= 1
        while start < end and _is_edge(text[start]):
            start += 1
        while end > start and _is_edge(text[end - 1]):
            end -= 1
    if end <= start:
        return None
    return Span(text=text[start:end], start=start, end=end)


def _tok_span(doc: RuDoc, ids: list[int]) -> Span | None:
    if not ids:
        return None
    toks = doc.tokens
    # only the contiguous run around the first token: a subtree with a gap is cut
    run = [ids[0]]
    for k in ids[1:]:
        if k != run[-1] + 1:
            break
        run.append(k)
    return _span(doc, toks[run[0]].start, toks[run[-1]].end)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Russian quotations «...» (with „...“ nested inside) and "..." within a paragraph,
    closing mark included; an unclosed one runs to the end of its paragraph."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        i, end = para.start(), para.end()
        while i < end:
            ch = text[i]
            if ch == "«":
                depth, j = 0, i
                while j < end:
                    if text[j] == "«":
                        depth += 1
                    elif text[j] == "»":
                        depth -= 1
                        if depth == 0:
                            break
                    j += 1
                stop = j + 1 if j < end else end
            elif ch in "\"“":
                close = text.find('"' if ch == '"' else "”", i + 1, end)
                stop = close + 1 if close >= 0 else i + 1
                if close < 0:
                    i += 1
                    continue
            else:
                i += 1
                continue
            spans.append((i, stop))
            i = stop
    return spans


def _widen_to_quote(span: Span, quotes: list[tuple[int, int]], text: str) -> Span:
    """A content that opens a quotation, or lies inside one, is the whole quotation."""
    for qs, qe in quotes:
        if qs <= span.start <= qs + 1 and span.end < qe:
            end = max(qe, span.end)
            return Span(text=text[qs:end], start=qs, end=end)
    return span


# the writer's own asides ("Напомним, в Кремле заявляли, что ...": "let us recall"): not an
# attribution; the report inside them is found on its own
WRITER_ASIDES = frozenset(["напомним", "напомню", "отметим", "заметим", "добавим", "уточним",
                           "подчеркнём", "подчеркнем", "повторим"])


def extract(doc: RuDoc, doc_id: str, published: str | None = None) -> list[Claim]:
    """The claims of one parsed Russian document, nested, with hedges, dates, quantities."""
    tree = _Tree(doc)
    quotes = quote_spans(doc.text)
    found: list[tuple[Claim, int | None]] = []  # (claim, index of the claim it hangs on)
    verb_claim: dict[int, int] = {}
    for tok in doc.tokens:
        if tok.text.lower() in WRITER_ASIDES:
            continue
        if tok.lemma in CUE_VERBS and tok.pos in ("VERB", "AUX") and _reports(doc, tok):
            c = _verb_claim(doc, tree, tok, quotes, doc_id)
            if c is not None:
                verb_claim[tok.i] = len(found)
                found.append((c, None))
    taken = [(c.cue.start, c.cue.end) for c, _ in found]
    for tok in doc.tokens:
        if tok.text.lower() in PO_NOUNS:
            c = _po_claim(doc, tree, tok, doc_id)
            if c is not None:
                found.append((c, None))
        elif tok.text.lower() == "ссылкой":
            c2 = _reference_claim(doc, tree, tok, doc_id, found, verb_claim)
            if c2 is not None:
                found.append(c2)
    for c in _colon_claims(doc, doc_id, quotes):
        if not any(s < c.content.end and c.content.start < e for s, e in taken):
            found.append((c, None))
    for c in _signoff_claims(doc, doc_id, quotes):
        # "Путин заявил, что S — СМИ": the outlet's claim holds Putin's, whose content ends
        # at the dash
        dash = c.cue.start
        for k, (o, link) in enumerate(found):
            if o.content.start < dash < o.content.end:
                cut = _span(doc, o.content.start, dash)
                if cut is not None:
                    found[k] = (dataclasses.replace(o, content=cut), link)
        found.append((c, None))
    trimmed = markup.trim([c for c, _ in found], doc.text)
    found = [(c2, link) for c, (_, link) in zip(trimmed, found, strict=True)
             if (c2 := _clip(doc, c)) is not None]
    claims = _nest(found)
    return _attach(doc, claims, published)


_PRONOUNS = frozenset({"чем", "чём", "том", "этом", "нем", "нём", "ней", "них", "это", "этого",
                       "вы", "мы", "я", "ты", "он", "она", "они"})


def _clip(doc: RuDoc, c: Claim) -> Claim | None:
    """A content stays in its cue's paragraph (razdel runs a sentence over a Telegram post's
    line breaks; "об этом" takes the last paragraph before the cue), is more than a pronoun
    ("рассказал, о чём ..."), and the source loses markdown."""
    text = doc.text
    lo, hi = c.content.start, c.content.end
    if c.extra.get("how") == "about-this":
        lo = max(lo, text.rfind("\n", lo, hi) + 1)
    else:
        if lo < c.cue.start:
            lo = max(lo, text.rfind("\n", 0, c.cue.start) + 1)
        if hi > c.cue.end:
            nl = text.find("\n", c.cue.end, hi)
            hi = nl if nl >= 0 else hi
    if lo <= c.cue.start < hi and c.extra.get("how") in ("clause", "clause-text", "about", "object"):
        # the parse put the cue inside what it reports: keep the side that is not the cue
        lo, hi = (c.cue.end, hi) if hi - c.cue.end >= c.cue.start - lo else (lo, c.cue.start)
    link = re.match(r"[^\w«\"]*\]\([^)\s]*\)", text[lo:hi])  # "](https://...)" of a link
    if link:
        lo += link.end()
    content = _span(doc, lo, hi)
    if content is None or not re.search(r"\w\w", content.text):
        return None
    words = re.findall(r"\w+", content.text.lower())
    if len(words) <= 3 and all(w in _PRONOUNS or w in {"о", "об", "обо", "и", "а"} for w in words):
        return None
    if c.source is not None and c.source.text.lower() in ("это", "что", "все это", "всё это"):
        return None  # "о чем это говорит": "говорить" as "indicate"
    if len(words) < {"dash": 3, "colon": 3, "clause-text": 3, "as": 2, "po": 2}.get(
            c.extra.get("how", ""), 0):
        return None  # "..., сообщая Минобороны России": a name, not what was said
    source = _span(doc, c.source.start, c.source.end) if c.source else None
    if c.source is not None and c.source.start <= content.start and content.end <= c.source.end:
        return None  # "Агентство отмечает:" and a list below: the content found is the speaker
    if source is not None and (source.start >= content.start and source.end <= content.end):
        source = None
    return dataclasses.replace(c, content=content, source=source)


def _reports(doc: RuDoc, tok: RuToken) -> bool:
    """Not a report: a full participle ("немец, обвиняемый в поставках"; the short passive
    "указано", "сообщено" is one) or a question ("Говорит ли это об успехе?")."""
    if tok.feats.get("VerbForm") == "Part" and tok.feats.get("Variant") != "Short":
        return False
    nxt = doc.tokens[tok.i + 1] if tok.i + 1 < len(doc.tokens) else None
    return not (nxt is not None and nxt.text.lower() == "ли")


def _sentence_of(doc: RuDoc, tok: RuToken) -> tuple[int, int]:
    """The token's sentence, cut to its paragraph (razdel runs a sentence over the line
    breaks of a Telegram post that has no final stop)."""
    a, b = doc.sents[tok.sent]
    start, end = doc.tokens[a].start, doc.tokens[b - 1].end
    start = max(start, doc.text.rfind("\n", start, tok.start) + 1)
    nl = doc.text.find("\n", tok.end, end)
    return start, (nl if nl >= 0 else end)


def _verb_claim(doc: RuDoc, tree: _Tree, tok: RuToken, quotes: list[tuple[int, int]],
                doc_id: str) -> Claim | None:
    toks, text = doc.tokens, doc.text
    lemma = tok.lemma
    source_ids = next(iter(tree.kids(tok.i, "nsubj")), None)
    h, steps = tok.head, 0
    while source_ids is None and tok.feats.get("VerbForm") == "Conv" and h >= 0 and steps < 3:
        # "..., заявив, что": the gerund's speaker is the subject of the verb it hangs on
        # (through an infinitive: "поручил провести ..., отметив")
        source_ids = next(iter(tree.kids(h, "nsubj")), None)
        h, steps = doc.tokens[h].head, steps + 1
    content: Span | None = None
    how = ""
    sent_start, sent_end = _sentence_of(doc, tok)
    own = tree.subtree(tok.i)
    # a clause that is the cue of the quotation around this verb ("«Я говорил ...», —
    # заявил Трамп") is not what this verb says
    clause = [c for c in tree.kids(tok.i, "ccomp", "parataxis", "csubj")
              if (toks[c].i > tok.i or _quoted(toks[c], quotes))
              and not (toks[c].lemma in CUE_VERBS and _dash_before(text, toks[c].start, sent_start))]
    # "как сообщает X, S" / "S, как пишет X": the cue's clause is an aside of S
    kak = next((k for k in tree.kids(tok.i, "mark") if toks[k].text.lower() == "как"), None)
    if kak is not None and re.search(r"(?:того|тех пор|то|так|того времени|тем)\s*,?\s*$",
                                     text[max(0, toks[kak].start - 16):toks[kak].start], re.I):
        kak = None  # "после того, как премьер заявил, что ...": a time clause, not an aside
    if kak is not None:
        lo = toks[own[0]].start
        hi = toks[own[-1]].end
        content = _around_aside(doc, sent_start, sent_end, lo, hi)
        how = "as"
    elif ((_dash_before(text, toks[own[0]].start, sent_start) and tok.i == own[0]) or (
            _dash_before(text, tok.start, sent_start) and not clause)) and _trails(doc, tree, tok):
        # "«S», — заявил X." / "S, — пишет X."
        lo = toks[own[0]].start if not _dash_before(text, tok.start, sent_start) else tok.start
        dash = max(text.rfind("—", sent_start, lo), text.rfind("–", sent_start, lo),
                   text.rfind(" - ", sent_start, lo), text.rfind(",", sent_start, lo))
        before = text[:dash].rstrip(" ,")
        q = next((q for q in quotes if q[1] == len(before)), None)
        if q is not None:
            content = Span(text=text[q[0]:q[1]], start=q[0], end=q[1])
        else:
            content = _span(doc, sent_start, dash)
        how = "dash"
    elif clause:
        c = clause[0]
        ids = tree.subtree(c)
        content = _span(doc, toks[ids[0]].start, toks[ids[-1]].end)
        if content is not None:
            content = _widen_to_quote(content, quotes, text)
        how = "clause"
    elif lemma in ABOUT_VERBS:
        for o in tree.kids(tok.i, "obl", "obj"):
            cases = {toks[k].text.lower() for k in tree.kids(o, "case")}
            if cases & {"о", "об", "обо"}:
                if (toks[o].text.lower() in ("этом", "том") and o < tok.i
                        and toks[o].start - sent_start < 12):
                    # "Об этом сообщает пресс-служба": what was said is the sentence before
                    content = _previous_sentence(doc, tok)
                    how = "about-this"
                else:
                    ids = tree.subtree(o)
                    content = _span(doc, toks[ids[0]].start, toks[ids[-1]].end)
                    how = "about"
                break
    if content is None and lemma in OBJECT_VERBS:
        # "опроверг информацию о ...", "подтвердил гибель ..."
        o = next((k for k in tree.kids(tok.i, "obj") if k > tok.i), None)
        if o is not None:
            ids = tree.subtree(o)
            content = _span(doc, toks[ids[0]].start, toks[ids[-1]].end)
            how = "object"
    if content is None:
        # "утверждает, что S" where the parser lost the clause (a head loop, a second root)
        m = re.match(r"[^.!?:;\n«]{0,60}?,\s*(?=что\b)", text[tok.end:sent_end])
        if m:
            content = _span(doc, tok.end + m.end(), sent_end)
            how = "clause-text"
    if content is None:
        # "заявил: «...»" / "сообщил: S" the parser left unattached
        after = text[tok.end:sent_end + 2]
        m = re.match(r"\s*(?:[^\n:«\[\]()]{0,60}?):\s+", after)
        if m and (source_ids is not None or tok.i > 0):
            start = tok.end + m.end()
            q = next((q for q in quotes if q[0] == start), None)
            end = q[1] if q else sent_end
            content = _span(doc, start, end)
            how = "colon"
    if content is None or len(content.text) < 3:
        return None
    source = None
    if source_ids is None:
        # "..., сообщили в штабе", "сообщает пресс-служба" read as an object: the body
        # named after the verb ("в Минобороны", "в штабе": without the preposition)
        # "В профсоюзе подчеркнули", "В Минобороны заявили": before the verb too
        source_ids = next((c for c in tree.children[tok.i] if toks[c].rel in ("obl", "obj")
                           and (c > tok.i or toks[c].rel == "obl")
                           and toks[c].pos in ("PROPN", "NOUN", "ADJ")
                           and toks[c].lemma not in _TIME_WORDS
                           and not (content.start <= toks[c].start < content.end)
                           and ({toks[k].text.lower() for k in tree.kids(c, "case")} <= {"в", "во"})
                           and toks[c].text.lower() not in _NOT_SOURCES), None)
    if source_ids is not None:
        ids = [k for k in tree.subtree(source_ids)
               if not (content.start <= toks[k].start < content.end)
               and not (toks[k].rel == "case" and toks[k].head == source_ids)]
        source = _tok_span(doc, ids)
    if source is None and tok.feats.get("Person") == "1":
        source = None  # "мы считаем": the writer; kept without a source span
    cue = Span(text=tok.text, start=tok.start, end=tok.end)
    neg = [k for k in tree.kids(tok.i, "advmod") if toks[k].text.lower() == "не"]
    if neg and toks[neg[0]].i == tok.i - 1:
        cue = Span(text=text[toks[neg[0]].start:tok.end], start=toks[neg[0]].start, end=tok.end)
    if how == "as":
        m = [k for k in tree.kids(tok.i, "mark") if toks[k].text.lower() == "как"]
        if m:
            cue = Span(text=text[toks[m[0]].start:tok.end], start=toks[m[0]].start, end=tok.end)
    return Claim(doc_id=doc_id, cue=cue, content=content, source=source,
                 stance=_stance(lemma, content, quotes), extra={"how": how, "lang": "ru"})


def _around_aside(doc: RuDoc, sent_start: int, sent_end: int, lo: int, hi: int) -> Span | None:
    """What an aside at [lo, hi) ("как сообщает ТАСС", "по словам X") reports: when it opens
    the sentence what follows it, when it closes the sentence what precedes it, in the middle
    ("S, как сообщают СМИ, и S2") the whole sentence."""
    if _opens(doc.text, sent_start, lo):
        return _span(doc, hi, sent_end)
    if sent_end - hi < 3:
        return _span(doc, sent_start, lo)
    return _span(doc, sent_start, sent_end)


def _quoted(tok: RuToken, quotes: list[tuple[int, int]]) -> bool:
    return any(q[0] < tok.start < q[1] for q in quotes)


def _dash_before(text: str, pos: int, sent_start: int) -> bool:
    """A cue after what it reports: "«S», — заявил X", "S, — пишет X", "S, сообщили в штабе"."""
    return bool(re.search(r"(?:[,»\"”]\s*[—–-]|[—–]|,)\s*$", text[max(sent_start, pos - 6):pos])) \
        and pos - sent_start > 3


def _opens(text: str, sent_start: int, pos: int) -> bool:
    """Only a connective or two and a comma before ``pos`` in its sentence ("При этом, по
    мнению X, ...", "Тогда, как говорят в прокуратуре, ..."): the phrase opens it."""
    return bool(re.fullmatch(r"[\W\d_]*(?:[^\W\d_]+[ \t]*){0,3},?[\W_]*|[\W_]*",
                             text[sent_start:pos])) and (
        pos - sent_start < 3 or text[sent_start:pos].rstrip().endswith(","))


def _trails(doc: RuDoc, tree: _Tree, tok: RuToken) -> bool:
    """A cue after what it reports: a dash before it ("«S», — заявил X"), or only a comma
    with the speaker after the verb ("S, сообщает ведомство", "S, сообщили в штабе") and no
    object of its own ("суд прервал выступление, объявил перерыв" is no report)."""
    toks, text = doc.tokens, doc.text
    if re.match(r"[^.!?\n«»]{0,40}?,\s*что\b", text[tok.end:tok.end + 60]):
        return False  # "..., отметив, что S" / "заверила их, что S": the content follows
    if re.search(r"[—–]\s*$|\s-\s*$", text[max(0, tok.start - 4):tok.start]):
        return True
    kids = tree.children[tok.i]
    if any(toks[k].rel in ("obj", "ccomp", "xcomp") for k in kids):
        return False
    speaker_after = any(k > tok.i and toks[k].rel == "nsubj" for k in kids) or any(
        k > tok.i and toks[k].rel == "obl"
        and {toks[c].text.lower() for c in tree.kids(k, "case")} & {"в", "во"} for k in kids)
    return speaker_after or not [k for k in kids if toks[k].rel != "punct"]


def _previous_sentence(doc: RuDoc, tok: RuToken) -> Span | None:
    if tok.sent == 0:
        return None
    a, b = doc.sents[tok.sent - 1]
    return _span(doc, doc.tokens[a].start, doc.tokens[b - 1].end)


def _stance(lemma: str, content: Span, quotes: list[tuple[int, int]]) -> str:
    if lemma in DENY:
        return "denied"
    if lemma in CLAIM or re.search(r"\bякобы\b", content.text, re.I):
        return "claimed"
    if any(q[0] == content.start and q[1] == content.end for q in quotes):
        return "quoted"
    if lemma in ASSESS:
        return "assessed"
    return "reported"


def _po_claim(doc: RuDoc, tree: _Tree, tok: RuToken, doc_id: str) -> Claim | None:
    """"по словам X, S" / "S, по данным X" / "по мнению X, S"."""
    toks, text = doc.tokens, doc.text
    if tok.i == 0 or toks[tok.i - 1].text.lower() != "по":
        return None
    prev = toks[tok.i - 1]
    src_kids = [k for k in tree.children[tok.i] if toks[k].rel in ("nmod", "det", "appos")
                and k > tok.i or (toks[k].rel == "det" and k < tok.i and k > prev.i)]
    mods = [toks[k].text.lower() for k in tree.children[tok.i] if k < tok.i]
    if any(m in _SOURCELESS for m in mods) or not src_kids:
        return None
    src_ids: list[int] = []
    for k in src_kids:
        src_ids += tree.subtree(k)
    src_ids = sorted(set(src_ids))
    if not src_ids:
        return None
    # the cue phrase: "по словам" (+ a possessive before the noun: "по его словам")
    cue = Span(text=text[prev.start:tok.end], start=prev.start, end=tok.end)
    first = min([prev.i, *src_ids])
    last = max([tok.i, *src_ids])
    phrase_lo, phrase_hi = toks[first].start, toks[last].end
    source = _span(doc, toks[src_ids[0]].start, toks[src_ids[-1]].end)
    sent_start, sent_end = _sentence_of(doc, tok)
    content = _around_aside(doc, sent_start, sent_end, phrase_lo, phrase_hi)
    if content is None or source is None or len(content.text) < 3:
        return None
    stance = PO_NOUNS[tok.text.lower()]
    if stance == "reported" and re.search(r"\bякобы\b", content.text, re.I):
        stance = "claimed"
    return Claim(doc_id=doc_id, cue=cue, content=content, source=source, stance=stance,
                 extra={"how": "po", "lang": "ru"})


def _reference_claim(doc: RuDoc, tree: _Tree, tok: RuToken, doc_id: str,
                     found: list[tuple[Claim, int | None]], verb_claim: dict[int, int]
                     ) -> tuple[Claim, int | None] | None:
    """"ТАСС со ссылкой на источник сообщил, что S": the source behind the reporter, nested
    under the verb claim the phrase hangs on (chain ТАСС -> источник)."""
    toks, text = doc.tokens, doc.text
    if tok.i == 0 or toks[tok.i - 1].text.lower() not in ("со", "с"):
        return None
    target = next((k for k in tree.children[tok.i]
                   if any(toks[c].text.lower() == "на" for c in tree.kids(k, "case"))), None)
    if target is None:
        return None
    ids = tree.subtree(target)
    na = next(c for c in tree.kids(target, "case") if toks[c].text.lower() == "на")
    source = _tok_span(doc, [k for k in ids if k > na])
    cue = Span(text=text[toks[tok.i - 1].start:toks[na].end], start=toks[tok.i - 1].start, end=toks[na].end)
    parent = None
    h, steps = tok.head, 0
    while h >= 0 and h not in verb_claim and steps < 50:  # bounded: heads may cycle
        h, steps = toks[h].head, steps + 1
    if h not in verb_claim:
        h = -1
    if h >= 0:
        parent = verb_claim[h]
        content = found[parent][0].content
    else:
        sent_start, sent_end = _sentence_of(doc, tok)
        hi = toks[ids[-1]].end
        content = _span(doc, hi, sent_end) if toks[tok.i - 1].start - sent_start < 3 else \
            _span(doc, sent_start, toks[tok.i - 1].start)
    if content is None or source is None:
        return None
    return Claim(doc_id=doc_id, cue=cue, content=content, source=source, stance="reported",
                 extra={"how": "reference", "lang": "ru"}), parent


_SPEAKER = re.compile(r"(?m)^[^\w\n«]{0,6}(?P<src>[A-ZА-ЯЁ][\w.\-]*(?:[ \t]+[\w.\-]+){0,5})"
                      r"[ \t]*:[ \t]*(?P<content>\S[^\n]*)")


def _colon_claims(doc: RuDoc, doc_id: str, quotes: list[tuple[int, int]]) -> list[Claim]:
    """"Песков: переговоры не ведутся" — a speaker and a colon opening a line."""
    out = []
    for m in _SPEAKER.finditer(doc.text):
        src = m.group("src")
        words = src.split()
        if words[0].lower().strip(".") in _LABELS | _PRONOUNS or re.search(r"\d", src):
            continue
        content = m.group("content")
        if len(re.findall(r"[^\W\d_]{2,}", content)) < 3 or "](" in content \
                or "[" in doc.text[m.start():m.start("src")]:
            continue  # a markdown link label "[Трансформеры: Начало](https://...)"
        s, e = m.start("src"), m.end("src")
        named = any(a < e and s < b and label in ("PER", "ORG") for a, b, label in doc.ents)
        # every word a name ("Песков", "Минобороны РФ"), or a title before one ("глава МИД
        # Лавров", "Пресс-секретарь Кремля Песков")
        lowers = [w for w in words if not w[:1].isupper()]
        titled = words[0].lower() in _TITLES and words[-1][:1].isupper() and len(words) >= 2
        if not named and lowers and not (titled and all(w.lower() in _TITLES | _SMALL for w in lowers)):
            continue
        cstart, cend = m.start("content"), m.end("content")
        c_span = _span(doc, cstart, cend)
        if c_span is None:
            continue
        stance = "quoted" if any(q[0] == c_span.start and q[1] == c_span.end for q in quotes) \
            else "reported"
        colon = e + doc.text[e:m.start("content")].index(":")
        out.append(Claim(doc_id=doc_id, cue=Span(text=":", start=colon, end=colon + 1),
                         content=c_span, source=Span(text=src, start=s, end=e), stance=stance,
                         extra={"how": "colon-line", "lang": "ru"}))
    return out


_SIGNOFF = re.compile(r"(?m)(?P<content>[^\n]{20,}?)[\s*_,]*(?P<dash>[—–])[ \t]*"
                      r"(?P<src>[^\n,.—–:;!?«»()\d]{2,40}?)[.*_\s]*$")
_SIGNOFF_WORDS = frozenset({"СМИ", "источники", "источник", "соцсети", "СМИ."})


def _signoff_claims(doc: RuDoc, doc_id: str, quotes: list[tuple[int, int]]) -> list[Claim]:
    """"Режим прекращения огня вступил в силу, — Al Jazeera." / "... — СМИ": a relayed
    item signed with its source after a dash at the end of its line (1-4 words, the first
    capitalised: "Курахово — город в Донецкой области" is no claim)."""
    out = []
    text = doc.text
    for m in _SIGNOFF.finditer(text):
        words = m.group("src").strip(" *_").split()
        if not (1 <= len(words) <= 4 and (words[0][:1].isupper() or words[0] in _SIGNOFF_WORDS)):
            continue
        before = text[m.start("content"):m.start("dash")].rstrip()
        last = re.search(r"(\w+)$", before)
        if len(words) == 1 and last and last.group(1)[:1].isupper() and before[-1].isalnum():
            continue  # "Совета Украина — НАТО": a compound name, not a sign-off
        content = _span(doc, m.start("content"), m.start("dash"))
        source = _span(doc, m.start("src"), m.end("src"))
        if content is None or source is None or len(re.findall(r"[^\W\d_]{2,}", content.text)) < 4:
            continue
        stance = "quoted" if any(q[0] == content.start and q[1] == content.end for q in quotes) \
            else "reported"
        d = m.start("dash")
        out.append(Claim(doc_id=doc_id, cue=Span(text=text[d], start=d, end=d + 1),
                         content=content, source=source, stance=stance,
                         extra={"how": "signoff", "lang": "ru"}))
    return out


def _nest(found: list[tuple[Claim, int | None]]) -> list[Claim]:
    """Document order; ``parent`` is the claim whose content holds the cue (innermost), or the
    verb claim a "со ссылкой на" hangs on; ``extra['chain']`` lists the sources outside in."""
    order = sorted(range(len(found)), key=lambda i: (found[i][0].cue.start, found[i][0].content.start))
    pos = {old: new for new, old in enumerate(order)}
    claims = [found[i][0] for i in order]
    parents: list[int | None] = []
    for new, old in enumerate(order):
        c, linked = found[old]
        if linked is not None:
            parents.append(pos[linked])
            continue
        best, size = None, None
        for j, o in enumerate(claims):
            if j == new or (o.content.start == c.content.start and o.content.end == c.content.end):
                continue
            if o.content.start <= c.cue.start and c.cue.end <= o.content.end:
                n = o.content.end - o.content.start
                if size is None or n < size:
                    best, size = j, n
        parents.append(best)
    out = []
    for i, c in enumerate(claims):
        chain, k, seen = [], i, set()
        while k is not None and k not in seen:
            seen.add(k)
            src = claims[k].source
            chain.append(src.text if src else None)
            k = parents[k]
        out.append(dataclasses.replace(c, parent=parents[i],
                                       extra={**c.extra, "chain": chain[::-1]}))
    return out


def _attach(doc: RuDoc, claims: list[Claim], published: str | None) -> list[Claim]:
    all_dates = find_dates(doc.text, published)
    all_quants = find_quantities(doc, [(d["start"], d["end"]) for d in all_dates]) if claims else []
    out = []
    for c in claims:
        h = find_hedge([c.cue.text, c.content.text])
        lo, hi = min(c.cue.start, c.content.start), max(c.cue.end, c.content.end)
        extra = {**c.extra,
                 "dates": [d for d in all_dates if lo <= d["start"] and d["end"] <= hi],
                 "quantities": [q for q in all_quants
                                if c.content.start <= q["start"] and q["end"] <= c.content.end]}
        if h.confidence:
            extra["confidence"] = h.confidence
        out.append(dataclasses.replace(c, hedge_cues=h.cues, hedge_band=h.band, extra=extra))
    return out


# --- hedges --------------------------------------------------------------------------------

# (pattern, ICD 203 band); as hedges.py: the longest phrase wins, then the strongest band;
# evidential words ("якобы", "по непроверенным данным") are cues without a band
_RU_HEDGES: list[tuple[str, str | None]] = [
    (r"практически исключено|почти исключено|нет никаких шансов", "almost no chance"),
    (r"крайне маловероятно|крайне сомнительно|очень маловероятно", "very unlikely"),
    (r"почти наверняка|практически наверняка|почти несомненно|с почти полной уверенностью", "almost certain"),
    (r"весьма вероятно|очень вероятно|скорее всего|вероятнее всего|с высокой вероятностью|"
     r"по всей вероятности|наиболее вероятно", "very likely"),
    (r"маловероятно|вряд ли|едва ли|сомнительно", "unlikely"),
    (r"(?<!мало)вероятно|по-видимому|видимо|судя по всему|по всей видимости|предположительно|"
     r"скорее", "likely"),
    (r"возможно|не исключено|нельзя исключать|не исключаем|не исключает|может быть|"
     r"(?<!не )(?:может|могут|мог|могла|могло|могли)", "roughly even chance"),
    (r"якобы|по непроверенным данным|по неподтвержденным данным|по неподтверждённым данным|"
     r"по имеющимся данным|по некоторым данным|по предварительным данным|неподтвержденн\w*|"
     r"неподтверждённ\w*|непроверенн\w*|будто бы", None),
]
_RU_HEDGE_RE = re.compile("|".join(f"(?P<g{i}>(?<!\\w)(?:{p})(?!\\w))"
                                   for i, (p, _) in enumerate(_RU_HEDGES)), re.I)
_RU_CONFIDENCE = re.compile(r"с (высокой|умеренной|средней|низкой) (?:степенью )?уверенност", re.I)
_CONF = {"высокой": "high", "умеренной": "moderate", "средней": "moderate", "низкой": "low"}


def find_hedge(segments: list[str]) -> hedges.Hedge:
    """Russian estimative words in ``segments`` and the ICD 203 band they give."""
    cues: list[str] = []
    best: tuple[int, int, str] | None = None  # (phrase length, band rank, band)
    confidence = None
    for seg in segments:
        for m in _RU_HEDGE_RE.finditer(seg):
            k = int(next(g for g, v in m.groupdict().items() if v)[1:])
            phrase = m.group(0).lower()
            if phrase not in cues:
                cues.append(phrase)
            band = _RU_HEDGES[k][1]
            if band is not None:
                key = (len(phrase.split()), hedges.BANDS.index(band), band)
                if best is None or key[:2] > best[:2]:
                    best = key
        c = _RU_CONFIDENCE.search(seg)
        if c and confidence is None:
            confidence = _CONF[c.group(1).lower()]
    return hedges.Hedge(tuple(cues), best[2] if best else None, confidence)


# --- dates ---------------------------------------------------------------------------------

_MONTHS_RU = {"январ": "january", "феврал": "february", "март": "march", "апрел": "april",
              "ма": "may", "июн": "june", "июл": "july", "август": "august",
              "сентябр": "september", "октябр": "october", "ноябр": "november",
              "декабр": "december"}
_MONTH_RE = (r"(?P<month>январ[ья]|январе|феврал[ья]|феврале|марта?|марте|апрел[ья]|апреле|"
             r"ма[йяе]|июн[ья]|июне|июл[ья]|июле|августа?|августе|сентябр[ья]|сентябре|"
             r"октябр[ья]|октябре|ноябр[ья]|ноябре|декабр[ья]|декабре)")
_YEAR_RE = r"(?P<year>(?:19|20)\d\d)\s*(?:года|году|год|г\.)?"
_PART_RU = {"начале": "early", "начала": "the beginning of", "середине": "mid",
            "конце": "late", "конца": "the end of"}
_WEEKDAYS_RU = {"понедельник": "monday", "вторник": "tuesday", "среду": "wednesday",
                "четверг": "thursday", "пятницу": "friday", "субботу": "saturday",
                "воскресенье": "sunday"}
_REL_RU = {"прошлой неделе": "last week", "этой неделе": "this week",
           "следующей неделе": "next week", "прошлом месяце": "last month",
           "этом месяце": "this month", "следующем месяце": "next month",
           "прошлом году": "last year", "этом году": "this year", "следующем году": "next year",
           "текущем году": "this year"}
_NUM_RU = {"один": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5,
           "шесть": 6, "семь": 7, "несколько": None}
_DATE_RU = re.compile(
    r"(?<!\w)(?:"
    rf"(?P<since>с\s+)?(?:в\s+)?(?P<part>начале|начала|середине|конце|конца)\s+(?:(?:{_MONTH_RE})(?:\s+{_YEAR_RE})?|{_YEAR_RE.replace('year', 'yearp')}|(?P<thisyear>этого|текущего|прошлого)\s+года)"
    rf"|(?P<day>\d{{1,2}})(?:-го)?\s+{_MONTH_RE.replace('month', 'monthd')}(?:\s+{_YEAR_RE.replace('year', 'year2')})?"
    rf"|(?P<inmonth>в\s+{_MONTH_RE.replace('month', 'month2')})(?:\s+{_YEAR_RE.replace('year', 'year3')})?"
    r"|(?:на|в)\s+(?P<rel>(?:прошлой|этой|следующей)\s+неделе|(?:прошлом|этом|следующем)\s+месяце|(?:прошлом|этом|следующем|текущем)\s+году)"
    r"|(?P<word>позавчера|вчера|сегодня|накануне|на следующий день|на другой день|днем ранее|днём ранее)"
    r"|(?P<n>\d+|один|одну|два|две|три|четыре|пять|шесть|семь|несколько)\s+(?P<unit>дн[яеи]й?|день|недел[иью]|месяц(?:а|ев)?|год(?:а)?|лет)\s+назад"
    r"|в\s+(?P<wd>понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)"
    r"|(?P<num>\d{1,2}\.\d{1,2}\.(?:19|20)\d\d)"
    rf"|в\s+{_YEAR_RE.replace('year', 'year4')}"
    r")(?!\w)", re.I)


def _month(word: str) -> str:
    w = word.lower()
    for stem, name in sorted(_MONTHS_RU.items(), key=lambda kv: -len(kv[0])):
        if w.startswith(stem):
            return name
    return w


def _english(m: re.Match[str]) -> str | None:
    """The English form of a Russian date expression that :func:`dates.resolve` reads."""
    g = m.groupdict()
    if g["part"]:
        part = _PART_RU[g["part"].lower()]
        if g["month"]:
            what = _month(g["month"]) + (f" {g['year']}" if g["year"] else "")
        elif g["yearp"]:
            what = g["yearp"]
        else:
            what = {"этого": "this year", "текущего": "this year", "прошлого": "last year"}[
                g["thisyear"].lower()]
            if what == "last year":
                return None  # "в конце прошлого года" needs a year dates.resolve cannot name
        if what == "this year":
            part = {"early": "the beginning of", "mid": "the middle of", "late": "the end of"}.get(part, part)
        return f"{'since ' if g['since'] else ''}{part} {what}"
    if g["day"]:
        return f"{g['day']} {_month(g['monthd'])}" + (f" {g['year2']}" if g["year2"] else "")
    if g["inmonth"]:
        return _month(g["month2"]) + (f" {g['year3']}" if g["year3"] else "")
    if g["rel"]:
        return _REL_RU.get(" ".join(g["rel"].lower().split()))
    if g["word"]:
        w = " ".join(g["word"].lower().split()).replace("ё", "е")
        return {"позавчера": "the day before yesterday", "вчера": "yesterday",
                "сегодня": "today", "накануне": "yesterday", "на следующий день": "the next day",
                "на другой день": "the next day", "днем ранее": "the day before"}.get(w)
    if g["n"]:
        n = int(g["n"]) if g["n"].isdigit() else _NUM_RU.get(g["n"].lower())
        if not n:
            return None
        u = g["unit"].lower()
        unit = "day" if u.startswith("д") else "week" if u.startswith("н") else \
            "month" if u.startswith("м") else "year"
        return f"{n} {unit}s ago"
    if g["wd"]:
        return _WEEKDAYS_RU[g["wd"].lower()]
    if g["num"]:
        return g["num"]
    if g["year4"]:
        return g["year4"]
    return None


def find_dates(text: str, published: str | None) -> list[dict[str, Any]]:
    """Every Russian date expression of ``text`` in order, resolved as :mod:`dates` does
    ("3 марта" -> the nearest March 3, "на прошлой неделе" -> Monday-Sunday, "на следующий
    день" -> the day after the last date told)."""
    out = []
    previous: date | None = None
    for m in _DATE_RU.finditer(text):
        eng = _english(m)
        value = dates.resolve(eng, published, previous=previous) if eng else None
        if value and "/" not in value:
            previous = date.fromisoformat(value)
        out.append({"text": m.group(0), "start": m.start(), "end": m.end(), "value": value})
    return out


# --- quantities ----------------------------------------------------------------------------

_QUALIFIERS_RU = {"до": "<=", "около": "~", "более чем": ">", "более": ">", "свыше": ">",
                  "не менее": ">=", "не более": "<=", "менее": "<", "порядка": "~",
                  "примерно": "~", "приблизительно": "~", "почти": "~<", "по меньшей мере": ">=",
                  "как минимум": ">=", "по крайней мере": ">=", "не меньше": ">=",
                  "больше": ">", "меньше": "<", "минимум": ">=", "максимум": "<="}
_SCALES_RU = {"тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "млн": 1e6,
              "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "млрд": 1e9,
              "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9}
_UNITS_RU = {"рубл": "RUB", "руб": "RUB", "доллар": "USD", "долл": "USD", "евро": "EUR",
             "гривен": "UAH", "гривн": "UAH", "км": "km", "километр": "km", "процент": "%",
             "%": "%", "тонн": "t"}
_qual = "|".join(sorted((re.escape(q) for q in _QUALIFIERS_RU), key=len, reverse=True))
_QUANT_RU = re.compile(
    rf"(?<![\w.,])(?:(?P<qual>{_qual})\s+)?(?:(?P<from>от)\s+)?(?P<num>\d{{1,3}}(?:[  ]\d{{3}})+|\d+(?:[.,]\d+)?)"
    rf"(?:\s*(?:-|–|—|до)\s*(?P<high>\d{{1,3}}(?:[  ]\d{{3}})+|\d+(?:[.,]\d+)?))?"
    rf"(?:\s*(?P<scale>тыс\.?|тысяч[аи]?|млн|миллион(?:а|ов)?|млрд|миллиард(?:а|ов)?)(?!\w))?"
    rf"(?:\s*(?P<pct>%))?", re.I)


def _num(s: str) -> float:
    return float(s.replace(" ", "").replace("\u00a0", "").replace(",", "."))


def find_quantities(doc: RuDoc, skip: list[tuple[int, int]] = ()) -> list[dict[str, Any]]:  # type: ignore[assignment]
    """Numbers with what they count ("до 60 танков" -> 60, <=, "танков"; "около 2000
    военных"; "150 тыс. рублей" -> 150000 RUB); numbers inside dates are not quantities."""
    text = doc.text
    by_start = {t.start: t for t in doc.tokens}
    out = []
    for m in _QUANT_RU.finditer(text):
        s, e = m.start("num"), m.end()
        if any(a <= s < b for a, b in skip):
            continue
        value = _num(m.group("num"))
        scale = _SCALES_RU.get((m.group("scale") or "").lower().rstrip("."), 1.0)
        after = text[e:e + 60]
        w = re.match(r"\s*(?P<w>[А-Яа-яЁёA-Za-z%]+\.?)", after)
        unit, counts = None, None
        if m.group("pct"):
            unit = "%"
        elif w:
            word = w.group("w").lower().rstrip(".")
            unit = next((u for stem, u in _UNITS_RU.items() if word.startswith(stem)), None)
            if unit is None:
                counts = _counted(doc, by_start, e + w.start("w"))
            else:
                e = e + w.end()
        if unit is None and counts is None:
            continue
        if counts:
            e = text.index(counts, e) + len(counts)
        qual = (m.group("qual") or "").lower() or None
        high = _num(m.group("high")) * scale if m.group("high") else None
        start = m.start("qual") if qual else m.start("from") if m.group("from") else s
        out.append({"text": text[start:e], "start": start, "end": e, "value": value * scale,
                    "unit": unit, "counts": counts, "high": high,
                    "qualifier": _QUALIFIERS_RU.get(" ".join(qual.split())) if qual else
                    ("range" if high is not None else None)})
    return out


def _counted(doc: RuDoc, by_start: dict[int, RuToken], pos: int) -> str | None:
    """The noun phrase right after the number: adjectives up to the noun ("мирных жителей")."""
    tok = by_start.get(pos)
    if tok is None:
        return None
    toks = doc.tokens
    k = tok.i
    while k < len(toks) and k - tok.i < 4 and toks[k].pos == "ADJ":
        k += 1
    if k >= len(toks) or toks[k].pos not in ("NOUN", "PROPN"):
        return None
    if toks[k].lemma in ("год", "час", "минута", "раз", "число"):
        return None
    return doc.text[tok.start:toks[k].end]
