"""Which language a text is in, and whether a language code means anything.

py3langid ships its model inside the package (no download) and classifies a
news article in well under a millisecond once loaded.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from summarize.errors import UnknownLanguageError

# Names for the codes users are most likely to type; the rest print as codes.
NAMES = {
    "ar": "Arabic", "be": "Belarusian", "bg": "Bulgarian", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "et": "Estonian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "it": "Italian", "ja": "Japanese", "ka": "Georgian", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sv": "Swedish",
    "tr": "Turkish", "uk": "Ukrainian", "zh": "Chinese",
}  # fmt: skip


def identify(text: str) -> str:
    """The ISO 639-1 code of the text's language (py3langid's best guess)."""
    import py3langid

    code, _score = py3langid.classify(text[:5000])
    return str(code)


def probability(text: str) -> float:
    """How sure the identifier is of its best guess, from 0 to 1: letter soup from a
    wrong decoding scores low, a real paragraph in any language high."""
    return _normalised().classify(text[:5000])[1]


@functools.cache
def _normalised():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def check_code(code: str, supported: Iterable[str]) -> str:
    """Normalise a user's language code, or say which ones would work."""
    norm = code.strip().lower().replace("_", "-").split("-")[0]
    known = sorted(set(supported))
    if norm not in known:
        listed = ", ".join(known)
        raise UnknownLanguageError(
            f"Unknown or unsupported language code '{code}'; the catalog's models cover: {listed}."
        )
    return norm
