"""Réclamations et suggestions on a tiny register, with expectations computed by hand."""

import pandas as pd
import pytest

from pipeline.compute.complaints import (
    ReplyRule,
    counts_by,
    follow_ups,
    replies_by_channel,
    reply_rule,
)
from pipeline.core.config import load_config, load_indicator_catalogue
from pipeline.core.paths import DEFAULT_CONFIG

RULE = ReplyRule(
    days_by_channel={"courriel": 5, "formulaire du site": 5, "courrier": 10, "urne": 10},
    filters={"nature": ["réclamation", "suggestion"]},
)


@pytest.fixture
def register():
    rows = [  # year, nature, channel, theme, received, answered, follow-up
        (2022, "réclamation", "courriel", "signalétique", "2022-04-15", "2022-04-22",
         "Panneaux commandés."),  # 4 jours ouvrés (Easter Monday): on time
        (2022, "suggestion", "urne", "accueil", "2022-04-01", "2022-04-15", " "),  # 10 j: on time
        (2022, "réclamation", "formulaire du site", "signalétique", "2022-04-01", "2022-04-11",
         None),  # 6 jours ouvrés > 5: late
        (2022, "réclamation", "courrier", "accueil", "2022-05-02", None, None),  # no reply: late
        (2022, "hors champ", "courriel", "dossier en cours", "2022-05-02", "2022-05-02",
         "Réorientation vers l'ANTS."),  # not counted in the rates
        (2022, "remerciement", "urne", "accueil", "2022-05-03", None, None),
        (2021, "suggestion", "courriel", "site internet", "2021-03-01", "2021-03-02", None),
    ]  # fmt: skip
    frame = pd.DataFrame(
        rows,
        columns=["year", "nature", "channel", "theme", "received_on", "answered_on", "follow_up"],
    )
    return frame.assign(
        received_on=pd.to_datetime(frame["received_on"]),
        answered_on=pd.to_datetime(frame["answered_on"]),
        follow_up=frame["follow_up"].astype("string"),
    )


def test_counts_by_nature_show_every_nature_zeros_included(register):
    counts = counts_by(register, "nature").set_index(["year", "nature"])["count"]
    assert counts[(2022, "réclamation")] == 3
    assert counts[(2022, "hors champ")] == counts[(2022, "remerciement")] == 1
    assert counts[(2021, "réclamation")] == 0
    channels = counts_by(register, "channel").set_index(["year", "channel"])["count"]
    assert channels[(2022, "courriel")] == 2 and channels[(2021, "urne")] == 0
    themes = counts_by(register, "nature", "theme").set_index(["year", "nature", "theme"])
    assert themes.loc[(2022, "réclamation", "signalétique"), "count"] == 2


def test_on_time_rate_uses_the_limit_of_each_channel_and_counts_no_reply_as_late(register):
    replies = replies_by_channel(register, RULE).set_index(["year", "channel"])
    overall = replies.loc[(2022, "ensemble")]
    assert (overall["messages"], overall["answered"], overall["on_time"]) == (4, 3, 2)
    assert overall["on_time_rate"] == pytest.approx(0.5)
    assert overall["mean_delay"] == pytest.approx(20 / 3)  # (4 + 10 + 6) / 3 answered
    assert overall["with_follow_up"] == 1  # a blank follow-up is no follow-up
    assert replies.loc[(2022, "urne"), "on_time"] == 1  # 10 jours ouvrés on paper
    assert replies.loc[(2022, "formulaire du site"), "on_time_rate"] == 0
    assert replies.loc[(2022, "courrier"), "limit_days"] == 10
    assert pd.isna(replies.loc[(2022, "courrier"), "mean_delay"])  # nothing answered
    stricter = ReplyRule({channel: 3 for channel in RULE.days_by_channel}, RULE.filters)
    assert replies_by_channel(register, stricter).set_index(["year", "channel"]).loc[
        (2022, "ensemble"), "on_time"
    ] == 0  # fmt: skip


def test_the_rule_is_the_indicators_own(register):
    catalogue = {i.code: i for i in load_indicator_catalogue().indicators}
    formula = catalogue["complaints_on_time"].formula
    rule = reply_rule(load_config(DEFAULT_CONFIG))
    assert rule.days_by_channel == formula.days
    assert rule.filters == {column: list(values) for column, values in formula.filters.items()}


def test_follow_ups_are_listed_by_nature_and_theme(register):
    listed = follow_ups(register)
    assert listed[["nature", "theme", "follow_up", "count"]].values.tolist() == [
        ["réclamation", "signalétique", "Panneaux commandés.", 1],
        ["hors champ", "dossier en cours", "Réorientation vers l'ANTS.", 1],
    ]
