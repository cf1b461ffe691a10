"""The commitment headline of « L'essentiel de l'année »: a late action says its passed
deadline without a participle to agree, and names the point it answers as the plan does."""

from __future__ import annotations

from pipeline.facts.highlights import BAD, NEUTRAL, _commitment_headline
from pipeline.facts.improvements import PlannedAction


def test_a_late_action_says_its_deadline_passed_without_agreeing_a_participle():
    late = PlannedAction("Tutoriels vidéo sur la prise de rendez-vous", "", "Service de la "
                         "communication", "avril 2022", "en retard")  # fmt: skip
    headline = _commitment_headline(late, None)
    assert (headline.figure, headline.tone) == ("En retard", BAD)
    assert headline.text == (
        "Tutoriels vidéo sur la prise de rendez-vous (Service de la communication), "
        "échéance avril 2022 dépassée"
    )
    assert "attendu" not in headline.sentence


def test_a_planned_action_shows_its_deadline_as_the_figure():
    planned = PlannedAction("Signature complète sur les boîtes", "", "Mission qualité",
                            "mars 2023", "à engager")  # fmt: skip
    headline = _commitment_headline(planned, None)
    assert (headline.figure, headline.tone) == ("Mars 2023", NEUTRAL)
    assert headline.text == "Signature complète sur les boîtes (Mission qualité)"
