"""The annual survey report's tables: the analysis laid out as French tables, each shown in the
report with its n and written to the workbook (see :mod:`pipeline.report_tables`).
"""

from __future__ import annotations

import pandas as pd

from pipeline.compute.survey.analysis import SurveyAnalysis
from pipeline.compute.survey.profile import YES
from pipeline.compute.survey.satisfaction import NO_GROUP, NO_USABLE_ANSWER, NO_USABLE_ANSWER_WHY
from pipeline.core.formatting import (
    format_number,
    format_percent,
    format_points,
    format_value_for_status,
)
from pipeline.outputs.survey_report.workbook import (
    FORMATTERS,
    SMALL_N_MARK,
    ReportTable,
    format_interval,
)

CI_LOW, CI_HIGH = "IC 95\u00a0% bas", "IC 95\u00a0% haut"
NET_LABEL = "Satisfaction nette (satisfaits − mécontents), en points"
POSITIONS = {"strength": "Point fort", "weakness": "Point faible"}


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
            "Alerte": _alerts(current, min_n),
        }
    )
    kinds = {c: "integer" for c in frame.columns[2:6]}
    kinds |= {c: "percent" for c in ("Satisfaits", CI_LOW, CI_HIGH)}
    kinds |= {"dont très satisfaits": "percent", "Cible": "percent"}
    frame = frame.reset_index(drop=True)
    shown = ReportTable("", "", frame, kinds).formatted()
    shown["Satisfaits"] = _rates_beside_targets(frame)
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
            format_interval(low, high)
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
        f"mention contraire. ⚠ : moins de {min_n} réponses, taux à lire avec prudence."
        + _unrated_note(analysis),
        display=display,
        text_columns=("Critère", "Alerte"),
    )


def _alerts(rates: pd.DataFrame, min_n: int) -> list[str]:
    """Each row's warning: no answer that counts (no rate), or too few answers."""
    return [
        NO_USABLE_ANSWER if n == 0 else f"⚠\u00a0n\u00a0<\u00a0{min_n}" if small else ""
        for n, small in zip(rates["n"], rates["small_sample"], strict=True)
    ]


def _unrated_note(analysis: SurveyAnalysis) -> str:
    """The sentence a table's note adds when a criterion of the period has no rate."""
    if analysis.unrated.empty:
        return ""
    return (
        f" {NO_USABLE_ANSWER_WHY[:1].upper()}{NO_USABLE_ANSWER_WHY[1:]} : pas de taux, "
        "jamais 0\u00a0%."
    )


def _distribution_tables(analysis: SurveyAnalysis) -> list[ReportTable]:
    """One table per level scale (4 levels, 5 levels, yes/no…): each criterion's answers."""
    current = analysis.distribution[
        (analysis.distribution["year"] == analysis.period) & (analysis.distribution["n"] > 0)
    ]
    catalogue, tables = analysis.catalogue, []
    for name, scale in catalogue.scales.items():
        columns = [q.column for q in catalogue.satisfaction_questions if q.type == name]
        levels = current[current["column"].isin(columns)]
        if scale.is_marks or levels.empty:
            continue
        pivot = levels.pivot_table(
            index=["order", "label", "n"], columns="answer", values="share", sort=False
        )
        answers = list(scale.levels)
        pivot = pivot.reindex(columns=answers).reset_index().drop(columns="order")
        pivot.columns = ["Critère", "n", *answers]
        tables.append(
            ReportTable(
                "Répartition" if not tables else f"Répartition {len(tables) + 1}",
                f"Répartition des réponses par critère, {analysis.period} ({' / '.join(answers)})",
                pivot,
                {"n": "integer", **{a: "percent" for a in answers}},
                "Parts calculées sur n, les réponses exprimées de chaque critère (hors « Non "
                "concerné » et sans réponse).",
            )
        )
    return tables


def _mark_columns(analysis: SurveyAnalysis) -> list[str]:
    catalogue = analysis.catalogue
    return [q.column for q in catalogue.satisfaction_questions if catalogue.scales[q.type].is_marks]


def _marks_tables(analysis: SurveyAnalysis) -> list[ReportTable]:
    tables = []
    current = analysis.distribution[analysis.distribution["year"] == analysis.period]
    for column in _mark_columns(analysis):
        marks = current[current["column"] == column]
        if marks.empty or int(marks["n"].iloc[0]) == 0:  # no mark (the chart says so)
            continue
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
    counts = counts.reindex(pivot.index).fillna(0)  # criteria without any rate are not listed
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
        shown = frame[f"Écart {period}/{year}"].map(format_points)
        significant = frame["Critère"].map(since["significant"]).fillna(False).astype(bool)
        display[f"Depuis {year}" if year != period - 1 else "Sur un an"] = [
            f"{text} {'▲' if up else '▼'}" if flagged else text
            for text, flagged, up in zip(shown, significant, arrows, strict=True)
        ]
    return ReportTable(
        "Évolution",
        f"Évolution des taux de satisfaction, {min(analysis.years)}–{period}"
        if len(analysis.years) > 1
        else f"Taux de satisfaction {period} (première année d'enquête)",
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


def _rates_beside_targets(frame: pd.DataFrame) -> list[str]:
    """Each « Satisfaits » rate written so that it reads as its « Cible atteinte » says (84,96 %
    under a target of 85 % reads « 84,96 % », never « 85,0 % »)."""
    return [
        "–" if pd.isna(rate) else format_value_for_status(rate, "%", ">=", target, met)
        for rate, target, met in zip(frame["Satisfaits"], frame["Cible"], frame["Cible atteinte"],
                                     strict=True)
    ]  # fmt: skip


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
    kinds = {"Rang": "integer", "Satisfaits": "percent", "n": "integer"}
    display = ReportTable("", "", frame, kinds).formatted()
    display["Satisfaits"] = _rates_beside_targets(frame.assign(Cible=ranking["target"]))
    points = round(analysis.settings.strength_margin * 100, 1)
    margin = format_number(points, 0 if points.is_integer() else 1)
    return ReportTable(
        "Points forts et faibles",
        f"Points forts et points faibles, {analysis.period}",
        frame,
        kinds,
        f"Points forts : les critères à au moins {margin} points au-dessus de leur cible (les "
        f"{analysis.settings.ranked_criteria} meilleurs au plus) ; points faibles : tous les "
        f"critères sous leur cible, du plus bas au moins bas. Hors satisfaction générale et hors "
        f"critères de moins de {min_n} réponses.",
        display=display,
        text_columns=("Position", "Critère", "Cible atteinte"),
    )


def _public_service_table(analysis: SurveyAnalysis) -> ReportTable:
    current, high = analysis.current, f"Notes ≥ {analysis.high_from}"
    frame = pd.DataFrame(
        {
            "Critère": current["label"],
            "n": current["n"],
            "Satisfaits": current["rate"],
            "Mécontents": current["dissatisfied_rate"],
            "Satisfaction nette": current["net_satisfaction"],
            high: current["high_mark_rate"],
        }
    ).reset_index(drop=True)
    if analysis.high_from is None:  # no marks in the survey
        frame = frame.drop(columns=high)
    return ReportTable(
        "Services Publics+",
        f"Mesures Services Publics+, {analysis.period}",
        frame,
        {
            "n": "integer",
            "Satisfaits": "percent",
            "Mécontents": "percent",
            "Satisfaction nette": "points",
            high: "percent",
        },  # fmt: skip
        "Satisfaction nette = part des satisfaits moins part des mécontents, en points."
        + (
            f" {high} : part des notes de {analysis.high_from} ou plus (questions notées "
            "seulement)."
            if analysis.high_from is not None
            else ""
        ),
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
    for breakdown in analysis.breakdowns:
        groups = analysis.groups[
            (analysis.groups["breakdown"] == breakdown.column)
            & (analysis.groups["year"] == analysis.period)
        ]
        order = group_order(analysis, breakdown.column, groups)
        index = ["order", "label"]
        rows = pd.MultiIndex.from_frame(groups[index].drop_duplicates())  # a criterion
        # without any rate keeps its row (a pivot drops it), « – (0) » in every group
        rates = groups.pivot_table(index=index, columns="group", values="rate", sort=False)
        rates = rates.astype(float).reindex(index=rows, columns=order)
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
            display[group] = [  # (a missing rate reads « – (0) »)
                f"{format_percent(value, 1)} ({format_number(count)})"
                + ("" if count >= min_n else " " + SMALL_N_MARK)
                for value, count in zip(rate, n, strict=True)
            ]
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
                f"Répondants par groupe — {sizes}." + _unrated_note(analysis),
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
            "dont critiques": counts["critical"],
            "dont positives": counts["positive"],
        }
    ).reset_index(drop=True)
    return ReportTable(
        "Verbatims - thèmes",
        f"Remarques et suggestions par thème, {analysis.period}",
        frame,
        {
            "Remarques": "integer",
            "Part des remarques": "percent",
            "dont critiques": "integer",
            "dont positives": "integer",
        },
        f"{_n_note(remarks, 'remarques écrites')} ; une remarque peut relever de plusieurs "
        "thèmes (dictionnaire de mots-clés configurable). Critique ou positive selon les "
        "réponses de son auteur aux critères du thème (à défaut, sa satisfaction générale) ; "
        "les autres sont neutres.",
    )


def _quotes_table(analysis: SurveyAnalysis) -> ReportTable:
    quotes = analysis.quotes
    frame = pd.DataFrame(
        {
            "Thème": quotes["theme"],
            "Verbatim": quotes["quote"],
            "Ton": quotes["tone"],
            "Citée comme": quotes["role"],
            "Écrit par": quotes["times"],
        }
    ).reset_index(drop=True)
    return ReportTable(
        "Verbatims - citations",
        f"Verbatims représentatifs par thème, {analysis.period}",
        frame,
        {"Écrit par": "integer"},
        "Pour chaque thème, la remarque la plus écrite du ton le plus fréquent, et une remarque "
        "critique quand un critère du thème est sous sa cible ou que les remarques critiques "
        "sont majoritaires ; « Écrit par » : nombre de répondants ayant écrit la même remarque, "
        "du même ton. Données personnelles masquées ; une remarque qui en contenait n'est "
        "jamais citée.",
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
            f"Notes ≥ {analysis.high_from or '–'}": rates["high_mark_rate"],
            "Cible": rates["target"],
        }
    )
    if (rates["n"] == 0).any():  # a year's criterion without any answer that counts
        frame["Alerte"] = [NO_USABLE_ANSWER if n == 0 else "" for n in rates["n"]]
    kinds = {c: "integer" for c in ("Répondants interrogés", "Non concernés", "Sans réponse", "n")}
    kinds |= {c: "percent" for c in frame.columns[7:15] if c != "Satisfaction nette"}
    kinds["Satisfaction nette"] = "points"
    return ReportTable(
        "Données - taux",
        "Toutes les années : taux par critère",
        frame,
        kinds,
        "Une ligne par critère et par année lue.",
    )


_percent = FORMATTERS["percent"]


def key_figures_table(analysis: SurveyAnalysis) -> ReportTable:
    """The headline rates: overall satisfaction, « dont très satisfaits », the Services
    Publics+ measures, the share of criteria meeting their target and the yes/no outcomes."""
    rows = []
    overall = analysis.overall
    if overall is not None and int(overall["n"]) == 0:  # no rate: said so in the display
        rows.append(("Satisfaction générale", pd.NA, 0))
    elif overall is not None:
        n = int(overall["n"])
        rows += [
            ("Satisfaction générale", overall["rate"], n),
            ("dont très satisfaits", overall["very_rate"], n),
            (NET_LABEL, overall["net_satisfaction"], n),
        ]
        if pd.notna(overall["high_mark_rate"]):
            high = f"Part des notes de {analysis.high_from} ou plus"
            rows.append((high, overall["high_mark_rate"], n))
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
    values = pd.DataFrame(rows, columns=["Indicateur", "Valeur", "n"])
    in_points = values["Indicateur"] == NET_LABEL  # a difference of shares: points, not %
    frame = pd.DataFrame(
        {
            "Indicateur": values["Indicateur"],
            "Taux": values["Valeur"].where(~in_points).astype("Float64"),
            "Écart en points": values["Valeur"].where(in_points).astype("Float64"),
            "n": values["n"],
        }
    )
    display = pd.DataFrame(
        {
            "Indicateur": values["Indicateur"],
            "Valeur": [
                NO_USABLE_ANSWER if n == 0 else format_points(v) if points else _percent(v)
                for v, points, n in zip(values["Valeur"], in_points, values["n"], strict=True)
            ],
            "n": values["n"].map(format_number),
        }
    )
    return ReportTable(
        "Chiffres clés",
        f"Chiffres clés de l'enquête {analysis.period}",
        frame,
        {"Taux": "percent", "Écart en points": "points", "n": "integer"},
        "n : réponses exprimées (critères évalués pour la ligne des cibles)."
        + _unrated_note(analysis),
        display=display,
    )


def report_tables(analysis: SurveyAnalysis) -> dict[str, ReportTable]:
    """Every table of the report, by key, in the order of the report and the workbook."""
    tables = {
        "key_figures": key_figures_table(analysis),
        "criteria": _criteria_table(analysis),
    }
    tables |= {
        "distribution" if i == 0 else f"distribution_{i}": t
        for i, t in enumerate(_distribution_tables(analysis))
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
