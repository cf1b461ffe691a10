"""The feedback platform's experiences: only the préfecture's structures counted, feelings and
ratings, the replied-to share, themes and quotes told by the authors' feelings."""

import pandas as pd

from pipeline.compute.feedback import (
    counted_experiences,
    experience_feelings,
    feedback_by_channel,
    feedback_ratings,
    feedback_summary,
    feedback_tables,
)
from pipeline.core.config import FeedbackSettings, VerbatimThemes

THEMES = VerbatimThemes.model_validate(
    {
        "themes": [
            {"label": "Rendez-vous", "keywords": ["rendez-vous", "rdv"]},
            {"label": "Accueil et agents", "keywords": ["accueil*", "agent*"]},
        ]
    }
)


def experiences(*rows):
    """Rows: (structure, channel, feeling, rating, title, text, replied, reply, year)."""
    columns = ["structure", "channel", "feeling", "rating", "title", "text", "replied", "reply",
               "year"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({
        "structure": "string", "channel": "string", "feeling": "string", "rating": "Float64",
        "title": "string", "text": "string", "replied": "boolean", "reply": "string",
        "year": "int64",
    })  # fmt: skip


ROWS = experiences(
    ("Préfecture du Val", "Accueil", "positif", None, "Merci", "Agent très aimable", None,
     "Merci de votre retour", 2022),
    ("PRÉFECTURE DU VAL", "Téléphone", "négatif", None, "RDV", "Aucun rendez-vous possible",
     None, None, 2022),
    ("Préfecture du Val", "Accueil", "positif", None, None, "Accueil rapide", True, None, 2022),
    ("Préfecture du Val", None, "neutre", None, None, None, False, "Réponse", 2022),
    ("Mairie d'ailleurs", "Accueil", "négatif", None, "X", "Mauvais accueil", None, None, 2022),
    (None, "Accueil", None, 4.0, None, "Rendez-vous obtenu vite", None, None, 2021),
)  # fmt: skip


def test_only_the_prefectures_structures_count_and_a_written_reply_is_a_reply():
    counted = counted_experiences(ROWS, ("Préfecture du Val",))
    assert len(counted) == 5  # the mairie's left out; the one without structure counts
    # replied: written reply → yes; « oui » → yes; « non » wins over a written reply
    assert counted["replied"].tolist() == [True, False, True, False, False]
    assert len(counted_experiences(ROWS, ())) == 6  # no list: every experience


def test_a_feeling_is_the_authors_own_else_read_from_the_rating():
    frame = experiences(*[(None, None, f, r, None, None, None, None, 2022) for f, r in (
        ("positif", 1.0), (None, 4.0), (None, 3.0), (None, 2.0), (None, None))])  # fmt: skip
    feelings = experience_feelings(frame, 5).tolist()
    assert feelings[:4] == ["positif", "positif", "neutre", "négatif"]  # 4/5 = 80 %, 2/5 = 40 %
    assert pd.isna(feelings[4])


def test_summary_counts_feelings_ratings_and_replies_by_year():
    counted = counted_experiences(ROWS, ("Préfecture du Val",))
    summary = feedback_summary(counted, 5).set_index("year")
    year = summary.loc[2022]
    assert (year["experiences"], year["positive"], year["neutral"], year["negative"]) == (
        4, 2, 1, 1)  # fmt: skip
    assert year["positive_share"] == 0.5 and year["replied"] == 2 and year["reply_share"] == 0.5
    assert year["rated"] == 0 and pd.isna(year["mean_rating"])
    last = summary.loc[2021]
    assert (last["rated"], last["mean_rating"], last["positive"]) == (1, 4.0, 1)


def test_the_distribution_lists_every_feeling_and_the_ratings_given():
    counted = counted_experiences(ROWS, ("Préfecture du Val",))
    table = feedback_ratings(counted, 5)
    felt = table[(table["year"] == 2022) & (table["kind"] == "ressenti")]
    assert felt["level"].tolist() == ["positif", "neutre", "négatif"]
    assert felt["count"].tolist() == [2, 1, 1] and felt["share"].tolist() == [0.5, 0.25, 0.25]
    notes = table[(table["year"] == 2021) & (table["kind"] == "note")]
    assert notes["level"].tolist() == ["4"] and notes["share"].tolist() == [1.0]


def test_channels_most_written_first_and_a_missing_channel_said():
    counted = counted_experiences(ROWS, ("Préfecture du Val",))
    table = feedback_by_channel(counted, 5)
    year = table[table["year"] == 2022]
    assert year["channel"].tolist() == ["Accueil", "Téléphone", "canal non renseigné"]
    assert year["experiences"].tolist() == [2, 1, 1] and year["negative"].tolist() == [0, 1, 0]


def test_themes_and_quotes_take_their_tone_from_the_authors_feeling():
    tables = feedback_tables(ROWS, FeedbackSettings(structures=("Préfecture du Val",)), THEMES,
                             2022)  # fmt: skip
    themes = tables["feedback_themes"]
    year = themes[themes["year"] == 2022].set_index("theme")
    assert year.loc["Rendez-vous", "count"] == 1 and year.loc["Rendez-vous", "critical"] == 1
    assert year.loc["Accueil et agents", "count"] == 2
    assert year.loc["Accueil et agents", "positive"] == 2
    quotes = tables["feedback_quotes"].set_index("theme")
    assert quotes.loc["Rendez-vous", "quote"] == "RDV — Aucun rendez-vous possible"
    assert quotes.loc["Rendez-vous", "tone"] == "critique"
    assert "Mauvais accueil" not in " ".join(tables["feedback_quotes"]["quote"])  # the mairie's


def test_a_quote_never_carries_personal_data():
    rows = experiences(("P", "Accueil", "négatif", None, None,
                        "Rendez-vous refusé par [nom masqué]", None, None, 2022))  # fmt: skip
    tables = feedback_tables(rows, FeedbackSettings(), THEMES, 2022)
    assert tables["feedback_quotes"].empty
    assert tables["feedback_themes"].set_index("theme").loc["Rendez-vous", "count"] == 1
