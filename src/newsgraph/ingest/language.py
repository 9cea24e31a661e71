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
# A paragraph with fewer letters does not vote (a headline, a byline, a list of names) ...
MIN_LETTERS = 60
# ... and a text whose voting paragraphs hold fewer than this is too short to judge: a short
# English sentence full of foreign names reads as Slovenian to the detector.
MIN_JUDGED_LETTERS = 250
# A paragraph votes only when the detector is this sure of it.
MIN_CONFIDENCE = 0.95
# Another language than the pipeline's wins only with this share of the judged text.
MIN_SHARE = 0.6
# how sure the verdict on the whole sample must be to stand without the paragraphs' vote
WHOLE_CONFIDENCE = 0.99

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
    """A detected language: ISO 639-1 code, its share of the judged text, and whether the
    verdict is sure."""

    code: str
    confidence: float
    confident: bool

    @property
    def name(self) -> str:
        return _NAMES.get(self.code, self.code)


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, default: str = "en") -> Language:
    """The language most of `text` is written in; `default` when the text is too short or the
    verdict unsure.

    Paragraphs are judged one by one and vote by length: an English article quoting a
    paragraph of Persian or Hindi stays English (judged whole, such mixed texts confuse the
    detector into Latin or Swahili).

    >>> detect_language("Venimos de Noruega y el presidente dijo que el diálogo continuará.").code
    'es'
    """
    votes: dict[str, float] = {}
    sample = text[: SAMPLE_CHARS * 2]
    chunks = _chunks(sample)
    if sum(_letters(chunk) for chunk in chunks) < MIN_JUDGED_LETTERS:
        return Language(default, 0.0, False)
    # most texts are plainly in the default language judged whole: one question instead of
    # one per paragraph (a third of the time); a mixed text is never this sure of it
    code, probability = _identifier().classify(sample)
    if code == default and float(probability) >= WHOLE_CONFIDENCE:
        return Language(default, float(probability), True)
    for chunk in chunks:
        code, probability = _identifier().classify(chunk)
        if float(probability) >= MIN_CONFIDENCE:
            votes[str(code)] = votes.get(str(code), 0.0) + len(chunk)
    judged = sum(votes.values())
    if not judged:
        return Language(default, 0.0, False)
    code = max(votes, key=lambda key: votes[key])
    share = votes[code] / judged
    if code != default and share < MIN_SHARE:
        return Language(default, share, False)
    return Language(code, share, True)


def _chunks(text: str) -> list[str]:
    """Paragraphs with enough letters to judge."""
    return [p for p in text.split("\n") if _letters(p) >= MIN_LETTERS]


def _letters(text: str) -> int:
    """How many letters `text` has (counted by `map`, in C: a generator cost a tenth of a
    millisecond per article)."""
    return sum(map(str.isalpha, text))
