"""No document is silently parsed in the wrong language."""

from __future__ import annotations

import pytest

from newsgraph import Extractor
from newsgraph.ingest.language import detect_language
from newsgraph.models import Document, Skipped


def test_a_spanish_article_is_skipped_with_the_reason(extractor: Extractor) -> None:
    text = (
        "Venimos de Noruega, dijo el presidente. El diálogo entre el gobierno y la oposición "
        "continuará la próxima semana en Oslo, según fuentes oficiales del país. Los "
        "representantes de ambas partes se reunieron durante tres días y acordaron seguir "
        "conversando sobre la crisis política y económica que vive Venezuela desde enero."
    )
    english = "Russia sent troops to Venezuela on Monday, officials in Caracas said on Tuesday."
    results = list(
        extractor.extract([Document("d1", text, "es.txt"), Document("d2", english, "en.txt")])
    )
    assert isinstance(results[0], Skipped) and "Spanish" in results[0].reason
    assert not isinstance(results[1], Skipped) and results[1].document.language == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Le président a dit que la France ne reculera pas devant les menaces du régime. Les "
            "ministres se sont réunis lundi à Paris pour discuter de la réponse du gouvernement "
            "aux sanctions annoncées par Washington la semaine dernière. Aucune décision n'a "
            "été prise, mais le Premier ministre doit s'exprimer demain devant l'Assemblée.",
            "fr",
        ),
        (
            "Russian Foreign Minister Sergei Lavrov met Michael Pompeo. Lavrov berated Pompeo. "
            "Later, Pompeo called Lavrov again.",
            "en",
        ),
        ("Moscow Acts", "en"),  # too short to judge: the pipeline's language
        ("Putin met Maduro in Caracas on Monday to discuss oil, debt and arms deliveries.", "en"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text).code == code
