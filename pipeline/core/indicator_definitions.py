"""What an indicator is: its label, unit, module or engagement, target, and the formula that
computes it, chosen from a documented set of kinds. The catalogue's indicators
(``resources/indicators.yaml``) and a préfecture's own (``indicators.custom`` in its
configuration) are written the same way: one mechanism.

The kinds (:data:`KINDS`), each reading one source of the data contract, filtered on any of its
columns (``filters``):

- ``within_delay``: share of a register's rows whose ``to`` date comes within ``days`` jours
  ouvrés of their ``from`` date (one limit, or one per value of ``days_by``); a row without
  ``to`` date is late;
- ``delay``: mean or median delay, in jours ouvrés or calendar days, from ``from`` to ``to``
  of the rows that have both;
- ``count``: number of a register's rows in the period;
- ``ratio``: sum of ``numerator`` over sum of ``denominator`` (monthly figures; ``population``
  for the département's population each month), times ``factor`` (1 000 for a rate in ‰);
- ``share``: share of the rows whose ``column`` takes one of ``values`` (yes, for a yes/no
  column), among those where it is filled in;
- ``value``: a column read as is; over a period of several rows, their mean, median or sum.

The préfecture's entries are merged onto the catalogue's here (:func:`merged_entries`); the
configuration validates them (pydantic, French messages naming the key) and
:func:`definition_problems` checks them against the contract. Pure data: nothing here reads a
file.
"""

from __future__ import annotations

import re
import string
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from pipeline.core.targets import Target, parse_target

Unit = Literal["%", "j", "nombre", "‰", "min"]
FilterValue = str | bool | int | float
KINDS = {
    "within_delay": "taux des lignes d'un registre traitées dans un délai en jours ouvrés",
    "delay": "délai moyen ou médian entre deux dates d'un registre",
    "count": "nombre de lignes d'un registre sur la période",
    "ratio": "rapport de deux chiffres (mensuels) multiplié par un facteur (‰, %)",
    "share": "part des lignes où une colonne prend une valeur",
    "value": "valeur d'une colonne lue telle quelle (moyenne, médiane ou somme sur la période)",
}
POPULATION = "population"  # a ratio's denominator: the département's population, each month
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
NUMERIC = ("integer", "number", "percent")
DATES = ("date",)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Kind(_Strict):
    filters: dict[str, tuple[FilterValue, ...]] = {}

    @field_validator("filters", mode="before")
    @classmethod
    def _listed(cls, filters):
        """A filter's single value written alone (``channel: courriel``) is a list of one."""
        if isinstance(filters, dict):
            return {k: v if isinstance(v, list | tuple) else [v] for k, v in filters.items()}
        return filters

    def named_columns(self) -> dict[str, str]:
        """The columns the formula names, by the key naming them (for the checks)."""
        return {}

    def figures(self) -> list[str]:
        """The columns whose figures it reads (a month without them is not counted)."""
        return []


class WithinDelay(_Kind):
    kind: Literal["within_delay"]
    days: int | dict[str, int]
    days_by: str = "channel"  # the column whose value picks the limit, when ``days`` is a map
    start: str = Field("received_on", alias="from")
    end: str = Field("answered_on", alias="to")
    holding_replies: bool | None = None  # None: the configuration's count_holding_replies

    @field_validator("days")
    @classmethod
    def _positive(cls, days):
        values = days.values() if isinstance(days, dict) else [days]
        if any(value < 0 for value in values):
            raise ValueError("un délai est un nombre de jours ouvrés positif ou nul")
        return days

    def named_columns(self) -> dict[str, str]:
        by = {"days_by": self.days_by} if isinstance(self.days, dict) else {}
        return {"from": self.start, "to": self.end, **by}


class Delay(_Kind):
    kind: Literal["delay"]
    statistic: Literal["mean", "median"] = "mean"
    start: str = Field("received_on", alias="from")
    end: str = Field("answered_on", alias="to")
    calendar_days: bool = False  # jours ouvrés by default

    def named_columns(self) -> dict[str, str]:
        return {"from": self.start, "to": self.end}


class Count(_Kind):
    kind: Literal["count"]


class Ratio(_Kind):
    kind: Literal["ratio"]
    numerator: str
    denominator: str
    factor: float | None = Field(None, gt=0)  # default: 1 000 for a rate in ‰, else 1

    def named_columns(self) -> dict[str, str]:
        columns = {"numerator": self.numerator}
        return columns | ({"denominator": self.denominator} if self.denominator != POPULATION
                          else {})  # fmt: skip

    def figures(self) -> list[str]:
        return list(self.named_columns().values())


class Share(_Kind):
    kind: Literal["share"]
    column: str
    values: tuple[FilterValue, ...] = (True,)
    factor: float | None = Field(None, gt=0)

    @field_validator("values", mode="before")
    @classmethod
    def _listed(cls, values):
        return values if isinstance(values, list | tuple) else [values]

    def named_columns(self) -> dict[str, str]:
        return {"column": self.column}

    def figures(self) -> list[str]:
        return [self.column]


class ValueRead(_Kind):
    kind: Literal["value"]
    column: str
    statistic: Literal["mean", "median", "sum"] = "mean"

    def named_columns(self) -> dict[str, str]:
        return {"column": self.column}

    def figures(self) -> list[str]:
        return [self.column]


Formula = Annotated[
    WithinDelay | Delay | Count | Ratio | Share | ValueRead, Field(discriminator="kind")
]
REGISTER_KINDS = ("within_delay", "delay", "count")
UNITS_OF_KIND = {"within_delay": ("%",), "delay": ("j",), "count": ("nombre",)}


def default_factor(unit: str) -> float:
    """What a ratio or a share is multiplied by when its definition says nothing: 1 000 for a
    rate in ‰; a rate in % stays a fraction (the documents write it × 100)."""
    return 1000.0 if unit == "‰" else 1.0


class Indicator(_Strict):
    """One indicator, the catalogue's or the préfecture's own.

    ``module``: the Qual-e-pref module it belongs to (required under Qual-e-pref for the
    préfecture's own); ``engagement``: the Services Publics+ engagement (number, in the version
    applied) it serves, beside the scheme's own list; ``reference``: the référentiel's « E n.m »;
    ``target``: « ≥ 90 % », « < 1 h », ``{comparator, value}``; ``target_scope: year``: a target
    of the whole year only (4 exercises a year).
    """

    code: str
    label: str
    module: int | None = Field(None, ge=1)
    theme: str = ""
    reference: str = ""
    engagement: int | None = Field(None, ge=1)
    unit: Unit
    target: Target | None = None
    target_scope: Literal["all", "year"] = "all"
    source: str
    formula: Formula
    note: str = ""

    @field_validator("target", mode="before")
    @classmethod
    def _written(cls, target, info: ValidationInfo):
        """A target as written (« ≥ 100 % »), read in the indicator's unit."""
        if target is None or isinstance(target, Target):
            return target
        unit = info.data.get("unit")
        if unit is None:
            raise ValueError("l'unité de l'indicateur (unit) est à donner pour lire sa cible")
        return parse_target(target, unit)

    @field_validator("code")
    @classmethod
    def _code(cls, code):
        if not CODE.match(code):
            raise ValueError(
                "un code s'écrit en minuscules sans accent, chiffres et « _ » (permis_median)"
            )
        return code

    @property
    def kind(self) -> str:
        return self.formula.kind

    def placeholders(self) -> dict[str, object]:
        """What the label may name in braces: ``{days}`` of a delay, with the value in force."""
        fields = self.formula.model_dump(by_alias=True)
        return {k: v for k, v in fields.items() if isinstance(v, int | str) and k != "kind"}

    @property
    def title(self) -> str:
        """The label with its parameters (« … dans le délai de 15 jours ouvrés … »)."""
        return self.label.format(**self.placeholders())


class IndicatorCatalogue(_Strict):
    indicators: tuple[Indicator, ...]


class IndicatorSettings(_Strict):
    """The préfecture's settings of the indicators (``indicators`` in its configuration)."""

    # Holding replies ("réponses d'attente") count as replies when true (the usual rule).
    count_holding_replies: bool = True
    # Targets by indicator code: « ≥ 100 % », {comparator: ">=", value: 1.0}, or a number
    # (the catalogue's comparator).
    targets: dict[str, float | str | dict] = {}
    # Formula parameters of catalogue indicators, by code ({elected_letters: {days: 10}}).
    params: dict[str, dict] = {}
    # The préfecture's own indicators, and changes to catalogue ones, by code.
    custom: dict[str, dict] = {}
    # A service (or DDI) with fewer requests in a period gets its counts but no rate nor verdict.
    service_min_requests: int = Field(20, ge=1)


# --- merging the préfecture's entries onto the catalogue's ----------------------------------


def _formula_merged(base: dict, change: dict) -> dict:
    """A formula's fields changed one by one; a new ``kind`` replaces the whole formula."""
    if not change:
        return base
    if "kind" in change and change["kind"] != base.get("kind"):
        return dict(change)
    return {**base, **change}


def merged_entries(
    catalogue: tuple[Indicator, ...], settings: IndicatorSettings
) -> tuple[dict[str, dict], dict[str, str]]:
    """Every indicator as a dict to validate, by code: the catalogue's, changed by the
    préfecture's ``params`` and ``custom`` entries, then the préfecture's own, in the order it
    wrote them. Also, per code, the configuration key its entry comes from (« custom »,
    « params » or « catalogue »), for the messages. Targets are left as written (the caller
    reads them in their unit, naming their key)."""
    entries, origins = {}, {}
    for indicator in catalogue:
        entry = indicator.model_dump(by_alias=True, exclude={"target"})
        entry["target"] = indicator.target
        origin = "catalogue"
        if indicator.code in settings.params:
            entry["formula"] = _formula_merged(entry["formula"], settings.params[indicator.code])
            origin = "params"
        change = settings.custom.get(indicator.code)
        if change is not None:
            own = {k: v for k, v in change.items() if k not in ("formula", "target", "code")}
            entry = {**entry, **own}
            entry["formula"] = _formula_merged(entry["formula"], change.get("formula") or {})
            origin = "custom"
        entries[indicator.code], origins[indicator.code] = entry, origin
    for code, own in settings.custom.items():
        if code not in entries:
            entries[code] = {k: v for k, v in own.items() if k != "target"} | {"code": code}
            origins[code] = "custom"
    return entries, origins


def written_target(code: str, settings: IndicatorSettings, base: Target | None):
    """The target the préfecture wrote for an indicator and its key, or (None, "")."""
    if code in settings.targets:
        return settings.targets[code], f"indicators.targets.{code}"
    entry = settings.custom.get(code) or {}
    if entry.get("target") is not None:
        return entry["target"], f"indicators.custom.{code}.target"
    return None, ""


# --- checks against the contract -------------------------------------------------------------


def _near(word, choices) -> str:
    import difflib

    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=2, cutoff=0.6)
    return f" (vouliez-vous dire {' ou '.join(f'« {c} »' for c in close)} ?)" if close else ""


def definition_problems(
    indicator: Indicator, key: str, sources: dict, own_columns: dict[str, dict], scheme: str
) -> list[str]:
    """French lines, each naming its key (``key`` is « indicators.custom.<code> »…), for what the
    contract does not allow: an unknown source, a column the source does not have or of the
    wrong type, a filter value outside the column's allowed values, a kind on the wrong kind of
    source or unit, a label naming an unknown parameter, a préfecture's own indicator without a
    module under Qual-e-pref. ``sources``: the contract's; ``own_columns``: per source, the
    columns the préfecture adds (``sources.<name>.own_columns``)."""
    problems = []
    if indicator.source not in sources:
        return [
            f"{key}.source : source « {indicator.source} » inconnue du contrat"
            f"{_near(indicator.source, sources)} ; sources possibles : {', '.join(sources)}"
        ]
    spec = sources[indicator.source]
    columns = {**spec.columns, **own_columns.get(indicator.source, {})}
    formula = indicator.formula
    where = f"{key}.formula"
    if formula.kind in REGISTER_KINDS and spec.kind != "register":
        problems.append(
            f"{where}.kind : « {formula.kind} » compte les lignes d'un registre (une ligne par "
            f"demande) ; {indicator.source} est un tableau de chiffres par période (kinds "
            "possibles : ratio, share, value)"
        )
    wanted_units = UNITS_OF_KIND.get(formula.kind)
    if wanted_units and indicator.unit not in wanted_units:
        problems.append(
            f"{key}.unit : un indicateur « {formula.kind} » s'exprime en "
            f"{' ou '.join(wanted_units)} (reçu : « {indicator.unit} »)"
        )
    named = [(f"{where}.{name}", column) for name, column in formula.named_columns().items()]
    named += [(f"{where}.filters", column) for column in formula.filters]
    for place, column in named:
        if column not in columns:
            problems.append(
                f"{place} : « {column} » n'est pas une colonne de {indicator.source}"
                f"{_near(column, columns)} ; colonnes possibles : {', '.join(columns)}"
            )
    if problems:
        return problems
    types = {name: getattr(columns[c], "type", None) for name, c in formula.named_columns().items()}
    for name, kind in types.items():
        wanted = DATES if name in ("from", "to") else NUMERIC if name in (
            "numerator", "denominator") or formula.kind == "value" else None  # fmt: skip
        if wanted and kind not in wanted:
            what = "une date" if wanted == DATES else "un nombre"
            problems.append(
                f"{where}.{name} : la colonne « {formula.named_columns()[name]} » n'est pas "
                f"{what} (type {kind})"
            )
    checked = dict(formula.filters)
    if isinstance(formula, WithinDelay) and isinstance(formula.days, dict):
        checked[formula.days_by] = tuple(formula.days)
    if isinstance(formula, Share) and formula.values != (True,):
        checked[formula.column] = formula.values
    for column, values in checked.items():
        allowed = getattr(columns[column], "allowed", ())
        for value in values:
            if allowed and value not in allowed:
                problems.append(
                    f"{where} : « {value} » n'est pas une valeur de {column}"
                    f"{_near(value, allowed)} ; valeurs possibles : "
                    + ", ".join(f"« {a} »" for a in allowed)
                )
    names = [name for _, name, _, _ in string.Formatter().parse(indicator.label) if name]
    unknown = [name for name in names if name not in indicator.placeholders()]
    if unknown:
        problems.append(
            f"{key}.label : « {{{unknown[0]}}} » n'est pas un paramètre de sa formule "
            f"(possibles : {', '.join('{' + p + '}' for p in indicator.placeholders()) or 'aucun'})"
        )
    if scheme == "Qual-e-pref" and indicator.module is None:
        problems.append(
            f"{key}.module : valeur obligatoire sous Qual-e-pref (le module où l'indicateur est "
            "rangé, 1 à 7)"
        )
    return problems
