"""Every result the CLU judges against a target, in one shape: the quality indicators, the survey's
criteria, the mystery calls' criteria and the mystery e-mails' checks.

The deck's titles, « L'essentiel de l'année », the points d'amélioration and the minutes take
them from here, so a figure, its target and its status read the same wherever they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pipeline.compute.indicators import NOT_TRACKED, STATUS_MET, STATUS_MISSED, yearly
from pipeline.core.config import DeckSettings, QuestionCatalogue, Wording
from pipeline.core.formatting import format_value, format_value_for_status
from pipeline.core.targets import target_text

INDICATOR, SURVEY, CALLS, EMAILS = "indicateur", "enquête", "appels mystère", "courriels mystère"
LOWER_IS_BETTER = ("<=", "<")
OTHERS = "Indicateurs propres à la préfecture"  # the channel of the indicators no channel takes


@dataclass(frozen=True)
class Measure:
    """A result for the period, with its target and status, and what it rests on."""

    kind: str  # INDICATOR, SURVEY, CALLS or EMAILS
    code: str
    label: str  # as the catalogue, the questionnaire or the grid names it
    short: str  # a few words, for a table of a main slide
    value: float | None
    unit: str  # "%" (a fraction), "j", "nombre", "‰", "min"
    comparator: str | None
    target: float | None
    status: str | None  # « atteint », « non atteint », or None (no target, no value)
    n: int | None = None  # answers, requests or calls the value rests on
    previous: float | None = None  # the year before
    note: str = ""  # what a partial value rests on: « 11 mois », « 4e trimestre seul »
    fragile: bool = False  # fewer answers or requests than the reliability threshold
    finding: str = ""  # the phrase of a title, « {value} d'appels aboutis »
    channel: str = ""  # the deck's channel (indicators), the theme (survey), the stage (calls)
    order: int = 0

    @property
    def missed(self) -> bool:
        return self.status == STATUS_MISSED

    @property
    def met(self) -> bool:
        return self.status == STATUS_MET

    @property
    def lower_is_better(self) -> bool:
        if self.comparator:
            return self.comparator in LOWER_IS_BETTER
        return self.unit in ("j", "min")

    @property
    def value_text(self) -> str:
        """The value as every document shows it, with the decimal that tells a miss from a
        target reached (89,95 % against ≥ 90 % never reads « 90,0 % »)."""
        return value_for_status(self.value, self.unit, self.comparator, self.target, self.status)

    @property
    def target_text(self) -> str:
        """« ≥ 90 % », « ≤ 5 j », or « – » without a target."""
        return target_text(self.comparator, self.target, self.unit)

    @property
    def target_value_text(self) -> str:
        """The target's figure without its comparator: « 90 % », « 5 j »."""
        text = self.target_text
        return text.split("\u00a0", 1)[1] if "\u00a0" in text and text[0] in "≥≤<>" else text

    @property
    def gap(self) -> float | None:
        """How far short of its target: in points for a rate (0.05 = 5 points), relative
        otherwise (0.5 = half the target again); 0 or less when the target is reached."""
        if self.value is None or self.target is None or not self.comparator:
            return None
        short = self.value - self.target if self.lower_is_better else self.target - self.value
        if self.unit == "%":
            return short
        return short / abs(self.target) if self.target else None

    @property
    def change(self) -> float | None:
        """The change since the year before, positive when better (a delay that shrinks)."""
        if self.value is None or self.previous is None:
            return None
        change = self.value - self.previous
        return -change if self.lower_is_better else change

    def with_note(self) -> str:
        """The value and what it rests on: « 91,2 % (11 mois) »."""
        return self.value_text + (f" ({self.note})" if self.note else "")


def value_for_status(value, unit: str, comparator, target, status) -> str:
    """A value in its unit, with the decimal that tells a miss from a target reached
    (:func:`pipeline.core.formatting.format_value_for_status`: one rule for every document)."""
    if value is None or pd.isna(value):
        return format_value(None, unit)
    if target is None or pd.isna(target) or not comparator:
        return format_value(value, unit)
    return format_value_for_status(value, unit, comparator, target, status)


def _number(value) -> float | None:
    """A table's cell as a float, None when missing."""
    return None if value is None or pd.isna(value) else float(value)


def _judged(status) -> str | None:
    """« atteint » or « non atteint »; None for any other word (« sans objet », "")."""
    return status if status in (STATUS_MET, STATUS_MISSED) else None


# --- indicators ------------------------------------------------------------------------------


def _channel_of(row, settings: DeckSettings) -> tuple[str, int]:
    for position, channel in enumerate(settings.channels or ()):
        if row["code"] in channel.codes or row["theme"] in channel.themes:
            return channel.title, position
    return OTHERS, len(settings.channels or ())


def _coverage(code_rows: pd.DataFrame, period: int) -> str:
    """What a yearly value rests on when it is not a whole year: « 11 mois », « 4e trimestre
    seul », « 3 trimestres »."""
    year = code_rows[(code_rows["granularity"] == "année") & (code_rows["year"] == period)]
    if year.empty or year["value"].isna().all():
        return ""
    months = year["months"].iloc[0]
    if pd.notna(months):
        return f"{int(months)}\u00a0mois" if 0 < months < 12 else ""
    quarters = code_rows[(code_rows["granularity"] == "trimestre") & code_rows["value"].notna()]
    count = len(quarters)
    if count == 0 or count >= 4:
        return ""
    if count == 1:
        number = str(quarters["period"].iloc[0])[-1]
        return f"{number}{'er' if number == '1' else 'e'} trimestre seul"
    return f"{count} trimestres"


def indicator_measures(
    indicators: pd.DataFrame, period: int, settings: DeckSettings, least: int
) -> list[Measure]:
    """The period's value of every indicator with a value or a target, in the channels' order
    then the catalogue's; a rate on fewer than ``least`` requests is fragile (and says so)."""
    if indicators.empty:
        return []
    years = yearly(indicators)
    current = years[years["year"] == period]
    before = years[years["year"] == period - 1].set_index("code")["value"]
    rows_by_code = {code: rows for code, rows in indicators.groupby("code", sort=False)}
    found = []
    for row in current.to_dict("records"):
        if pd.isna(row["value"]) and (
            pd.isna(row["target_value"]) or row["na_reason"] == NOT_TRACKED
        ):
            continue  # (an indicator the préfecture does not track stays in the annex's tables)
        channel, position = _channel_of(row, settings)
        wording = settings.wordings.get(row["code"], Wording())
        value = _number(row["value"])
        denominator = row["denominator"]
        requests = int(denominator) if pd.notna(denominator) and row["unit"] == "%" else None
        fragile = requests is not None and 0 < requests < least
        note = _coverage(rows_by_code[row["code"]], period)
        if fragile:
            note = ", ".join(filter(None, [note, f"sur {requests} demandes"]))
        previous = before.get(row["code"])
        found.append(
            Measure(
                kind=INDICATOR,
                code=row["code"],
                label=row["label"],
                short=wording.short or row["label"],
                value=value,
                unit=row["unit"],
                comparator=None if pd.isna(row["target_comparator"]) else row["target_comparator"],
                target=_number(row["target_value"]),
                status=_judged(row["status"]),
                n=requests,
                previous=_number(previous),
                note=note,
                fragile=fragile,
                finding=wording.finding,
                channel=channel,
                order=position * 1000 + int(row["order"]),
            )  # fmt: skip
        )
    return sorted(found, key=lambda m: m.order)


# --- survey, mystery calls and e-mails ---------------------------------------------------------


def _short_question(label: str) -> str:
    """« Le délai d'obtention d'un rendez-vous » → « Délai d'obtention d'un rendez-vous »."""
    for article in ("Le ", "La ", "Les ", "L'", "L’"):
        if label.startswith(article):
            rest = label[len(article) :]
            return rest[:1].upper() + rest[1:]
    return label


def survey_measures(
    rates: pd.DataFrame, period: int, catalogue: QuestionCatalogue
) -> list[Measure]:
    """The period's satisfaction rate of every criterion answered (the overall question
    apart), with its target, its n and last year's rate."""
    if rates.empty:
        return []
    current = rates[(rates["year"] == period) & ~rates["overall"].astype(bool) & (rates["n"] > 0)]
    before = rates[rates["year"] == period - 1].set_index("column")["rate"]
    short = {q.column: q.short_label for q in catalogue.questions if q.short_label}
    found = []
    for row in current.to_dict("records"):
        rate = _number(row["rate"])
        below = row["below_target"]
        status = None if rate is None or pd.isna(below) else STATUS_MISSED if below else STATUS_MET
        previous = before.get(row["column"])
        found.append(
            Measure(
                kind=SURVEY,
                code=row["column"],
                label=row["label"],
                short=short.get(row["column"]) or _short_question(row["label"]),
                value=rate,
                unit="%",
                comparator=">=",
                target=float(row["target"]),
                status=status,
                n=int(row["n"]),
                previous=_number(previous),
                note=f"n\u00a0=\u00a0{int(row['n'])}" if row["small_sample"] else "",
                fragile=bool(row["small_sample"]),
                channel=row["theme"],
                order=int(row["order"]),
            )  # fmt: skip
        )
    return found


def call_measures(compliance: pd.DataFrame, period: int, min_reliable: int) -> list[Measure]:
    """The period's mystery-call criteria that some call evaluated, with their target."""
    if compliance.empty:
        return []
    rows = compliance[
        (compliance["year"] == period)
        & (compliance["level"] == "criterion")
        & (compliance["evaluated"] > 0)
    ]
    before = compliance[
        (compliance["year"] == period - 1) & (compliance["level"] == "criterion")
    ].set_index("code")["rate"]
    found = []
    for row in rows.to_dict("records"):
        previous = before.get(row["code"])
        found.append(
            Measure(
                kind=CALLS,
                code=row["code"],
                label=row["label"],
                short=row["label"],
                value=_number(row["rate"]),
                unit="%",
                comparator=">=",
                target=float(row["target"]),
                status=_judged(row["status"]),
                n=int(row["evaluated"]),
                previous=_number(previous),
                fragile=int(row["evaluated"]) < min_reliable,
                channel=row["stage_label"] or "",
                order=int(row["order"]),
            )  # fmt: skip
        )
    return found


def email_measures(results: pd.DataFrame, period: int) -> list[Measure]:
    """The period's mystery e-mail checks that have a target."""
    if results.empty:
        return []
    rows = results[(results["year"] == period) & results["target_value"].notna()]
    found = []
    for order, row in enumerate(rows.to_dict("records")):
        n = row["denominator"] if row["unit"] == "%" else row["numerator"]
        found.append(
            Measure(
                kind=EMAILS,
                code=row["code"],
                label=row["label"],
                short=row["label"],
                value=_number(row["value"]),
                unit=row["unit"],
                comparator=row["target_comparator"],
                target=float(row["target_value"]),
                status=_judged(row["status"]),
                n=None if pd.isna(n) else int(n),
                order=order,
            )  # fmt: skip
        )
    return found


# --- the period a committee presents ---------------------------------------------------------


@dataclass(frozen=True)
class PeriodColumns:
    """The columns the indicator slides show for the period: the year (a committee held after
    the year), or its months or quarters (a committee held during the year presents what the
    data covers so far), each value with its status."""

    unit: str  # "years", "months" or "quarters"
    labels: tuple[str, ...] = ()  # « févr. 2022 », « T1 2022 » (empty for "years")
    cells: dict[str, tuple[tuple[str, str | None], ...]] | None = None  # code → (text, status)


MAX_PERIOD_COLUMNS = 4  # beside the indicator and the year before: five columns at most


def period_unit(setting: str, meeting_date, period: int) -> str:
    """« auto »: months when the committee meets during the year it presents (spring, seed
    003), the year otherwise."""
    if setting != "auto":
        return setting
    return "months" if meeting_date is not None and meeting_date.year == period else "years"


def period_columns(indicators: pd.DataFrame, period: int, unit: str) -> PeriodColumns:
    """The months (or quarters) of the period holding a value, the last MAX_PERIOD_COLUMNS of
    them; months become quarters when more than MAX_PERIOD_COLUMNS months hold values."""
    if unit == "years" or indicators.empty:
        return PeriodColumns("years")
    granularity = {"months": "mois", "quarters": "trimestre"}[unit]
    rows = indicators[indicators["granularity"] == granularity]
    keys = sorted(rows.loc[rows["value"].notna(), "period"].astype(str).unique())
    if unit == "months" and len(keys) > MAX_PERIOD_COLUMNS:
        return period_columns(indicators, period, "quarters")
    keys = keys[-MAX_PERIOD_COLUMNS:]
    if not keys:
        return PeriodColumns("years")
    labels = tuple(_period_label(key) for key in keys)
    cells = {}
    for code, group in rows[rows["period"].astype(str).isin(keys)].groupby("code", sort=False):
        by_key = group.set_index(group["period"].astype(str))
        cells[code] = tuple(_cell(by_key, key) for key in keys)
    return PeriodColumns(unit, labels, cells)


def _cell(by_key: pd.DataFrame, key: str) -> tuple[str, str | None]:
    if key not in by_key.index:
        return "non suivi", None
    row = by_key.loc[key]
    if pd.isna(row["value"]):
        reason = row["na_reason"]
        return (reason if isinstance(reason, str) else "sans objet"), None
    status = row["status"] if row["status"] in (STATUS_MET, STATUS_MISSED) else None
    value = value_for_status(float(row["value"]), row["unit"], row["target_comparator"],
                             row["target_value"], status)  # fmt: skip
    return value, status


def _period_label(key: str) -> str:
    """« 2022-02 » → « févr. 2022 », « 2022-T1 » → « T1 2022 »."""
    import datetime as dt

    from pipeline.core.formatting import format_date

    year, part = key.split("-")
    if part.startswith("T"):
        return f"{part} {year}"
    return format_date(dt.date(int(year), int(part), 1), "MMM y")
