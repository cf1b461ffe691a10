"""The quality indicators of a year, ready to explore in a line: ``indicators(2022)``.

::

    from pipeline.explore import indicators

    ind = indicators(2022)          # the year's results: value, target, status, change
    ind.by("trimestre")             # each indicator by quarter (or "mois", "année")
    ind.by("module")                # grouped by module (or "engagement")
    ind.by("service")               # register-based results per service
    ind.filter(module=1, words="courriel").by("mois")

Every table comes back French (:class:`~pipeline.outputs.tables.FrenchTable`), values in their
unit (« 91,2 % », « 2,0 j »), a missing value by its reason (« aucune demande », « non
suivi »); ``.raw`` gives the raw values, ``.table`` the processed table itself.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from pipeline.compute.indicators import MONTH, QUARTER, YEAR
from pipeline.compute.survey.respondents import folded
from pipeline.core.exceptions import SelectionError
from pipeline.core.formatting import format_count, format_date
from pipeline.core.targets import target_text
from pipeline.outputs.escaping import html_text
from pipeline.outputs.tables import HIDDEN, FrenchTable, french

# What ``by`` takes, in English or in French.
VIEWS = {
    "year": "year",
    "years": "year",
    "année": "year",
    "années": "year",
    "annee": "year",
    "quarter": "quarter",
    "quarters": "quarter",
    "trimestre": "quarter",
    "trimestres": "quarter",
    "month": "month",
    "months": "month",
    "mois": "month",
    "period": "quarter",
    "module": "module",
    "modules": "module",
    "engagement": "engagement",
    "engagements": "engagement",
    "service": "service",
    "services": "service",
}
UNIT, REASON = "Unité", "Motif"


def _period_name(granularity: str, period: str) -> str:
    """« 2022 », « T1 2022 », « janv. 2022 »: a period as a column's header."""
    if granularity == MONTH:
        year, month = (int(part) for part in period.split("-"))
        return format_date(dt.date(year, month, 1), "MMM y")
    if granularity == QUARTER:
        year, quarter = period.split("-T")
        return f"T{quarter} {year}"
    return period


def _references_order(references: pd.Series) -> pd.Series:
    """« E 3.1 » before « E 17.2 » (by their numbers), an indicator without one last."""

    def key(text) -> tuple:
        numbers = re.findall(r"\d+", str(text or ""))
        return tuple(int(n) for n in numbers) if numbers else (math.inf,)

    return references.map(key)


def _target(frame: pd.DataFrame) -> list[str]:
    return [
        target_text(c, v, u)
        for c, v, u in zip(
            frame["target_comparator"].astype(object),
            frame["target_value"].astype(object),
            frame["unit"],
            strict=True,
        )
    ]


class Indicators:
    """The indicator table of a period (an indicator × a year, quarter or month) and its
    register-based results per service; ``chosen`` says which indicators were kept."""

    def __init__(
        self,
        table: pd.DataFrame,
        services: pd.DataFrame | None,
        year: int,
        chosen: tuple[str, ...] = (),
        note: str = "",
    ) -> None:
        self.table, self.year, self.chosen, self.note = table, year, chosen, note
        self.services = services if services is not None else pd.DataFrame()

    @classmethod
    def of(cls, ctx, note: str = "") -> Indicators:
        """The indicators of a period's processed tables (``ctx``: its period and paths)."""
        from pipeline.core.datasets import read_tables

        tables = read_tables(ctx.paths, ("indicators", "service_indicators"))
        return cls(tables["indicators"], tables["service_indicators"], ctx.period, note=note)

    @property
    def raw(self) -> pd.DataFrame:
        return self.table

    def filter(
        self,
        module: int | None = None,
        engagement: str | None = None,
        theme: str | None = None,
        words: str | None = None,
        code: str | None = None,
    ) -> Indicators:
        """The indicators of a module, of an engagement (« E 17 » finds E 17.1, E 17.2…), of a
        theme (« courrier »), whose label holds ``words``, or with this code."""
        kept, said = pd.Series(True, index=self.table.index), []
        if module is not None:
            kept &= self.table["module"] == int(module)
            said.append(f"module {module}")
        if engagement is not None:
            refs = self.table["engagement"].astype("string").fillna("")
            key = folded(engagement)
            kept &= refs.map(
                lambda text: any(folded(r).startswith(key) for r in text.split("/"))
            ).astype(bool)
            said.append(f"engagement {engagement}")
        for column, value, what in (("theme", theme, "thème"), ("label", words, "libellé")):
            if value is not None:
                texts = self.table[column].astype("string").fillna("").map(folded)
                kept &= texts.str.contains(folded(value), regex=False)
                said.append(f"{what} contenant « {value} »")
        if code is not None:
            kept &= self.table["code"] == code
            said.append(f"code {code}")
        if not kept.any():
            raise SelectionError(
                f"Aucun indicateur pour {', '.join(said)}. Indicateurs : "
                + ", ".join(sorted(self.table["code"].unique()))
                + "."
            )
        codes = set(self.table.loc[kept, "code"])
        services = self.services
        if not services.empty:
            services = services[services["code"].isin(codes)]
        return Indicators(
            self.table[kept], services, self.year, self.chosen + tuple(said), self.note
        )

    def _said(self) -> str:
        parts = [f"Indicateurs retenus — {' ; '.join(self.chosen)}."] if self.chosen else []
        return " ".join([*parts, self.note]).strip()

    def results(self) -> FrenchTable:
        """The year's result of each indicator: value, target, status, change over a year,
        numerator and denominator, months covered, rule."""
        rows = self.table[
            (self.table["granularity"] == YEAR) & (self.table["period"] == str(self.year))
        ]
        rows = rows.sort_values("order")
        frame = pd.DataFrame(
            {
                "Module ou engagement": rows["group_heading"].to_numpy(),
                "Indicateur": rows["label"].to_numpy(),
                "Valeur": rows["value"].to_numpy(),
                "Cible": _target(rows),
                "Statut": rows["status"].replace("", pd.NA).to_numpy(),
                "Évolution sur un an": rows["change"].to_numpy(),
                "Numérateur": rows["numerator"].to_numpy(),
                "Dénominateur": rows["denominator"].to_numpy(),
                "Mois couverts": rows["months"].to_numpy(),
                "Référence": rows["engagement"].to_numpy(),
                "Code": rows["code"].to_numpy(),
                UNIT: rows["unit"].to_numpy(),
                REASON: rows["na_reason"].to_numpy(),
            }
        )
        formats = {
            "Valeur": ("value", UNIT, REASON),
            "Évolution sur un an": ("change", UNIT),
            "Numérateur": "auto",
            "Dénominateur": "auto",
            "Mois couverts": "auto",
            "Code": HIDDEN,  # (for ``filter(code=…)``)
            UNIT: HIDDEN,
            REASON: HIDDEN,
        }
        note = f"Résultats {self.year} ; évolution : écart avec {self.year - 1}."
        return french(frame, formats, " ".join([note, self._said()]).strip())

    def by(self, what: str) -> FrenchTable:
        """The indicators by ``year`` (every year read), ``quarter`` or ``month`` of the year,
        grouped by ``module`` or ``engagement``, or per ``service`` (French words too:
        « trimestre », « mois », « année »)."""
        view = VIEWS.get(folded(what)) or VIEWS.get(what)
        if view is None:
            raise SelectionError(
                f"« {what} » : choisissez « année », « trimestre », « mois », « module », "
                "« engagement » ou « service »."
            )
        if view == "service":
            return self._services()
        if view == "module":
            return self.results()  # (in the catalogue's order: module by module)
        if view == "engagement":
            results = self.results()
            ordered = results.sort_values("Référence", kind="stable", key=_references_order)
            return ordered.reset_index(drop=True)
        granularity = {"year": YEAR, "quarter": QUARTER, "month": MONTH}[view]
        return self._periods(granularity)

    def _periods(self, granularity: str) -> FrenchTable:
        rows = self.table[self.table["granularity"] == granularity]
        if granularity != YEAR:
            rows = rows[rows["year"] == self.year]
        firsts = self.table.sort_values("order").drop_duplicates("code")
        frame = pd.DataFrame(
            {
                "Module ou engagement": firsts["group_heading"].to_numpy(),
                "Indicateur": firsts["label"].to_numpy(),
                "Cible": _target(firsts),
                UNIT: firsts["unit"].to_numpy(),
            }
        )
        formats: dict = {UNIT: HIDDEN}
        for period in sorted(rows["period"].unique()):
            values = rows[rows["period"] == period].set_index("code")
            name = _period_name(granularity, period)
            frame[name] = values["value"].reindex(firsts["code"]).to_numpy()
            frame[f"{name} — {REASON}"] = values["na_reason"].reindex(firsts["code"]).to_numpy()
            formats[name] = ("value", UNIT, f"{name} — {REASON}")
            formats[f"{name} — {REASON}"] = HIDDEN
        status = self.table[
            (self.table["granularity"] == YEAR) & (self.table["period"] == str(self.year))
        ]
        frame[f"Statut {self.year}"] = (
            status.set_index("code")["status"].reindex(firsts["code"]).replace("", pd.NA).to_numpy()
        )
        what = {
            YEAR: "par année",
            QUARTER: f"par trimestre de {self.year}",
            MONTH: f"par mois de {self.year}",
        }[granularity]
        return french(frame, formats, " ".join([f"Indicateurs {what}.", self._said()]).strip())

    def _services(self) -> FrenchTable:
        services = self.services
        if services.empty:
            return french(
                pd.DataFrame({"Service": [], "Indicateur": []}),
                note="Aucun résultat par service (registres) pour cette année.",
            )
        rows = services[(services["granularity"] == YEAR) & (services["year"] == self.year)]
        rows = rows[rows["denominator"].fillna(0).gt(0)].sort_values(["service", "order"])
        reliable = rows["reliable"].astype(bool)
        frame = pd.DataFrame(
            {
                "Service": rows["service"].to_numpy(),
                "Indicateur": rows["label"].to_numpy(),
                "Demandes": rows["denominator"].to_numpy(),
                "Valeur": rows["value"].where(reliable).to_numpy(),
                "Cible": _target(rows),
                "Statut": rows["status"].replace("", pd.NA).where(reliable).to_numpy(),
                "Assez de demandes": reliable.to_numpy(),
                UNIT: rows["unit"].to_numpy(),
                REASON: rows["na_reason"].to_numpy(),
            }
        )
        formats = {
            "Demandes": "count",
            "Valeur": ("value", UNIT, REASON),
            "Assez de demandes": "yes_no",
            UNIT: HIDDEN,
            REASON: HIDDEN,
        }
        note = (
            f"Résultats {self.year} par service (registres) ; un taux calculé sur trop peu "
            "de demandes n'est pas un résultat : il n'a ni valeur ni statut."
        )
        return french(frame, formats, " ".join([note, self._said()]).strip())

    def _summary(self) -> list[str]:
        count = self.table["code"].nunique()
        lines = [f"Indicateurs qualité {self.year} : {format_count(count, 'indicateur')}."]
        if self._said():
            lines.append(self._said())
        lines.append(
            "À explorer : .results(), .by(« trimestre », « mois », « année », "
            "« module », « engagement » ou « service »), .filter(module=…, "
            "engagement=…, theme=…, words=…) ; la table brute : .table."
        )
        return lines

    def __repr__(self) -> str:
        return "\n".join(self._summary()) + "\n" + repr(self.results())

    def _repr_html_(self) -> str:
        lines = "".join(f"<p>{html_text(line)}</p>" for line in self._summary())
        return lines + self.results()._repr_html_()
