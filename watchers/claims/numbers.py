"""Numbers as news writes them: "4,500", "1.5 million", "$50 MILLION", "twenty-five", "two dozen", "eighth".

Pure parsing, no judgement: `figures.py` decides whether a number is a figure and of what.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
# Spanish number words ("dejó tres muertos", "ocho buques"); "once" (11) is left out, being an English word too.
SPANISH_UNITS = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17, "dieciocho": 18,
    "diecinueve": 19, "veinte": 20,
}  # fmt: skip
UNITS.update(SPANISH_UNITS)
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12,
    "mil": 1_000, "millón": 1_000_000, "millones": 1_000_000,  # Spanish
    "тысяч": 1_000, "тысячи": 1_000, "тыс": 1_000, "млн": 1_000_000, "миллионов": 1_000_000, "миллиона": 1_000_000,
}  # fmt: skip
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50,
}  # fmt: skip

_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_WORDS = "|".join(TENS)
_WORD_NUMBER = rf"(?:(?:{_TENS_WORDS})(?:[-\s](?:{_UNIT_WORDS}))?|{_UNIT_WORDS})"
WORD_NUMBER = _WORD_NUMBER  # for readers of compounds ("three-ship", "200-kilometer")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:\.\d+)?"  # "10.000" is Spanish 10,000
_DOZEN = rf"(?:(?:half\s+)?an?|{_WORD_NUMBER}|\d+)\s+dozen\b(?!s)"
# "a pair of jets", "a trio of vessels": a collective noun that is a number ("a couple of" stays vague).
GROUPS = {"pair": 2, "trio": 3, "quartet": 4, "quintet": 5}
_GROUP = rf"an?\s+(?:{'|'.join(GROUPS)})\s+of\b"
# Units written against the digits ("1,200km", "300nm"): the number ends where the unit begins.
_GLUED_UNIT = r"(?:km|kms|nm|mi)\b"
# Beyond this no count of anything in the news is meant literally; a longer digit string is a code or garbage.
MAX_VALUE = 10**15
_SCALE = (
    r"(?:(?:\s*|-)(?P<scale>hundred|thousand|million|billion|trillion|millones|millón|mil|тысяч|тысячи|тыс|млн|миллионов"
    r"|миллиона)\b(?!s)|(?P<short>bn|mn|m|k)\b)?"
)

# One number: optional currency sign, the number, an optional scale word. A number glued to a letter or a hyphen
# ("B-52", "F-16", "25-1") or to a colon ("9:41") is part of a name or a time, never a count.
_NUMBER = (
    rf"(?P<cur>us\$|\$|usd\s?|€|£)?(?<![\w\-–/:.,])(?P<num>{_GROUP}|{_DOZEN}|{_DIGITS}|\b{_WORD_NUMBER}\b(?![-–]\w))"
    rf"(?=(?:bn|mn|m|k)\b|{_GLUED_UNIT}|[^\w:]|$)"
    rf"(?!\.\d){_SCALE}(?P<plus>\+|-plus\b)?"
)
# The currency of a sum by its sign; a dollar sign, "USD" and currency words after the number are US dollars.
CURRENCIES = {"€": "EUR", "£": "GBP"}
# Matched against lower-cased text (case-insensitive matching is several times slower); see `lower_for_match`.
NUMBER_RE = re.compile(_NUMBER)
NUMBER_RE_ANYCASE = re.compile(_NUMBER, re.IGNORECASE)

_ORDINAL_WORDS = "|".join(sorted(ORDINALS, key=len, reverse=True))
ORDINAL_RE = re.compile(
    rf"(?<![\w-])(?:(?P<digits>\d+)(?:st|nd|rd|th)|(?P<word>(?:(?:{_TENS_WORDS})-)?(?:{_ORDINAL_WORDS})))\b"
)


def lower_for_match(text: str) -> tuple[str, re.Pattern[str]]:
    """The text to run NUMBER_RE on, with the pattern to use: lower case keeps offsets unless Unicode says no."""
    low = text.lower()
    return (low, NUMBER_RE) if len(low) == len(text) else (text, NUMBER_RE_ANYCASE)


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    is_word: bool  # spelled out ("four") rather than digits
    is_money: bool
    plus: bool  # "75+", "20,000-plus"


_DOTTED_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")  # Spanish "10.000"
_DIGITS_ONLY = re.compile(r"[\d,]+(?:\.\d+)?")
_WORD_SEPARATORS = re.compile(r"[-\s]+")


def words_to_value(text: str) -> float | None:
    """ "twenty-five" → 25, "two dozen" → 24, "half a dozen" → 6, "seven" → 7; None when not a number."""
    t = text.lower().strip()
    group = t.split()
    if len(group) == 3 and group[1] in GROUPS and group[2] == "of":
        return float(GROUPS[group[1]])
    if t.endswith("dozen"):
        head = t[: -len("dozen")].strip()
        if head.startswith("half"):
            return 6.0
        if head in ("a", "an"):
            return 12.0
        base = words_to_value(head)
        return None if base is None else base * 12
    if _DOTTED_THOUSANDS.fullmatch(t):
        return _bounded(Decimal(t.replace(".", "")))
    if _DIGITS_ONLY.fullmatch(t):
        return _bounded(Decimal(t.replace(",", "")))
    parts = _WORD_SEPARATORS.split(t)
    total = 0
    for part in parts:
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        else:
            return None
    return float(total)


def _bounded(value: Decimal) -> float | None:
    """A digit string's value, parsed exactly (a 400-digit string must not become inf); None past MAX_VALUE."""
    return float(value) if value <= MAX_VALUE else None


def currency_of(number: str) -> str:
    """The currency of a sum as written from its sign on ("€3.5 billion" → EUR); US dollars by default."""
    return CURRENCIES.get(number[:1], "USD")


def parse_number(m: re.Match[str]) -> ParsedNumber | None:
    """The value of a NUMBER_RE match, scale and currency applied."""
    raw = m.group("num")
    value = words_to_value(raw)
    if value is None:
        return None
    scale = m.group("scale")
    short = m.group("short")
    is_money = bool(m.group("cur"))
    if scale:
        value *= SCALES[scale.lower()]
    elif short and (is_money or short.lower() in ("bn", "mn", "k")):  # "15K troops"; a bare "m" may be metres
        value *= SHORT_SCALES[short.lower()]
    if value > MAX_VALUE:
        return None
    is_word = not raw[0].isdigit()
    return ParsedNumber(value=value, is_word=is_word, is_money=is_money, plus=bool(m.group("plus")))


def ordinal_value(m: re.Match[str]) -> int | None:
    if m.group("digits"):
        return int(m.group("digits"))
    word = m.group("word").lower()
    if "-" in word:
        tens, unit = word.split("-", 1)
        return TENS.get(tens, 0) + ORDINALS.get(unit, 0)
    return ORDINALS.get(word)
