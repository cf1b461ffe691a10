"""Appels et courriels mystère: what the grids say, per criterion, stage and year.

Calls: a criterion is judged on the calls where it was evaluated. « Oui » is compliant, « non » is
not; « sans objet » and blank cells leave the denominator, whose size ``evaluated`` is kept beside
each rate. A stage's rate, and the overall rate, pool the evaluations of their criteria
(compliant marks / evaluated marks). Rings are read on answered calls only. The grid's criteria,
their labels and stages are configuration (``resources/mystery_grid.yaml``).

E-mails: every e-mail sent is in the denominator of the reply, acknowledgement and on-time rates
(an e-mail without reply is late); the yes/no checks (signature, information when forwarded…)
are judged on the replies where they were evaluated; the mean delay is in jours ouvrés
(``workdays.workday_delays``) over the e-mails answered.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from pipeline.compute.evidence import evidence_sentences, quoted_evidence
from pipeline.compute.indicators import status
from pipeline.core.config import (
    DEFAULT_CRITICAL_WORDS,
    PrefectureConfig,
    indicator_by_code,
    load_contract,
    resource_file,
    validate_yaml,
)
from pipeline.core.exceptions import ConfigError
from pipeline.core.workdays import public_holidays, workday_delays

CRITERION, STAGE, OVERALL = "criterion", "stage", "overall"
OVERALL_LABEL = "Ensemble des critères"
POSITIVE, VIGILANCE = "point positif", "point de vigilance"
STRENGTH_MARGIN = 0.05  # a point positif is at least 5 points above the target
RATE_TOLERANCE = 1e-9  # 0.85 + 0.05 is 0.9000000000000001: a rate of exactly 90 % reaches it
MORNING, AFTERNOON, NO_TIME = "matin", "après-midi", "heure non renseignée"
HALF_DAYS = (MORNING, AFTERNOON, NO_TIME)
ONE_CALL, NO_CALL, SEVERAL_CALLS, OUTSIDE = (
    "un appel", "aucun appel", "plusieurs appels", "hors campagne",
)  # fmt: skip
ANSWERED_CHECK, RINGS_CHECK = "answered", "rings_within_limit"
# The reply delay of mystery e-mails is the one of this indicator (E 17.2, 5 jours ouvrés).
EMAIL_INDICATOR = "mail_emails_5d"


def _yes(flags: pd.Series) -> pd.Series:
    """True where a yes/no column says yes; no and not-applicable are False."""
    return flags.astype("boolean").fillna(False).astype(bool)


# --- the grid (configuration) ---------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Stage(_Model):
    code: str
    label: str


class Criterion(_Model):
    column: str
    label: str
    stage: str
    evidence_words: tuple[str, ...] = ()


class Check(_Model):
    column: str
    label: str


class MysteryGrid(_Model):
    stages: tuple[Stage, ...] = Field(min_length=1)
    call_criteria: tuple[Criterion, ...] = Field(min_length=1)
    answered_evidence_words: tuple[str, ...] = ()
    rings_evidence_words: tuple[str, ...] = ()
    # A sentence holding one of these words is never the evidence of a point positif.
    critical_words: tuple[str, ...] = DEFAULT_CRITICAL_WORDS
    email_checks: tuple[Check, ...] = ()

    @model_validator(mode="after")
    def _known_stages_and_columns(self):
        codes = {stage.code for stage in self.stages}
        unknown = sorted({c.stage for c in self.call_criteria} - codes)
        if unknown:
            raise ValueError(f"étape(s) non définie(s) dans stages : {unknown}")
        sources = load_contract().sources
        for source, items in (
            ("mystery_calls", self.call_criteria),
            ("mystery_emails", self.email_checks),
        ):
            columns = sources[source].columns
            bad = [
                i.column for i in items if getattr(columns.get(i.column), "type", "") != "boolean"
            ]
            if bad:
                raise ValueError(
                    f"colonne(s) absente(s) du contrat {source} ou non oui/non : {bad}"
                )
        return self

    @property
    def criteria_frame(self) -> pd.DataFrame:
        """criterion, label, stage, stage_label, order: one row per criterion, grid order."""
        stage_labels = {stage.code: stage.label for stage in self.stages}
        return pd.DataFrame(
            {
                "criterion": [c.column for c in self.call_criteria],
                "label": [c.label for c in self.call_criteria],
                "stage": [c.stage for c in self.call_criteria],
                "stage_label": [stage_labels[c.stage] for c in self.call_criteria],
            }
        ).assign(order=lambda frame: range(len(frame)))


def load_grid(config: PrefectureConfig) -> MysteryGrid:
    """The préfecture's grid (beside its configuration), else the packaged default."""
    path = resource_file(config, config.mystery.grid)
    if not path.is_file():
        raise ConfigError(
            f"Grille des appels et courriels mystère introuvable : {config.mystery.grid}"
        )
    return validate_yaml(path, MysteryGrid)


# --- calls: compliance per criterion, stage and overall -------------------------------------------


def call_marks(calls: pd.DataFrame, grid: MysteryGrid) -> pd.DataFrame:
    """One row per call × criterion: year, call_id, comment, criterion, compliant (<NA> if not
    evaluated), with the criterion's label, stage and order."""
    columns = [c.column for c in grid.call_criteria]
    marks = calls.melt(
        id_vars=["year", "call_id", "comment"], value_vars=columns,
        var_name="criterion", value_name="compliant",
    )  # fmt: skip
    marks = marks.assign(compliant=marks["compliant"].astype("boolean"))
    return marks.merge(grid.criteria_frame, on="criterion", how="left")


def _rates(grouped, target: float) -> pd.DataFrame:
    counts = grouped.agg(evaluated=("evaluated", "sum"), compliant=("passed", "sum"))
    counts = counts.astype("int64").reset_index()
    rate = (counts["compliant"] / counts["evaluated"].where(counts["evaluated"] > 0)).astype(
        "Float64"
    )
    return counts.assign(rate=rate, target=target)


def call_compliance(calls: pd.DataFrame, grid: MysteryGrid, target: float) -> pd.DataFrame:
    """Compliance rates per year: each criterion, each stage (pooled) and overall (pooled).

    Columns: year, level (criterion / stage / overall), code, label, stage, stage_label, order,
    calls, evaluated, compliant, rate, target, status.
    """
    marks = call_marks(calls, grid)
    marks = marks.assign(evaluated=marks["compliant"].notna(), passed=_yes(marks["compliant"]))
    criteria = _rates(marks.groupby(["year", "criterion"]), target).merge(
        grid.criteria_frame, on="criterion"
    )
    criteria = criteria.rename(columns={"criterion": "code"}).assign(level=CRITERION)
    stage_info = grid.criteria_frame.groupby("stage", sort=False).agg(
        label=("stage_label", "first"), order=("order", "min")
    )
    stages = _rates(marks.groupby(["year", "stage"]), target).merge(
        stage_info, left_on="stage", right_index=True
    )
    stages = stages.assign(level=STAGE, code=stages["stage"], stage_label=stages["label"])
    overall = _rates(marks.groupby("year"), target).assign(
        level=OVERALL, code=OVERALL, label=OVERALL_LABEL, order=0
    )
    table = pd.concat([criteria, stages, overall], ignore_index=True)
    level_rank = table["level"].map({CRITERION: 0, STAGE: 1, OVERALL: 2})
    table = table.assign(_rank=level_rank).sort_values(["year", "_rank", "order"])
    calls_per_year = calls.groupby("year").size().rename("calls")
    table = table.merge(calls_per_year, left_on="year", right_index=True)
    table = table.assign(
        status=status(
            table["rate"],
            pd.Series(">=", index=table.index, dtype="string"),
            table["target"].astype("Float64"),
        )
    )
    columns = ["year", "level", "code", "label", "stage", "stage_label", "order", "calls",
               "evaluated", "compliant", "rate", "target", "status"]  # fmt: skip
    return table[columns].reset_index(drop=True)


# --- calls: answered, rings, half-day slots -------------------------------------------------------


def call_rings(calls: pd.DataFrame, max_rings: int) -> pd.DataFrame:
    """The answered calls with their rings before pick-up, flagged beyond ``max_rings``."""
    answered = calls[_yes(calls["answered"])]
    over = (answered["rings"] > max_rings).astype("boolean")
    columns = ["year", "call_id", "called_on", "called_at", "service", "rings"]
    return answered[columns].assign(over_max_rings=over, max_rings=max_rings).reset_index(drop=True)


def half_day_slot(called_at: pd.Series, afternoon_from: str) -> pd.Series:
    """« matin » before ``afternoon_from`` ("12:00"), « après-midi » from it; times are "HH:MM"."""
    morning = called_at.astype("string") < afternoon_from
    slot = morning.map({True: MORNING, False: AFTERNOON}).astype("string")
    return slot.fillna(NO_TIME)


def _campaign_half_days(
    calls: pd.DataFrame, windows: Mapping[int, tuple[date, date]], department_code: str
) -> pd.DataFrame:
    """year, day, slot: both half-days of every jour ouvré of each year's campaign.

    A year's campaign runs over its window when known (the meeting file), else from its first to
    its last call.
    """
    if calls.empty:
        return pd.DataFrame(
            {"year": pd.Series([], dtype="int64"), "day": pd.Series([], dtype="datetime64[us]"),
             "slot": pd.Series([], dtype="str"), "in_campaign": pd.Series([], dtype=bool)}
        )  # fmt: skip
    spans = calls.groupby("year")["called_on"].agg(["min", "max"])
    for year, (start, end) in windows.items():
        if year in spans.index and start and end:
            spans.loc[year] = [pd.Timestamp(start), pd.Timestamp(end)]
    days = pd.concat(
        [
            pd.DataFrame({"year": year, "day": pd.date_range(start, end, freq="D")})
            for year, (start, end) in spans.iterrows()  # one per year, not per row of data
        ],
        ignore_index=True,
    )
    hols = public_holidays(int(days["day"].dt.year.min()), int(days["day"].dt.year.max()),
                           department_code)  # fmt: skip
    days = days[np.is_busday(days["day"].to_numpy(dtype="datetime64[D]"), holidays=hols)]
    slots = pd.DataFrame({"slot": [MORNING, AFTERNOON]})
    return days.merge(slots, how="cross").assign(in_campaign=True)


def calls_by_half_day(
    calls: pd.DataFrame,
    afternoon_from: str,
    windows: Mapping[int, tuple[date, date]] | None = None,
    department_code: str = "",
) -> pd.DataFrame:
    """Calls per half-day of the campaign, checked against the protocol (one per half-day).

    Columns: year, day, slot (matin / après-midi / heure non renseignée), calls, in_campaign,
    protocol (un appel / aucun appel / plusieurs appels / hors campagne / heure non renseignée).
    Half-days without a call are listed; calls outside the campaign's jours ouvrés are kept,
    « hors campagne ».
    """
    made = calls.assign(day=calls["called_on"].dt.normalize(),
                        slot=half_day_slot(calls["called_at"], afternoon_from))  # fmt: skip
    counts = made.groupby(["year", "day", "slot"]).size().rename("calls").reset_index()
    expected = _campaign_half_days(calls, windows or {}, department_code)
    slots = expected.merge(counts, on=["year", "day", "slot"], how="outer")
    campaign_days = expected[["year", "day"]].drop_duplicates().assign(day_in_campaign=True)
    slots = slots.merge(campaign_days, on=["year", "day"], how="left")
    in_campaign = _yes(slots["day_in_campaign"])
    calls_count = slots["calls"].fillna(0).astype("int64")
    protocol = np.select(
        [~in_campaign, slots["slot"].eq(NO_TIME), calls_count.eq(0), calls_count.eq(1)],
        [OUTSIDE, NO_TIME, NO_CALL, ONE_CALL],
        default=SEVERAL_CALLS,
    )
    slot_rank = slots["slot"].map({MORNING: 0, AFTERNOON: 1, NO_TIME: 2})
    table = slots.assign(calls=calls_count, in_campaign=in_campaign,
                         protocol=pd.array(protocol, dtype="string"), _rank=slot_rank)  # fmt: skip
    table = table.sort_values(["year", "day", "_rank"], ignore_index=True)
    return table[["year", "day", "slot", "calls", "in_campaign", "protocol"]]


def call_summary(
    calls: pd.DataFrame, slots: pd.DataFrame, max_rings: int, min_calls: int
) -> pd.DataFrame:
    """One row per year: calls made and answered, rings on answered calls, the protocol check.

    Columns: year, calls, answered, answered_rate, rings_n, rings_mean, rings_median, rings_max,
    max_rings, over_max_rings, half_days, half_days_one_call, half_days_no_call,
    half_days_several_calls, calls_outside_campaign, calls_without_time, min_calls, enough_calls.
    """
    answered = _yes(calls["answered"])
    rings = calls["rings"].where(answered).astype("Float64")
    per_call = pd.DataFrame(
        {"year": calls["year"], "answered": answered, "rings": rings,
         "over": (rings > max_rings).astype("boolean")}
    )  # fmt: skip
    summary = per_call.groupby("year").agg(
        calls=("answered", "size"), answered=("answered", "sum"), rings_n=("rings", "count"),
        rings_mean=("rings", "mean"), rings_median=("rings", "median"),
        rings_max=("rings", "max"), over_max_rings=("over", "sum"),
    )  # fmt: skip
    in_slot = slots["in_campaign"] & slots["slot"].isin([MORNING, AFTERNOON])
    protocol = slots.assign(
        half_day=in_slot,
        one=in_slot & slots["protocol"].eq(ONE_CALL),
        none=in_slot & slots["protocol"].eq(NO_CALL),
        several=in_slot & slots["protocol"].eq(SEVERAL_CALLS),
        outside=slots["calls"].where(~slots["in_campaign"], 0),
        no_time=slots["calls"].where(slots["slot"].eq(NO_TIME), 0),
    ).groupby("year")
    protocol = protocol.agg(
        half_days=("half_day", "sum"), half_days_one_call=("one", "sum"),
        half_days_no_call=("none", "sum"), half_days_several_calls=("several", "sum"),
        calls_outside_campaign=("outside", "sum"), calls_without_time=("no_time", "sum"),
    )  # fmt: skip
    summary = summary.join(protocol).reset_index()
    return summary.assign(
        answered_rate=(summary["answered"] / summary["calls"]).astype("Float64"),
        max_rings=max_rings,
        min_calls=min_calls,
        enough_calls=summary["calls"] >= min_calls,
    )


# --- calls: points positifs and points de vigilance -----------------------------------------------


def _checks(calls: pd.DataFrame, grid: MysteryGrid, max_rings: int) -> pd.DataFrame:
    """Every check of every call: the grid's criteria, « appel abouti » and the rings limit."""
    marks = call_marks(calls, grid)[["year", "call_id", "comment", "criterion", "label", "order",
                                     "compliant"]]  # fmt: skip
    base = calls[["year", "call_id", "comment"]]
    answered = base.assign(
        criterion=ANSWERED_CHECK, label="Appels aboutis", order=-2,
        compliant=calls["answered"].astype("boolean"),
    )  # fmt: skip
    rings = calls["rings"].where(_yes(calls["answered"]))
    within = base.assign(
        criterion=RINGS_CHECK, label=f"Décroché en {max_rings} sonneries au plus", order=-1,
        compliant=(rings <= max_rings).astype("boolean"),
    )  # fmt: skip
    return pd.concat([answered, within, marks], ignore_index=True)


def call_points(
    calls: pd.DataFrame,
    grid: MysteryGrid,
    target: float,
    max_rings: int,
    evidence: int = 3,
    strength_margin: float = STRENGTH_MARGIN,
) -> pd.DataFrame:
    """Points positifs (rate ≥ target + ``strength_margin``) and points de vigilance (rate
    under the target), per year; a check between the two is neither.

    Each point is a criterion of the grid, « appels aboutis » or the rings limit. Its evidence
    is the grid's own comments (:mod:`pipeline.compute.evidence`: the sentences that speak of
    the check, most frequent first): from the calls that failed the check for a point de
    vigilance; from the calls that passed it, never a sentence that reads as criticism, for a
    point positif.
    Columns: year, kind, code, label, evaluated, compliant, rate, target, evidence.
    """
    if calls.empty:
        return pd.DataFrame(
            {"year": pd.Series([], dtype="int64"), "kind": pd.Series([], dtype="str"),
             "code": pd.Series([], dtype="str"), "label": pd.Series([], dtype="str"),
             "evaluated": pd.Series([], dtype="int64"), "compliant": pd.Series([], dtype="int64"),
             "rate": pd.Series([], dtype="Float64"), "target": pd.Series([], dtype="float64"),
             "evidence": pd.Series([], dtype="string")}
        )  # fmt: skip
    checks = _checks(calls, grid, max_rings)
    checks = checks.assign(evaluated=checks["compliant"].notna(),
                           passed=_yes(checks["compliant"]))  # fmt: skip
    rates = _rates(checks.groupby(["year", "criterion"]), target)
    info = checks.drop_duplicates("criterion").set_index("criterion")[["label", "order"]]
    rates = rates.merge(info, left_on="criterion", right_index=True)
    rates = rates[rates["rate"].notna()]
    rate = rates["rate"].astype(float)
    positive = rate >= target + strength_margin - RATE_TOLERANCE
    rates = rates[positive | (rate < target)]
    rates = rates.assign(kind=np.where(positive[rates.index], POSITIVE, VIGILANCE))

    words = {c.column: c.evidence_words for c in grid.call_criteria}
    words |= {ANSWERED_CHECK: grid.answered_evidence_words,
              RINGS_CHECK: grid.rings_evidence_words}  # fmt: skip
    sentences = evidence_sentences(checks, words, grid.critical_words)
    keys = ["year", "criterion"]
    passed = _yes(sentences["compliant"])
    against = quoted_evidence(sentences[~passed], evidence).rename("against")
    for_ = quoted_evidence(sentences[passed & ~sentences["critical"]], evidence).rename("for_")
    rates = rates.merge(against, left_on=keys, right_index=True, how="left")
    rates = rates.merge(for_, left_on=keys, right_index=True, how="left")
    chosen = rates["for_"].where(rates["kind"].eq(POSITIVE), rates["against"])
    rates = rates.assign(evidence=chosen.astype("string").fillna(""))
    # Points positifs first, the best first; then points de vigilance, the worst first.
    first = rates["kind"].eq(POSITIVE)
    rates = rates.assign(
        _kind=np.where(first, 0, 1), _key=np.where(first, -rates["rate"], rates["rate"])
    )
    rates = rates.sort_values(["year", "_kind", "_key", "order"])
    columns = ["year", "kind", "criterion", "label", "evaluated", "compliant", "rate", "target",
               "evidence"]  # fmt: skip
    return rates[columns].rename(columns={"criterion": "code"}).reset_index(drop=True)


# --- e-mails -----------------------------------------------------------------------------------


def email_reply_days(config: PrefectureConfig) -> int:
    """The reply delay in jours ouvrés: the indicator ``mail_emails_5d``'s, with overrides."""
    return int(indicator_by_code(EMAIL_INDICATOR, config).formula.days)


def email_results(
    emails: pd.DataFrame,
    grid: MysteryGrid,
    reply_days: int,
    target: float,
    department_code: str = "",
) -> pd.DataFrame:
    """The mystery e-mails per year: one row per measure, with numerator and denominator.

    Measures: e-mails sent; replies received, acknowledgements received, replies within
    ``reply_days`` jours ouvrés (all three over the e-mails sent; no reply = late); mean delay of
    the replies (jours ouvrés); then each yes/no check of the grid over the replies where it was
    evaluated. Columns: year, code, label, unit, numerator, denominator, value,
    target_comparator, target_value, status.
    """
    delays = workday_delays(emails["sent_on"], emails["answered_on"], department_code)
    replied = emails["answered_on"].notna()
    measures = {  # code: (label, unit, numerator per e-mail, denominator per e-mail)
        "sent": ("Courriels mystère envoyés", "nombre", 1, None),
        "replied": ("Réponses reçues", "%", replied, 1),
        "acknowledged": ("Accusés de réception reçus", "%", emails["acknowledged_on"].notna(), 1),
        "replied_within": (
            f"Réponses dans le délai de {reply_days} jours ouvrés", "%",
            (delays <= reply_days).fillna(False), 1,
        ),
        "mean_delay": ("Délai moyen de réponse", "j", delays.fillna(0), delays.notna()),
    }  # fmt: skip
    for check in grid.email_checks:
        answers = emails[check.column]
        measures[check.column] = (check.label, "%", _yes(answers), answers.notna())
    parts = []
    for position, (code, (label, unit, numerator, denominator)) in enumerate(measures.items()):
        per_email = pd.DataFrame(
            {"numerator": numerator, "denominator": np.nan if denominator is None else denominator},
            index=emails.index,
        ).astype("float64")  # one measure at a time; each is a vectorised sum per year
        sums = per_email.groupby(emails["year"]).sum(min_count=1).reset_index()
        parts.append(sums.assign(code=code, label=label, unit=unit, _order=position))
    table = pd.concat(parts, ignore_index=True)
    numerator = table["numerator"].astype("Float64")
    denominator = table["denominator"].astype("Float64")
    value = (numerator / denominator.where(denominator > 0)).where(
        table["unit"] != "nombre", numerator
    )
    comparator = table["unit"].map({"%": ">=", "j": "<="}).astype("string")
    target_value = table["unit"].map({"%": target, "j": float(reply_days)}).astype("Float64")
    table = table.assign(
        numerator=numerator, denominator=denominator, value=value.astype("Float64"),
        target_comparator=comparator, target_value=target_value,
    )  # fmt: skip
    table = table.assign(status=status(table["value"], comparator, target_value).where(
        comparator.notna(), ""
    ))  # fmt: skip
    table = table.sort_values(["year", "_order"], ignore_index=True)
    return table[["year", "code", "label", "unit", "numerator", "denominator", "value",
                  "target_comparator", "target_value", "status"]]  # fmt: skip


def campaign_windows(meeting, period: int) -> dict[int, tuple[date, date]]:
    """The call campaign's dates of the period, from the meeting file (if it gives them)."""
    dates = meeting.mystery if meeting is not None else None
    if dates and dates.calls_start and dates.calls_end:
        return {period: (dates.calls_start, dates.calls_end)}
    return {}


def call_tables(
    calls: pd.DataFrame,
    grid: MysteryGrid,
    settings,
    windows: dict[int, tuple[date, date]],
    department_code: str = "",
) -> dict[str, pd.DataFrame]:
    """Every table of the mystery calls, by its name in the dataset catalogue."""
    slots = calls_by_half_day(calls, settings.afternoon_from, windows, department_code)
    return {
        "mystery_call_compliance": call_compliance(calls, grid, settings.target),
        "mystery_call_slots": slots,
        "mystery_call_summary": call_summary(calls, slots, settings.max_rings, settings.min_calls),
        "mystery_call_rings": call_rings(calls, settings.max_rings),
        "mystery_call_points": call_points(
            calls, grid, settings.target, settings.max_rings, 3, settings.strength_margin
        ),
    }


def email_tables(
    emails: pd.DataFrame, grid: MysteryGrid, config: PrefectureConfig, department_code: str = ""
) -> dict[str, pd.DataFrame]:
    """The mystery e-mails' table, by its name in the dataset catalogue."""
    results = email_results(
        emails, grid, email_reply_days(config), config.mystery.target, department_code
    )
    return {"mystery_email_results": results}
