"""The results a préfecture publishes (« affiche Transparence », open-data results file), read
from the computed tables: the poster's lines in a visitor's words, the open-data rows, and what
the deck and the minutes say was published.

Both labels ask for it: Qual-e-pref's « affiche Transparence publique » (hall and website, quarter
by quarter) and Services Publics+'s « Vous avez accès à nos résultats » (performance, qualité
rendue, and satisfaction, qualité perçue, at least yearly, locally and as open data). Which
results the poster shows, and their sentences, come from the configuration
(``transparence.indicators``), else from the label's list (its scheme file, ``published``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from pipeline.compute.indicators import (
    MONTH,
    QUARTER,
    STATUS_MET,
    STATUS_MISSED,
    YEAR,
    _labelled,
    indicator_params,
)
from pipeline.compute.services import TOO_FEW
from pipeline.core.config import PrefectureConfig, PublishedItem, load_indicator_catalogue
from pipeline.core.exceptions import ConfigError
from pipeline.core.formatting import (
    NBSP,
    format_count,
    format_date,
    format_number,
    format_percent,
    format_value,
)
from pipeline.core.schemes import Scheme

DELIVERED, PERCEIVED = "qualité rendue", "qualité perçue"
SURVEY_PREFIXES = {"satisfaction": "rate", "satisfaction_nette": "net_satisfaction"}
FREQUENCIES = {YEAR: "annuelle", QUARTER: "trimestrielle", MONTH: "mensuelle"}
RELIABLE, UNCERTAIN = "fiable", "à interpréter avec prudence"
COMPARATOR_WORDS = {">=": "au moins", ">": "plus de", "<=": "au plus", "<": "moins de"}
OPEN_DATA_FILE = "resultats_{year}.csv"


@dataclass(frozen=True)
class PosterLine:
    """One result of the poster: the sentence a visitor reads, and what stands beside it."""

    code: str
    kind: str  # qualité rendue or qualité perçue
    label: str  # the indicator's own label (for the deck's table and the tests)
    sentence: str  # « 9 appels sur 10 décrochés », or the reason there is no figure
    value: float | None
    unit: str
    target: str  # « objectif : au moins 90 % », or ""
    status: str  # « objectif atteint », « objectif non atteint » or ""
    note: str  # the period when it is not the poster's (« enquête 2022 »), a small sample…


@dataclass(frozen=True)
class Poster:
    """The poster of a period (a year, or one of its quarters), for the préfecture or a service."""

    structure: str
    service: str
    period_text: str  # « 2022 », « 4e trimestre 2022 »
    updated_on: dt.date
    lines: tuple[PosterLine, ...]
    left_out: tuple[str, ...]  # the configured results without a figure to show, in French


def published_items(config: PrefectureConfig, scheme: Scheme) -> tuple[PublishedItem, ...]:
    return config.transparence.indicators or scheme.catalogue.published


def structure_name(config: PrefectureConfig) -> str:
    return config.transparence.structure_name or config.prefecture.name


def quarter_key(period: int, quarter: int | None) -> str:
    return f"{period}-T{quarter}" if quarter else str(period)


def period_text(period: int, quarter: int | None = None) -> str:
    """« 2022 », « 1er trimestre 2022 »."""
    if not quarter:
        return str(period)
    return f"{'1er' if quarter == 1 else f'{quarter}e'} trimestre {period}"


def period_bounds(key: str) -> tuple[dt.date, dt.date]:
    """The first and last day of « 2022 », « 2022-T3 » or « 2022-05 »."""
    year = int(key[:4])
    if len(key) == 4:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    first_month = (int(key[-1]) - 1) * 3 + 1 if "-T" in key else int(key[5:7])
    months = 3 if "-T" in key else 1
    start = dt.date(year, first_month, 1)
    after = dt.date(year + (first_month + months > 12), (first_month + months - 1) % 12 + 1, 1)
    return start, after - dt.timedelta(days=1)


def update_date(config: PrefectureConfig, period: int, quarter: int | None = None) -> dt.date:
    """« mis à jour le … »: the configured date, else the last day of the period shown."""
    return config.transparence.updated_on or period_bounds(quarter_key(period, quarter))[1]


def _half_up(value: float) -> int:
    return math.floor(value + 0.5)


def figures(value: float, unit: str) -> dict[str, str]:
    """The ways a sentence may write a figure: ``{sur_10}``, ``{pourcentage}``, ``{jours}``…"""
    signed = ("+" if value >= 0 else "−") + format_number(abs(value) * 100, 0)
    return {
        # never better than it is: 88,7 % reads « 8 sur 10 », not 9 beside a missed 90 % target
        "sur_10": format_number(math.floor(value * 10 + 1e-9))
        if unit == "%"
        else format_number(value),
        "pourcentage": format_percent(value, 0) if unit == "%" else format_number(value, 0),
        "jours": format_number(_half_up(value)),
        "valeur": format_value(value, unit) if unit != "points" else f"{signed} points",
        "nombre": format_number(value, 0),
        "points": f"{signed}{NBSP}points",
    }


def sentence_of(item: PublishedItem, value: float, unit: str, label: str = "") -> str:
    """The item's wording with its figure; ConfigError in French for a placeholder it does not
    know (« {percent} » for « {pourcentage} »)."""
    try:
        return item.wording.format(label=label, **figures(value, unit))
    except (KeyError, IndexError, ValueError) as error:
        known = ", ".join("{" + name + "}" for name in figures(0.0, "%"))
        raise ConfigError(
            f"Configuration transparence.indicators, « {item.code} » : la phrase "
            f"« {item.wording} » contient {error} ; emplacements possibles du chiffre : {known}."
        ) from None


def target_text(comparator, target, unit: str) -> str:
    """« objectif : au moins 90 % », « objectif : au plus 5 jours »; "" without a target."""
    if comparator is None or pd.isna(comparator) or target is None or pd.isna(target):
        return ""
    if unit == "%":
        shown = format_percent(float(target), 0)
    elif unit == "j":
        shown = format_count(float(target), "jour")
        shown = shown if float(target).is_integer() else format_value(float(target), unit)
    else:
        shown = format_value(float(target), unit)
    return f"objectif : {COMPARATOR_WORDS[comparator]} {shown}"


def _status_text(status) -> str:
    return {STATUS_MET: "objectif atteint", STATUS_MISSED: "objectif non atteint"}.get(
        "" if status is None or pd.isna(status) else status, ""
    )


def _survey_row(rates: pd.DataFrame, code: str, period: int) -> tuple[pd.Series | None, str]:
    prefix, _, which = code.partition(":")
    rows = rates[rates["year"] == period]
    rows = rows[rows["overall"]] if which == "overall" else rows[rows["column"] == which]
    return (rows.iloc[0] if len(rows) else None), SURVEY_PREFIXES[prefix]


def _survey_line(item, rates, period: int, least: int) -> PosterLine | None:
    row, measure = _survey_row(rates, item.code, period)
    if row is None or pd.isna(row[measure]):
        return None
    value, unit = float(row[measure]), "points" if measure == "net_satisfaction" else "%"
    answers = format_count(int(row["n"]), "réponse")
    few = int(row["n"]) < least
    note = f"enquête de satisfaction {period}, {answers}"
    note += f" ({UNCERTAIN} : moins de {least})" if few else ""
    label = str(row["label"]) if measure == "rate" else f"Satisfaction nette — {row['label']}"
    return PosterLine(item.code, PERCEIVED, label, sentence_of(item, value, unit, label),
                      value, unit, "", "", note)  # fmt: skip


def _indicator_line(item, rows: pd.DataFrame, key: str, period: int) -> PosterLine | None:
    """The indicator's value of the poster's period (a quarter), else of the year."""
    mine = rows[rows["code"] == item.code]
    if mine.empty:
        return None
    found = mine[mine["period"] == key]
    note = ""
    if found.empty:  # no quarterly figure (a yearly count): the year's, said so
        found, note = mine[mine["period"] == str(period)], f"résultat de l'année {period}"
    if found.empty:
        return None
    row = found.iloc[0]
    unit, label = str(row["unit"]), str(row["label"])
    reliable = bool(row.get("reliable", True))
    if pd.isna(row["value"]) or not reliable:
        reason = str(row["na_reason"] or "sans objet") if pd.isna(row["value"]) else TOO_FEW
        requests = row["denominator"]
        few = pd.notna(row["value"]) and pd.notna(requests)
        count = f" ({format_count(int(requests), 'demande')})" if few else ""
        return PosterLine(item.code, DELIVERED, label, f"{label} : {reason}{count}", None, unit,
                          "", "", note)  # fmt: skip
    value = float(row["value"])
    return PosterLine(
        item.code, DELIVERED, label,
        sentence_of(item, value, unit, label), value, unit,
        target_text(row["target_comparator"], row["target_value"], unit),
        _status_text(row["status"]), note,
    )  # fmt: skip


SURVEY_TITLES = {"satisfaction": "la satisfaction", "satisfaction_nette": "la satisfaction nette"}


def item_title(code: str, config: PrefectureConfig) -> str:
    """A published result as people name it: the indicator's label, or « la satisfaction
    générale (enquête) » (never its code); an unknown code is quoted as typed."""
    prefix, _, which = code.partition(":")
    if prefix in SURVEY_PREFIXES:
        what = "générale" if which == "overall" else f"« {which} »"
        return f"{SURVEY_TITLES[prefix]} {what} (enquête)"
    known = {i.code: i for i in load_indicator_catalogue().indicators}
    if code not in known:
        return f"« {code} » (inconnu du catalogue des indicateurs)"
    return _labelled(known[code], indicator_params(known[code], config))


def poster(
    indicators: pd.DataFrame,
    rates: pd.DataFrame,
    config: PrefectureConfig,
    scheme: Scheme,
    period: int,
    quarter: int | None = None,
    services: pd.DataFrame | None = None,
    service: str = "",
) -> Poster:
    """The poster of the period (``quarter``: one of its quarters), for the préfecture or, with
    ``service``, for one service (its register-based results only: the survey is not by
    service)."""
    key = quarter_key(period, quarter)
    least = config.survey.min_reliable_n
    rows = indicators if not service else services[services["service"] == service]
    lines, left_out = [], []
    for item in published_items(config, scheme):
        if item.code.partition(":")[0] in SURVEY_PREFIXES:
            line = None if service else _survey_line(item, rates, period, least)
        else:
            line = _indicator_line(item, rows, key, period)
        if line is None or (service and line.value is None and TOO_FEW not in line.sentence):
            left_out.append(item_title(item.code, config))  # (a service's: what it never had)
        else:
            lines.append(line)
    if service:  # the service's other results, in the catalogue's words
        listed = {item.code for item in published_items(config, scheme)}
        had = rows[rows["denominator"].fillna(0).gt(0)].drop_duplicates("code")
        for code, unit in zip(had["code"], had["unit"], strict=True):
            if code not in listed:
                wording = "{label} : {jours} jours" if unit == "j" else "{label} : {valeur}"
                line = _indicator_line(PublishedItem(code=code, wording=wording), rows, key,
                                       period)  # fmt: skip
                if line is not None and (line.value is not None or TOO_FEW in line.sentence):
                    lines.append(line)
    return Poster(structure_name(config), service, period_text(period, quarter),
                  update_date(config, period, quarter), tuple(lines), tuple(left_out))  # fmt: skip


# --- the open-data results file ---------------------------------------------------------------

OPEN_DATA_COLUMNS = (
    "identifiant_structure", "nom_structure", "service", "code_indicateur", "libelle_indicateur",
    "type_qualite", "valeur", "unite", "numerateur", "denominateur", "frequence", "date_debut",
    "date_fin", "date_mise_a_jour", "fiabilite", "motif_absence_valeur",
)  # fmt: skip
SCALES = {"%": (100, 1), "‰": (1000, 2), "j": (1, 1), "min": (1, 0), "nombre": (1, 2),
          "points": (100, 1)}  # fmt: skip


def _scaled(values: pd.Series, units: pd.Series) -> pd.Series:
    """A value in its unit as published: a rate in percent (91,2), a delay in days."""
    factor = units.map(lambda u: SCALES[u][0]).astype(float)
    digits = units.map(lambda u: SCALES[u][1])
    scaled = values.astype("Float64") * factor
    return pd.Series(
        [None if pd.isna(v) else round(float(v), d) for v, d in zip(scaled, digits, strict=True)],
        index=values.index,
        dtype="Float64",
    )  # a few hundred rows


def _indicator_rows(table: pd.DataFrame, period: int, service_column: pd.Series | None):
    rows = table[table["year"] == period]
    bounds = [period_bounds(str(p)) for p in rows["period"]]
    reliable = rows["reliable"] if "reliable" in rows else pd.Series(True, index=rows.index)
    return pd.DataFrame({
        "service": "" if service_column is None else rows["service"],
        "code_indicateur": rows["code"], "libelle_indicateur": rows["label"],
        "type_qualite": DELIVERED, "valeur": _scaled(rows["value"], rows["unit"]),
        "unite": rows["unit"], "numerateur": rows["numerator"],
        "denominateur": rows["denominator"], "frequence": rows["granularity"].map(FREQUENCIES),
        "date_debut": [b[0] for b in bounds], "date_fin": [b[1] for b in bounds],
        "fiabilite": reliable.map({True: RELIABLE, False: TOO_FEW}),
        "motif_absence_valeur": rows["na_reason"].where(rows["value"].isna(), ""),
    })  # fmt: skip


def _survey_rows(rates: pd.DataFrame, period: int, least: int) -> pd.DataFrame:
    rows = rates[rates["year"] == period]
    start, end = period_bounds(str(period))
    frames = []
    for measure, prefix, label in (("rate", "satisfaction", "Taux de satisfaction — {}"),
                                   ("net_satisfaction", "satisfaction_nette",
                                    "Satisfaction nette — {}")):  # fmt: skip
        chosen = rows if measure == "rate" else rows[rows["overall"]]
        numerator = chosen["satisfied"] - (
            chosen["dissatisfied"] if measure == "net_satisfaction" else 0
        )
        unit = "%" if measure == "rate" else "points"
        frames.append(pd.DataFrame({
            "service": "",
            "code_indicateur": prefix + "_" + chosen["column"].str.removeprefix("q_"),
            "libelle_indicateur": chosen["label"].map(label.format), "type_qualite": PERCEIVED,
            "valeur": _scaled(chosen[measure], pd.Series(unit, index=chosen.index)),
            "unite": unit, "numerateur": numerator.astype("Float64"),
            "denominateur": chosen["n"].astype("Float64"), "frequence": FREQUENCIES[YEAR],
            "date_debut": start, "date_fin": end,
            "fiabilite": chosen["n"].lt(least).map({True: UNCERTAIN, False: RELIABLE}),
            "motif_absence_valeur": chosen[measure].isna().map({True: "aucune réponse",
                                                               False: ""}),
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def open_data_table(
    indicators: pd.DataFrame,
    rates: pd.DataFrame,
    services: pd.DataFrame,
    config: PrefectureConfig,
    period: int,
) -> pd.DataFrame:
    """One row per indicator and period of the year (the year, its quarters and months), per
    survey criterion, and per service's register-based indicator and period: the open-data
    results file. No personal datum: only computed figures and the configuration's names."""
    parts = [
        _indicator_rows(indicators, period, None),
        _survey_rows(rates, period, config.survey.min_reliable_n),
        _indicator_rows(services, period, services["service"]),
    ]
    table = pd.concat([p for p in parts if len(p)], ignore_index=True)
    return table.assign(
        identifiant_structure=config.transparence.structure_id or config.prefecture.department_code,
        nom_structure=structure_name(config),
        date_mise_a_jour=update_date(config, period),
    )[list(OPEN_DATA_COLUMNS)]


# --- what the deck and the minutes say was published -----------------------------------------


@dataclass(frozen=True)
class PublicationFacts:
    poster: Poster
    poster_where: str
    open_data_file: str
    open_data_rows: int
    open_data_indicators: int  # distinct results (indicators and survey criteria) in the file
    open_data_where: str

    @property
    def sentence(self) -> str:
        """The minutes' sentence, and the slide's summary."""
        return (
            f"Les résultats de {self.poster.period_text} sont publiés : l'affiche « Transparence » "
            f"({format_count(len(self.poster.lines), 'résultat')}, mise à jour le "
            f"{format_date(self.poster.updated_on)}) {self.poster_where}, et le fichier de "
            f"données ouvertes {self.open_data_file} "
            f"({format_count(self.open_data_indicators, 'indicateur')}, "
            f"{format_count(self.open_data_rows, 'ligne')}) {self.open_data_where}."
        )


def publication_facts(
    indicators: pd.DataFrame,
    rates: pd.DataFrame,
    services: pd.DataFrame,
    config: PrefectureConfig,
    scheme: Scheme,
    period: int,
) -> PublicationFacts | None:
    """What is published for the period; None when there is no result to publish."""
    shown = poster(indicators, rates, config, scheme, period)
    table = open_data_table(indicators, rates, services, config, period)
    if not shown.lines and table.empty:
        return None
    return PublicationFacts(
        shown, config.transparence.poster_where, OPEN_DATA_FILE.format(year=period), len(table),
        int(table.loc[table["service"] == "", "code_indicateur"].nunique()),
        config.transparence.open_data_where,
    )  # fmt: skip
