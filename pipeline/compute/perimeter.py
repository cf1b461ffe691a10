"""Which indicators a run shows, as the label says, and a French line for each one left out.

Under Qual-e-pref the perimeter is a list of modules (``labels.modules``, module 1 mandatory):
an indicator of another module is not shown. Under Services Publics+ the indicators are shown
by engagement: every indicator whose data exists is shown, under the engagement it serves (the
scheme's list, or its own ``engagement``), or under « Autres indicateurs » — ``labels.modules``
does not hide any. An indicator with data that the perimeter leaves out gets one line of the run
log saying why and what to change, never silence.
"""

from __future__ import annotations

import pandas as pd

from pipeline.compute.formulas import selected_rows
from pipeline.core.config import Indicator, PrefectureConfig, indicator_catalogue, load_contract

MODULES_SCHEME = "Qual-e-pref"


def left_out_because(indicator: Indicator, config: PrefectureConfig) -> str:
    """Why the label leaves the indicator out, in French; "" when it is shown."""
    labels = config.labels
    if labels.scheme != MODULES_SCHEME or indicator.module in labels.modules:
        return ""
    listed = ", ".join(str(m) for m in labels.modules)
    return (
        f"le module {indicator.module} ne fait pas partie du périmètre Qual-e-pref "
        f"(labels.modules : {listed}) ; ajoutez {indicator.module} à labels.modules pour "
        "l'afficher"
    )


def shown_indicators(config: PrefectureConfig) -> tuple[Indicator, ...]:
    """The préfecture's indicators its label shows (whether their data exist or not)."""
    return tuple(i for i in indicator_catalogue(config) if not left_out_because(i, config))


def has_data(indicator: Indicator, table: pd.DataFrame | None) -> bool:
    """Whether a source's table holds rows the indicator counts (with its figures filled in)."""
    if table is None or table.empty:
        return False
    rows = selected_rows(table, indicator.formula.filters)
    figures = [column for column in indicator.formula.figures() if column in rows]
    return bool(rows[figures].notna().all(axis=1).any()) if figures else not rows.empty


def left_out_lines(tables: dict[str, pd.DataFrame], config: PrefectureConfig) -> list[str]:
    """One French line per indicator whose data exist but that the label does not show."""
    lines = []
    for indicator in indicator_catalogue(config):
        why = left_out_because(indicator, config)
        if why and has_data(indicator, tables.get(indicator.source)):
            title = load_contract().sources[indicator.source].title.lower()
            lines.append(
                f"Indicateur non affiché : « {indicator.title} » — des données existent "
                f"({title}), mais {why}."
            )
    return lines
