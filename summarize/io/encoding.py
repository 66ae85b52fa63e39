"""Which legacy encoding a file that is not UTF-8 was written in, when that is sure.

A newsroom archive holds wire copy from before UTF-8: cp1252 (curly quotes as
bytes 0x93/0x94), cp1251 and KOI8-U (Ukrainian), Latin-1. Refusing all of them
sends the user to iconv with a guess of their own; guessing freely would put
mojibake into summaries and quote offsets into the wrong text. So a detection
is taken only when two independent readers agree it is text: charset-normalizer
finds a decoding with no mess in it, and the language identifier recognises the
decoded words as one language with high confidence. Anything less is refused.
"""

from __future__ import annotations

import codecs

from summarize.errors import UsageError
from summarize.stages import language

# charset-normalizer's mess ratio: 0 is clean text; wrong decodings of real prose
# come out well above this (symbols between letters, mixed scripts in a word).
MAX_CHAOS = 0.1
# py3langid's normalised probability for the decoded text. Right decodings of a
# paragraph score above 0.99; a wrong code page gives letter soup scoring below 0.5.
MIN_LANGUAGE_PROBABILITY = 0.9
# Several code pages decode the same bytes to the same text (cp1250 and cp1252 agree
# on curly quotes and most accented Latin letters): the warning names the one a user
# most likely has, from this order.
FAMILIAR = ("cp1252", "cp1251", "koi8_u", "koi8_r", "iso8859_1", "iso8859_15", "cp1250", "iso8859_2")
# Wide encodings without a byte-order mark read any even-length bytes as some text.
_NEVER_GUESSED = ("utf_16", "utf_32")


def canonical(name: str) -> str:
    """Python's name for an encoding (``KOI8-U`` is ``koi8_u``), or a sentence saying none has it."""
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        raise UsageError(
            f"--encoding {name}: no such encoding; give auto, utf-8, or a name such as "
            "cp1252, cp1251, koi8-u or latin-1."
        ) from None


def detect(data: bytes) -> tuple[str, str] | None:
    """The text and encoding name of bytes in a legacy encoding, or None when unsure."""
    from charset_normalizer import from_bytes  # only files that are not UTF-8 pay for it

    best = from_bytes(data).best()
    if best is None or best.chaos > MAX_CHAOS or best.encoding.startswith(_NEVER_GUESSED):
        return None
    text = str(best)
    if language.probability(text) < MIN_LANGUAGE_PROBABILITY:
        return None
    same = [canonical(name) for name in best.could_be_from_charset]
    name = next((n for n in FAMILIAR if n in same), canonical(best.encoding))
    return text, name
