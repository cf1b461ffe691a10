"""The users' feedback platform (Services Publics+ « Donnez votre avis », « Je donne mon
avis »): the experiences users shared about the préfecture, counted by year, feeling (or
rating) and channel, with the share that received a reply, and their texts sorted into themes
with the survey's keyword machinery (:mod:`pipeline.compute.survey.verbatims`).

The platform's national export holds every structure's experiences: only those of the
structures the configuration lists (``feedback.structures``, matched ignoring case and
accents) are counted; an experience without a structure is the préfecture's own export's, and
counts. An experience received a reply when its ``replied`` column says so, else when the
structure's reply is written. Its tone is its author's feeling (« négatif »: critique,
« positif »: positive), or, without one, its rating (at least 70 % of the scale: positive, at
most 40 %: critique). Texts were redacted at ingestion; a quote is redacted again and never
one that carried personal data.
"""

from __future__ import annotations

import pandas as pd

from pipeline.compute.survey.verbatims import (
    CRITICAL,
    NEUTRAL,
    POSITIVE,
    TONES,
    chosen_quotes,
    theme_counts,
    themed_comments,
)
from pipeline.core.config import FeedbackSettings, VerbatimThemes
from pipeline.ingest.parsing import folded_text

FEELINGS = ("positif", "neutre", "négatif")
TONE_OF_FEELING = {"positif": POSITIVE, "neutre": NEUTRAL, "négatif": CRITICAL}
NO_CHANNEL = "canal non renseigné"
RATED_WELL, RATED_BADLY = 0.7, 0.4  # a rating's share of the scale that makes it a feeling


def counted_experiences(experiences: pd.DataFrame, structures: tuple[str, ...]) -> pd.DataFrame:
    """The experiences of the préfecture's structures (every one when none is listed; an
    experience without a structure counts), each with ``replied`` filled in: the column's
    answer, else whether the structure's reply is written."""
    rows = experiences
    if structures and len(rows):
        wanted = set(folded_text(pd.Series(list(structures), dtype="string")).str.strip())
        named = folded_text(rows["structure"]).str.strip()
        rows = rows[named.isna() | named.isin(wanted)]
    written = rows["reply"].astype("string").str.strip().fillna("").ne("")
    replied = rows["replied"].astype("boolean").fillna(written)
    return rows.assign(replied=replied.astype(bool))


def experience_feelings(experiences: pd.DataFrame, rating_max: int) -> pd.Series:
    """Each experience's feeling: its own, else read from its rating, else <NA>."""
    feeling = experiences["feeling"].astype("string")
    share = experiences["rating"].astype("Float64") / rating_max
    well, badly = (share >= RATED_WELL).fillna(False), (share <= RATED_BADLY).fillna(False)
    from_rating = pd.Series(pd.NA, index=experiences.index, dtype="string")
    from_rating = from_rating.mask(well, "positif").mask(badly, "négatif")
    from_rating = from_rating.mask(share.notna() & ~well & ~badly, "neutre")
    return feeling.fillna(from_rating)


def feedback_summary(experiences: pd.DataFrame, rating_max: int) -> pd.DataFrame:
    """One row per year: experiences, each feeling's count (``positive``, ``neutral``,
    ``negative``, and ``felt``: those with a feeling), ``positive_share`` among them, the
    ratings (``rated``, ``mean_rating``), ``replied`` and ``reply_share`` (among all)."""
    columns = ["year", "experiences", "positive", "neutral", "negative", "felt",
               "positive_share", "rated", "mean_rating", "rating_max", "replied",
               "reply_share"]  # fmt: skip
    if experiences.empty:
        decimals = ("positive_share", "mean_rating", "reply_share")
        return _empty({c: "Float64" if c in decimals else "int64" for c in columns})
    feeling = experience_feelings(experiences, rating_max)
    frame = experiences.assign(
        positive=feeling.eq("positif").fillna(False),
        neutral=feeling.eq("neutre").fillna(False),
        negative=feeling.eq("négatif").fillna(False),
        felt=feeling.notna(),
        rated=experiences["rating"].notna(),
    )
    grouped = frame.groupby("year")
    table = grouped[["positive", "neutral", "negative", "felt", "rated", "replied"]].sum()
    table = table.astype("int64").assign(
        experiences=grouped.size(),
        mean_rating=grouped["rating"].mean().astype("Float64"),
        rating_max=rating_max,
    )
    table["positive_share"] = (table["positive"] / table["felt"].where(table["felt"] > 0)).astype(
        "Float64"
    )
    table["reply_share"] = (table["replied"] / table["experiences"]).astype("Float64")
    return table.reset_index()[columns]


def feedback_ratings(experiences: pd.DataFrame, rating_max: int) -> pd.DataFrame:
    """Per year, the distribution of the feelings (``kind`` « ressenti », every feeling, zeros
    included) and of the ratings (« note », the ratings given): ``level``, ``count``, ``share``
    of the experiences with a feeling (or a rating) that year."""
    feeling = experience_feelings(experiences, rating_max)
    parts = []
    for year, rows in experiences.assign(feeling=feeling).groupby("year"):
        felt = rows["feeling"].value_counts().reindex(list(FEELINGS), fill_value=0)
        parts.append(pd.DataFrame({"year": year, "kind": "ressenti", "level": list(FEELINGS),
                                   "count": felt.to_numpy()}))  # fmt: skip
        ratings = rows["rating"].dropna().value_counts().sort_index()
        if len(ratings):
            levels = [f"{value:g}" for value in ratings.index.astype(float)]
            parts.append(pd.DataFrame({"year": year, "kind": "note", "level": levels,
                                       "count": ratings.to_numpy()}))  # fmt: skip
    if not parts:
        return _empty({"year": "int64", "kind": "string", "level": "string", "count": "int64",
                       "share": "Float64"})  # fmt: skip
    table = pd.concat(parts, ignore_index=True).astype({"count": "int64", "year": "int64"})
    totals = table.groupby(["year", "kind"])["count"].transform("sum")
    return table.assign(
        kind=table["kind"].astype("string"),
        level=table["level"].astype("string"),
        share=(table["count"] / totals.where(totals > 0)).astype("Float64"),
    )


def _empty(dtypes: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype=dtype) for column, dtype in dtypes.items()})


def feedback_by_channel(experiences: pd.DataFrame, rating_max: int) -> pd.DataFrame:
    """Per year and channel (as the platform writes it): experiences, positive, negative,
    replied; most written channel first."""
    feeling = experience_feelings(experiences, rating_max)
    channel = experiences["channel"].astype("string").str.strip().replace("", pd.NA)
    frame = experiences.assign(
        channel=channel.fillna(NO_CHANNEL),
        positive=feeling.eq("positif").fillna(False),
        negative=feeling.eq("négatif").fillna(False),
    )
    table = (
        frame.groupby(["year", "channel"])
        .agg(experiences=("positive", "size"), positive=("positive", "sum"),
             negative=("negative", "sum"), replied=("replied", "sum"))
        .reset_index()
    )  # fmt: skip
    counts = ["experiences", "positive", "negative", "replied"]
    table = table.astype({**dict.fromkeys(counts, "int64"), "channel": "string"})
    return table.sort_values(["year", "experiences", "channel"], ascending=[True, False, True],
                             ignore_index=True)  # fmt: skip


def experience_remarks(experiences: pd.DataFrame) -> pd.DataFrame:
    """The experiences written about: ``respondent`` (position), ``year``, ``text`` (« title —
    text », or either alone)."""
    title = experiences["title"].astype("string").str.strip().replace("", pd.NA)
    body = experiences["text"].astype("string").str.strip().replace("", pd.NA)
    text = (title + " — " + body).fillna(body).fillna(title).reset_index(drop=True)
    kept = text.notna()
    return pd.DataFrame({
        "respondent": text.index[kept],
        "year": experiences["year"].to_numpy()[kept.to_numpy()],
        "text": text[kept].to_numpy(),
    })  # fmt: skip


def themed_experiences(
    experiences: pd.DataFrame, themes: VerbatimThemes, rating_max: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The experiences' texts and the texts × the themes they match, each with its ``tone``
    read from its author's feeling."""
    remarks = experience_remarks(experiences)
    themed = themed_comments(remarks, themes)
    feeling = experience_feelings(experiences, rating_max).reset_index(drop=True)
    tone = feeling.map(TONE_OF_FEELING).fillna(NEUTRAL)
    tones = tone.iloc[themed["respondent"].to_numpy()] if len(themed) else tone.iloc[:0]
    return remarks, themed.assign(tone=pd.Categorical(tones.to_numpy(), categories=TONES))


def feedback_tables(
    experiences: pd.DataFrame,
    settings: FeedbackSettings,
    themes: VerbatimThemes,
    period: int,
) -> dict[str, pd.DataFrame]:
    """The feedback platform's tables, by their catalogue names."""
    counted = counted_experiences(experiences, settings.structures).reset_index(drop=True)
    remarks, themed = themed_experiences(counted, themes, settings.rating_max)
    counts = theme_counts(themed, remarks, themes)
    return {
        "feedback_summary": feedback_summary(counted, settings.rating_max),
        "feedback_ratings": feedback_ratings(counted, settings.rating_max),
        "feedback_by_channel": feedback_by_channel(counted, settings.rating_max),
        "feedback_themes": counts,
        "feedback_quotes": chosen_quotes(themed, counts, period, settings.quotes_per_theme),
    }
