"""Which language a document is in, so nothing is silently parsed with the wrong pipeline.

py3langid ships its model inside the wheel (no download). Detection reads the first few
thousand characters; a short or mixed text whose verdict is not confident counts as the
pipeline's language, because the detector's guesses on a headline are noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

# Enough text for a confident verdict; more costs time and changes nothing.
SAMPLE_CHARS = 3000
# Below this many letters a verdict is not trusted (a headline, a list of names).
MIN_LETTERS = 60
# A document is taken to be in another language only when the detector is this sure.
MIN_CONFIDENCE = 0.95

_NAMES = {
    "en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese",
    "ru": "Russian", "uk": "Ukrainian", "it": "Italian", "nl": "Dutch", "ar": "Arabic",
    "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "tr": "Turkish", "fa": "Persian",
    "pl": "Polish", "sv": "Swedish", "no": "Norwegian", "da": "Danish", "fi": "Finnish",
    "el": "Greek", "he": "Hebrew", "hi": "Hindi", "id": "Indonesian", "vi": "Vietnamese",
    "ro": "Romanian", "hu": "Hungarian", "cs": "Czech", "ca": "Catalan", "sr": "Serbian",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Language:
    """A detected language: ISO 639-1 code, the detector's probability, and whether it was sure."""

    code: str
    confidence: float
    confident: bool

    @property
    def name(self) -> str:
        return _NAMES.get(self.code, self.code)


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, default: str = "en") -> Language:
    """The language of `text`; `default` when the text is too short or the verdict unsure.

    >>> detect_language("Venimos de Noruega y el presidente dijo que el diálogo continuará.").code
    'es'
    """
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return Language(default, 0.0, False)
    code, probability = _identifier().classify(sample)
    confidence = float(probability)
    if code != default and confidence < MIN_CONFIDENCE:
        return Language(default, confidence, False)
    return Language(str(code), confidence, True)
