"""The label a préfecture follows (Qual-e-pref or Services Publics+), in the label's own words.

Each scheme has a YAML catalogue (``resources/scheme_<name>.yaml``, or the préfecture's own copy
beside its configuration): Qual-e-pref's modules, their titles and which is mandatory; Services
Publics+' engagements per version and the engagement each indicator serves; the sentences the
deck and the minutes use. The configuration's ``labels`` (scheme, version, modules) is the one
source of truth; nothing here is typed in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict

from pipeline.core.config import (
    PrefectureConfig,
    PublishedItem,
    resource_file,
    scheme_file_name,
    validate_yaml,
)
from pipeline.core.exceptions import ConfigError

OTHER_GROUP = 99  # the group of indicators a scheme does not place
MODULES_SCHEME = "Qual-e-pref"  # whose modules organise the indicator catalogue


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Module(_Strict):
    title: str
    mandatory: bool = False


class Version(_Strict):
    engagements: dict[int, str]
    indicators: dict[str, int] = {}  # indicator code → the engagement it serves


class SchemeCatalogue(_Strict):
    name: str
    groups: Literal["modules", "engagements"]
    engagement_column: bool = True
    net_satisfaction: bool = False
    results_engagement: str = ""
    modules: dict[int, Module] = {}
    versions: dict[int, Version] = {}
    texts: dict[str, str] = {}
    published: tuple[PublishedItem, ...] = ()  # the results its poster shows, in this order


@dataclass(frozen=True)
class Scheme:
    """A scheme as a préfecture applies it: its catalogue, version and perimeter."""

    catalogue: SchemeCatalogue
    version: int | None
    modules: tuple[int, ...]
    # The Qual-e-pref modules' titles: the indicator catalogue is organised by module whatever
    # the scheme, so a Services Publics+ préfecture names its perimeter with them too.
    module_titles: dict[int, Module] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.catalogue.name

    @property
    def by_engagement(self) -> bool:
        return self.catalogue.groups == "engagements"

    @property
    def engagements(self) -> dict[int, str]:
        if self.version is None:
            return {}
        return self.catalogue.versions[self.version].engagements

    def text(self, key: str, **values) -> str:
        return self.catalogue.texts.get(key, "").format(
            scheme=self.name, version=self.version, count=len(self.engagements), **values
        )

    def module_title(self, module: int) -> str:
        found = self.catalogue.modules.get(module) or self.module_titles.get(module)
        return found.title if found else f"Module {module}"

    def group(
        self, code: str, module: int | None, engagement: int | None = None
    ) -> tuple[int, str]:
        """The group an indicator is shown in: its module (Qual-e-pref) or the engagement it
        serves (Services Publics+: its own ``engagement``, else the version's list), as
        (number, title)."""
        if not self.by_engagement:
            return module, self.module_title(module)
        number = engagement or self.catalogue.versions[self.version].indicators.get(code)
        if number is None:
            return OTHER_GROUP, self.text("other_group") or "Autres indicateurs"
        return number, self.engagements[number]

    def group_title(self, number: int, title: str) -> str:
        """« module 1 : Relation générale avec les usagers », « engagement 2 : Vous pouvez… »"""
        if number == OTHER_GROUP:
            return title
        return self.text("group_title", number=number, title=title)

    def group_heading(self, number: int, title: str) -> str:
        """« Module 1 — Relation générale avec les usagers » (tables, dashboard bands)."""
        if number == OTHER_GROUP:
            return title
        return self.text("group_heading", number=number, title=title)

    def approach_items(self) -> list[str]:
        """The items of the quality-approach slide: modules (« obligatoire »), or the
        engagements in their order (numbered by the slide's list)."""
        if self.by_engagement:
            return [self.engagements[number] for number in sorted(self.engagements)]
        mandatory = self.catalogue.texts.get("mandatory", "obligatoire")
        return [
            f"Module {m} — {self.module_title(m)}"
            + (f" ({mandatory})" if self.catalogue.modules.get(m, Module(title="")).mandatory
               else "")
            for m in self.modules
        ]  # fmt: skip

    @property
    def results_engagement(self) -> str:
        """The engagement of publishing results (« Vous avez accès à nos résultats… »), with its
        number, under Services Publics+; empty otherwise."""
        wording = self.catalogue.results_engagement
        number = next((n for n, t in self.engagements.items() if t == wording), None)
        return f"engagement {number} « {wording} »" if wording and number else ""


def load_scheme(config: PrefectureConfig) -> Scheme:
    """The scheme of a configuration's ``labels``; ConfigError in French when its catalogue is
    missing or the version is not one the catalogue knows."""
    labels = config.labels
    path = resource_file(config, scheme_file_name(labels.scheme))
    if not path.is_file():
        raise ConfigError(f"Catalogue du label {labels.scheme} introuvable : {path.name}.")
    catalogue = validate_yaml(path, SchemeCatalogue)
    version = labels.version
    if catalogue.versions:
        known = sorted(catalogue.versions)
        if version is None:
            version = known[-1]
        elif version not in catalogue.versions:
            raise ConfigError(
                f"Configuration {config.path} : labels.version {version} inconnue pour "
                f"{labels.scheme}. Versions possibles : {', '.join(map(str, known))}."
            )
    if catalogue.groups == "engagements" and version is not None:
        known = catalogue.versions[version].engagements
        wrong = [
            (code, entry["engagement"])
            for code, entry in config.indicators.custom.items()
            if entry.get("engagement") is not None and entry["engagement"] not in known
        ]
        if wrong:
            raise ConfigError(
                f"Configuration {config.path} : "
                + " ; ".join(
                    f"indicators.custom.{code}.engagement : engagement {number} inconnu"
                    for code, number in wrong
                )
                + f" de {labels.scheme} version {version} (engagements 1 à {max(known)})."
            )
    modules = catalogue.modules
    if not modules:
        base = resource_file(config, scheme_file_name(MODULES_SCHEME))
        modules = validate_yaml(base, SchemeCatalogue).modules if base.is_file() else {}
    return Scheme(catalogue, version, tuple(labels.modules), modules)
