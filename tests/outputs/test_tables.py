"""The analyst's tables: French names and formats, never raw codes nor Python values."""

import pandas as pd

from pipeline.outputs.tables import french_table


def test_values_in_their_own_unit_and_yes_no_in_words():
    frame = pd.DataFrame(
        {"label": ["Envoyés", "Réponses", "Délai"], "unit": ["nombre", "%", "j"],
         "value": [18.0, 0.944, 1.73], "late": [True, False, None]}
    )  # fmt: skip
    shown = french_table(frame, {"label": ("Critère", "text"), "value": ("Résultat", "value"),
                                 "late": ("En retard", "yes_no")})  # fmt: skip
    assert list(shown.columns) == ["Critère", "Résultat", "En retard"]
    assert shown["Résultat"].tolist() == ["18", "94,4\u00a0%", "1,7\u00a0j"]
    assert shown["En retard"].tolist() == ["oui", "non", "–"]
