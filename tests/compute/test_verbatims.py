"""Verbatims sorted by keywords, their tone told by their authors' answers, quotes chosen
fairly and without personal data."""

import pandas as pd
import pytest

from pipeline.compute.survey.satisfaction import satisfaction_answers, satisfaction_by_criterion
from pipeline.compute.survey.verbatims import (
    chosen_quotes,
    comments,
    remark_tones,
    theme_counts,
    themed_comments,
)
from pipeline.core.config import (
    ConfigError,
    QuestionCatalogue,
    VerbatimThemes,
    load_config,
    load_verbatim_themes,
)
from pipeline.core.paths import DEFAULT_CONFIG

THEMES = VerbatimThemes.model_validate(
    {
        "themes": [
            {"label": "Attente", "keywords": ["attent*", "délai*"]},
            {"label": "Point numérique", "keywords": ["pan", "point numérique"]},
            {"label": "Téléphone", "keywords": ["téléphon*"]},
        ]
    }
)
LEVELS = ["Très satisfait", "Satisfait", "Peu satisfait", "Pas satisfait"]
CATALOGUE = QuestionCatalogue.model_validate(
    {
        "scales": {
            "scale4": {"levels": LEVELS, "satisfied": LEVELS[:2], "very_satisfied": LEVELS[:1]},
            "mark10": {"min": 1, "max": 10, "satisfied_from": 6, "very_satisfied_from": 9},
        },
        "questions": [
            {"column": "q_rdv", "label": "Délai de rendez-vous", "theme": "rdv", "type": "scale4"},
            {"column": "q_wait", "label": "Attente", "theme": "accueil", "type": "scale4"},
            {"column": "q_mark", "label": "Note", "theme": "général", "type": "mark10",
             "overall": True},
            {"column": "comment", "label": "Remarques", "theme": "verbatims", "type": "free_text"},
        ],
    }
)  # fmt: skip
LINKED = VerbatimThemes.model_validate(
    {
        "themes": [
            {"label": "Rendez-vous", "keywords": ["rendez-vous"], "criteria": ["q_rdv"]},
            {"label": "Délais", "keywords": ["délai*", "attente"], "criteria": ["q_wait", "q_rdv"]},
            {"label": "Merci", "keywords": ["merci"]},  # no criterion: overall satisfaction
        ]
    }
)


def remarks(texts: list[str | None], year: int = 2022) -> pd.DataFrame:
    return comments(pd.DataFrame({"year": year, "comment": texts}), "comment")


def analysed(rows: list[tuple], themes: VerbatimThemes = LINKED):
    """(q_rdv, q_wait, q_mark, comment) per respondent → the toned remarks, theme counts and
    rates, as the survey step makes them."""
    columns = ["q_rdv", "q_wait", "q_mark", "comment"]
    responses = pd.DataFrame(
        [[None if v is None else str(v) for v in row] for row in rows], columns=columns
    ).astype("string")
    responses = responses.assign(year=2022)
    answers = satisfaction_answers(responses, CATALOGUE)
    rates = satisfaction_by_criterion(responses, CATALOGUE, 0.85, answers=answers)
    found = comments(responses, "comment")
    toned = remark_tones(themed_comments(found, themes), answers, themes, CATALOGUE)
    return toned, theme_counts(toned, found, themes, rates)


def test_keywords_match_words_ignoring_case_and_accents():
    found = remarks(
        [
            "Trop d'ATTENTE au guichet",  # prefix keyword, upper case
            "Delais trop longs",  # accent missing
            "Le panneau est illisible",  # "pan" is a whole-word keyword: not a match
            "Merci au PAN et au point numérique",
            "Rappelez-moi au [téléphone masqué].",  # a mask is not a subject
            "",
            None,
        ]
    )
    themed = themed_comments(found, THEMES)
    by_text = themed.groupby("text")["theme"].apply(list).to_dict()
    assert by_text["Trop d'ATTENTE au guichet"] == ["Attente"]
    assert by_text["Delais trop longs"] == ["Attente"]
    assert by_text["Le panneau est illisible"] == ["Autres remarques"]
    assert by_text["Merci au PAN et au point numérique"] == ["Point numérique"]
    assert by_text["Rappelez-moi au [téléphone masqué]."] == ["Autres remarques"]
    counts = theme_counts(themed, found, THEMES).set_index("theme")
    assert counts["remarks"].iloc[0] == 5  # empty answers are not remarks
    assert counts.loc["Attente", "count"] == 2 and counts.loc["Attente", "share"] == 2 / 5


def test_the_tone_is_the_authors_answers_to_the_themes_criteria():
    toned, _ = analysed(
        [
            ("Pas satisfait", "Satisfait", 9, "Rendez-vous respecté, rien à redire."),
            ("Satisfait", "Satisfait", 2, "Rendez-vous trop tardif."),
            ("Non concerné", None, 3, "Rendez-vous obtenu."),  # no answer: overall mark (3)
            ("Non concerné", None, None, "Rendez-vous obtenu."),  # nothing at all: neutre
            # satisfied with the wait, not with the appointment: the words decide
            ("Pas satisfait", "Très satisfait", 8, "Délai trop long."),
            ("Pas satisfait", "Très satisfait", 8, "Délai correct."),
            ("Satisfait", "Pas satisfait", 8, "Merci."),  # no criterion: overall mark (8)
        ]
    )
    tone = toned.set_index(["respondent", "theme"])["tone"]
    assert tone[(0, "Rendez-vous")] == "critique"  # praise in words, dissatisfied in answers
    assert tone[(1, "Rendez-vous")] == "positive"
    assert tone[(2, "Rendez-vous")] == "critique" and tone[(3, "Rendez-vous")] == "neutre"
    assert tone[(4, "Délais")] == "critique" and tone[(5, "Délais")] == "positive"
    assert tone[(6, "Merci")] == "positive"
    basis = toned.set_index(["respondent", "theme"])["tone_from"]
    assert basis[(2, "Rendez-vous")] == "satisfaction générale"
    assert basis[(4, "Délais")] == "critères du thème partagés, mots de la remarque"


def test_a_theme_mostly_praised_but_under_target_gets_a_critical_quote():
    praise = [("Satisfait", "Satisfait", 9, "Rendez-vous à l'heure, parfait.")] * 3
    critics = [("Pas satisfait", "Satisfait", 4, "Rendez-vous impossible à obtenir.")]
    silent = [("Pas satisfait", "Satisfait", 5, None)] * 6  # q_rdv: 3 satisfied of 10, 30 %
    toned, counts = analysed(praise + critics + silent)
    row = counts.set_index(["year", "theme"]).loc[(2022, "Rendez-vous")]
    assert (row["critical"], row["positive"], row["neutral"]) == (1, 3, 0)
    assert row["criteria_below_target"] == "Délai de rendez-vous"
    assert not row["critical_majority"] and row["critical_quote_needed"]
    quotes = chosen_quotes(toned, counts, 2022, per_theme=1)
    shown = quotes[quotes["theme"] == "Rendez-vous"].set_index("role")
    assert shown.loc["représentative", "quote"] == "Rendez-vous à l'heure, parfait."
    assert shown.loc["représentative", "tone"] == "positive"
    assert shown.loc["critique", "quote"] == "Rendez-vous impossible à obtenir."  # beyond 1
    assert shown.loc["critique", "reason"] == "critère sous sa cible : Délai de rendez-vous"


def test_critical_remarks_in_majority_ask_for_a_critical_quote_even_on_target():
    rows = [("Satisfait", "Satisfait", 9, None)] * 20 + [
        ("Satisfait", "Satisfait", 9, "Rendez-vous correct."),
        ("Satisfait", "Satisfait", 9, "Merci pour le rendez-vous."),
        ("Pas satisfait", "Satisfait", 3, "Rendez-vous en retard."),
        ("Pas satisfait", "Satisfait", 3, "Rendez-vous en retard."),
        ("Pas satisfait", "Satisfait", 3, "Rendez-vous annulé."),
    ]  # q_rdv: 22 satisfied of 25, 88 % (on target)
    toned, counts = analysed(rows)
    row = counts.set_index(["year", "theme"]).loc[(2022, "Rendez-vous")]
    assert row["criteria_below_target"] == "" and row["critical_majority"]
    quotes = chosen_quotes(toned, counts, 2022, per_theme=3)
    shown = quotes[quotes["theme"] == "Rendez-vous"]
    first = shown.iloc[0]  # the most frequent tone is critical: the representative is critical
    assert (first["quote"], first["tone"], first["role"]) == (
        "Rendez-vous en retard.", "critique", "représentative"
    )  # fmt: skip
    assert first["times"] == 2 and "remarques critiques majoritaires" in first["reason"]
    assert shown["role"].tolist() == ["représentative", "complémentaire", "complémentaire"]


def test_quotes_never_carry_personal_data():
    toned, counts = analysed(
        [
            ("Pas satisfait", "Pas satisfait", 4, "Attente trop longue."),
            ("Pas satisfait", "Pas satisfait", 4, "Attente trop longue."),
            ("Satisfait", "Satisfait", 8, "Délai correct."),
            ("Pas satisfait", "Pas satisfait", 2, "Attente interminable, appelez Mme Martin."),
            ("Pas satisfait", "Pas satisfait", 2, "Délai long, écrivez à jean.roux@example.fr"),
        ]
    )
    quotes = chosen_quotes(toned, counts, 2022, per_theme=3)
    assert quotes["quote"].tolist() == ["Attente trop longue.", "Délai correct."]
    assert quotes["times"].tolist() == [2, 1]
    assert quotes["tone"].tolist() == ["critique", "positive"]
    # the masked remarks count in their theme and tone all the same
    row = counts.set_index(["year", "theme"]).loc[(2022, "Délais")]
    assert (row["count"], row["critical"]) == (5, 4)


def test_a_remark_of_two_themes_counts_in_each_and_is_quoted_once():
    toned, counts = analysed(
        [
            ("Satisfait", "Satisfait", 8, "Rendez-vous à l'heure, pas d'attente."),
            ("Satisfait", "Satisfait", 8, "Attente courte."),
        ]
    )
    assert counts.set_index("theme").loc["Délais", "count"] == 2
    quotes = chosen_quotes(toned, counts, 2022, per_theme=3)
    assert quotes["quote"].is_unique
    first = quotes.set_index("quote")["theme"]
    assert first["Rendez-vous à l'heure, pas d'attente."] == "Rendez-vous"  # its first theme
    assert first["Attente courte."] == "Délais"
    assert chosen_quotes(toned, counts, 2022, per_theme=0).empty


def test_a_prefectures_dictionary_names_only_questions_of_its_catalogue(tmp_path):
    config_text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    (tmp_path / "prefecture.yaml").write_text(config_text, encoding="utf-8")
    (tmp_path / "survey_themes.yaml").write_text(
        "themes:\n  - {label: Rendez-vous, keywords: [rdv], criteria: [q_rendez_vous]}\n",
        encoding="utf-8",
    )
    config = load_config(tmp_path / "prefecture.yaml")
    with pytest.raises(ConfigError, match="q_rendez_vous"):
        load_verbatim_themes(config)
    themes = load_verbatim_themes(load_config(DEFAULT_CONFIG))  # the packaged one
    assert themes.themes[0].criteria == ("q_appointment_delay",)
