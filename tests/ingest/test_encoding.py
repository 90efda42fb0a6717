import pytest

from newstrail.errors import InputRejected
from newstrail.ingest.encoding import declared_charset, decode, sniff_binary

RU = "Российские войска продолжили наступление под Авдеевкой, сообщило Минобороны России."
UK = "Російські війська продовжили наступ поблизу Авдіївки, повідомили в Генштабі ЗСУ."
FR = "Le ministère a déclaré que les forces ukrainiennes ont repoussé l'attaque près de Kupiansk."


@pytest.mark.parametrize(
    "text,encoding",
    [(RU, "cp1251"), (RU, "koi8_r"), (UK, "cp1251"), (UK, "koi8_u"), (RU, "utf-8"),
     (UK, "utf-16"), (FR, "latin-1"), (FR, "utf-8"), ("Привет, мир", "cp1251"),
     ("Привет, мир", "koi8_r")],
)
def test_decodes_common_encodings(text, encoding):
    got, _ = decode(text.encode(encoding))
    assert got == text


def test_bom_is_dropped():
    got, name = decode(b"\xef\xbb\xbf" + RU.encode("utf-8"))
    assert got == RU and name == "utf-8-sig"


def test_declared_charset_wins_when_valid():
    html = f'<html><head><meta charset="windows-1251"></head><body>{RU}</body></html>'
    data = html.encode("cp1251")
    assert declared_charset(data) == "cp1251"
    assert RU in decode(data)[0]


@pytest.mark.parametrize("data", [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n....", b"ab\x00\x00cd" * 10,
                                  bytes(range(32)) * 20])
def test_binary_is_refused(data):
    assert sniff_binary(data)
    with pytest.raises(InputRejected) as info:
        decode(data)
    assert info.value.reason == "binary"
