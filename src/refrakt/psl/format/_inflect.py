"""Names for generated relation fields: camelCase and English plurals as Prisma makes them.

Prisma names the fields that the formatter adds with the ``cruet`` crate (a fork of Rust's
``Inflector``): ``to_camel_case`` and ``to_plural``. This module reproduces both, rule by rule, so
that ``PostableEntity`` becomes ``postableEntities`` and ``Person`` becomes ``people`` exactly as
``prisma format`` writes them.
"""

from __future__ import annotations

import re

__all__ = ["lower_first", "to_camel_case", "to_plural", "upper_first"]


def lower_first(text: str) -> str:
    """Lower-case the first character only (Prisma's own ``camel_case`` helper)."""
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """Upper-case the first character only (Prisma's own ``pascal_case`` helper)."""
    return text[:1].upper() + text[1:]


def to_camel_case(text: str) -> str:
    """``cruet::to_camel_case``: words split at non-alphanumerics, digits and lower→upper steps."""
    end = len(text)
    while end > 0 and not text[end - 1].isalnum():
        end -= 1
    new_word = False
    last_char = " "
    found_real_char = False
    out: list[str] = []
    for c in text[:end]:
        alnum = c.isalnum()
        if not alnum and found_real_char:
            new_word = True
        elif not found_real_char and not alnum:
            continue
        elif c.isnumeric():
            found_real_char = True
            new_word = True
            out.append(c)
        elif new_word or (last_char.islower() and c.isupper()):
            found_real_char = True
            new_word = False
            out.append(_ascii_upper(c))
        else:
            found_real_char = True
            last_char = c
            out.append(_ascii_lower(c))
    return "".join(out)


def _ascii_upper(c: str) -> str:
    return c.upper() if c.isascii() else c


def _ascii_lower(c: str) -> str:
    return c.lower() if c.isascii() else c


_SPECIAL_PLURALS = {
    "ox": "oxen",
    "man": "men",
    "woman": "women",
    "die": "dice",
    "yes": "yeses",
    "foot": "feet",
    "eave": "eaves",
    "goose": "geese",
    "tooth": "teeth",
    "quiz": "quizzes",
}

# (pattern, replacement); tried from the last to the first, the first match wins.
_PLURAL_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(\w*)s$", "s"),
        (r"(\w*([^aeiou]ese))$", ""),
        (r"(\w*(ax|test))is$", "es"),
        (r"(\w*(alias|[^aou]us|tlas|gas|ris))$", "es"),
        (r"(\w*(e[mn]u))s?$", "s"),
        (r"(\w*([^l]ias|[aeiou]las|[emjzr]as|[iu]am))$", ""),
        (
            r"(\w*(alumn|syllab|octop|vir|radi|nucle|fung|cact|stimul|termin|bacill|foc|uter|loc|strat))(?:us|i)$",
            "i",
        ),
        (r"(\w*(alumn|alg|vertebr))(?:a|ae)$", "ae"),
        (r"(\w*(seraph|cherub))(?:im)?$", "im"),
        (r"(\w*(her|at|gr))o$", "oes"),
        (
            r"(\w*(agend|addend|millenni|dat|extrem|bacteri|desiderat|strat|candelabr|errat|ov|symposi|curricul"
            r"|automat|quor))(?:a|um)$",
            "a",
        ),
        (
            r"(\w*(apheli|hyperbat|periheli|asyndet|noumen|phenomen|criteri|organ|prolegomen|hedr|automat))(?:a|on)$",
            "a",
        ),
        (r"(\w*)sis$", "ses"),
        (r"(\w*(kni|wi|li))fe$", "ves"),
        (r"(\w*(ar|l|ea|eo|oa|hoo))f$", "ves"),
        (r"(\w*([^aeiouy]|qu))y$", "ies"),
        (r"(\w*([^ch][ieo][ln]))ey$", "ies"),
        (r"(\w*(x|ch|ss|sh|zz)es)$", ""),
        (r"(\w*(x|ch|ss|sh|zz))$", "es"),
        (r"(\w*(matr|cod|mur|sil|vert|ind|append))(?:ix|ex)$", "ices"),
        (r"(\w*(m|l))(?:ice|ouse)$", "ice"),
        (r"(\w*(pe))(?:rson|ople)$", "ople"),
        (r"(\w*(child))(?:ren)?$", "ren"),
        (r"(\w*eaux)$", ""),
    )
]

_UNCOUNTABLE_WORDS = """
    accommodation adulthood advertising advice aggression aid air aircraft alcohol anger applause
    arithmetic assistance athletics bacon baggage beef biology blood botany bread butter carbon
    cardboard cash chalk chaos chess crossroads countryside dancing deer dignity dirt dust economics
    education electricity engineering enjoyment envy equipment ethics evidence evolution fame fiction
    flour flu food fuel fun furniture gallows garbage garlic genetics gold golf gossip grammar
    gratitude grief guilt gymnastics happiness hardware harm hate hatred health heat help homework
    honesty honey hospitality housework humour hunger hydrogen ice importance inflation information
    innocence iron irony jam jewelry judo karate knowledge lack laughter lava leather leisure
    lightning linguine linguini linguistics literature litter livestock logic loneliness luck
    luggage macaroni machinery magic management mankind marble mathematics mayonnaise measles
    methane milk money mud music mumps nature news nitrogen nonsense nurture nutrition obedience
    obesity oxygen pasta patience physics poetry pollution poverty pride psychology publicity
    punctuation quartz racism relaxation reliability research respect revenge rice rubbish rum
    safety scenery seafood seaside series shame sheep shopping sleep smoke smoking snow soap
    software soil spaghetti species steam stuff stupidity sunshine symmetry tennis thirst thunder
    timber traffic transportation trust underwear unemployment unity validity veal vegetation
    vegetarianism vengeance violence vitality warmth wealth weather welfare wheat wildlife wisdom
    yoga zinc zoology
"""
_UNCOUNTABLE = frozenset(_UNCOUNTABLE_WORDS.split())


def to_plural(word: str) -> str:
    """``cruet::to_plural`` (Rails-style rules; uncountable words stay as they are)."""
    if word in _UNCOUNTABLE:
        return word
    special = _SPECIAL_PLURALS.get(word)
    if special is not None:
        return special
    for pattern, replacement in reversed(_PLURAL_RULES):
        match = pattern.search(word)
        if match is not None and match.group(1) is not None:
            return match.group(1) + replacement
    return word + "s"
