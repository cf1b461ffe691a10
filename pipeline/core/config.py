"""Load and validate the YAML configuration files, with errors in French.

Three kinds of configuration are data, never code:
- the data contract (``resources/contract.yaml``): canonical sources, columns, types, checks;
- the survey's question catalogue (``resources/survey_questions.yaml`` or the préfecture's own);
- the préfecture's configuration (``config/prefecture.yaml``): names, files, header mappings.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
import types
import typing
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.core.exceptions import ConfigError
from pipeline.core.formatting import format_choices
from pipeline.core.indicator_definitions import (
    KINDS,
    Indicator,
    IndicatorCatalogue,
    IndicatorSettings,
    definition_problems,
    merged_entries,
    written_target,
)
from pipeline.core.paths import RESOURCES, workspace_name
from pipeline.core.targets import parse_target

ColumnType = Literal[
    "text", "free_text", "category", "multi", "date", "month", "deadline", "quarter",
    "integer", "number", "percent", "boolean", "time", "mark",
]  # fmt: skip
NOT_CONCERNED = "Non concerné"


TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"  # 12:00
WORKSPACE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"  # one folder name, never « .. » nor « / »


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the data contract ---------------------------------------------------------------------------


class ColumnSpec(_Strict):
    type: ColumnType
    label: str
    required: bool = False
    unique: bool = False
    allowed: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    description: str = ""
    default: str | None = None  # the value of an empty cell (or of a column the export lacks)
    unit: Literal["", "j", "‰", "min"] = ""  # a number's unit, which its cells may be written with
    redact: bool = True  # a text column a person types into is redacted (false: a service's box)
    # Other headers the column is recognised by without a mapping: a platform's own export
    # (« Ressenti usager »), the first one found in the file taken.
    headers: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _allowed_needs_category(self):
        if self.type in ("category", "multi") and not self.allowed:
            raise ValueError("un type category ou multi doit lister ses valeurs (allowed)")
        return self


class RowCheck(_Strict):
    rule: str  # "<column> <op> <column>", op in <=, >=, <, >
    message: str

    @property
    def parts(self) -> tuple[str, str, str]:
        left, op, right = self.rule.split()
        return left, op, right


class SourceSpec(_Strict):
    title: str
    kind: Literal["register", "figures"] = "register"
    grain: str
    period_column: str
    columns: dict[str, ColumnSpec]
    checks: tuple[RowCheck, ...] = ()
    unique_together: tuple[str, ...] = ()
    question_catalogue: str | None = None
    # A row's year is that of its file (a survey campaign may run past New Year), not of its
    # period column; the period column is then only read for multi-year files.
    year_from_file: bool = False


class Contract(_Strict):
    sources: dict[str, SourceSpec]


# --- the survey's question catalogue -------------------------------------------------------------


# Question types that are not satisfaction scales: their answers are counted, not rated.
CHOICE_TYPES = ("yes_no", "single_choice", "multiple_choice", "free_text")


class Scale(_Strict):
    """A satisfaction scale: named levels (``levels``) or integer marks (``min`` to ``max``).

    Levels: ``satisfied`` and ``very_satisfied`` list the levels counted as such;
    ``dissatisfied`` defaults to every level that is not satisfied. Marks: satisfied from
    ``satisfied_from``, very satisfied from ``very_satisfied_from``, dissatisfied below
    ``dissatisfied_below`` (default: ``satisfied_from``, no neutral band), and ``high_from`` is
    the Services Publics+ threshold (share of marks of 8 or more).
    """

    levels: tuple[str, ...] = ()
    satisfied: tuple[str, ...] = ()
    very_satisfied: tuple[str, ...] = ()
    dissatisfied: tuple[str, ...] = ()
    not_concerned: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    satisfied_from: int | None = None
    very_satisfied_from: int | None = None
    dissatisfied_below: int | None = None
    high_from: int | None = None

    @property
    def is_marks(self) -> bool:
        return not self.levels

    @property
    def answers(self) -> tuple[str, ...]:
        """Every answer that counts, in the scale's order (marks as text: ``"1"`` … ``"10"``)."""
        if self.levels:
            return self.levels
        return tuple(str(mark) for mark in range(self.min, self.max + 1))

    @property
    def dissatisfied_levels(self) -> tuple[str, ...]:
        return self.dissatisfied or tuple(v for v in self.levels if v not in self.satisfied)

    @property
    def dissatisfied_threshold(self) -> int | None:
        return self.satisfied_from if self.dissatisfied_below is None else self.dissatisfied_below

    @model_validator(mode="after")
    def _consistent(self):
        if self.levels:
            unknown = set(self.satisfied + self.very_satisfied + self.dissatisfied) - set(
                self.levels
            )
            if unknown:
                raise ValueError(f"niveau(x) absent(s) de levels : {sorted(unknown)}")
            if not self.satisfied or not set(self.very_satisfied) <= set(self.satisfied):
                raise ValueError("satisfied doit être non vide et contenir very_satisfied")
            if set(self.dissatisfied) & set(self.satisfied):
                raise ValueError("un niveau ne peut être à la fois satisfait et mécontent")
            return self
        bounds = (self.min, self.satisfied_from, self.very_satisfied_from, self.max)
        if any(value is None for value in bounds):
            raise ValueError(
                "une échelle de notes doit donner min, max, satisfied_from et very_satisfied_from"
            )
        steps = (self.min, self.dissatisfied_threshold, self.satisfied_from)
        steps += (self.very_satisfied_from, self.max)
        if list(steps) != sorted(steps) or (
            self.high_from is not None and not self.min <= self.high_from <= self.max
        ):
            raise ValueError(
                "seuils incohérents : min ≤ dissatisfied_below ≤ satisfied_from ≤ "
                "very_satisfied_from ≤ max (et high_from entre min et max)"
            )
        return self


class Question(_Strict):
    """One question: its column, French label, theme and type.

    ``type`` is a scale of ``scales`` (a satisfaction question) or one of ``yes_no``,
    ``single_choice``, ``multiple_choice``, ``free_text``. ``options`` lists the allowed answers of
    a choice, in display order (a single choice without options takes any text, e.g. a sector).
    ``subgroup`` restricts a satisfaction question to respondents whose yes/no answer in that
    column is yes (the point numérique among those who used it), and ``subgroup_label`` says
    who they are (« passés au point numérique »): the deck gives them a slide of their own.
    ``target`` overrides the survey's target for this question. ``profile_slide`` (``pie`` or
    ``bar``) puts a choice question on the deck's profile slides.
    """

    column: str
    label: str
    theme: str
    type: str
    options: tuple[str, ...] = ()
    subgroup: str | None = None
    subgroup_label: str = ""
    overall: bool = False
    target: float | None = Field(None, gt=0, le=1)
    profile_slide: Literal["pie", "bar"] | None = None
    short_label: str = ""  # for slide titles (« âge » for « Votre tranche d'âge »)

    @property
    def is_satisfaction(self) -> bool:
        return self.type not in CHOICE_TYPES


class Breakdown(_Strict):
    """A subgroup analysis: the satisfaction rates computed for each value of a column."""

    column: str
    label: str  # French, e.g. « Par site »


class QuestionCatalogue(_Strict):
    scales: dict[str, Scale]
    questions: tuple[Question, ...] = Field(min_length=1)
    breakdowns: tuple[Breakdown, ...] = ()

    @property
    def satisfaction_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.is_satisfaction)

    def questions_of(self, *types: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.type in types)

    def question(self, column: str) -> Question:
        return next(q for q in self.questions if q.column == column)

    def column_specs(self) -> dict[str, ColumnSpec]:
        """The survey_responses columns that hold the answers, typed by each question's type.

        A 4-level answer is a category (its levels plus « Non concerné »); a mark is stored
        as text, ``"1"`` … ``"10"`` or « Non concerné », so that a not-concerned answer stays
        distinct from a blank one. A yes/no answer is a boolean, a multiple choice is stored as
        ``"a; b"``, free text is redacted at ingestion.
        """
        specs = {}
        for question in self.questions:
            label, options = question.label, question.options
            if question.type == "yes_no":
                spec = ColumnSpec(type="boolean", label=label)
            elif question.type == "single_choice":
                spec = ColumnSpec(type="category" if options else "text", label=label,
                                  allowed=options)  # fmt: skip
            elif question.type == "multiple_choice":
                spec = ColumnSpec(type="multi", label=label, allowed=options)
            elif question.type == "free_text":
                spec = ColumnSpec(type="free_text", label=label)
            elif not self.scales[question.type].is_marks:
                levels = (*self.scales[question.type].levels, NOT_CONCERNED)
                spec = ColumnSpec(type="category", label=label, allowed=levels)
            else:
                scale = self.scales[question.type]
                spec = ColumnSpec(type="mark", label=label, min=scale.min, max=scale.max)
            specs[question.column] = spec
        return specs

    def not_concerned_aliases(self) -> dict[str, str]:
        words = {word for scale in self.scales.values() for word in scale.not_concerned}
        return {word: NOT_CONCERNED for word in words}

    @model_validator(mode="after")
    def _types_have_scales(self):
        missing = {q.type for q in self.questions} - set(self.scales) - set(CHOICE_TYPES)
        if missing:
            raise ValueError(
                f"type(s) inconnu(s) : {sorted(missing)} ; attendu : une échelle de scales "
                f"({', '.join(self.scales)}) ou {', '.join(CHOICE_TYPES)}"
            )
        columns = [q.column for q in self.questions]
        twice = sorted({c for c in columns if columns.count(c) > 1})
        if twice:
            raise ValueError(f"colonne(s) en double : {twice}")
        if sum(q.overall for q in self.questions) > 1:
            raise ValueError("une seule question peut porter la satisfaction générale (overall)")
        yes_no = {q.column for q in self.questions_of("yes_no")}
        for q in self.questions:
            if q.subgroup and q.subgroup not in yes_no:
                raise ValueError(
                    f"{q.column} : subgroup « {q.subgroup} » doit être une question oui/non "
                    "(type yes_no) du catalogue"
                )
            if q.type == "multiple_choice" and not q.options:
                raise ValueError(f"{q.column} : un choix multiple doit lister ses options")
            if q.options and q.type not in ("single_choice", "multiple_choice"):
                raise ValueError(f"{q.column} : options réservées aux questions à choix")
            if q.profile_slide and q.type not in ("yes_no", "single_choice", "multiple_choice"):
                raise ValueError(
                    f"{q.column} : profile_slide ne vaut que pour une question oui/non ou à choix"
                )
            if (q.overall or q.subgroup or q.target) and not q.is_satisfaction:
                raise ValueError(
                    f"{q.column} : overall, subgroup et target ne valent que pour une question "
                    "de satisfaction"
                )
        return self


# Words that make a free text (a survey remark, a mystery caller's observation) read as
# criticism, matched as whole words ignoring case and accents; « * » ends a word's start.
# The packaged survey_themes.yaml and mystery_grid.yaml state them; a file that names none uses
# this list.
DEFAULT_CRITICAL_WORDS = (
    "pas", "peu", "jamais", "trop", "aucun*", "sans", "non", "impossible", "difficile*",
    "long*", "lent*", "incomplet*", "insuffisant*", "manqu*", "mal", "mauvais*", "tardi*",
    "confus*",
)  # fmt: skip


class VerbatimTheme(_Strict):
    label: str
    keywords: tuple[str, ...] = Field(min_length=1)
    # False for a theme that is no complaint (thanks, praise): never listed as a weak point.
    weakness: bool = True
    # The satisfaction questions (columns) the theme speaks of: their author's answers tell a
    # critical remark from praise, and one of them under its target asks for a critical quote.
    criteria: tuple[str, ...] = ()


class VerbatimThemes(_Strict):
    """The keyword dictionary that sorts free-text answers into themes."""

    themes: tuple[VerbatimTheme, ...] = Field(min_length=1)
    other_label: str = "Autres remarques"
    # Words that make a remark read as criticism, asked only when its author's answers to the
    # theme's criteria disagree (satisfied with one, dissatisfied with another).
    critical_words: tuple[str, ...] = DEFAULT_CRITICAL_WORDS


# --- the indicator catalogue ---------------------------------------------------------------------


@lru_cache
def load_indicator_catalogue() -> IndicatorCatalogue:
    """The indicator catalogue shipped with the package."""
    return validate_yaml(RESOURCES / "indicators.yaml", IndicatorCatalogue)


# --- the préfecture's configuration --------------------------------------------------------------


class SourceMapping(_Strict):
    """Where a source's export lies and how its headers and words map to the contract.

    ``file`` is relative to the raw folder; ``{year}`` in it is the year read (one file a year),
    without it the file is one export covering several years (each row's year is then read
    from its period column). ``coverage`` declares, per year, the months a register covers
    when it does not cover the whole year (``{2022: [1, 2, 3]}``); without it, the months are
    detected from the data and reported.
    """

    file: str
    sheet: str | None = None
    header_row: int = Field(1, ge=1)
    columns: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    coverage: dict[int, tuple[int, ...]] = {}
    # Columns of the préfecture's own, beside the contract's (typed and checked as the
    # contract's are), for its own indicators: {files: {type: integer, label: Dossiers}}.
    own_columns: dict[str, ColumnSpec] = {}

    @property
    def per_year(self) -> bool:
        return "{year}" in self.file

    @model_validator(mode="after")
    def _months(self):
        bad = sorted({m for months in self.coverage.values() for m in months if not 1 <= m <= 12})
        if bad:
            raise ValueError(f"coverage : mois invalides {bad} (attendu : 1 à 12)")
        return self


class Prefecture(_Strict):
    name: str
    short_name: str
    department_code: str
    population: int | None = None
    contact_email: str | None = None


SCHEMES = ("Qual-e-pref", "Services Publics+")


class Labels(_Strict):
    """The label the préfecture follows and its perimeter: the one source of truth for both.

    ``modules`` are the Qual-e-pref modules whose indicators are shown (under Services
    Publics+ every indicator with data is shown under its engagement: the modules only say
    which sources are expected); ``version`` is the year of the scheme's engagements (Services
    Publics+: 2021, 9 engagements; 2023, 8 engagements)."""

    scheme: Literal["Qual-e-pref", "Services Publics+"] = "Qual-e-pref"
    version: int | None = None
    modules: tuple[int, ...] = (1,)


class SurveySettings(_Strict):
    questions: str = "survey_questions.yaml"
    themes: str = "survey_themes.yaml"  # keyword dictionary sorting the verbatims by theme
    target: float = Field(0.85, gt=0, le=1)
    min_reliable_n: int = Field(30, ge=1)  # a rate on fewer answers carries a warning
    significance_level: float = Field(0.05, gt=0, lt=1)  # for changes between years
    ranked_criteria: int = Field(3, ge=1)  # strengths shown (every weak point is listed)
    # A strength is at least this far above its target (0.05: 5 points), never just under it.
    strength_margin: float = Field(0.05, ge=0, lt=1)
    quotes_per_theme: int = Field(3, ge=0)


class SecondSurveySettings(SurveySettings):
    """A second survey run through the same machinery under its own catalogue (by e-mail to
    the users who wrote, at the point numérique…): its title as the documents name it and the
    code of its results in the open-data file. Small samples are usual (3 replies of 40 sent):
    every rate under ``min_reliable_n`` answers is marked fragile."""

    title: str = "Enquête par courriel"
    questions: str = "survey_email_questions.yaml"
    code: str = Field("enquete_courriel", pattern=r"^[a-z0-9_]+$")


class FeedbackSettings(_Strict):
    """The users' feedback platform (Services Publics+ « Donnez votre avis » / « Je donne mon
    avis »): its name in the documents, the structures whose experiences count (the national
    export holds every structure's: empty keeps every row), the keyword dictionary sorting the
    experiences' texts by theme, the scale of a numeric rating."""

    name: str = "« Donnez votre avis » (Services Publics+)"
    structures: tuple[str, ...] = ()
    themes: str = "survey_themes.yaml"
    rating_max: int = Field(5, ge=1)
    min_reliable_n: int = Field(30, ge=1)  # a share of fewer experiences is shown as « n sur m »
    quotes_per_theme: int = Field(1, ge=0)


class MysterySettings(_Strict):
    # Criteria of the call grid, their stage (SVI, standard, après transfert) and e-mail checks.
    grid: str = "mystery_grid.yaml"
    target: float = Field(0.85, gt=0, le=1)
    # A call picked up after more rings than this is flagged (« plus de 10 sonneries »).
    max_rings: int = Field(10, ge=1)
    # A call at or after this time belongs to the afternoon half-day.
    afternoon_from: str = Field("12:00", pattern=TIME_PATTERN)
    # The protocol: at least this many calls over the campaign, one per half-day.
    min_calls: int = Field(20, ge=1)
    # A point positif is at least this far above the target (0.05: 5 points).
    strength_margin: float = Field(0.05, ge=0, lt=1)


class PublishedItem(_Strict):
    """A result the Transparence poster shows: an indicator's code (or ``satisfaction:overall``,
    ``satisfaction:<question column>``, ``satisfaction_nette:overall`` for the survey) and the
    sentence a visitor reads, with ``{sur_10}``, ``{pourcentage}``, ``{jours}``, ``{valeur}``,
    ``{nombre}`` or ``{points}`` where the figure goes."""

    code: str
    wording: str
    # The sentence when every one counts (100 %), e.g. « Tous les appels décrochés »; default:
    # the wording's « {sur_10} … sur 10 » read « Tous les … » or « Toutes les … ».
    wording_all: str = ""


class TransparenceSettings(_Strict):
    """What the préfecture publishes (« affiche Transparence », open-data results file)."""

    structure_id: str = ""  # the structure's identifier in the open-data file (SIRET, code…)
    structure_name: str = ""  # default: the préfecture's name
    updated_on: dt.date | None = None  # « mis à jour le … »; default: the end of the data shown
    poster_where: str = "dans le hall d'accueil et sur le site internet"
    open_data_where: str = "sur le site internet de la préfecture et sur data.gouv.fr"
    # The poster's results; empty: the label's published list (its scheme file).
    indicators: tuple[PublishedItem, ...] = ()
    # The préfecture's own logo (its bloc-marque: PNG, JPEG or SVG), relative to this file; none
    # is shipped: without it the poster writes « République française » and the motto.
    logo: str = ""


class Channel(_Strict):
    """An indicator slide of the deck: the catalogue themes and codes it shows."""

    title: str
    themes: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()


class Wording(_Strict):
    """How the deck words an indicator: a few words for a table, the phrase of a title."""

    short: str = ""
    finding: str = ""


class DeckSettings(_Strict):
    """How the deck groups and words the indicators: pipeline/resources/deck.yaml, of which a
    préfecture overrides what it gives under ``deck:`` (its channels replace the default
    ones; its wordings add to or replace the default ones, code by code)."""

    period_unit: Literal["auto", "months", "quarters", "years"] | None = None
    channels: tuple[Channel, ...] | None = None
    wordings: dict[str, Wording] = {}


class InputLimits(_Strict):
    """How far a workbook read may inflate (a « zip bomb » is refused before it is opened).

    A real export compresses 5 to 25 times, and a survey of a million rows as .xlsx is 0.6 to
    1.5 GB once inflated: the defaults leave room for both (:mod:`pipeline.core.office_files`)."""

    max_part_mb: int = Field(4096, ge=1)  # a part of the workbook (a sheet…), inflated
    max_ratio: int = Field(100, ge=10)  # inflated / compressed, for a part above 32 MB
    max_cells: int = Field(100_000_000, ge=1_000_000)  # cells a sheet spans (rows × columns)


class PrefectureConfig(_Strict):
    prefecture: Prefecture
    labels: Labels = Labels()
    history_years: int = Field(3, ge=1, le=10)
    survey: SurveySettings = SurveySettings()
    second_survey: SecondSurveySettings = SecondSurveySettings()
    feedback: FeedbackSettings = FeedbackSettings()
    mystery: MysterySettings = MysterySettings()
    indicators: IndicatorSettings = IndicatorSettings()
    transparence: TransparenceSettings = TransparenceSettings()
    deck: DeckSettings = DeckSettings()
    input_limits: InputLimits = InputLimits()
    meeting_file: str
    sources: dict[str, SourceMapping]
    # Where the raw exports lie, relative to this file (default: the project's data/raw).
    raw_folder: str | None = None
    # The sub-folder of data/processed and output holding this préfecture's products (default:
    # none for the bundled sample's configuration, else a name made from the préfecture's name).
    workspace: str | None = Field(None, pattern=WORKSPACE_PATTERN)
    path: Path | None = None  # set on load: the file this configuration came from


# PyYAML's problems, as a quality officer would fix them.
YAML_PROBLEMS = {
    "mapping values are not allowed here": "« : » inattendu (une valeur contenant « : » doit "
    "être entre guillemets)",
    "could not find expected ':'": "« : » manquant après une clé",
    "found character '\\t' that cannot start any token": "tabulation : indentez avec des espaces",
    "found a tab character": "tabulation : indentez avec des espaces",
    "expected <block end>, but found": "indentation incohérente (décalage d'une ligne ?)",
    "expected <block end>, but found '-'": "indentation incohérente d'un élément de liste « - »",
    "found unexpected end of stream": "guillemet ou crochet non fermé",
    "did not find expected key": "indentation incohérente ou clé manquante",
    "found duplicate anchor": "ancre en double",
    "found undefined alias": "alias « * » non défini",
    "found unknown escape character": "caractère d'échappement inconnu après « \\ »",
    "did not find expected ',' or ']'": "crochet « ] » non fermé",
    "did not find expected ',' or '}'": "accolade « } » non fermée",
}


def _yaml_problem(error: yaml.YAMLError) -> str:
    problem = getattr(error, "problem", "") or str(error)
    if problem.startswith("clé « "):
        return problem
    for english, french in YAML_PROBLEMS.items():
        if problem.startswith(english):
            return french
    return "syntaxe YAML invalide"


class _UniqueKeys:
    """A YAML loader refusing a key written twice (the second would silently win)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"clé « {key} » en double (déjà à la ligne {seen[key]})",
                    key_node.start_mark,
                )  # fmt: skip
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """PyYAML's safe loader: its messages are the ones translated for the user."""


# libyaml's loader, several times faster, for files without errors (its messages differ: a
# file it refuses is read again by the loader above, for the message).
_FastUniqueKeyLoader = type(
    "_FastUniqueKeyLoader", (_UniqueKeys, getattr(yaml, "CSafeLoader", yaml.SafeLoader)), {}
)


def _read_yaml(path: Path) -> dict:
    """A YAML file's content; read once per version of the file (its size and time), as every
    notebook of a run opens the same configuration and catalogues."""
    try:
        stat = Path(path).stat()
    except OSError:
        return _parse_yaml(path)
    return copy.deepcopy(_cached_yaml(str(path), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=64)
def _cached_yaml(path: str, mtime_ns: int, size: int) -> dict:
    return _parse_yaml(Path(path))


def _parse_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        try:
            data = yaml.load(text, Loader=_FastUniqueKeyLoader) or {}
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_UniqueKeyLoader) or {}
    except FileNotFoundError:
        raise ConfigError(f"Fichier de configuration introuvable : {path}") from None
    except UnicodeDecodeError:
        raise ConfigError(
            f"Fichier {path} : problème d'encodage ; enregistrez-le en UTF-8 puis relancez."
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", ligne {mark.line + 1}, colonne {mark.column + 1}" if mark else ""
        raise ConfigError(
            f"Fichier {path} illisible{where} : {_yaml_problem(error)}. Corrigez-le puis relancez."
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(
            f"Fichier {path} : une suite de clés « nom: valeur » est attendue, pas une valeur "
            "seule ou une liste."
        )
    return data


FRENCH_ERRORS = {
    "missing": "valeur obligatoire manquante",
    "extra_forbidden": "clé inconnue (faute de frappe ?)",
    "date_from_datetime_parsing": "date invalide (attendu : AAAA-MM-JJ)",
    "date_parsing": "date invalide (attendu : AAAA-MM-JJ)",
    "date_type": "date invalide (attendu : AAAA-MM-JJ)",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "float_parsing": "nombre attendu",
    "float_type": "nombre attendu",
    "int_from_float": "nombre entier attendu",
    "dict_type": "une suite de clés « nom: valeur » est attendue",
    "model_type": "une suite de clés « nom: valeur » est attendue",
    "bool_parsing": "true ou false attendu",
    "string_type": "texte attendu",
    "too_short": "liste vide : au moins un élément attendu",
    "greater_than": "valeur trop petite",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
}


# What a text that does not match its pattern should look like, by pattern.
PATTERN_WORDS = {
    TIME_PATTERN: "format invalide (heure attendue sous la forme 12:00)",
    WORKSPACE_PATTERN: "nom de dossier invalide : un seul nom (lettres sans accent, chiffres, "
    "« - », « _ » ou « . », commençant par une lettre ou un chiffre), sans « / », « \\ » ni "
    "« .. » : les documents restent dans data/processed/ et output/ du projet",
}


def _french(item: dict) -> str:
    if item["type"] == "value_error":  # a validator's own French message
        return str(item["ctx"]["error"])
    if item["type"] == "union_tag_invalid":  # a formula's unknown kind
        tags = re.findall(r"'([^']*)'", str(item["ctx"]["expected_tags"]))
        return f"« {item['ctx']['tag']} » inconnu (attendu : {format_choices(tags)})"
    if item["type"] == "union_tag_not_found":
        return (
            "kind manquant : le type de formule (within_delay, delay, count, ratio, share ou value)"
        )
    if item["type"] == "string_pattern_mismatch":
        return PATTERN_WORDS.get(item["ctx"]["pattern"], "format invalide")
    if item["type"] == "literal_error":  # pydantic says « 'a', 'b' or 'c' »
        words = re.findall(r"'([^']*)'", str(item["ctx"]["expected"]))
        listed = format_choices(words) if words else str(item["ctx"]["expected"])
        return f"valeur non autorisée (attendu : {listed})"
    return FRENCH_ERRORS.get(item["type"], item["msg"])


def _tagged(union, tag) -> type[BaseModel] | None:
    """The member of a union of models whose ``kind`` is ``tag`` (a formula's kind)."""
    for member in typing.get_args(union):
        kind = getattr(member, "model_fields", {}).get("kind")
        if kind is not None and tag in typing.get_args(kind.annotation):
            return member
    return None


def _allowed_keys(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys a model accepts where ``loc`` points (for « did you mean » on a typo)."""
    current = model
    for part in loc[:-1]:
        if typing.get_origin(current) in (typing.Union, types.UnionType):
            member = _tagged(current, part)
            if member is not None:  # (pydantic puts a formula's kind in the path)
                current = member
                continue
            current = next(a for a in typing.get_args(current) if a is not type(None))
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        elif typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]
        elif typing.get_origin(current) in (tuple, list):
            current = typing.get_args(current)[0]
        else:
            return []
    if typing.get_origin(current) in (typing.Union, types.UnionType):
        current = next(a for a in typing.get_args(current) if a is not type(None))
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [field.alias or name for name, field in current.model_fields.items()]
    return []


def nearest(word: str, choices) -> str:
    """« (vouliez-vous dire « sources » ?) » for a typo, empty when nothing is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=2, cutoff=0.6)
    return f" (vouliez-vous dire {' ou '.join(f'« {c} »' for c in close)} ?)" if close else ""


def _where(loc: tuple) -> str:
    """« indicators.custom.permis_median.formula.statistic »: the key, without the formula's
    kind that pydantic inserts after « formula »."""
    parts = [str(part) for part in loc]
    parts = [p for i, p in enumerate(parts) if not (i and parts[i - 1] == "formula" and p in KINDS)]
    return ".".join(parts) or "(racine)"


def _validation_message(path: Path, error: ValidationError, model=None) -> str:
    lines = [f"Configuration invalide : {path}"]
    lines += [f"  - {line}" for line in _error_lines(error, model)]
    lines.append("Corrigez le fichier puis relancez.")
    return "\n".join(lines)


def _error_lines(error: ValidationError, model=None) -> list[str]:
    """One French line per problem pydantic found, naming its key."""
    lines = []
    for item in error.errors():
        tagged = item["type"] in ("union_tag_invalid", "union_tag_not_found")
        where = _where((*item["loc"], "kind") if tagged else item["loc"])
        given = (
            f" (reçu : « {item['input']} »)" if not isinstance(item["input"], dict | list) else ""
        )
        hint = ""
        if item["type"] == "extra_forbidden" and model is not None:
            allowed = _allowed_keys(model, tuple(item["loc"]))
            hint = nearest(item["loc"][-1], allowed)
            if allowed and not hint:
                hint = f" (clés possibles : {', '.join(allowed)})"
            given = ""
        lines.append(f"{where} : {_french(item)}{hint}{given}")
    return lines


def validate_yaml(path: Path, model: type[BaseModel], data: dict | None = None):
    """Validate a YAML file (or its already-read content) against a model; ConfigError if bad."""
    data = _read_yaml(path) if data is None else data
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_validation_message(path, error, model)) from None


@lru_cache
def load_contract() -> Contract:
    """The data contract shipped with the package."""
    return validate_yaml(RESOURCES / "contract.yaml", Contract)


def load_config(path: Path) -> PrefectureConfig:
    """A préfecture's configuration, checked against the contract: every source it maps, every
    column its headers map onto, every target it overrides (:func:`check_against_contract`)."""
    path = Path(path)
    config = validate_yaml(path, PrefectureConfig).model_copy(update={"path": path.resolve()})
    check_against_contract(config)
    return config


def check_against_contract(config: PrefectureConfig) -> None:
    """ConfigError in French, naming the key and the nearest valid names, for: a source the
    contract does not have; a header mapped onto a column the source does not have; a value
    alias for such a column; an indicator definition or target that does not hold
    (:func:`indicator_catalogue`)."""
    contract = load_contract().sources
    problems = []
    for name, mapping in config.sources.items():
        if name not in contract:
            problems.append(
                f"sources.{name} : source inconnue du contrat{nearest(name, contract)} ; "
                f"sources possibles : {', '.join(contract)}"
            )
            continue
        known = set(contract[name].columns) | set(mapping.own_columns)
        for column in sorted(set(contract[name].columns) & set(mapping.own_columns)):
            problems.append(
                f"sources.{name}.own_columns.{column} : colonne déjà prévue par le contrat ; "
                "donnez un autre nom à la colonne propre à la préfecture"
            )
        if contract[name].question_catalogue:
            # (a catalogue that does not read is told as it is, never as the mapping's error
            # of every question it would have defined)
            known |= {q.column for q in load_questions(config, name).questions}
        for header, canonical in mapping.columns.items():
            if canonical not in known:
                problems.append(
                    f"sources.{name}.columns « {header} » : {canonical} n'est pas une colonne "
                    f"de cette source{nearest(canonical, known)}"
                )
        for column, words in mapping.values.items():
            if column not in known:
                problems.append(
                    f"sources.{name}.values : {column} n'est pas une colonne de cette source"
                    f"{nearest(column, known)}"
                )
                continue
            specs = {**contract[name].columns, **mapping.own_columns}
            allowed = specs[column].allowed if column in specs else ()
            if column in specs and specs[column].type == "boolean":
                allowed = ("oui", "non")
            for word, value in words.items():
                if allowed and value not in allowed:
                    problems.append(
                        f"sources.{name}.values.{column} : « {word} » renvoie vers « {value} », "
                        f"qui n'est pas une valeur permise{nearest(value, allowed)} ; valeurs "
                        f"possibles : {format_choices(allowed)}"
                    )
        braces = [part for part in re.findall(r"\{[^}]*\}", mapping.file) if part != "{year}"]
        if braces:
            problems.append(
                f"sources.{name}.file : « {braces[0]} » n'est pas reconnu dans le nom de "
                "fichier ; seul {year} (l'année lue) l'est"
            )
    problems += _indicator_definitions(config)[1]
    if problems:
        raise ConfigError(
            f"Configuration invalide : {config.path}\n"
            + "\n".join(f"  - {problem}" for problem in problems)
            + "\nCorrigez le fichier puis relancez."
        )


class _Definitions(_Strict):
    """The indicators as validated, each under the key of the configuration it comes from
    (``custom``, ``params``, or ``catalogue`` for those the préfecture leaves as they are)."""

    indicators: dict[str, dict[str, Indicator]]


_DEFINED: dict[str, tuple[tuple[Indicator, ...], list[str]]] = {}


def _indicator_definitions(config: PrefectureConfig) -> tuple[tuple[Indicator, ...], list[str]]:
    """The catalogue's indicators with the préfecture's changes, then its own, and the
    problems found (French, each naming its key). Remembered per configuration (every table
    of a run asks for them)."""
    remembered = config.model_dump_json()
    if remembered in _DEFINED:
        return _DEFINED[remembered]
    settings, catalogue = config.indicators, load_indicator_catalogue().indicators
    entries, origins = merged_entries(catalogue, settings)
    problems = [
        f"indicators.{section}.{code} : indicateur inconnu du catalogue"
        f"{nearest(code, entries)} ; pour un indicateur propre, décrivez-le sous "
        "indicators.custom"
        for section in ("targets", "params") for code in getattr(settings, section)
        if code not in entries
    ]  # fmt: skip
    base = {indicator.code: indicator for indicator in catalogue}
    for code, entry in entries.items():
        written, key = written_target(code, settings, None)
        if written is None or entry.get("unit") not in ("%", "j", "nombre", "‰", "min"):
            continue  # (an unknown unit is told as such)
        comparator = base[code].target.comparator if code in base and base[code].target else None
        try:
            entry["target"] = parse_target(written, entry["unit"], comparator)
        except ValueError as error:
            problems.append(f"{key} : {error}")
            entry["target"] = None
    grouped: dict[str, dict] = {}
    for code, entry in entries.items():
        grouped.setdefault(origins[code], {})[code] = entry
    try:
        checked = _Definitions.model_validate({"indicators": grouped})
    except ValidationError as error:
        result = ((), problems + _error_lines(error, _Definitions))
    else:
        found = {code: i for group in checked.indicators.values() for code, i in group.items()}
        definitions = tuple(found[code] for code in entries)
        contract = load_contract().sources
        own = {name: dict(mapping.own_columns) for name, mapping in config.sources.items()}
        for indicator in definitions:
            if origins[indicator.code] != "catalogue":
                key = f"indicators.{origins[indicator.code]}.{indicator.code}"
                problems += definition_problems(indicator, key, contract, own, config.labels.scheme)
        result = (definitions, problems)
    if len(_DEFINED) > 32:
        _DEFINED.pop(next(iter(_DEFINED)))
    _DEFINED[remembered] = result
    return result


def indicator_catalogue(config: PrefectureConfig) -> tuple[Indicator, ...]:
    """Every indicator of a préfecture: the catalogue's, with its changes (``indicators.params``,
    ``indicators.targets``, ``indicators.custom``), then its own (``indicators.custom``), in the
    order written. ConfigError in French, naming each key, when a definition does not hold."""
    definitions, problems = _indicator_definitions(config)
    if problems:
        raise ConfigError(
            f"Configuration invalide : {config.path}\n"
            + "\n".join(f"  - {problem}" for problem in problems)
            + "\nCorrigez le fichier puis relancez."
        )
    return definitions


def indicator_by_code(code: str, config: PrefectureConfig) -> Indicator:
    """The préfecture's indicator with this code (the catalogue's, with its changes)."""
    return next(i for i in indicator_catalogue(config) if i.code == code)


def resource_file(config: PrefectureConfig, name: str) -> Path:
    """A catalogue file: the préfecture's own (beside its configuration), else the packaged one.

    Returns the packaged path even when it does not exist (the caller says what is missing).
    """
    if config.path is not None and (config.path.parent / name).is_file():
        return config.path.parent / name
    return RESOURCES / name


def _catalogue(config: PrefectureConfig, name: str, what: str) -> Path:
    path = resource_file(config, name)
    if not path.is_file():
        raise ConfigError(
            f"{what} introuvable : {name} (ni à côté de la configuration {config.path}, ni "
            "parmi les catalogues fournis)."
        )
    return path


def scheme_file_name(scheme: str) -> str:
    """``Services Publics+`` → ``scheme_services-publics-plus.yaml``."""
    return f"scheme_{workspace_name(scheme.replace('+', ' plus'))}.yaml"


def catalogue_files(config: PrefectureConfig) -> dict[str, Path]:
    """The catalogues a configuration uses, by role: questions, themes, grid, scheme; the second
    survey's questions and themes, the feedback platform's themes."""
    return {
        "questions": resource_file(config, config.survey.questions),
        "themes": resource_file(config, config.survey.themes),
        "grid": resource_file(config, config.mystery.grid),
        "scheme": resource_file(config, scheme_file_name(config.labels.scheme)),
        "second_questions": resource_file(config, config.second_survey.questions),
        "second_themes": resource_file(config, config.second_survey.themes),
        "feedback_themes": resource_file(config, config.feedback.themes),
    }


# The survey sources of the contract and the section of the configuration naming their
# catalogues (questions, themes) and settings: the annual survey, and a second one (by e-mail…).
SURVEY_SOURCES = {"survey_responses": "survey", "second_survey_responses": "second_survey"}


def survey_settings(config: PrefectureConfig, source: str = "survey_responses"):
    """The settings of a survey source (:data:`SURVEY_SOURCES`)."""
    return getattr(config, SURVEY_SOURCES[source])


def load_questions(config: PrefectureConfig, source: str = "survey_responses") -> QuestionCatalogue:
    """A survey's question catalogue (the annual survey's, or the second survey's with
    ``source="second_survey_responses"``): the préfecture's own file, else the packaged
    default."""
    settings = survey_settings(config, source)
    path = _catalogue(config, settings.questions, "Catalogue de questions")
    catalogue = validate_yaml(path, QuestionCatalogue)
    known = {q.column for q in catalogue.questions}
    for spec in load_contract().sources.values():
        if spec.question_catalogue:
            known |= set(spec.columns)
    unknown = [b.column for b in catalogue.breakdowns if b.column not in known]
    if unknown:
        raise ConfigError(
            f"Catalogue {path} : breakdowns sur une colonne inconnue : {', '.join(unknown)}. "
            "Colonnes possibles : une question du catalogue ou une colonne de l'enquête du "
            "contrat (site, mode…)."
        )
    return catalogue


def questions_read_at_ingestion(config: PrefectureConfig) -> dict:
    """What the ingestion uses of the question catalogue: each answer column's spec (its header,
    type and allowed values) and the words for « non concerné ». Wordings only the survey's tables
    read (short labels, themes, targets, breakdowns) are not in it: editing them re-runs the
    survey, not the ingestion."""
    catalogue = load_questions(config)
    columns = catalogue.column_specs()
    read = {
        "columns": {name: spec.model_dump(mode="json") for name, spec in columns.items()},
        "not_concerned": sorted(catalogue.not_concerned_aliases()),
    }
    if "second_survey_responses" in config.sources:  # (only when kept: nothing else changes)
        second = load_questions(config, "second_survey_responses")
        read["second_survey"] = {
            "columns": {n: s.model_dump(mode="json") for n, s in second.column_specs().items()},
            "not_concerned": sorted(second.not_concerned_aliases()),
        }
    return read


def load_verbatim_themes(
    config: PrefectureConfig, source: str = "survey_responses"
) -> VerbatimThemes:
    """The keyword dictionary of the verbatims: the préfecture's own file, else the default;
    a survey source's (:data:`SURVEY_SOURCES`), or the feedback platform's
    (``source="feedback_platform"``: the tone of an experience is its author's feeling, its
    ``criteria`` are not read)."""
    name = config.feedback.themes if source == "feedback_platform" else (
        survey_settings(config, source).themes)  # fmt: skip
    path = _catalogue(config, name, "Dictionnaire des thèmes des verbatims")
    themes = validate_yaml(path, VerbatimThemes)
    if path.parent != RESOURCES and source in SURVEY_SOURCES:  # its criteria are its questions
        asked = {q.column for q in load_questions(config, source).satisfaction_questions}
        unknown = sorted({c for t in themes.themes for c in t.criteria} - asked)
        if unknown:
            raise ConfigError(
                f"Dictionnaire {path} : criteria nomme des colonnes qui ne sont pas des questions "
                f"de satisfaction du catalogue : {', '.join(unknown)}. Corrigez la liste "
                "(colonnes du catalogue des questions) ou retirez-la."
            )
    return themes


def load_deck_settings(config: PrefectureConfig) -> DeckSettings:
    """The deck's channels and wordings: the packaged defaults with the préfecture's own."""
    defaults = validate_yaml(RESOURCES / "deck.yaml", DeckSettings)
    own = config.deck
    return DeckSettings(
        period_unit=own.period_unit or defaults.period_unit or "auto",
        channels=own.channels if own.channels is not None else defaults.channels or (),
        wordings={**defaults.wordings, **own.wordings},
    )
