"""Agents trained per training and year, with the « Total » row of seed 004's table."""

import pandas as pd

from pipeline.compute.trainings import agents_trained_by_year


def test_trainings_by_year_with_totals_and_no_zero_for_a_training_not_held():
    trainings = pd.DataFrame(
        {
            "year": [2021, 2021, 2022, 2022, 2022],
            "training": [
                "accueil téléphonique",
                "référent qualité",
                "accueil téléphonique",
                "langue des signes",
                "référent qualité",
            ],
            "agents_trained": pd.array([5, 1, 24, 7, None], dtype="Int64"),
            "source_row": [2, 3, 2, 3, 4],
        }
    )
    table = agents_trained_by_year(trainings)
    assert table["training"].drop_duplicates().tolist() == [
        "accueil téléphonique",
        "référent qualité",
        "langue des signes",
        "Total",
    ]
    cells = table.set_index(["training", "year"])["agents_trained"]
    assert pd.isna(cells[("langue des signes", 2021)])  # not held that year: no value, not 0
    assert pd.isna(cells[("référent qualité", 2022)])  # « sans objet » in the file
    assert cells[("Total", 2021)] == 6 and cells[("Total", 2022)] == 31
    assert table.loc[table["training"] == "Total", "is_total"].all()
