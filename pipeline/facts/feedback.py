"""The users' feedback platform as the deck and the minutes show it (« Donnez votre avis »):
how many experiences users shared about the préfecture's services, how they felt, how many
received a reply, and what they wrote about, from the tables of
:mod:`pipeline.compute.feedback`.

A few experiences a year are usual (five in a real CLU): a share of fewer than
``feedback.min_reliable_n`` experiences is written as a count (« 4 sur 5 »), never as a
percentage that would look like a measure.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.core.config import FeedbackSettings, VerbatimThemes
from pipeline.core.formatting import format_count, format_number
from pipeline.core.formatting import format_percent as percent
from pipeline.facts.survey import ThemeQuote, quoted_themes


@dataclass(frozen=True)
class FeedbackFacts:
    name: str  # « Donnez votre avis » (Services Publics+)
    year: int
    experiences: int
    positive: int
    neutral: int
    negative: int
    felt: int  # experiences with a feeling (their own, or read from a rating)
    replied: int
    rated: int
    mean_rating: float | None
    rating_max: int
    channels: pd.DataFrame  # channel, experiences, positive, negative, replied — the year
    quotes: list[ThemeQuote]  # a theme of the texts, and the experience quoted for it
    min_reliable_n: int = 30
    previous: int | None = None  # experiences the year before, when the platform had some

    @property
    def fragile(self) -> bool:
        """Too few experiences for a share to read as a measure."""
        return self.experiences < self.min_reliable_n

    def share(self, count: int, total: int) -> str:
        """« 4 sur 5 » on few experiences, « 80,0 % » otherwise."""
        if self.fragile or not total:
            return f"{format_number(count)} sur {format_number(total)}"
        return percent(count / total)

    @property
    def counted(self) -> str:
        """« 5 expériences partagées »."""
        return format_count(self.experiences, "expérience partagée", "expériences partagées")

    @property
    def feelings(self) -> str:
        """« 4 positives, 1 négative » (the feelings found, in that order)."""
        parts = [(self.positive, "positive", "positives"), (self.neutral, "neutre", "neutres"),
                 (self.negative, "négative", "négatives")]  # fmt: skip
        return ", ".join(format_count(n, one, many) for n, one, many in parts if n)

    @property
    def rating_text(self) -> str:
        """« 3,8 sur 5 (12 notes) », or ""."""
        if self.mean_rating is None:
            return ""
        notes = format_count(self.rated, "note")
        return f"{format_number(self.mean_rating, 1)} sur {self.rating_max} ({notes})"

    @property
    def replied_text(self) -> str:
        """« 3 sur 5 », « 80,0 % »: the experiences that received a reply."""
        return self.share(self.replied, self.experiences)

    @property
    def summary(self) -> str:
        """The minutes' sentence, and the deck's notes."""
        text = f"En {self.year}, {self.counted} sur la plateforme {self.name}"
        text += f" : {self.feelings}" if self.feelings else ""
        text += f" ; note moyenne {self.rating_text}" if self.rating_text else ""
        replied = "a reçu" if self.replied <= 1 else "ont reçu"
        text += f". {self.replied_text} {replied} une réponse de la préfecture"
        if self.previous is not None:
            text += f" ({format_count(self.previous, 'expérience')} en {self.year - 1})"
        return text + "."

    @property
    def channels_text(self) -> str:
        """« Par canal : Accueil 2, Téléphone 2, Démarche en ligne 1. », or ""."""
        if not len(self.channels):
            return ""
        listed = ", ".join(
            f"{row.channel} {format_number(row.experiences)}" for row in self.channels.itertuples()
        )
        return f"Par canal : {listed}."


def _of_year(table: pd.DataFrame, year: int) -> pd.DataFrame:
    return table[table["year"] == year] if len(table) else table


def feedback_facts(
    tables: dict[str, pd.DataFrame],
    settings: FeedbackSettings,
    themes: VerbatimThemes,
    period: int,
) -> FeedbackFacts | None:
    """The platform's facts for the period, or None when no experience was shared."""
    summary = _of_year(tables["feedback_summary"], period)
    if summary.empty or int(summary["experiences"].iloc[0]) == 0:
        return None
    row = summary.iloc[0]
    before = _of_year(tables["feedback_summary"], period - 1)
    counted = _of_year(tables["feedback_themes"], period)
    counted = counted[counted["count"] > 0] if len(counted) else counted
    not_quoted = {t.label for t in themes.themes if not t.weakness}
    if len(counted):  # the themes named by the dictionary, the most written first
        counted = counted[~counted["theme"].isin(not_quoted)]
        counted = counted.sort_values(["count", "theme_order"], ascending=[False, True])
    quotes = _of_year(tables["feedback_quotes"], period)
    return FeedbackFacts(
        name=settings.name,
        year=period,
        experiences=int(row["experiences"]),
        positive=int(row["positive"]),
        neutral=int(row["neutral"]),
        negative=int(row["negative"]),
        felt=int(row["felt"]),
        replied=int(row["replied"]),
        rated=int(row["rated"]),
        mean_rating=None if pd.isna(row["mean_rating"]) else float(row["mean_rating"]),
        rating_max=int(row["rating_max"]),
        channels=_of_year(tables["feedback_by_channel"], period).reset_index(drop=True),
        quotes=quoted_themes(counted, quotes) if len(counted) and len(quotes) else [],
        min_reliable_n=settings.min_reliable_n,
        previous=int(before["experiences"].iloc[0]) if len(before) else None,
    )
