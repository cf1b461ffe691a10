"""The catalogue of processed tables: each named once, with the step that makes it, what it
holds, and the steps that read it (Kedro's catalogue, in Python).

The steps take their products and inputs from here, the notebooks and the facts layer their
table names; :func:`save_tables` and :func:`read_tables` are the one way tables are written and
read. Adding a table is one entry below. The raw sources' validated tables (one per source of
the data contract, made by ingestion) are listed by :func:`source_tables_read_by`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.core.paths import PeriodPaths
from pipeline.core.writing import replacing

if TYPE_CHECKING:
    import pandas as pd

DOCUMENTS = ("deck", "minutes")  # the steps that present the computed tables
PUBLISHED = (*DOCUMENTS, "transparence")  # … and the one that publishes the results


@dataclass(frozen=True)
class Dataset:
    name: str  # data/processed/<period>/<name>.parquet
    made_by: str  # the step that writes it
    holds: str  # what a row is
    read_by: tuple[str, ...] = DOCUMENTS


CATALOGUE: tuple[Dataset, ...] = (  # fmt: skip
    Dataset(
        "indicators", "indicators", "an indicator × a period (year, quarter, month)", PUBLISHED
    ),
    Dataset(
        "service_indicators",
        "indicators",
        "a register-based indicator × a service × the year or a quarter",
        PUBLISHED,
    ),
    Dataset("survey_rates", "survey", "a criterion × a year: rate, interval, counts", PUBLISHED),
    Dataset("survey_distribution", "survey", "a criterion × a year × an answer", ()),
    Dataset("survey_changes", "survey", "a criterion × an earlier year: change, test"),
    Dataset("survey_groups", "survey", "a criterion × a year × a subgroup", ()),
    Dataset("survey_choices", "survey", "a choice question × a year × an answer"),
    Dataset(
        "survey_themes",
        "survey",
        "a theme of the remarks × a year: remarks of each tone, critical quote needed or not",
    ),
    Dataset(
        "survey_ranking",
        "survey",
        "a strength (target + margin) or weak point (under target, all of them) of the period",
    ),
    Dataset("survey_quotes", "survey", "a quoted remark of the period: theme, tone, role, why"),
    Dataset(
        "second_survey_rates", "survey", "a criterion of the second survey × a year", PUBLISHED
    ),
    Dataset("second_survey_changes", "survey", "a criterion of the second survey × a year"),
    Dataset("second_survey_ranking", "survey", "a strength or weak point of the second survey"),
    Dataset("second_survey_choices", "survey", "a choice of the second survey × an answer"),
    Dataset("second_survey_themes", "survey", "a theme of the second survey's remarks × a year"),
    Dataset("second_survey_quotes", "survey", "a quoted remark of the second survey"),
    Dataset("mystery_call_compliance", "mystery_complaints", "a criterion or a stage × a year"),
    Dataset("mystery_call_summary", "mystery_complaints", "a year of mystery calls"),
    Dataset("mystery_call_rings", "mystery_complaints", "an answered call: its rings", ()),
    Dataset("mystery_call_slots", "mystery_complaints", "a half-day of the campaign", ()),
    Dataset(
        "mystery_call_points",
        "mystery_complaints",
        "a point positif (target + margin) or de vigilance (under target), with its evidence",
    ),
    Dataset("mystery_email_results", "mystery_complaints", "a mystery e-mail criterion × a year"),
    Dataset("complaints_by_nature", "mystery_complaints", "a nature of message × a year"),
    Dataset("complaints_by_channel", "mystery_complaints", "a channel × a year"),
    Dataset("complaints_by_theme", "mystery_complaints", "a nature × a theme × a year"),
    Dataset("complaints_replies", "mystery_complaints", "a channel × a year: reply delays"),
    Dataset("complaints_follow_ups", "mystery_complaints", "a follow-up given"),
    Dataset("action_plan_actions", "mystery_complaints", "an action, late or not"),
    Dataset("action_plan_progress", "mystery_complaints", "a status × a plan year"),
    Dataset("trainings_by_year", "mystery_complaints", "a training × a year"),
    Dataset("tutoring_by_year", "mystery_complaints", "a tutoring or accompaniment topic × a year"),
    Dataset(
        "feedback_summary",
        "mystery_complaints",
        "a year of the feedback platform: experiences, feelings, ratings, replies",
        PUBLISHED,
    ),
    Dataset("feedback_ratings", "mystery_complaints", "a feeling or a rating × a year"),
    Dataset("feedback_by_channel", "mystery_complaints", "a channel of the experiences × a year"),
    Dataset("feedback_themes", "mystery_complaints", "a theme of the experiences × a year"),
    Dataset("feedback_quotes", "mystery_complaints", "a quoted experience of the period"),
)

# The validated tables of the raw sources each step reads (ingestion makes one per source).
SOURCES_READ = {
    "survey": ("survey_responses", "second_survey_responses"),
    "mystery_complaints": (
        "mystery_calls", "mystery_emails", "complaints", "action_plan", "trainings",
        "tutoring_sessions", "feedback_platform",
    ),
}  # fmt: skip


def dataset(name: str) -> Dataset:
    found = next((d for d in CATALOGUE if d.name == name), None)
    if found is None:
        raise KeyError(f"table inconnue du catalogue : {name}")
    return found


def tables_made_by(step: str) -> tuple[str, ...]:
    return tuple(d.name for d in CATALOGUE if d.made_by == step)


def tables_read_by(step: str) -> tuple[str, ...]:
    return tuple(d.name for d in CATALOGUE if step in d.read_by)


def source_tables_read_by(step: str, configured: tuple[str, ...]) -> tuple[str, ...]:
    """The raw sources' tables a step reads (the indicators read every configured source)."""
    if step == "indicators":
        return configured
    return SOURCES_READ.get(step, ())


def save_tables(paths: PeriodPaths, step: str, tables: dict[str, pd.DataFrame]) -> None:
    """Write a step's tables; each must be one the catalogue says the step makes, and every
    table it makes must be written (an empty one included), so none is ever missing."""
    made = set(tables_made_by(step))
    unknown = sorted(set(tables) - made)
    if unknown:
        raise KeyError(f"tables que l'étape {step} ne fait pas selon le catalogue : {unknown}")
    missing = sorted(made - set(tables))
    if missing:
        raise KeyError(f"tables de l'étape {step} non écrites : {missing}")
    for name, frame in tables.items():
        with replacing(paths.table(name)) as temporary:
            frame.to_parquet(temporary, index=False)


def read_tables(paths: PeriodPaths, names: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """The catalogue's tables by name (each step writes all its tables, even empty)."""
    import pandas as pd  # (the catalogue itself is read by the runner, which needs no pandas)

    return {name: pd.read_parquet(paths.table(dataset(name).name)) for name in names}
