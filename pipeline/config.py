"""Load and validate the YAML configuration files, with errors in French.

Three kinds of configuration are data, never code:
- the data contract (``resources/contract.yaml``): canonical sources, columns, types, checks;
- the survey's question catalogue (``resources/survey_questions.yaml`` or the préfecture's own);
- the préfecture's configuration (``config/prefecture.yaml``): names, files, header mappings.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pipeline.exceptions import ConfigError
from pipeline.paths import RESOURCES

ColumnType = Literal[
    "text", "free_text", "category", "multi", "date", "month", "quarter",
    "integer", "number", "percent", "boolean", "time", "mark",
]  # fmt: skip
NOT_CONCERNED = "Non concerné"


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
    grain: str
    period_column: str
    columns: dict[str, ColumnSpec]
    checks: tuple[RowCheck, ...] = ()
    unique_together: tuple[str, ...] = ()
    question_catalogue: str | None = None


class Contract(_Strict):
    sources: dict[str, SourceSpec]


# --- the survey's question catalogue -------------------------------------------------------------


class Scale(_Strict):
    levels: tuple[str, ...] = ()
    satisfied: tuple[str, ...] = ()
    very_satisfied: tuple[str, ...] = ()
    not_concerned: tuple[str, ...] = ()
    min: int | None = None
    max: int | None = None
    satisfied_from: int | None = None
    very_satisfied_from: int | None = None


class Question(_Strict):
    column: str
    label: str
    theme: str
    type: Literal["scale4", "mark10"]
    subgroup: str | None = None
    overall: bool = False
    target: float | None = None


class QuestionCatalogue(_Strict):
    scales: dict[str, Scale]
    questions: tuple[Question, ...]

    def column_specs(self) -> dict[str, ColumnSpec]:
        """The survey_responses columns that hold the answers, typed by each question's scale.

        A 4-level answer is a category (its levels plus « Non concerné »); a mark is stored
        as text, ``"1"`` … ``"10"`` or « Non concerné », so that a not-concerned answer stays
        distinct from a blank one.
        """
        specs = {}
        for question in self.questions:
            scale = self.scales[question.type]
            if scale.levels:
                spec = ColumnSpec(
                    type="category", label=question.label,
                    allowed=(*scale.levels, NOT_CONCERNED),
                )  # fmt: skip
            else:
                spec = ColumnSpec(type="mark", label=question.label, min=scale.min, max=scale.max)
            specs[question.column] = spec
        return specs

    def not_concerned_aliases(self) -> dict[str, str]:
        words = {word for scale in self.scales.values() for word in scale.not_concerned}
        return {word: NOT_CONCERNED for word in words}

    @model_validator(mode="after")
    def _types_have_scales(self):
        missing = {q.type for q in self.questions} - set(self.scales)
        if missing:
            raise ValueError(f"échelle(s) non définie(s) dans scales : {sorted(missing)}")
        return self


# --- the indicator catalogue ---------------------------------------------------------------------


class Target(_Strict):
    comparator: Literal[">=", ">", "<=", "<"]
    value: float


class Indicator(_Strict):
    code: str
    label: str
    module: int
    theme: str
    engagement: str = ""
    unit: Literal["%", "j", "nombre", "‰"]
    target: Target | None = None
    source: str
    formula: Literal[
        "ratio_of_sums", "mean_ratio_to_population", "mean_of_column", "per_day",
        "replies_within", "mean_reply_delay",
    ]  # fmt: skip
    params: dict = {}
    note: str = ""


class IndicatorCatalogue(_Strict):
    indicators: tuple[Indicator, ...]


@lru_cache
def load_indicator_catalogue() -> IndicatorCatalogue:
    """The indicator catalogue shipped with the package."""
    return validate_yaml(RESOURCES / "indicators.yaml", IndicatorCatalogue)


# --- the préfecture's configuration --------------------------------------------------------------


class SourceMapping(_Strict):
    file: str
    sheet: str | None = None
    header_row: int = Field(1, ge=1)
    columns: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}


class Prefecture(_Strict):
    name: str
    short_name: str
    department_code: str
    population: int | None = None
    contact_email: str | None = None


class Labels(_Strict):
    scheme: str = "Qual-e-pref"
    modules: tuple[int, ...] = (1,)


class IndicatorSettings(_Strict):
    # Holding replies ("réponses d'attente") count as replies when true (seed 002's rule).
    count_holding_replies: bool = True
    # Overrides of the catalogue's target values, by indicator code.
    targets: dict[str, float] = {}


class SurveySettings(_Strict):
    questions: str = "survey_questions.yaml"
    target: float = Field(0.85, gt=0, le=1)


class MysterySettings(_Strict):
    # Criteria of the call grid, their stage (SVI, standard, après transfert) and e-mail checks.
    grid: str = "mystery_grid.yaml"
    target: float = Field(0.85, gt=0, le=1)
    # A call picked up after more rings than this is flagged (seed 003: « plus de 10 sonneries »).
    max_rings: int = Field(10, ge=1)
    # A call at or after this time belongs to the afternoon half-day.
    afternoon_from: str = Field("12:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    # The protocol: at least this many calls over the campaign, one per half-day.
    min_calls: int = Field(20, ge=1)


class PrefectureConfig(_Strict):
    prefecture: Prefecture
    labels: Labels = Labels()
    history_years: int = Field(3, ge=1, le=10)
    survey: SurveySettings = SurveySettings()
    mystery: MysterySettings = MysterySettings()
    indicators: IndicatorSettings = IndicatorSettings()
    meeting_file: str
    sources: dict[str, SourceMapping]
    path: Path | None = None  # set on load: the file this configuration came from


def _read_yaml(path: Path) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle) or {}
    except FileNotFoundError:
        raise ConfigError(f"Fichier de configuration introuvable : {path}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"Fichier de configuration illisible (YAML) : {path}\n{error}") from None


FRENCH_ERRORS = {
    "missing": "valeur obligatoire manquante",
    "extra_forbidden": "clé inconnue (faute de frappe ?)",
    "date_from_datetime_parsing": "date invalide (attendu : AAAA-MM-JJ)",
    "date_parsing": "date invalide (attendu : AAAA-MM-JJ)",
    "date_type": "date invalide (attendu : AAAA-MM-JJ)",
    "int_parsing": "nombre entier attendu",
    "int_type": "nombre entier attendu",
    "float_parsing": "nombre attendu",
    "bool_parsing": "true ou false attendu",
    "string_type": "texte attendu",
    "string_pattern_mismatch": "format invalide (heure attendue sous la forme 12:00)",
    "too_short": "liste vide : au moins un élément attendu",
    "greater_than": "valeur trop petite",
    "greater_than_equal": "valeur trop petite",
    "less_than_equal": "valeur trop grande",
}


def _french(item: dict) -> str:
    if item["type"] == "literal_error":
        return f"valeur non autorisée (attendu : {item['ctx']['expected']})"
    return FRENCH_ERRORS.get(item["type"], item["msg"])


def _validation_message(path: Path, error: ValidationError) -> str:
    lines = [f"Configuration invalide : {path}"]
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"]) or "(racine)"
        given = (
            f" (reçu : « {item['input']} »)" if not isinstance(item["input"], dict | list) else ""
        )
        lines.append(f"  - {where} : {_french(item)}{given}")
    lines.append("Corrigez le fichier puis relancez.")
    return "\n".join(lines)


def validate_yaml(path: Path, model: type[BaseModel], data: dict | None = None):
    """Validate a YAML file (or its already-read content) against a model; ConfigError if bad."""
    data = _read_yaml(path) if data is None else data
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ConfigError(_validation_message(path, error)) from None


@lru_cache
def load_contract() -> Contract:
    """The data contract shipped with the package."""
    return validate_yaml(RESOURCES / "contract.yaml", Contract)


def load_config(path: Path) -> PrefectureConfig:
    """A préfecture's configuration; every source it maps must exist in the contract."""
    path = Path(path)
    config = validate_yaml(path, PrefectureConfig).model_copy(update={"path": path.resolve()})
    unknown = set(config.sources) - set(load_contract().sources)
    if unknown:
        raise ConfigError(
            f"Configuration {path} : source(s) inconnue(s) du contrat de données : "
            f"{', '.join(sorted(unknown))}. Sources possibles : "
            f"{', '.join(load_contract().sources)}."
        )
    return config


def load_questions(config: PrefectureConfig) -> QuestionCatalogue:
    """The survey's question catalogue: the préfecture's own file, else the packaged default."""
    candidates = [RESOURCES / config.survey.questions]
    if config.path is not None:
        candidates.insert(0, config.path.parent / config.survey.questions)
    for candidate in candidates:
        if candidate.is_file():
            return validate_yaml(candidate, QuestionCatalogue)
    raise ConfigError(f"Catalogue de questions introuvable : {config.survey.questions}")
