"""The satisfaction survey of a year, ready to explore in a line: ``survey(2022)``.

::

    from pipeline.explore import survey

    s = survey(2022)                                    # questionnaires, catalogue, analysis
    s.filter("titre de séjour").satisfaction(by="site")  # by site, of those who came for one
    s.trend("délai d'attente", since=2020)               # its rate each year, and the test
    s.remarks("téléphon*")                               # the remarks that speak of the phone

Every table comes back French (:class:`~pipeline.outputs.tables.FrenchTable`): readable
headers, the project's formats, no index, no text cut; ``.raw`` gives its raw values. The
survey is read from ``data/processed/<année>/`` (never written), then analysed as the report
analyses it (:func:`~pipeline.compute.survey.analysis.analyse_survey`), on the respondents kept.
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from pipeline.compute.survey.analysis import SurveyAnalysis, analyse_survey
from pipeline.compute.survey.respondents import (
    TRACE_COLUMNS,
    Asked,
    answer_lists,
    answered_with,
    asked_questions,
    known_answers,
    question_named,
    selection_of,
)
from pipeline.compute.survey.satisfaction import NO_GROUP, satisfaction_by_group
from pipeline.core.config import QuestionCatalogue, SurveySettings, VerbatimThemes
from pipeline.core.exceptions import SelectionError
from pipeline.core.formatting import format_count, format_number, format_percent
from pipeline.explore.remarks import found_remarks, theme_named
from pipeline.outputs.escaping import html_text
from pipeline.outputs.tables import HIDDEN, FrenchTable, french

CHOICE_TYPES_FR = {
    "yes_no": "oui / non",
    "single_choice": "choix unique",
    "multiple_choice": "choix multiple",
    "free_text": "texte libre",
    "text": "texte",
    "date": "date",
}
CI = ("IC 95\u00a0% bas", "IC 95\u00a0% haut")


class Shown(list):
    """Things shown one after the other: a notebook's cell ending with one shows them all."""

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(*self)


def _n_of(group: str) -> str:
    return f"{group} — n"


class Survey:
    """The survey's questionnaires of every year read (the trend needs them), for ``year``;
    ``chosen`` says which respondents were kept (« Quelle(s) démarche(s) ? : titre de séjour »).
    """

    def __init__(
        self,
        responses: pd.DataFrame,
        catalogue: QuestionCatalogue,
        themes: VerbatimThemes,
        settings: SurveySettings,
        year: int,
        chosen: tuple[str, ...] = (),
        note: str = "",
    ) -> None:
        self.year, self.catalogue, self.themes, self.settings = year, catalogue, themes, settings
        self.chosen, self.note = chosen, note
        self._responses = responses.reset_index(drop=True)

    @classmethod
    def of(cls, ctx, note: str = "") -> Survey:
        """The survey of a period's processed tables (``ctx``: its period, configuration and
        paths)."""
        from pipeline.core.config import load_questions, load_verbatim_themes
        from pipeline.ingest.processed import read_source

        responses = read_source(ctx.paths, "survey_responses", ctx.config)
        return cls(responses, load_questions(ctx.config), load_verbatim_themes(ctx.config),
                   ctx.config.survey, ctx.period, note=note)  # fmt: skip

    # -- what the survey holds -------------------------------------------------------------

    @cached_property
    def asked(self) -> list[Asked]:
        return asked_questions(self.catalogue, self._responses)

    @cached_property
    def analysis(self) -> SurveyAnalysis:
        """Every statistic of the report, on the respondents kept (computed once)."""
        return analyse_survey(
            self._responses, self.catalogue, self.themes, self.settings, self.year
        )

    @property
    def count(self) -> int:
        """Questionnaires of the year kept."""
        return int((self._responses["year"] == self.year).sum())

    @property
    def responses(self) -> FrenchTable:
        """One row per questionnaire (every year read), each question under its label; a
        multiple choice as a list of answers, a yes/no as true/false."""
        data, formats = {}, {}
        for asked in self.asked:
            name = asked.label if asked.label not in data else f"{asked.label} ({asked.column})"
            values = self._responses[asked.column]
            if asked.multiple:
                values, formats[name] = answer_lists(values), "list"
            elif asked.type in ("yes_no", "date"):
                formats[name] = asked.type
            else:
                formats[name] = "text"
            data[name] = values.array
        for column, label in TRACE_COLUMNS.items():
            if column in self._responses:
                data[label] = self._responses[column].array
                formats[label] = "year" if column == "year" else "text"
        ordered = ["Année", *[c for c in data if c != "Année"]]
        return french(pd.DataFrame(data)[ordered], formats, self.selection)

    @property
    def questions(self) -> FrenchTable:
        """The questionnaire: each question's code, label, theme, type and answers."""
        theme = {q.column: q.theme for q in self.catalogue.questions}
        rows = [
            {
                "Code": asked.column,
                "Question": asked.label,
                "Thème": theme.get(asked.column, ""),
                "Type": self._type_text(asked.type),
                "Réponses": self._answers_of(asked),
            }
            for asked in self.asked
        ]
        return french(pd.DataFrame(rows), {"Réponses": "list"})

    def _type_text(self, kind: str) -> str:
        if kind in CHOICE_TYPES_FR:
            return CHOICE_TYPES_FR[kind]
        scale = self.catalogue.scales[kind]
        if scale.is_marks:
            return f"satisfaction : note de {scale.min} à {scale.max}"
        return f"satisfaction : {len(scale.levels)} niveaux"

    def _answers_of(self, asked: Asked) -> list[str]:
        if asked.type in self.catalogue.scales:
            return list(self.catalogue.scales[asked.type].answers)
        if asked.type in ("yes_no", "single_choice", "multiple_choice") or asked.column in (
            "site",
            "mode",
        ):
            return known_answers(asked, self._responses)
        return []

    # -- choosing respondents --------------------------------------------------------------

    def filter(self, *answers, **by_question) -> Survey:
        """The survey of the respondents who gave these answers (all of them): an answer alone
        (« titre de séjour »), « question: réponse », ``{question: answer}``, or
        ``procedures="titre de séjour"``; a list of answers keeps those who gave any."""
        wanted: list[tuple[str, object]] = []
        for item in answers:
            if isinstance(item, dict):
                wanted += list(item.items())
            else:
                asked, answer = selection_of(str(item), self.asked, self._responses)
                wanted.append((asked.column, answer))
        wanted += list(by_question.items())
        kept = pd.Series(True, index=self._responses.index)
        said = []
        for name, answer in wanted:
            asked = question_named(str(name), self.asked)
            kept &= answered_with(asked, answer, self._responses)
            shown = answer if isinstance(answer, (list, tuple)) else [answer]
            words = " ou ".join(
                ("oui" if a else "non") if isinstance(a, bool) else str(a) for a in shown
            )
            said.append(f"{asked.label} : {words}")
        return Survey(
            self._responses[kept.to_numpy()],
            self.catalogue,
            self.themes,
            self.settings,
            self.year,
            self.chosen + tuple(said),
            self.note,
        )

    @property
    def selection(self) -> str:
        """Which respondents were kept, and the note on the tables' freshness (French)."""
        parts = [f"Répondants retenus — {' ; '.join(self.chosen)}."] if self.chosen else []
        return " ".join([*parts, self.note]).strip()

    # -- satisfaction ----------------------------------------------------------------------

    def _criterion(self, name: str) -> Asked:
        criteria = [a for a in self.asked if a.type in self.catalogue.scales]
        return question_named(name, criteria, what="critère")

    def satisfaction(self, by: str | None = None) -> FrenchTable:
        """The year's satisfaction per criterion; ``by`` a question (site, type d'usager,
        démarche…): the rate of each criterion for each of its answers, with its n."""
        if by is not None:
            return self._satisfaction_by(question_named(by, self.asked))
        current = self.analysis.current
        frame = pd.DataFrame(
            {
                "Critère": current["label"],
                "Thème": current["theme"],
                "n": current["n"],
                "Satisfaits": current["rate"],
                CI[0]: current["ci_low"],
                CI[1]: current["ci_high"],
                "Très satisfaits": current["very_rate"],
                "Mécontents": current["dissatisfied_rate"],
                "Satisfaction nette": current["net_satisfaction"],
                "Cible": current["target"],
                "Sous la cible": current["below_target"],
                "Moins de réponses que le seuil de fiabilité": current["small_sample"],
            }
        )
        formats = {
            c: "percent" for c in ("Satisfaits", *CI, "Très satisfaits", "Mécontents", "Cible")
        }
        formats |= {
            "n": "count",
            "Satisfaction nette": "points",
            "Sous la cible": "yes_no",
            "Moins de réponses que le seuil de fiabilité": "yes_no",
        }
        note = (
            f"Satisfaction par critère, {self.year} ; n : réponses exprimées (hors « non "
            "concerné » et sans réponse) ; IC : intervalle de confiance de Wilson à 95 %."
        )
        return french(frame, formats, " ".join([note, self.selection]).strip())

    def _satisfaction_by(self, asked: Asked) -> FrenchTable:
        if asked.type in ("free_text", "date") or asked.column == "response_id":
            raise SelectionError(f"« {asked.label} » ne partage pas les répondants en groupes.")
        analysis = self.analysis
        groups = satisfaction_by_group(
            self._responses,
            analysis.catalogue,
            asked.column,
            self.settings.target,
            self.settings.min_reliable_n,
        )
        groups = groups[groups["year"] == self.year]
        order = [*known_answers(asked, self._responses), NO_GROUP]
        present = list(dict.fromkeys(g for g in order if g in set(groups["group"])))
        present += sorted(set(groups["group"]) - set(present))
        criteria = analysis.current[["order", "label"]].sort_values("order")
        table = pd.DataFrame({"Critère": criteria["label"].to_numpy()})
        formats: dict = {}
        for group in present:
            rows = groups[groups["group"] == group].set_index("label")
            table[group] = rows["rate"].reindex(table["Critère"]).to_numpy()
            table[_n_of(group)] = (
                rows["n"].reindex(table["Critère"]).fillna(0).astype("int64").to_numpy()
            )
            formats[group], formats[_n_of(group)] = ("rate_n", _n_of(group)), HIDDEN
        note = (
            f"Taux de satisfaits de chaque critère selon « {asked.label} », {self.year} ; "
            f"n : réponses exprimées ; moins de {self.settings.min_reliable_n} réponses : "
            "à lire avec prudence."
        )
        if asked.multiple:
            note += " Un répondant compte dans chaque réponse qu'il a cochée."
        return french(table, formats, " ".join([note, self.selection]).strip())

    # -- cross-tabulations -----------------------------------------------------------------

    def _answers(self, asked: Asked) -> pd.Series:
        """The year's answers to a question, one row per answer (a multiple choice's answers
        each on a row of their respondent), blank as « non renseigné »."""
        current = self._responses[self._responses["year"] == self.year]
        values = current[asked.column]
        if asked.multiple:
            values = answer_lists(values).map(lambda ticked: ticked or [NO_GROUP]).explode()
        elif asked.type == "yes_no":
            values = values.astype("boolean").map({True: "oui", False: "non"})
        values = values.astype("string").str.strip().replace("", pd.NA).fillna(NO_GROUP)
        return values.astype(str)

    def _ordered(self, asked: Asked, values: pd.Series) -> list[str]:
        """The answers found: the listed ones in their order, the others, then the blanks."""
        listed, found = self._answers_of(asked), set(values)
        others = sorted(found - set(listed) - {NO_GROUP})
        return [a for a in listed if a in found] + others + [NO_GROUP] * (NO_GROUP in found)

    def crosstab(self, rows: str, columns: str | None = None, share: bool = False) -> FrenchTable:
        """The year's answers to ``rows`` (counts and shares), or crossed with the answers to
        ``columns``: respondents of each pair (``share``: the share of each column's)."""
        first = question_named(rows, self.asked)
        values = self._answers(first)
        if columns is None:
            counts = values.value_counts().reindex(self._ordered(first, values))
            answered = int(values[values != NO_GROUP].index.nunique())
            shares = (counts / answered if answered else counts * float("nan")).where(
                counts.index != NO_GROUP
            )
            frame = pd.DataFrame(
                {
                    first.label: counts.index,
                    "Répondants": counts.to_numpy(),
                    "Part": shares.to_numpy(),
                }
            )
            note = f"{self.year} ; part : sur les {format_number(answered)} qui ont répondu."
            if first.multiple:
                note += " Plusieurs réponses possibles : les parts font plus de 100 %."
            return french(
                frame,
                {"Répondants": "count", "Part": "percent"},
                " ".join([note, self.selection]).strip(),
            )
        second = question_named(columns, self.asked)
        other = self._answers(second)
        pairs = pd.DataFrame({"a": values}).join(pd.DataFrame({"b": other}), how="inner")
        pairs = pairs.rename_axis("who").reset_index()
        table = pd.crosstab(pairs["a"], pairs["b"])
        table = table.reindex(
            index=self._ordered(first, values), columns=self._ordered(second, other)
        )
        table = table.fillna(0).astype("int64")
        whole = pairs.drop_duplicates(["who", "a"]).groupby("a").size()
        table["Ensemble"] = whole.reindex(table.index).fillna(0).astype("int64")
        if share:
            per_column = pairs.drop_duplicates(["who", "b"]).groupby("b").size()
            per_column = per_column.reindex(table.columns[:-1])
            shares = table.iloc[:, :-1] / per_column.where(per_column > 0).to_numpy()
            table = shares.assign(Ensemble=table["Ensemble"] / max(pairs["who"].nunique(), 1))
        frame = table.reset_index(names=first.label)
        frame.columns = [first.label, *[str(c) for c in frame.columns[1:]]]
        kind = "percent" if share else "count"
        what = "part des répondants de chaque colonne" if share else "répondants"
        note = f"« {first.label} » selon « {second.label} », {self.year} ({what})."
        return french(
            frame, dict.fromkeys(frame.columns[1:], kind), " ".join([note, self.selection]).strip()
        )

    # -- trend -----------------------------------------------------------------------------

    def trend(self, criterion: str | None = None, since: int | None = None) -> FrenchTable:
        """A criterion's rate each year since ``since``, and how the year differs from each
        (in points, with the exact test's p and whether it is significant); without a
        criterion, every criterion's rate by year and its change since the first year."""
        rates, changes = self.analysis.rates, self.analysis.changes
        first_year = min(self.analysis.years) if since is None else since
        rates = rates[(rates["year"] >= first_year) & (rates["year"] <= self.year)]
        level = format_percent(self.settings.significance_level, 0)
        if criterion is None:
            return self._trends(rates, changes, first_year, level)
        asked = self._criterion(criterion)
        mine = rates[rates["column"] == asked.column].sort_values("year")
        change = changes[changes["column"] == asked.column].set_index("year_before")
        frame = pd.DataFrame(
            {
                "Année": mine["year"].to_numpy(),
                "n": mine["n"].to_numpy(),
                "Satisfaits": mine["rate"].to_numpy(),
                CI[0]: mine["ci_low"].to_numpy(),
                CI[1]: mine["ci_high"].to_numpy(),
                f"Écart de {self.year}": change["change"].reindex(mine["year"]).to_numpy(),
                "p (test exact de Fisher)": change["p_value"].reindex(mine["year"]).to_numpy(),
                "Significatif": change["significant"].reindex(mine["year"]).to_numpy(),
            }
        )
        formats = {
            "Année": "year",
            "n": "count",
            "Satisfaits": "percent",
            CI[0]: "percent",
            CI[1]: "percent",
            f"Écart de {self.year}": "points",
            "p (test exact de Fisher)": "pvalue",
            "Significatif": "yes_no",
        }
        note = (
            f"« {asked.label} » : taux de satisfaits par année ; écart de {self.year} avec "
            f"chaque année, en points, significatif au seuil de {level} (test exact de "
            "Fisher)."
        )
        return french(frame, formats, " ".join([note, self.selection]).strip())

    def _trends(self, rates, changes, first_year: int, level: str) -> FrenchTable:
        years = sorted(rates["year"].unique())
        criteria = rates.drop_duplicates("column").sort_values("order")
        table = pd.DataFrame({"Critère": criteria["label"].to_numpy()})
        formats: dict = {}
        for year in years:
            rows = rates[rates["year"] == year].set_index("column")
            table[str(year)] = rows["rate"].reindex(criteria["column"]).to_numpy()
            table[_n_of(str(year))] = rows["n"].reindex(criteria["column"]).to_numpy()
            formats[str(year)], formats[_n_of(str(year))] = ("rate_n", _n_of(str(year))), HIDDEN
        since = changes[changes["year_before"] == first_year].set_index("column")
        if first_year < self.year:
            table[f"Écart depuis {first_year}"] = (
                since["change"].reindex(criteria["column"]).to_numpy()
            )
            table["p"] = since["p_value"].reindex(criteria["column"]).to_numpy()
            table["Significatif"] = since["significant"].reindex(criteria["column"]).to_numpy()
            formats |= {
                f"Écart depuis {first_year}": "points",
                "p": "pvalue",
                "Significatif": "yes_no",
            }
        note = (
            f"Taux de satisfaits par critère et par année ; écart de {self.year} avec "
            f"{first_year} en points, significatif au seuil de {level} (test exact de Fisher)."
        )
        return french(table, formats, " ".join([note, self.selection]).strip())

    # -- remarks ---------------------------------------------------------------------------

    def themes_of(self, criterion: str) -> list[str]:
        """The themes of the remarks that speak of a criterion (``criteria`` of the themes)."""
        column = self._criterion(criterion).column
        return [t.label for t in self.themes.themes if column in t.criteria]

    def remarks(
        self,
        words: str | list[str] | None = None,
        theme: str | None = None,
        all_years: bool = False,
    ) -> FrenchTable:
        """The year's remarks (``all_years``: every year read) holding one of ``words`` (whole
        words, accents and case ignored; « téléphon* » finds the words starting so; a masked
        personal datum, « [téléphone masqué] », is never found), or of a ``theme``; with their
        themes and tone."""
        themed = self.analysis.themed
        if not all_years:
            themed = themed[themed["year"] == self.year]
        label = theme_named(theme, self.themes) if theme is not None else None
        rows = found_remarks(themed, words, label)
        frame = pd.DataFrame(
            {
                "Année": rows["year"],
                "Remarque": rows["text"],
                "Thèmes": rows["themes"],
                "Ton": rows["tone"].astype("string"),
            }
        )
        listed = [words] if isinstance(words, str) else list(words or [])
        what = [f"contenant {', '.join(listed)}"] if listed else []
        what += [f"du thème « {label} »"] if label is not None else []
        note = (
            f"{format_count(len(frame), 'remarque')} {' '.join(what)}".strip() + " ; ton : "
            "d'après les réponses de son auteur aux critères du thème (voir le README)."
        )
        return french(
            frame,
            {"Année": "year", "Thèmes": "list", "Ton": "text"},
            " ".join([note, self.selection]).strip(),
            empty="",  # (the note counts them: « 0 remarque contenant … »)
        )

    # -- one criterion ---------------------------------------------------------------------

    def focus(self, criterion: str) -> Shown:
        """A criterion in detail, to display: its trend, the year's answers, its rate by each
        subgroup of the catalogue, the remarks of the themes that speak of it."""
        from IPython.display import Markdown

        from pipeline.outputs.escaping import markdown_text

        asked = self._criterion(criterion)
        shown = Shown([Markdown(f"### {markdown_text(asked.label)}"), self.trend(asked.column)])
        shown.append(self.crosstab(asked.column))
        for breakdown in self.analysis.breakdowns:
            table = self._satisfaction_by(question_named(breakdown.column, self.asked))
            shown.append(table[table["Critère"] == asked.label].reset_index(drop=True))
        for theme in self.themes_of(asked.column):
            shown.append(self.remarks(theme=theme))
        return shown

    # -- display ---------------------------------------------------------------------------

    def _summary(self) -> list[str]:
        by_year = self._responses.groupby("year").size()
        earlier = ", ".join(
            f"{y} : {format_number(n)}" for y, n in by_year.items() if y != self.year
        )
        lines = [
            f"Enquête de satisfaction {self.year} : "
            f"{format_count(self.count, 'questionnaire')}"
            + (f" (années lues pour les évolutions — {earlier})" if earlier else "")
            + "."
        ]
        if self.selection:
            lines.append(self.selection)
        lines.append(
            "À explorer : .responses, .questions, .satisfaction(by=…), .crosstab(…, …), "
            ".trend(critère, since=…), .remarks(mots, theme=…), .filter(réponse…) ; "
            "les tableaux bruts : .raw ; l'analyse du rapport : .analysis."
        )
        return lines

    def __repr__(self) -> str:
        return "\n".join(self._summary())

    def _repr_html_(self) -> str:
        return "".join(f"<p>{html_text(line)}</p>" for line in self._summary())
