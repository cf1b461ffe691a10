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
from dataclasses import dataclass

import pandas as pd

from pipeline.compute.indicators import MONTH, NOT_APPLICABLE, QUARTER, YEAR, source_kind
from pipeline.compute.services import TOO_FEW
from pipeline.compute.survey.satisfaction import NO_USABLE_ANSWER
from pipeline.core.config import (
    PrefectureConfig,
    PublishedItem,
    indicator_by_code,
    indicator_catalogue,
)
from pipeline.core.exceptions import ConfigError
from pipeline.core.formatting import (
    format_count,
    format_date,
    rounded,
    shown_number,
)
from pipeline.core.paths import OPEN_DATA_FILE
from pipeline.core.schemes import Scheme
from pipeline.core.targets import STATUS_MET, STATUS_MISSED, target_goal
from pipeline.facts.poster_words import every_one_wording, figure_field, figure_parts, figures
from pipeline.facts.structure import structure_id

DELIVERED, PERCEIVED = "qualité rendue", "qualité perçue"
SURVEY_PREFIXES = {"satisfaction": "rate", "satisfaction_nette": "net_satisfaction"}
FREQUENCIES = {YEAR: "annuelle", QUARTER: "trimestrielle", MONTH: "mensuelle"}
RELIABLE, UNCERTAIN = "fiable", "à interpréter avec prudence"


@dataclass(frozen=True)
class PosterLine:
    """One result of the poster: the sentence a visitor reads, and what stands beside it."""

    code: str
    kind: str  # qualité rendue or qualité perçue
    label: str  # the indicator's own label (for the deck's table and the tests)
    sentence: str  # « 9 appels sur 10 décrochés », or why there is no rate (too few requests)
    value: float | None  # None: too few requests for a rate (the sentence says so)
    unit: str
    goal: str  # « au moins 90 % », or ""
    status: str  # « objectif atteint », « objectif non atteint » or ""
    note: str  # the period when it is not the poster's, months covered, a small sample…
    figure: str = ""  # the figure as the sentence writes it, shown large: « 9 », « 96 % »
    figure_unit: str = ""  # what follows it, smaller: « sur 10 », « jours », or ""

    @property
    def target(self) -> str:
        return f"objectif : {self.goal}" if self.goal else ""


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


def update_date(
    config: PrefectureConfig,
    period: int,
    quarter: int | None = None,
    indicators: pd.DataFrame | None = None,
) -> dt.date:
    """« mis à jour le … »: the configured date, else the last day of the period shown — or,
    when the ``indicators`` have months and the year's last with requests ends earlier (a
    spring committee's posters of February and March, the year's and each quarter's), the
    last day of that month: never a date the data has not reached."""
    if config.transparence.updated_on:
        return config.transparence.updated_on
    start, end = period_bounds(quarter_key(period, quarter))
    if indicators is None or not len(indicators):
        return end
    keys = indicators["period"].astype(str)
    monthly = keys.str.fullmatch(r"\d{4}-\d{2}") & indicators["denominator"].fillna(0).gt(0)
    months = keys[monthly & keys.str.startswith(f"{start:%Y}-")]
    if not len(months):
        return end
    return min(end, period_bounds(months.max())[1])  # (a quarter after the data: its date)


def sentence_of(item: PublishedItem, value: float, unit: str, label: str = "", comparator=None,
                target=None, status=None) -> str:  # fmt: skip
    """The item's wording with its figure, beside its target and status (:func:`figures`:
    never reading as reaching a target it missed), « Toutes les … » rather than « 10 … sur 10 »;
    ConfigError in French for a placeholder it does not know (« {percent} » for
    « {pourcentage} »)."""
    figure = figures(value, unit, comparator, target, status)
    wording = item.wording
    if figure_field(wording) == "sur_10" and unit == "%" and figure["sur_10"] == "10":
        wording = item.wording_all or every_one_wording(wording)
    try:
        return wording.format(label=label, **figure)
    except (KeyError, IndexError, ValueError) as error:
        known = ", ".join("{" + name + "}" for name in figures(0.0, "%"))
        raise ConfigError(
            f"Configuration transparence.indicators, « {item.code} » : la phrase "
            f"« {item.wording} » contient {error} ; emplacements possibles du chiffre : {known}."
        ) from None


def goal_text(comparator, target, unit: str) -> str:
    """« au moins 90 % », « au moins 4,5 % », « au plus 5 jours »; "" without a target."""
    return target_goal(comparator, target, unit)


def _status_text(status) -> str:
    return {STATUS_MET: "objectif atteint", STATUS_MISSED: "objectif non atteint"}.get(
        "" if status is None or pd.isna(status) else status, ""
    )


def register_rates(config: PrefectureConfig) -> set[str]:
    """The codes of the préfecture's rates and means of a register (not its counts)."""
    return {i.code for i in indicator_catalogue(config)
            if source_kind(i.source) == "register" and i.kind != "count"}  # fmt: skip


def too_few_requests(rows: pd.DataFrame, least: int, rates: set[str]) -> pd.Series:
    """Each row's rate or mean of a register resting on fewer requests than the minimum (a
    service's row says it; the préfecture's is judged by the same rule: its figure, the
    official one of the dashboard and the deck, is shown with its number of requests). Counts
    and monthly figures never. ``rates``: :func:`register_rates`."""
    if "reliable" in rows:
        return ~rows["reliable"].astype(bool)
    judged = rows["code"].isin(rates) & rows["value"].notna()
    return (judged & rows["denominator"].fillna(0).lt(least)).astype(bool)


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
    goal, status, judged = "", "", (None, None, None)
    if measure == "rate" and pd.notna(row["target"]):
        goal = goal_text(">=", row["target"], "%")
        status = _status_text(STATUS_MISSED if row["below_target"] else STATUS_MET)
        judged = (">=", float(row["target"]), status)
    return PosterLine(item.code, PERCEIVED, label, sentence_of(item, value, unit, label, *judged),
                      value, unit, goal, status, note,
                      *figure_parts(item.wording, value, unit, *judged))  # fmt: skip


def _months_note(row, key: str) -> str:
    """« sur 11 mois » when the figures cover part of the period."""
    months = row.get("months")
    whole = 12 if len(key) == 4 else 3
    if months is None or pd.isna(months) or not 0 < int(months) < whole:
        return ""
    return f"sur {format_count(int(months), 'mois', 'mois')}"


def _indicator_line(item, mine: pd.DataFrame, key: str, period: int, least: int, rates):
    """The indicator's value of the poster's period (a quarter), else of the year; None when it
    has no figure there (no request, not tracked). ``mine``: the indicator's rows; ``rates``:
    :func:`register_rates`."""
    found = mine[mine["period"] == key]
    year_note = ""
    if found.empty:  # no quarterly figure (a yearly count): the year's, said so
        found, year_note = mine[mine["period"] == str(period)], f"résultat de l'année {period}"
    if found.empty or pd.isna(found.iloc[0]["value"]):
        return None
    row = found.iloc[0]
    unit, label = str(row["unit"]), str(row["label"])
    few = bool(too_few_requests(found.iloc[:1], least, rates).iloc[0])
    counted = f"sur {format_count(int(row['denominator']), 'demande')}" if few else ""
    note = ", ".join(filter(None, [year_note, _months_note(row, key), counted]))
    if few and "reliable" in row:  # a service's rate on too few requests: not shown
        requests = format_count(int(row["denominator"]), "demande")
        return PosterLine(item.code, DELIVERED, label, f"{label} : {TOO_FEW} ({requests})",
                          None, unit, "", "", note)  # fmt: skip
    value = float(row["value"])
    judged = (row["target_comparator"], row["target_value"], row["status"])
    return PosterLine(
        item.code, DELIVERED, label, sentence_of(item, value, unit, label, *judged), value, unit,
        goal_text(row["target_comparator"], row["target_value"], unit),
        _status_text(row["status"]), note, *figure_parts(item.wording, value, unit, *judged),
    )  # fmt: skip


SURVEY_TITLES = {"satisfaction": "la satisfaction", "satisfaction_nette": "la satisfaction nette"}


def item_title(code: str, config: PrefectureConfig, rates: pd.DataFrame) -> str:
    """A published result as people name it: the indicator's label, or « la satisfaction
    générale (enquête) », « la satisfaction : L'accueil téléphonique (enquête) »."""
    prefix, _, which = code.partition(":")
    if prefix in SURVEY_PREFIXES:
        labels = rates.loc[rates["column"] == which, "label"]
        what = (
            "générale"
            if which == "overall"
            else (f": {labels.iloc[0]}" if len(labels) else "d'une question absente de l'enquête")
        )
        return f"{SURVEY_TITLES[prefix]} {what} (enquête)"  # fmt: skip
    return indicator_by_code(code, config).title


def check_published(items: tuple[PublishedItem, ...], config: PrefectureConfig) -> None:
    """Every listed result names one of the préfecture's indicators or the survey;
    ConfigError otherwise."""
    known = {i.code for i in indicator_catalogue(config)}
    unknown = [
        item.code for item in items
        if item.code not in known and item.code.partition(":")[0] not in SURVEY_PREFIXES
    ]  # fmt: skip
    if unknown:
        raise ConfigError(
            f"Configuration {config.path} : transparence.indicators nomme des résultats "
            f"inconnus : {', '.join(unknown)}. Possibles : un code du catalogue des indicateurs "
            "(pipeline/resources/indicators.yaml) ou d'un indicateur propre (indicators.custom), "
            "satisfaction:overall, "
            "satisfaction:<colonne d'une question>, satisfaction_nette:overall."
        )


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
    ``service``, for one service (its register-based results: the listed ones, then its others
    in the catalogue's words; the survey is not by service). A result without a figure in the
    period is left out, and named in ``left_out``."""
    items = published_items(config, scheme)
    check_published(items, config)
    key = quarter_key(period, quarter)
    answers, requests = config.survey.min_reliable_n, config.indicators.service_min_requests
    rows = indicators if not service else services[services["service"] == service]
    lines, left_out, rates_codes = [], [], register_rates(config)
    by_code = dict(tuple(rows.groupby("code", sort=False)))  # (each indicator's rows, once)
    none = rows.iloc[:0]
    for item in items:
        if item.code.partition(":")[0] in SURVEY_PREFIXES:
            line = None if service else _survey_line(item, rates, period, answers)
        else:
            line = _indicator_line(item, by_code.get(item.code, none), key, period, requests,
                                   rates_codes)  # fmt: skip
        if line is None:
            left_out.append(item_title(item.code, config, rates))
        else:
            lines.append(line)
    if service:
        listed = {item.code for item in items}
        had = rows[rows["denominator"].fillna(0).gt(0)].drop_duplicates("code")
        for code, unit in zip(had["code"], had["unit"], strict=True):
            if code not in listed:
                wording = "{label} : {jours_ouvres}" if unit == "j" else "{label} : {valeur}"
                line = _indicator_line(PublishedItem(code=code, wording=wording),
                                       by_code.get(code, none), key, period, requests,
                                       rates_codes)  # fmt: skip
                lines += [line] if line is not None else []
    return Poster(structure_name(config), service, period_text(period, quarter),
                  update_date(config, period, quarter, indicators), tuple(lines),
                  tuple(left_out))  # fmt: skip


# --- the open-data results file ---------------------------------------------------------------

OPEN_DATA_COLUMNS = (
    "identifiant_structure", "nom_structure", "service", "code_indicateur", "libelle_indicateur",
    "type_qualite", "valeur", "unite", "numerateur", "denominateur", "frequence", "date_debut",
    "date_fin", "mois_couverts", "date_mise_a_jour", "fiabilite", "motif_absence_valeur",
)  # fmt: skip
NO_ANSWER = NO_USABLE_ANSWER  # a survey criterion without any answer that counts


def _published(value, unit: str):
    """A value as the file writes it: in its unit's scale (a rate in percent, 91.2; a change
    of satisfaction in points), rounded as the documents write it (half up at the precision
    they show, :func:`pipeline.core.formatting.shown_number`): the file says « 81.3 » where the
    dashboard says « 81,3 % », « 2.87 » where it says « 2,87 ‰ », « 34271 » for a count."""
    if value is None or pd.isna(value):
        return None
    return _plain(shown_number(float(value), unit))


def _plain(number):
    """A rounded Decimal as the CSV writes it: an int without decimals (« 34271 »), else a
    float (« 91.2 »)."""
    return int(number) if number.as_tuple().exponent >= 0 else float(number)


def _published_values(values: pd.Series, units) -> pd.Series:
    units = units if isinstance(units, pd.Series) else pd.Series(units, index=values.index)
    return pd.Series(
        [_published(v, u) for v, u in zip(values, units, strict=True)],
        index=values.index,
        dtype=object,
    )  # fmt: skip  (a few hundred rows)


def _count(value):
    if value is None or pd.isna(value):
        return None
    return _plain(rounded(float(value), 0 if float(value).is_integer() else 2).normalize())


def _counts(values: pd.Series) -> pd.Series:
    """Numerators and denominators as counts are written: « 58918 », never « 58918.0 » (a sum
    of delays or of rates, a mean's numerator, keeps two decimals)."""
    return pd.Series([_count(v) for v in values], index=values.index, dtype=object)


def _code(column: pd.Series) -> pd.Series:
    """A survey question's column as a code the schema accepts (lower-case letters, digits, _)."""
    plain = column.str.removeprefix("q_").str.normalize("NFKD").str.encode("ascii", "ignore")
    return plain.str.decode("ascii").str.lower().str.replace(r"[^a-z0-9]+", "_", regex=True)


def _indicator_rows(table: pd.DataFrame, period: int, least: int, by_service: bool, rates):
    rows = table[table["year"] == period]
    if by_service:  # a service's indicators it had requests for in the year
        had = rows[(rows["granularity"] == YEAR) & rows["denominator"].fillna(0).gt(0)]
        keep = pd.MultiIndex.from_frame(had[["service", "code"]])
        rows = rows[pd.MultiIndex.from_frame(rows[["service", "code"]]).isin(keep)]
    bounds = [period_bounds(str(p)) for p in rows["period"]]
    few = too_few_requests(rows, least, rates)
    value = rows["value"].mask(few) if by_service else rows["value"]  # as its dashboard sheet
    reason = rows["na_reason"].where(rows["value"].isna(), "").fillna(NOT_APPLICABLE)
    reason = reason.mask(few & by_service, TOO_FEW)
    # A row without a value says why, in both columns; one on too few requests says so.
    reliability = few.map({True: TOO_FEW, False: RELIABLE}).mask(reason.ne(""), reason)
    return pd.DataFrame({
        "service": rows["service"] if by_service else "",
        "code_indicateur": rows["code"], "libelle_indicateur": rows["label"],
        "type_qualite": DELIVERED, "valeur": _published_values(value, rows["unit"]),
        "unite": rows["unit"], "numerateur": _counts(rows["numerator"]),
        "denominateur": _counts(rows["denominator"]),
        "frequence": rows["granularity"].map(FREQUENCIES),
        "date_debut": [b[0] for b in bounds], "date_fin": [b[1] for b in bounds],
        "mois_couverts": rows["months"].astype("Int64") if "months" in rows else pd.NA,
        "fiabilite": reliability, "motif_absence_valeur": reason,
    })  # fmt: skip


def _survey_rows(
    rates: pd.DataFrame, period: int, least: int, code: str = "", title: str = ""
) -> pd.DataFrame:
    """The survey's rows; a second survey's codes start with its ``code`` and its labels end
    with its ``title`` in brackets (« Taux de satisfaction — … (Enquête par courriel) »)."""
    rows = rates[rates["year"] == period]
    start, end = period_bounds(str(period))
    frames = []
    after = f" ({title})" if title else ""
    for measure, prefix, label in (("rate", f"{code}satisfaction", "Taux de satisfaction — {}"
                                    + after),
                                   ("net_satisfaction", f"{code}satisfaction_nette",
                                    "Satisfaction nette — {}" + after)):  # fmt: skip
        chosen = rows if measure == "rate" else rows[rows["overall"]]
        numerator = chosen["satisfied"] - (
            chosen["dissatisfied"] if measure == "net_satisfaction" else 0
        )
        unit = "%" if measure == "rate" else "points"
        missing = chosen[measure].isna()
        reliability = chosen["n"].lt(least).map({True: UNCERTAIN, False: RELIABLE})
        frames.append(pd.DataFrame({
            "service": "", "code_indicateur": prefix + "_" + _code(chosen["column"]),
            "libelle_indicateur": chosen["label"].map(label.format), "type_qualite": PERCEIVED,
            "valeur": _published_values(chosen[measure], unit),
            "unite": unit, "numerateur": _counts(numerator),
            "denominateur": _counts(chosen["n"]), "frequence": FREQUENCIES[YEAR],
            "date_debut": start, "date_fin": end, "mois_couverts": pd.NA,
            "fiabilite": reliability.mask(missing, NO_ANSWER),
            "motif_absence_valeur": missing.map({True: NO_ANSWER, False: ""}),
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def _feedback_rows(summary: pd.DataFrame, period: int, settings) -> pd.DataFrame:
    """The feedback platform's year: experiences shared, the share felt positive, the share
    that received a reply, the mean rating (when ratings were given)."""
    rows = summary[summary["year"] == period] if len(summary) else summary
    if rows.empty or not int(rows["experiences"].iloc[0]):
        return rows.iloc[:0]
    row, least = rows.iloc[0], settings.min_reliable_n
    start, end = period_bounds(str(period))
    about = f" — {settings.name}"
    found = [  # code, label, quality, unit, value, numerator, denominator
        ("avis_experiences", "Expériences partagées par les usagers" + about, PERCEIVED,
         "nombre", row["experiences"], row["experiences"], pd.NA),
        ("avis_experiences_positives", "Part des expériences au ressenti positif" + about,
         PERCEIVED, "%", row["positive_share"], row["positive"], row["felt"]),
        ("avis_reponses", "Part des expériences ayant reçu une réponse" + about, DELIVERED,
         "%", row["reply_share"], row["replied"], row["experiences"]),
    ]  # fmt: skip
    if int(row["rated"]):
        found.append(("avis_note_moyenne", f"Note moyenne sur {int(row['rating_max'])}" + about,
                      PERCEIVED, "nombre", row["mean_rating"],
                      row["mean_rating"] * row["rated"], row["rated"]))  # fmt: skip
    names = ["code_indicateur", "libelle_indicateur", "type_qualite", "unite", "value",
             "numerateur", "denominateur"]  # fmt: skip
    table = pd.DataFrame(found, columns=names)
    value = _published_values(table["value"].astype("Float64"), table["unite"])
    denominator = table["denominateur"].astype("Float64")
    few = denominator.lt(least).fillna(False)  # (a count is a count: « fiable »)
    missing = table["value"].isna()
    return table.drop(columns="value").assign(
        service="", valeur=value, numerateur=_counts(table["numerateur"].astype("Float64")),
        denominateur=_counts(denominator), frequence=FREQUENCIES[YEAR], date_debut=start,
        date_fin=end, mois_couverts=pd.NA,
        fiabilite=few.map({True: UNCERTAIN, False: RELIABLE}).mask(missing, NOT_APPLICABLE),
        motif_absence_valeur=missing.map({True: NOT_APPLICABLE, False: ""}),
    )  # fmt: skip


def open_data_table(
    indicators: pd.DataFrame,
    rates: pd.DataFrame,
    services: pd.DataFrame,
    config: PrefectureConfig,
    period: int,
    feedback: pd.DataFrame | None = None,
    second_rates: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per indicator and period of the year (the year, its quarters and months), per
    survey criterion, and per service's register-based indicator and period: the open-data
    results file (empty, with its columns, when nothing was computed). No personal datum: only
    computed figures and the configuration's names. A rate of a register on fewer requests
    than the minimum says so in ``fiabilite`` (a service's has no value, as on its sheet).
    The feedback platform's year (``feedback``: its summary) and a second survey's criteria
    (``second_rates``) follow the survey's, when the préfecture keeps them."""
    least, codes = config.indicators.service_min_requests, register_rates(config)
    second = config.second_survey
    parts = [
        _indicator_rows(indicators, period, least, False, codes),
        _survey_rows(rates, period, config.survey.min_reliable_n),
        _survey_rows(second_rates, period, second.min_reliable_n, f"{second.code}_", second.title)
        if second_rates is not None else None,
        _feedback_rows(feedback, period, config.feedback) if feedback is not None else None,
        _indicator_rows(services, period, least, True, codes),
    ]  # fmt: skip
    parts = [part for part in parts if part is not None and len(part)]
    if not parts:
        return pd.DataFrame({column: pd.Series([], dtype=object) for column in OPEN_DATA_COLUMNS})
    table = pd.concat(parts, ignore_index=True)
    return table.assign(
        identifiant_structure=structure_id(config),
        nom_structure=structure_name(config),
        date_mise_a_jour=update_date(config, period, indicators=indicators),
        mois_couverts=table["mois_couverts"].astype("Int64"),
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
    feedback: pd.DataFrame | None = None,
    second_rates: pd.DataFrame | None = None,
) -> PublicationFacts | None:
    """What is published for the period; None when the poster has no result to show."""
    shown = poster(indicators, rates, config, scheme, period)
    table = open_data_table(indicators, rates, services, config, period, feedback, second_rates)
    if not shown.lines:  # nothing on the poster: nothing to say was published
        return None
    return PublicationFacts(
        shown, config.transparence.poster_where, OPEN_DATA_FILE.format(year=period), len(table),
        int(table.loc[table["service"] == "", "code_indicateur"].nunique()),
        config.transparence.open_data_where,
    )  # fmt: skip
