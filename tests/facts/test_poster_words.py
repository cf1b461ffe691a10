"""A poster's words: a result of every one reads « Toutes les … » / « Tous les … », and the
figure shown large is the one the sentence writes."""

from __future__ import annotations

from pipeline.core.config import PublishedItem
from pipeline.core.formatting import NBSP
from pipeline.facts.poster_words import every_one_wording, figure_parts
from pipeline.facts.results import sentence_of

COMPLAINTS = (
    "{sur_10} réclamations ou suggestions sur 10 reçoivent une réponse dans le délai annoncé"
)


def test_a_result_of_every_one_reads_toutes_or_tous_les():
    complaints = PublishedItem(code="complaints_on_time", wording=COMPLAINTS)
    assert sentence_of(complaints, 1.0, "%") == (
        "toutes les réclamations ou suggestions reçoivent une réponse dans le délai annoncé"
    )
    assert sentence_of(complaints, 0.99, "%").startswith("9 réclamations ou suggestions sur 10")
    assert every_one_wording("{sur_10} appels sur 10 décrochés") == "tous les appels décrochés"
    assert every_one_wording("{sur_10} demandes sur 10 traitées") == "toutes les demandes traitées"
    assert every_one_wording("{pourcentage} des usagers") == "{pourcentage} des usagers"
    own = PublishedItem(code="x", wording="{sur_10} dossiers sur 10", wording_all="aucun retard")
    assert sentence_of(own, 1.0, "%") == "aucun retard"


def test_the_large_figure_is_the_one_the_sentence_writes():
    assert figure_parts("{sur_10} appels sur 10 décrochés", 0.934, "%") == ("9", "sur 10")
    # one rounding rule for every document (half up at the precision shown)…
    assert figure_parts("{pourcentage} des usagers", 0.969, "%") == (f"97{NBSP}%", "")
    assert figure_parts("en {jours} jours", 21.2, "j") == ("21", "jours")
    # …never reading as reaching a target it misses
    missed = ("{pourcentage} des usagers", 0.899, "%", ">=", 0.9, "non atteint")
    assert figure_parts(*missed) == (f"89,9{NBSP}%", "")
    assert figure_parts("satisfaction nette : {points}", 0.923, "points") == ("+92", "points")
    assert figure_parts("{label} : {jours_ouvres}", 0.6, "j") == ("1", "jour ouvré")
    assert figure_parts("{label}", 3.0, "nombre") == ("", "")
