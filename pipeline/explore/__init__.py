"""The analyst's bench: the survey and the indicators of a year, explored in a line.

::

    from pipeline.explore import indicators, survey

    s = survey(2022)
    s.filter("titre de séjour").satisfaction(by="site")
    s.trend("délai d'attente", since=2020)
    s.remarks("téléphon*")
    indicators(2022).by("trimestre")

Everything is read from ``data/processed/<année>/`` as the pipeline left it, never written;
every table displays in French and keeps its raw values (``.raw``). See the README
(« Explorer les données »).
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.explore.indicators import Indicators
from pipeline.explore.survey import Survey

__all__ = ["Indicators", "Survey", "indicators", "survey"]


def _opened(year, config_path, step: str, tables: tuple[str, ...]):
    """The period, its tables' paths checked, and a French note when the step that made them
    is not up to date with its inputs."""
    from pipeline.core.context import open_period
    from pipeline.core.exceptions import PipelineError
    from pipeline.core.paths import relative
    from pipeline.run.by_hand import stale_steps

    ctx = open_period(year, config_path)
    make = f"make clu-deck PERIOD={ctx.period}"
    absent = [name for name in tables if not ctx.paths.table(name).is_file()]
    if absent:
        raise PipelineError(
            f"Pas de table {absent[0]} pour {ctx.period} dans {relative(ctx.paths.processed)} : "
            f"lancez « {make} » dans un terminal, puis relancez."
        )
    missing, changed = stale_steps(ctx, (step,))
    stale = [s.title for s in (*missing, *changed)]
    note = ""
    if stale:
        note = f"Attention : des tables ne sont plus à jour ({', '.join(stale)}) ; « {make} »."
    return ctx, note


def survey(year: int, config_path: str | Path = DEFAULT_CONFIG) -> Survey:
    """The survey of ``year``: its questionnaires (and those of the years before, for the
    trends), its catalogue and its analysis, from ``data/processed/<année>/``."""
    ctx, note = _opened(year, config_path, "ingest", ("survey_responses",))
    return Survey.of(ctx, note)


def indicators(year: int, config_path: str | Path = DEFAULT_CONFIG) -> Indicators:
    """The quality indicators of ``year`` (every period: years, quarters, months) and their
    results per service, from ``data/processed/<année>/``."""
    ctx, note = _opened(year, config_path, "indicators", ("indicators", "service_indicators"))
    return Indicators.of(ctx, note)
