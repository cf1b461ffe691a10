"""The annual survey report: every statistic of the survey gathered, then laid out as French
tables for the HTML report and the Excel workbook.

:func:`analyse_survey` computes everything once (pure functions of :mod:`pipeline.survey`,
:mod:`pipeline.survey_profile` and :mod:`pipeline.verbatims`); :func:`report_tables` turns it into
:class:`ReportTable` objects, each shown in a notebook (and its HTML rendering) with French number
formats, and written to the workbook with Excel number formats by :func:`write_workbook`.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.config import QuestionCatalogue, SurveySettings, VerbatimThemes
from pipeline.formatting import format_number, format_percent
from pipeline.paths import PeriodPaths
from pipeline.survey import (
    NO_GROUP,
    answer_distribution,
    overall_satisfaction,
    ranked_criteria,
    rate_changes,
    satisfaction_by_criterion,
    satisfaction_by_group,
)
from pipeline.survey_profile import YES, choice_counts
from pipeline.verbatims import comments, representative_quotes, theme_counts, themed_comments

# Columns of the responses outside the catalogue, shown with the profile of the respondents.
EXTRA_PROFILE = {"mode": "Mode de réponse", "site": "Site"}
SMALL_N_MARK = "*"
CI_LOW, CI_HIGH = "IC 95\u00a0% bas", "IC 95\u00a0% haut"
NET_LABEL = "Satisfaction nette (satisfaits − mécontents), en points"
POSITIONS = {"strength": "Point fort", "weakness": "Point faible"}
# Excel number formats by kind of column (Excel shows them with the reader's separators).
EXCEL_FORMATS = {
    "integer": "#,##0",
    "percent": "0.0%",
    "points": '+0.0" pts";-0.0" pts";0.0" pt"',
    "pvalue": "0.000",
}


# --- the analysis --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SurveyAnalysis:
    """Every table of the survey analysis for one period (all years read, for trends)."""

    period: int
    settings: SurveySettings
    catalogue: QuestionCatalogue
    themes: VerbatimThemes
    respondents: pd.Series  # questionnaires kept, per year
    rates: pd.DataFrame
    distribution: pd.DataFrame
    changes: pd.DataFrame
    ranking: pd.DataFrame
    groups: pd.DataFrame  # satisfaction_by_group for every breakdown, with `breakdown`
    choices: pd.DataFrame
    remarks: pd.DataFrame
    themed: pd.DataFrame
    theme_counts: pd.DataFrame
    quotes: pd.DataFrame

    @property
    def years(self) -> list[int]:
        return [int(year) for year in self.respondents.index]

    @property
    def current(self) -> pd.DataFrame:
        """The period's rates, one row per satisfaction question."""
        return self.rates[self.rates["year"] == self.period]

    @property
    def overall(self) -> pd.Series | None:
        return overall_satisfaction(self.rates, self.period)

    @property
    def questionnaires(self) -> int:
        return int(self.respondents.get(self.period, 0))


def analyse_survey(
    responses: pd.DataFrame,
    catalogue: QuestionCatalogue,
    themes: VerbatimThemes,
    settings: SurveySettings,
    period: int,
) -> SurveyAnalysis:
    """All the survey's statistics for ``period`` (earlier years serve the trends)."""
    target, min_n = settings.target, settings.min_reliable_n
    rates = satisfaction_by_criterion(responses, catalogue, target, min_n)
    groups = [
        satisfaction_by_group(responses, catalogue, breakdown.column, target, min_n)
        for breakdown in catalogue.breakdowns
    ]
    free_text = catalogue.questions_of("free_text")
    remarks = (
        pd.concat([comments(responses, q.column) for q in free_text], ignore_index=True)
        if free_text
        else pd.DataFrame({"respondent": [], "year": [], "text": []})
    )
    themed = themed_comments(remarks, themes)
    return SurveyAnalysis(
        period=period,
        settings=settings,
        catalogue=catalogue,
        themes=themes,
        respondents=responses.groupby("year").size(),
        rates=rates,
        distribution=answer_distribution(responses, catalogue),
        changes=rate_changes(rates, period, settings.significance_level),
        ranking=ranked_criteria(rates, period, settings.ranked_criteria, min_n),
        groups=pd.concat(groups, ignore_index=True) if groups else pd.DataFrame(),
        choices=choice_counts(responses, catalogue, EXTRA_PROFILE),
        remarks=remarks,
        themed=themed,
        theme_counts=theme_counts(themed, remarks, themes),
        quotes=representative_quotes(themed, period, settings.quotes_per_theme),
    )


def save_tables(analysis: SurveyAnalysis, paths: PeriodPaths) -> list[Path]:
    """The analysis' tables as parquet in data/processed/<period>/ (survey_rates feeds the deck)."""
    tables = {
        "survey_rates": analysis.rates,
        "survey_distribution": analysis.distribution,
        "survey_changes": analysis.changes,
        "survey_groups": analysis.groups,
        "survey_choices": analysis.choices,
        "survey_themes": analysis.theme_counts,
    }
    for name, frame in tables.items():
        frame.to_parquet(paths.table(name), index=False)
    return [paths.table(name) for name in tables]


# --- French tables -------------------------------------------------------------------------------


def _points(value) -> str:
    """``0.032`` → ``+3,2 pts``."""
    if pd.isna(value):
        return "–"
    sign = "+" if value > 0 else "−" if value < 0 else ""
    return f"{sign}{format_number(abs(value) * 100, 1)}\u00a0pt{'s' if abs(value) >= 0.02 else ''}"


def _p_value(value) -> str:
    if pd.isna(value):
        return "–"
    return "< 0,001" if value < 0.001 else format_number(value, 3)


FORMATTERS = {  # pd.NA (nullable columns) is shown as « – », like a missing number
    "integer": lambda v: "–" if pd.isna(v) else format_number(v),
    "percent": lambda v: "–" if pd.isna(v) else format_percent(v, 1),
    "points": _points,
    "pvalue": _p_value,
    "text": lambda v: "" if pd.isna(v) else str(v),
}


@dataclass(frozen=True)
class ReportTable:
    """A table of the report: French headers, raw values, a kind per column (integer, percent,
    points, pvalue, text) that decides its format in HTML and in Excel, and a note (its n).

    ``display`` optionally replaces the HTML body with pre-formatted text (a pivot showing
    « 93,5 % (140) »); the workbook always gets the raw values.
    """

    sheet: str  # the workbook's sheet name (31 characters at most)
    title: str
    frame: pd.DataFrame
    kinds: dict[str, str] = field(default_factory=dict)
    note: str = ""
    display: pd.DataFrame | None = None
    text_columns: tuple[str, ...] = ()  # left-aligned columns of ``display`` (else the first)

    def kind(self, column: str) -> str:
        return self.kinds.get(column, "text")

    def formatted(self) -> pd.DataFrame:
        """Every cell as the French text shown in the report."""
        if self.display is not None:
            return self.display
        return pd.DataFrame(
            {c: self.frame[c].map(FORMATTERS[self.kind(c)]) for c in self.frame.columns}
        )

    def _repr_html_(self) -> str:
        shown = self.formatted()
        numeric = {c: self.kind(c) != "text" for c in shown.columns}
        if self.display is not None:
            text = self.text_columns or (shown.columns[0],)
            numeric = {c: c not in text for c in shown.columns}

        def cell(tag: str, column: str, text: str) -> str:
            classes = ["num"] if numeric[column] else []
            if tag == "td" and (text.startswith("⚠") or text.endswith(SMALL_N_MARK)):
                classes.append("alert")
            attribute = f' class="{" ".join(classes)}"' if classes else ""
            return f"<{tag}{attribute}>{html.escape(str(text))}</{tag}>"

        head = "".join(cell("th", c, c) for c in shown.columns)
        rows = "".join(
            "<tr>" + "".join(cell("td", c, v) for c, v in zip(shown.columns, row, strict=True))
            + "</tr>"
            for row in shown.itertuples(index=False)
        )  # fmt: skip
        note = f'<p class="table-note">{html.escape(self.note)}</p>' if self.note else ""
        return (
            f'<table class="report-table"><caption>{html.escape(self.title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{note}"
        )


def _n_note(n: int, what: str = "répondants") -> str:
    return f"n = {format_number(n)} {what}"


def _criteria_table(analysis: SurveyAnalysis) -> ReportTable:
    current, min_n = analysis.current, analysis.settings.min_reliable_n
    frame = pd.DataFrame(
        {
            "Thème": current["theme"],
            "Critère": current["label"],
            "Répondants interrogés": current["respondents"],
            "Non concernés": current["not_concerned"],
            "Sans réponse": current["blank"],
            "n (réponses exprimées)": current["n"],
            "Satisfaits": current["rate"],
            CI_LOW: current["ci_low"],
            CI_HIGH: current["ci_high"],
            "dont très satisfaits": current["very_rate"],
            "Cible": current["target"],
            "Cible atteinte": current["below_target"].map({True: "non", False: "oui"}),
            "Alerte": current["small_sample"].map(
                {True: f"⚠\u00a0n\u00a0<\u00a0{min_n}", False: ""}
            ),
        }
    )
    kinds = {c: "integer" for c in frame.columns[2:6]}
    kinds |= {c: "percent" for c in ("Satisfaits", CI_LOW, CI_HIGH)}
    kinds |= {"dont très satisfaits": "percent", "Cible": "percent"}
    frame = frame.reset_index(drop=True)
    shown = ReportTable("", "", frame, kinds).formatted()
    hidden = ["Thème", CI_LOW, CI_HIGH]
    hidden += ["Cible"] if current["target"].nunique() == 1 else []  # then said in the note
    hidden += ["Alerte"] if not current["small_sample"].any() else []
    display = shown.drop(columns=hidden).rename(
        columns={"Répondants interrogés": "Interrogés", "n (réponses exprimées)": "n",
                 "dont très satisfaits": "Très satisfaits"}
    )  # fmt: skip
    display.insert(
        display.columns.get_loc("Satisfaits") + 1,
        "IC 95\u00a0%",
        [
            interval(low, high)
            for low, high in zip(frame[CI_LOW], frame[CI_HIGH], strict=True)
        ],
    )  # fmt: skip
    return ReportTable(
        "Critères",
        f"Taux de satisfaction par critère, {analysis.period}",
        frame,
        kinds,
        f"{_n_note(analysis.questionnaires, 'questionnaires')} ; chaque critère a son propre "
        "dénominateur n (les répondants concernés qui ont répondu). IC 95\u00a0% : intervalle de "
        f"confiance de Wilson. Cible : {format_percent(analysis.settings.target, 0)} sauf "
        f"mention contraire. ⚠ : moins de {min_n} réponses, taux à lire avec prudence.",
        display=display,
        text_columns=("Critère", "Alerte"),
    )


def interval(low, high) -> str:
    """``(0.937, 0.989)`` → ``93,7 – 98,9 %``."""
    if pd.isna(low) or pd.isna(high):
        return "–"
    return f"{format_number(low * 100, 1)} – {format_percent(high, 1)}"


def _distribution_table(analysis: SurveyAnalysis) -> ReportTable:
    current = analysis.distribution[analysis.distribution["year"] == analysis.period]
    levels = current[~current["column"].isin(_mark_columns(analysis))]
    pivot = levels.pivot_table(
        index=["order", "label", "n"], columns="answer", values="share", sort=False
    )
    answers = levels.drop_duplicates("answer").sort_values("answer_order")["answer"].tolist()
    pivot = pivot[answers].reset_index().drop(columns="order")
    pivot.columns = ["Critère", "n", *answers]
    return ReportTable(
        "Répartition",
        f"Répartition des réponses par critère, {analysis.period}",
        pivot,
        {"n": "integer", **{a: "percent" for a in answers}},
        "Parts calculées sur n, les réponses exprimées de chaque critère (hors « Non concerné » "
        "et sans réponse).",
    )


def _mark_columns(analysis: SurveyAnalysis) -> list[str]:
    catalogue = analysis.catalogue
    return [q.column for q in catalogue.satisfaction_questions if catalogue.scales[q.type].is_marks]


def _marks_tables(analysis: SurveyAnalysis) -> list[ReportTable]:
    tables = []
    current = analysis.distribution[analysis.distribution["year"] == analysis.period]
    for column in _mark_columns(analysis):
        marks = current[current["column"] == column]
        label, n = marks["label"].iloc[0], int(marks["n"].iloc[0])
        frame = pd.DataFrame(
            {"Note": marks["answer"], "Nombre": marks["count"], "Part": marks["share"]}
        )
        tables.append(
            ReportTable(
                "Notes" if not tables else f"Notes {len(tables) + 1}",
                f"{label} : répartition des notes, {analysis.period}",
                frame.reset_index(drop=True),
                {"Nombre": "integer", "Part": "percent"},
                _n_note(n, "notes données"),
            )
        )
    return tables


def _change_label(row: pd.Series) -> str:
    if not row["significant"]:
        return ""
    return "▲ hausse" if row["change"] > 0 else "▼ baisse"


def _trend_table(analysis: SurveyAnalysis) -> ReportTable:
    rates, period = analysis.rates, analysis.period
    pivot = rates.pivot_table(index=["order", "label"], columns="year", values="rate", sort=False)
    counts = rates.pivot_table(index=["order", "label"], columns="year", values="n", sort=False)
    frame = pd.DataFrame({"Critère": pivot.index.get_level_values("label")})
    kinds = {}
    for year in analysis.years:
        frame[str(year)] = pivot[year].to_numpy() if year in pivot else pd.NA
        kinds[str(year)] = "percent"
    for year in analysis.years:
        frame[f"n {year}"] = counts[year].to_numpy().astype("int64") if year in counts else 0
        kinds[f"n {year}"] = "integer"
    display = pd.DataFrame({"Critère": frame["Critère"]})
    for year in analysis.years:
        display[str(year)] = [
            "–" if pd.isna(rate) else f"{format_percent(rate)} ({format_number(n)})"
            for rate, n in zip(frame[str(year)], frame[f"n {year}"], strict=True)
        ]
    changes = analysis.changes.assign(flag=lambda t: t.apply(_change_label, axis=1))
    for year in sorted(changes["year_before"].unique(), reverse=True):
        since = changes[changes["year_before"] == year].set_index("label")
        frame[f"Écart {period}/{year}"] = frame["Critère"].map(since["change"]).to_numpy()
        frame[f"Évolution significative depuis {year}"] = (
            frame["Critère"].map(since["flag"]).fillna("").to_numpy()
        )
        kinds[f"Écart {period}/{year}"] = "points"
        arrows = frame["Critère"].map(since["significant"]).fillna(False).astype(bool)
        arrows = arrows & frame["Critère"].map(since["change"]).astype(float).gt(0)
        shown = frame[f"Écart {period}/{year}"].map(_points)
        significant = frame["Critère"].map(since["significant"]).fillna(False).astype(bool)
        display[f"Depuis {year}" if year != period - 1 else "Sur un an"] = [
            f"{text} {'▲' if up else '▼'}" if flagged else text
            for text, flagged, up in zip(shown, significant, arrows, strict=True)
        ]
    return ReportTable(
        "Évolution",
        f"Évolution des taux de satisfaction, {min(analysis.years)}–{period}",
        frame,
        kinds,
        f"Taux de satisfaction (n réponses exprimées). ▲ ▼ : évolution statistiquement "
        f"significative (test exact de Fisher bilatéral, seuil de "
        f"{format_percent(analysis.settings.significance_level, 0)}) ; un écart sans flèche peut "
        "relever du hasard. Le détail des tests est dans le classeur (onglet « Tests "
        "d'évolution »).",
        display=display,
    )


def _tests_table(analysis: SurveyAnalysis) -> ReportTable:
    changes = analysis.changes
    frame = pd.DataFrame(
        {
            "Critère": changes["label"],
            "Année comparée": changes["year_before"].astype(str),
            "Taux année comparée": changes["rate_before"],
            "n année comparée": changes["n_before"],
            f"Taux {analysis.period}": changes["rate"],
            f"n {analysis.period}": changes["n"],
            "Écart": changes["change"],
            "p (test exact de Fisher)": changes["p_value"],
            "Significatif": changes["significant"].map({True: "oui", False: "non"}),
        }
    )
    kinds = {"Taux année comparée": "percent", f"Taux {analysis.period}": "percent"}
    kinds |= {"n année comparée": "integer", f"n {analysis.period}": "integer"}
    kinds |= {"Écart": "points", "p (test exact de Fisher)": "pvalue"}
    return ReportTable(
        "Tests d'évolution",
        f"Tests des évolutions, {analysis.period} comparé à chaque année précédente",
        frame,
        kinds,
        f"Significatif : p < {format_number(analysis.settings.significance_level, 2)}.",
    )


def _ranking_table(analysis: SurveyAnalysis) -> ReportTable:
    ranking = analysis.ranking
    frame = pd.DataFrame(
        {
            "Position": ranking["position"].map(POSITIONS),
            "Rang": ranking["rank"],
            "Critère": ranking["label"],
            "Satisfaits": ranking["rate"],
            "n": ranking["n"],
            "Cible atteinte": ranking["below_target"].map({True: "non", False: "oui"}),
        }
    )
    min_n = analysis.settings.min_reliable_n
    return ReportTable(
        "Points forts et faibles",
        f"Points forts et points faibles, {analysis.period}",
        frame,
        {"Rang": "integer", "Satisfaits": "percent", "n": "integer"},
        f"Classement des critères par taux de satisfaction, hors satisfaction générale et hors "
        f"critères de moins de {min_n} réponses.",
    )


def _public_service_table(analysis: SurveyAnalysis) -> ReportTable:
    current = analysis.current
    frame = pd.DataFrame(
        {
            "Critère": current["label"],
            "n": current["n"],
            "Satisfaits": current["rate"],
            "Mécontents": current["dissatisfied_rate"],
            "Satisfaction nette": current["net_satisfaction"],
            "Notes ≥ 8": current["high_mark_rate"],
        }
    ).reset_index(drop=True)
    return ReportTable(
        "Services Publics+",
        f"Mesures Services Publics+, {analysis.period}",
        frame,
        {
            "n": "integer",
            "Satisfaits": "percent",
            "Mécontents": "percent",
            "Satisfaction nette": "points",
            "Notes ≥ 8": "percent",
        },  # fmt: skip
        "Satisfaction nette = part des satisfaits moins part des mécontents, en points. "
        "Notes ≥ 8 : part des notes de 8 sur 10 ou plus (questions notées seulement).",
    )


def group_order(analysis: SurveyAnalysis, column: str, groups: pd.DataFrame) -> list[str]:
    """The groups of a breakdown in reading order: the question's options, else by size;
    « non renseigné » last."""
    question = next((q for q in analysis.catalogue.questions if q.column == column), None)
    sizes = groups.groupby("group")["respondents"].max().sort_values(ascending=False)
    listed = [o for o in (question.options if question else ()) if o in sizes.index]
    rest = [g for g in sizes.index if g not in listed and g != NO_GROUP]
    return listed + rest + ([NO_GROUP] if NO_GROUP in sizes.index else [])


def _group_tables(analysis: SurveyAnalysis) -> list[ReportTable]:
    tables, min_n = [], analysis.settings.min_reliable_n
    for breakdown in analysis.catalogue.breakdowns:
        groups = analysis.groups[
            (analysis.groups["breakdown"] == breakdown.column)
            & (analysis.groups["year"] == analysis.period)
        ]
        order = group_order(analysis, breakdown.column, groups)
        index = ["order", "label"]
        rates = groups.pivot_table(index=index, columns="group", values="rate",
                                   sort=False).astype(float).reindex(columns=order)  # fmt: skip
        counts = groups.pivot_table(index=index, columns="group", values="n", sort=False)
        counts = counts.reindex(index=rates.index, columns=order).fillna(0)
        labels = rates.index.get_level_values("label")
        frame, display = pd.DataFrame({"Critère": labels}), pd.DataFrame({"Critère": labels})
        kinds = {}
        for group in order:
            rate, n = rates[group].reset_index(drop=True), counts[group].astype("int64")
            n = n.reset_index(drop=True)
            frame[f"{group} – satisfaits"], frame[f"{group} – n"] = rate, n
            kinds |= {f"{group} – satisfaits": "percent", f"{group} – n": "integer"}
            shown = rate.map(lambda v: format_percent(v, 1)) + " (" + n.map(format_number) + ")"
            display[group] = shown.where(n >= min_n, shown + " " + SMALL_N_MARK)
        respondents = groups.groupby("group")["respondents"].max()
        sizes = ", ".join(f"{g} : {format_number(respondents.get(g, 0))}" for g in order)
        tables.append(
            ReportTable(
                breakdown.label[:31],
                f"Taux de satisfaction {breakdown.label.lower()}, {analysis.period}",
                frame,
                kinds,
                f"Chaque cellule : taux de satisfaction (n réponses exprimées). "
                f"{SMALL_N_MARK} moins de {min_n} réponses : à lire avec prudence. "
                f"Répondants par groupe — {sizes}.",
                display=display,
            )
        )
    return tables


def _profile_table(analysis: SurveyAnalysis) -> ReportTable:
    choices = analysis.choices[analysis.choices["year"] == analysis.period]
    profile = choices[choices["theme"] == "profil"]
    frame = pd.DataFrame(
        {
            "Question": profile["label"],
            "Réponse": profile["answer"],
            "Nombre": profile["count"],
            "Part des répondants à la question": profile["share"],
            "n (ont répondu)": profile["answered"],
            "Sans réponse": profile["blank"],
        }
    ).reset_index(drop=True)
    return ReportTable(
        "Profil",
        f"Profil des répondants, {analysis.period}",
        frame,
        {
            "Nombre": "integer",
            "Part des répondants à la question": "percent",
            "n (ont répondu)": "integer",
            "Sans réponse": "integer",
        },  # fmt: skip
        "Questions à choix multiple (démarches) : chaque option cochée est comptée, le total des "
        "parts dépasse 100 %.",
    )


def _other_questions_table(analysis: SurveyAnalysis) -> ReportTable | None:
    """Yes/no and choice questions outside the profile (« Avez-vous pu réaliser votre
    démarche ? »): the share of each answer, year by year."""
    others = analysis.choices[analysis.choices["theme"] != "profil"]
    if others.empty:
        return None
    frame = pd.DataFrame(
        {
            "Question": others["label"],
            "Réponse": others["answer"],
            "Année": others["year"].astype(str),
            "Nombre": others["count"],
            "Part": others["share"],
            "n (ont répondu)": others["answered"],
            "Sans réponse": others["blank"],
        }
    ).reset_index(drop=True)
    cells = others.assign(
        shown=[
            "–"
            if answered == 0
            else f"{format_percent(share)} ({format_number(count)} sur {format_number(answered)})"
            for share, count, answered in zip(
                others["share"], others["count"], others["answered"], strict=True
            )
        ]
    )
    display = cells.pivot_table(
        index=["question_order", "label", "option_order", "answer"], columns="year",
        values="shown", aggfunc="first", sort=True,
    ).reset_index().drop(columns=["question_order", "option_order"])  # fmt: skip
    display.columns = ["Question", "Réponse", *(str(c) for c in display.columns[2:])]
    return ReportTable(
        "Autres questions",
        "Autres questions, par année",
        frame,
        {
            "Nombre": "integer",
            "Part": "percent",
            "n (ont répondu)": "integer",
            "Sans réponse": "integer",
        },  # fmt: skip
        "Part des répondants ayant répondu à la question (nombre sur n) ; « – » : question "
        "absente du questionnaire cette année-là.",
        display=display,
        text_columns=("Question", "Réponse"),
    )


def _themes_table(analysis: SurveyAnalysis) -> ReportTable:
    counts = analysis.theme_counts[analysis.theme_counts["year"] == analysis.period]
    remarks = int(counts["remarks"].iloc[0]) if len(counts) else 0
    frame = pd.DataFrame(
        {
            "Thème": counts["theme"],
            "Remarques": counts["count"],
            "Part des remarques": counts["share"],
        }
    ).reset_index(drop=True)
    return ReportTable(
        "Verbatims - thèmes",
        f"Remarques et suggestions par thème, {analysis.period}",
        frame,
        {"Remarques": "integer", "Part des remarques": "percent"},
        f"{_n_note(remarks, 'remarques écrites')} ; une remarque peut relever de plusieurs "
        "thèmes (dictionnaire de mots-clés configurable).",
    )


def _quotes_table(analysis: SurveyAnalysis) -> ReportTable:
    quotes = analysis.quotes
    frame = pd.DataFrame(
        {"Thème": quotes["theme"], "Verbatim": quotes["quote"], "Écrit par": quotes["times"]}
    ).reset_index(drop=True)
    return ReportTable(
        "Verbatims - citations",
        f"Verbatims représentatifs par thème, {analysis.period}",
        frame,
        {"Écrit par": "integer"},
        "Remarques les plus fréquentes de chaque thème ; « Écrit par » : nombre de répondants "
        "ayant écrit la même remarque. Données personnelles masquées ; une remarque qui en "
        "contenait n'est jamais citée.",
    )


def _rates_data_table(analysis: SurveyAnalysis) -> ReportTable:
    rates = analysis.rates
    frame = pd.DataFrame(
        {
            "Année": rates["year"].astype(str),
            "Thème": rates["theme"],
            "Critère": rates["label"],
            "Répondants interrogés": rates["respondents"],
            "Non concernés": rates["not_concerned"],
            "Sans réponse": rates["blank"],
            "n": rates["n"],
            "Satisfaits": rates["rate"],
            CI_LOW: rates["ci_low"],
            CI_HIGH: rates["ci_high"],
            "Très satisfaits": rates["very_rate"],
            "Mécontents": rates["dissatisfied_rate"],
            "Satisfaction nette": rates["net_satisfaction"],
            "Notes ≥ 8": rates["high_mark_rate"],
            "Cible": rates["target"],
        }
    )
    kinds = {c: "integer" for c in ("Répondants interrogés", "Non concernés", "Sans réponse", "n")}
    kinds |= {c: "percent" for c in frame.columns[7:] if c != "Satisfaction nette"}
    kinds["Satisfaction nette"] = "points"
    return ReportTable(
        "Données - taux",
        "Toutes les années : taux par critère",
        frame,
        kinds,
        "Une ligne par critère et par année lue.",
    )


def key_figures_table(analysis: SurveyAnalysis) -> ReportTable:
    """The headline rates: overall satisfaction, « dont très satisfaits », the Services
    Publics+ measures, the share of criteria meeting their target and the yes/no outcomes."""
    rows = []
    overall = analysis.overall
    if overall is not None:
        n = int(overall["n"])
        rows += [
            ("Satisfaction générale", overall["rate"], n),
            ("dont très satisfaits", overall["very_rate"], n),
            (NET_LABEL, overall["net_satisfaction"], n),
            ("Part des notes de 8 ou plus", overall["high_mark_rate"], n),
        ]  # fmt: skip
    criteria = analysis.current[~analysis.current["overall"] & (analysis.current["n"] > 0)]
    if len(criteria):
        met = int((~criteria["below_target"].astype(bool)).sum())
        rows.append(("Critères atteignant leur cible", met / len(criteria), len(criteria)))
    yes = analysis.choices[
        (analysis.choices["year"] == analysis.period)
        & (analysis.choices["theme"] != "profil") & (analysis.choices["type"] == "yes_no")
        & (analysis.choices["answer"] == YES)
    ]  # fmt: skip
    rows += [(f"{r.label} — oui", r.share, int(r.answered)) for r in yes.itertuples()]
    frame = pd.DataFrame(rows, columns=["Indicateur", "Valeur", "n"])
    display = frame.assign(
        Valeur=[
            _points(v) if label == NET_LABEL else FORMATTERS["percent"](v)
            for label, v in zip(frame["Indicateur"], frame["Valeur"], strict=True)
        ],
        n=frame["n"].map(format_number),
    )
    return ReportTable(
        "Chiffres clés",
        f"Chiffres clés de l'enquête {analysis.period}",
        frame,
        {"Valeur": "percent", "n": "integer"},
        "n : réponses exprimées (critères évalués pour la ligne des cibles).",
        display=display,
    )


def report_tables(analysis: SurveyAnalysis) -> dict[str, ReportTable]:
    """Every table of the report, by key, in the order of the report and the workbook."""
    tables = {
        "key_figures": key_figures_table(analysis),
        "criteria": _criteria_table(analysis),
        "distribution": _distribution_table(analysis),
    }
    tables |= {f"marks_{i}": t for i, t in enumerate(_marks_tables(analysis))}
    tables |= {
        "trend": _trend_table(analysis),
        "tests": _tests_table(analysis),
        "ranking": _ranking_table(analysis),
        "public_service": _public_service_table(analysis),
    }
    tables |= {f"group_{i}": t for i, t in enumerate(_group_tables(analysis))}
    tables["profile"] = _profile_table(analysis)
    other = _other_questions_table(analysis)
    if other is not None:
        tables["other_questions"] = other
    tables |= {
        "themes": _themes_table(analysis),
        "quotes": _quotes_table(analysis),
        "rates_data": _rates_data_table(analysis),
    }
    return tables


# --- narrative -----------------------------------------------------------------------------------


def introduction_text(analysis: SurveyAnalysis, prefecture: str, window: str, mode: str) -> str:
    """The report's opening paragraph (Markdown): who, when, how many."""
    modes = analysis.choices[
        (analysis.choices["column"] == "mode") & (analysis.choices["year"] == analysis.period)
    ]
    split = ", ".join(f"{format_number(r.count)} {r.answer}" for r in modes.itertuples() if r.count)
    when = f" s'est déroulée {window}" if window else f" {analysis.period}"
    how = f", {mode[:1].lower()}{mode[1:]}" if mode else ""
    years = analysis.years
    return (
        f"**{prefecture}** — l'enquête annuelle de satisfaction des usagers{when}{how}. "
        f"**{format_number(analysis.questionnaires)} questionnaires** ont été exploités"
        + (f" : {split}" if split else "")
        + ". "
        + (
            f"Les évolutions sont calculées sur {format_number(len(years))} années "
            f"({years[0]} à {years[-1]})."
            if len(years) > 1
            else ""
        )
    )


def key_figures_text(analysis: SurveyAnalysis) -> str:
    """The headline in one paragraph (Markdown), as the seeds write it."""
    parts = []
    overall = analysis.overall
    if overall is not None and pd.notna(overall["rate"]):
        parts.append(
            f"**{format_percent(overall['rate'])} des répondants sont satisfaits**, dont "
            f"{format_percent(overall['very_rate'])} de très satisfaits "
            f"(n = {format_number(overall['n'])})."
        )
    criteria = analysis.current[~analysis.current["overall"] & (analysis.current["n"] > 0)]
    below = criteria[criteria["below_target"].astype(bool)]
    target = format_percent(analysis.settings.target, 0)
    if len(criteria):
        met = len(criteria) - len(below)
        parts.append(
            f"{format_number(met)} {plural(met, 'critère')} sur {format_number(len(criteria))} "
            f"{'atteint' if met <= 1 else 'atteignent'} leur cible"
            + (f" (cible par défaut : {target})." if len(below) else f" ({target}).")
        )
    if len(below):
        listed = "; ".join(
            f"« {r.label} » ({format_percent(r.rate)})"
            for r in below.sort_values("rate").itertuples()
        )
        parts.append(f"Sous la cible : {listed}.")
    up = analysis.changes[
        analysis.changes["significant"] & (analysis.changes["year_before"] == analysis.period - 1)
    ]
    if len(up):
        rises, falls = len(up[up["change"] > 0]), len(up[up["change"] < 0])
        said = [
            f"{format_number(count)} {plural(count, word)} {plural(count, 'significative')}"
            for count, word in ((rises, "hausse"), (falls, "baisse"))
            if count
        ]
        none = "aucune baisse" if not falls else "aucune hausse" if not rises else ""
        parts.append(f"Sur un an : {' et '.join(said)}" + (f", {none}." if none else "."))
    elif (analysis.changes["year_before"] == analysis.period - 1).any():
        parts.append("Sur un an, aucune évolution statistiquement significative.")
    return " ".join(parts)


def plural(count: int, word: str) -> str:
    """``plural(2, "critère")`` → ``"critères"``: a French noun or adjective after a count."""
    return word if abs(count) < 2 else word + "s"


def method_text(analysis: SurveyAnalysis) -> str:
    """How the figures are computed (Markdown list), with the thresholds of the catalogue."""
    settings, catalogue = analysis.settings, analysis.catalogue
    lines = [
        "- **Dénominateur** : chaque critère a le sien, les répondants concernés qui ont "
        "répondu ; « Non concerné » et les réponses vides en sortent et sont comptés à part.",
    ]
    for name, scale in catalogue.scales.items():
        used = [q for q in catalogue.satisfaction_questions if q.type == name]
        if not used:
            continue
        if scale.is_marks:
            lines.append(
                f"- **Notes de {scale.min} à {scale.max}** : satisfait à partir de "
                f"{scale.satisfied_from}, très satisfait à partir de {scale.very_satisfied_from}, "
                f"mécontent en dessous de {scale.dissatisfied_threshold}"
                + (f" ; Services Publics+ : part des notes de {scale.high_from} ou plus."
                   if scale.high_from is not None else ".")
            )  # fmt: skip
        else:
            lines.append(
                f"- **Échelle « {' / '.join(scale.levels)} »** : satisfaits = "
                f"{' + '.join(scale.satisfied)} ; mécontents = "
                f"{' + '.join(scale.dissatisfied_levels)}."
            )
    for q in catalogue.satisfaction_questions:
        if q.subgroup:
            population = catalogue.question(q.subgroup).label
            lines.append(
                f"- **{q.label}** : calculé seulement parmi les répondants ayant répondu oui à "
                f"« {population} »."
            )
    lines += [
        f"- **Cible** : {format_percent(settings.target, 0)} par défaut, réglable par question.",
        "- **Intervalle de confiance à 95\u00a0%** : méthode de Wilson, fiable aussi pour les taux "
        "proches de 100 %.",
        f"- **Petits effectifs** : un taux calculé sur moins de {settings.min_reliable_n} "
        "réponses est signalé (⚠ ou *) et n'entre pas dans le classement des points forts et "
        "faibles.",
        "- **Évolutions** : test exact de Fisher bilatéral entre l'année présentée et chaque "
        f"année précédente ; seuil {format_percent(settings.significance_level, 0)}. Avec une "
        "vingtaine de comparaisons, une ou deux peuvent être significatives par hasard.",
        "- **Satisfaction nette** (Services Publics+) : part des satisfaits moins part des "
        "mécontents, en points.",
        "- **Verbatims** : classés par mots-clés (`survey_themes.yaml`) ; les données "
        "personnelles sont masquées dès la lecture, et une remarque qui en contenait n'est "
        "jamais citée.",
    ]
    return "\n".join(lines)


def quotes_markdown(analysis: SurveyAnalysis) -> str:
    """The representative quotes, theme by theme (Markdown block quotes)."""
    blocks = []
    counts = analysis.theme_counts[analysis.theme_counts["year"] == analysis.period]
    for theme in counts[counts["count"] > 0].itertuples():
        quotes = analysis.quotes[analysis.quotes["theme"] == theme.theme]
        if quotes.empty:
            continue
        lines = [f"**{theme.theme}** ({format_number(theme.count)} remarque(s))", ""]
        for quote in quotes.itertuples():
            times = f" *({format_number(quote.times)} fois)*" if quote.times > 1 else ""
            lines.append(f"> « {_markdown_escape(quote.quote)} »{times}\n>")
        blocks.append("\n".join(lines).rstrip(">\n"))
    return "\n\n".join(blocks)


def _markdown_escape(text: str) -> str:
    """A user's text shown as is: HTML and Markdown markers neutralised."""
    text = html.escape(text, quote=False)
    for marker in ("\\", "*", "_", "`", "[", "]", "#"):
        text = text.replace(marker, "\\" + marker)
    return text


# --- the workbook ---------------------------------------------------------------------------------


def workbook_readme(analysis: SurveyAnalysis, prefecture: str, window: str) -> list[str]:
    """The « Lisez-moi » lines of the workbook: what, when, how many, how to read."""
    settings = analysis.settings
    return [
        f"{prefecture} — enquête de satisfaction {analysis.period}"
        + (f", {window}" if window else "")
        + f" : {format_number(analysis.questionnaires)} questionnaires.",
        "Les taux sont des proportions (format pourcentage) ; les écarts sont en points.",
        "Chaque critère a son propre dénominateur n : les répondants concernés qui ont répondu "
        "(« Non concerné » et sans réponse exclus, comptés à part).",
        f"Cible par défaut : {format_percent(settings.target, 0)} ; alerte sous "
        f"{settings.min_reliable_n} réponses ; évolutions : test exact de Fisher, seuil "
        f"{format_percent(settings.significance_level, 0)}.",
        "Fichier produit par la chaîne CLU (make survey) à partir des données brutes : ne pas "
        "le modifier à la main, le régénérer.",
    ]


def write_workbook(
    tables: dict[str, ReportTable], path: Path, title: str, readme: list[str]
) -> Path:
    """One sheet per table (title, note, styled headers, Excel number formats) after a
    « Lisez-moi » sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from pipeline.template_builder import BLEU_FRANCE

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Lisez-moi"
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14, color=BLEU_FRANCE)
    for row, line in enumerate(readme, start=3):
        sheet.cell(row=row, column=1, value=line)
    contents = len(readme) + 4
    sheet.cell(row=contents, column=1, value="Onglets").font = Font(bold=True)
    for offset, table in enumerate(tables.values(), start=1):
        sheet.cell(row=contents + offset, column=1, value=f"{table.sheet} : {table.title}")
    sheet.column_dimensions["A"].width = 110

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=BLEU_FRANCE)
    for table in tables.values():
        sheet = workbook.create_sheet(table.sheet[:31])
        sheet["A1"] = table.title
        sheet["A1"].font = Font(bold=True, size=12, color=BLEU_FRANCE)
        sheet["A2"] = table.note
        sheet["A2"].font = Font(italic=True, color="3A3A3A")
        first = 4
        for index, column in enumerate(table.frame.columns, start=1):
            cell = sheet.cell(row=first, column=index, value=column)
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="bottom")
            kind = table.kind(column)
            values = table.frame[column]
            if kind == "points":
                values = values.astype("Float64") * 100
            number_format = EXCEL_FORMATS.get(kind)
            for offset, value in enumerate(values, start=1):
                cell = sheet.cell(row=first + offset, column=index, value=_excel_value(value))
                if number_format:
                    cell.number_format = number_format
            longest = max([len(str(column)) // 2, *(len(str(v)) for v in values.head(200))])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, longest + 2))
        sheet.row_dimensions[first].height = 32
        sheet.freeze_panes = sheet.cell(row=first + 1, column=2)
        if len(table.frame):
            last = get_column_letter(len(table.frame.columns))
            sheet.auto_filter.ref = f"A{first}:{last}{first + len(table.frame)}"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _excel_value(value):
    """A cell value openpyxl accepts: missing → empty, numpy scalars → Python numbers."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value
