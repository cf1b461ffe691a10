"""« Points d'amélioration » in the deck and the minutes, on small made-up results: the results
with an action on their own slide(s), those without grouped by kind on as few slides as they
take (one in the usual case), every one on a main slide readable from the back of the room, and
the minutes in the same words."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from pptx.util import Emu

from pipeline.facts.improvements import NO_ACTION, Improvement, PlannedAction
from pipeline.facts.measures import CALLS, EMAILS, INDICATOR, SURVEY, Measure
from pipeline.outputs import theme as tb
from pipeline.outputs.deck.kinds import new_presentation
from pipeline.outputs.deck.story.actions import add_improvements
from pipeline.outputs.deck.story.common import Deck
from pipeline.outputs.minutes.blocks import Bullets, Paragraph
from pipeline.outputs.minutes.items import action_plan_text

KICKER = "Le plan d'actions 2022 : avancement"
SVI = PlannedAction("Refonte des messages du SVI", "", "Service de la communication",
                    "décembre 2022", "en retard")  # fmt: skip


def result(kind: str, short: str, value: float, action: PlannedAction | None = None, note=""):
    label, target = f"Taux : {short}", 0.9 if kind == INDICATOR else 0.85
    measure = Measure(kind, short, label, short, value, "%", ">=", target, "non atteint", note=note)
    return Improvement(measure, (action,) if action else (), "point visé" if action else "")


def sample_like() -> list[Improvement]:
    """5 results with an action, 9 without, of the four kinds (the sample's shape)."""
    return [
        result(INDICATOR, "SVI mis à jour sous 3 jours ouvrés", 0.68, SVI, "10\u00a0mois"),
        result(INDICATOR, "courriels des élus répondus sous 5 jours ouvrés", 0.898),
        result(INDICATOR, "rendez-vous des élus fixés dans le délai", 0.762),
        result(SURVEY, "confort des espaces d'attente", 0.813, SVI),
        result(SURVEY, "délai d'attente", 0.841),
        result(SURVEY, "délai de rendez-vous", 0.507, SVI),
        result(SURVEY, "accueil téléphonique", 0.787, SVI),
        result(CALLS, "SVI clair et complet", 0.647, SVI),
        result(CALLS, "prise en charge", 0.824),
        result(CALLS, "transfert avec annonce du service", 0.385),
        result(CALLS, "orientation vers les sites officiels", 0.706),
        result(CALLS, "prise de congé", 0.8241),
        result(EMAILS, "information de l'usager en cas de transfert", 0.30),
        result(INDICATOR, "rendez-vous des élus tenus dans le délai", 0.81),
    ]


def deck_of(items: list[Improvement]):
    deck = Deck(prs=new_presentation(), facts=SimpleNamespace(improvements=tuple(items)))
    add_improvements(deck, KICKER)
    return list(deck.prs.slides)


def title(slide) -> str:
    return slide.shapes.title.text_frame.text


def table(slide):
    return next(shape for shape in slide.shapes if shape.has_table)


def rows(slide) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table(slide).table.rows][1:]


def sizes(slide) -> list[float]:
    cells = [cell for row in table(slide).table.rows for cell in row.cells]
    return [run.font.size.pt for cell in cells for p in cell.text_frame.paragraphs
            for run in p.runs if run.text.strip()]  # fmt: skip


def readable(slide) -> None:
    """At most six rows and five columns, 14 pt or more, within the content's height."""
    frame = table(slide)
    assert len(frame.table.rows) - 1 <= 6 and len(frame.table.columns) <= 5, title(slide)
    assert min(sizes(slide)) >= 14, title(slide)
    bottom = Emu(frame.top + sum(row.height for row in frame.table.rows)).inches
    assert bottom <= tb.CONTENT_BOTTOM_IN + 0.01, title(slide)


def test_the_sample_s_shape_takes_two_slides_one_with_actions_one_grouped_by_kind():
    slides = deck_of(sample_like())
    assert [title(s) for s in slides] == [
        "Points d'amélioration : 5 des 14 résultats sous la cible ont une action prévue",
        "Sans action prévue à ce jour : 9 résultats sous la cible, à décider",
    ]
    for slide in slides:
        readable(slide)
    with_action = rows(slides[0])
    assert [row[0] for row in with_action] == [
        "Indicateur — SVI mis à jour sous 3 jours ouvrés",
        "Enquête — confort des espaces d'attente", "Enquête — délai de rendez-vous",
        "Enquête — accueil téléphonique",
        "Appels mystère — SVI clair et complet",
    ]  # fmt: skip
    assert with_action[0][1:] == [
        "68,0\u00a0% pour ≥\u00a090\u00a0% (10\u00a0mois)", "Refonte des messages du SVI",
        "Service de la communication, décembre 2022 (en retard)",
    ]  # fmt: skip
    grouped = rows(slides[1])
    assert [row[0] for row in grouped] == [
        "Indicateurs", "Enquête", "Appels mystère", "Courriels mystère"
    ]  # fmt: skip
    # each result on its line, its value and its target kept together (no-break spaces)
    assert grouped[0][1].replace("\u00a0", " ").split("\n") == [
        "Courriels des élus répondus sous 5 jours ouvrés : 89,8 % pour ≥ 90 %",
        "Rendez-vous des élus fixés dans le délai : 76,2 % pour ≥ 90 %",
        "Rendez-vous des élus tenus dans le délai : 81,0 % pour ≥ 90 %",
    ]
    assert "89,8\u00a0%\u00a0pour\u00a0≥\u00a090\u00a0%" in grouped[0][1]
    assert len(grouped[2][1].split("\n")) == 4
    notes = slides[1].notes_slide.notes_text_frame.text  # the full labels, each with « aucune »
    assert notes.count(f"— {NO_ACTION}.") == 9 and "Taux : prise de congé : 82,4" in notes
    assert "SVI : serveur vocal interactif" in " ".join(
        shape.text_frame.text for shape in slides[0].shapes if shape.name == "Note"
    )


def test_every_result_with_an_action_one_slide_without_the_second():
    slides = deck_of([i for i in sample_like() if i.actions])
    assert [title(s) for s in slides] == [
        "Points d'amélioration : les 5 résultats sous la cible ont une action prévue"
    ]
    one = deck_of([sample_like()[0]])
    assert [title(s) for s in one] == [
        "Points d'amélioration : le seul résultat sous la cible a une action prévue"
    ]


def test_no_result_with_an_action_one_grouped_slide_that_names_the_part():
    slides = deck_of([i for i in sample_like() if not i.actions])
    assert [title(s) for s in slides] == [
        "Points d'amélioration : les 9 résultats sous la cible sont sans action prévue à ce "
        "jour, à décider"
    ]
    readable(slides[0])
    one = deck_of([result(EMAILS, "signature complète", 0.8)])
    assert title(one[0]) == (
        "Points d'amélioration : le seul résultat sous la cible est sans action prévue à ce "
        "jour, à décider"
    )
    assert rows(one[0]) == [
        ["Courriels mystère", "Signature complète : 80,0\u00a0%\u00a0pour\u00a0≥\u00a085\u00a0%"]
    ]


def test_no_result_under_its_target_no_slide():
    assert deck_of([]) == []


def test_more_than_six_results_with_an_action_share_balanced_slides():
    items = [result(SURVEY, f"critère n° {n}", 0.5, SVI) for n in range(1, 8)]
    slides = deck_of(items)
    base = "Points d'amélioration : les 7 résultats sous la cible ont une action prévue"
    assert [title(s) for s in slides] == [f"{base} (1/2)", f"{base} (2/2)"]
    assert [len(rows(s)) for s in slides] == [4, 3]


def test_a_long_list_without_action_continues_on_main_slides_each_readable():
    long = "critère d'un libellé assez long pour occuper presque toute la largeur n°"
    items = [result(CALLS, f"{long} {n}", 0.5) for n in range(1, 31)]
    items += [result(EMAILS, "signature complète", 0.8)]
    slides = deck_of(items)
    assert len(slides) > 1
    base = "Points d'amélioration : les 31 résultats sous la cible sont sans action prévue"
    for page, slide in enumerate(slides, 1):
        assert title(slide).startswith(base) and title(slide).endswith(f"({page}/{len(slides)})")
        readable(slide)
    kinds = [row[0] for slide in slides for row in rows(slide)]
    assert kinds[0] == "Appels mystère" and kinds[-1] == "Courriels mystère"
    assert all(kind == "Appels mystère (suite)" for kind in kinds[1:-1])
    lines = [line for s in slides for row in rows(s) for line in row[1].split("\n")]
    assert len(lines) == 31  # every one, once


def minutes_of(items: list[Improvement]) -> list:
    facts = SimpleNamespace(improvements=tuple(items), action_plan=None, planned=())
    return action_plan_text(facts, {})


def test_the_minutes_tell_the_two_slides_in_their_words():
    blocks = minutes_of(sample_like())
    leads = [b.lead + b.text for b in blocks if isinstance(b, Paragraph)]
    assert leads == [
        "Points d'amélioration : 5 des 14 résultats sous la cible ont une action prévue :",
        "Sans action prévue à ce jour : 9 résultats sous la cible, à décider :",
    ]
    lists = [b.items for b in blocks if isinstance(b, Bullets)]
    assert len(lists[0]) == 5
    assert lists[1][1] == "Enquête : délai d'attente (84,1\u00a0% pour ≥\u00a085\u00a0%)"
    assert [item.split(" : ")[0] for item in lists[1]] == [
        "Indicateurs", "Enquête", "Appels mystère", "Courriels mystère"
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("answered", "expected"),
    [
        (True, "Points d'amélioration : les 5 résultats sous la cible ont une action prévue :"),
        (False, "Points d'amélioration : les 9 résultats sous la cible sont sans action prévue à "
                "ce jour, à décider :"),
    ],
)  # fmt: skip
def test_the_minutes_read_right_when_every_result_has_an_action_or_none(answered, expected):
    blocks = minutes_of([i for i in sample_like() if bool(i.actions) == answered])
    leads = [b.lead + b.text for b in blocks if isinstance(b, Paragraph)]
    assert leads == [expected]
