"""Points d'amélioration: every result under its target, each with the action planned for it or
« aucune action prévue à ce jour ».

The planned actions are the open actions of the plan (« à engager », « en cours », late or not)
of the period and later years, and the items the meeting file lists under ``next_plan`` (a
plan written as prose). An action answers a result:
1. when its « Point visé » (``addresses``: codes or words, separated by « ; ») names the
   result's code, its label, its short label or its theme;
2. otherwise, when its objective or its action shares with the result's label a significant
   word — not a generic word of plans and indicators (améliorer, délai, accueil, service…),
   plural and accents ignored —, and its origin, when it names one, is the result's kind (an
   action born of the mystery calls answers a mystery call's criterion). The actions sharing
   the most words are kept (two at most); the deck's notes say the pairing is by words, to
   check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from pipeline.compute.action_plan import CLOSED
from pipeline.core.formatting import format_date
from pipeline.core.meeting import Meeting
from pipeline.facts.measures import CALLS, EMAILS, INDICATOR, SURVEY, Measure

NO_ACTION = "aucune action prévue à ce jour"
WITHOUT_ACTION = "sans action prévue à ce jour"  # (a result that has none)
LATE = "en retard"
# What a result is, in a word, before its label (« Enquête — délai de rendez-vous »).
KIND_WORDS = {
    INDICATOR: "Indicateur", SURVEY: "Enquête", CALLS: "Appels mystère",
    EMAILS: "Courriels mystère",
}  # fmt: skip
# The same kinds heading a group of results (« Appels mystère : prise en charge, … »).
KIND_GROUP_WORDS = {
    INDICATOR: ("Indicateur", "Indicateurs"), SURVEY: ("Enquête", "Enquête"),
    CALLS: ("Appels mystère", "Appels mystère"), EMAILS: ("Courriels mystère", "Courriels mystère"),
}  # fmt: skip

# Words every plan and indicator uses: they never pair an action with a result on their own.
GENERIC_WORDS = frozenset({  # folded: no accents
    "ameliorer", "amelioration", "reduire", "reduction", "renforcer", "faciliter", "adapter",
    "accompagner", "accompagnement", "developper", "mettre", "mise", "place", "suivre",
    "suivi", "usager", "agent", "prefecture", "taux", "nombre", "part", "delai", "delais",
    "moyen", "moyenne", "service", "demande", "reponse", "accueil", "qualite", "information",
    "meilleur", "meilleure", "plus", "moins", "dans", "avec", "pour", "sans", "entre", "lors",
    "leur", "leurs", "des", "les", "une", "sur", "par", "aux", "que", "qui", "est", "son",
    "ses", "cette", "tout", "tous", "toute", "toutes", "jour", "jours", "ouvre", "ouvres",
    "annee", "mois", "satisfaction", "satisfait", "critere", "prise", "charge",
})  # fmt: skip


@dataclass(frozen=True)
class PlannedAction:
    action: str
    objective: str
    owner: str
    deadline: str  # « mars 2023 », or « – »
    status: str  # « à engager », « en cours », « en retard », or « prévue » (meeting file)
    addresses: tuple[str, ...] = ()
    origin: str = ""  # where it comes from: « appels mystère », « enquête de satisfaction »…


@dataclass(frozen=True)
class Improvement:
    measure: Measure
    actions: tuple[PlannedAction, ...]
    matched_by: str = ""  # « point visé », « mots », or "" (no action)

    @property
    def answer(self) -> str:
        """The first action planned (« Refonte des messages du SVI »), or NO_ACTION."""
        return self.actions[0].action if self.actions else NO_ACTION

    @property
    def who_when(self) -> str:
        """The first action's owner and deadline (« Standard, mars 2023 (en retard) »), or
        « – »."""
        if not self.actions:
            return "–"
        action = self.actions[0]
        when = action.deadline
        if action.status == LATE:
            when += " (en retard)"
        return ", ".join(part for part in (action.owner, when) if part and part != "–") or "–"


def answered(items: Sequence[Improvement]) -> list[Improvement]:
    """The results under their target that have an action planned."""
    return [i for i in items if i.actions]


def unanswered(items: Sequence[Improvement]) -> list[Improvement]:
    """The results under their target without any action planned (yet)."""
    return [i for i in items if not i.actions]


def by_kind(items: Sequence[Improvement]) -> list[tuple[str, list[Improvement]]]:
    """The results grouped by what measured them, in the order they come, each group headed by
    its kind's word (« Indicateurs », « Indicateur » for one, « Appels mystère »)."""
    groups: dict[str, list[Improvement]] = {}
    for item in items:
        groups.setdefault(item.measure.kind, []).append(item)
    return [
        (KIND_GROUP_WORDS[kind][0 if len(group) == 1 else 1], group)
        for kind, group in groups.items()
    ]


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).lower()
    return "".join(c for c in text if not unicodedata.combining(c))


def significant_words(text: str) -> set[str]:
    """The words that may pair an action with a result: three letters or more (« SVI »), not
    generic, singular (« délais » → « delai »)."""
    words = set()
    for word in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", _folded(text)):
        word = word[:-1] if len(word) > 4 and word.endswith(("s", "x")) else word
        if len(word) >= 3 and word not in GENERIC_WORDS:
            words.add(word)
    return words


def planned_actions(actions: pd.DataFrame, meeting: Meeting, period: int) -> list[PlannedAction]:
    """The open actions of the plans of the period and later, then the meeting file's plan."""
    found = []
    if len(actions):
        open_ = actions[(actions["plan_year"] >= period) & ~actions["status"].isin(CLOSED)]
        open_ = open_.sort_values(["deadline", "plan_year"], na_position="last", kind="stable")
        has_addresses = "addresses" in open_
        for row in open_.to_dict("records"):
            addresses = row.get("addresses") if has_addresses else None
            found.append(
                PlannedAction(
                    action=str(row["action"]),
                    objective=str(row["objective"] or ""),
                    owner=str(row["owner"]) if pd.notna(row["owner"]) else "–",
                    deadline="–"
                    if pd.isna(row["due_on"])
                    else format_date(row["due_on"], "MMMM y"),
                    status=LATE if row["late"] else str(row["status"]),
                    addresses=_split(addresses),
                    origin=str(row["origin"]) if pd.notna(row["origin"]) else "",
                )  # fmt: skip
            )
    for item in meeting.next_plan:
        found.append(
            PlannedAction(
                action=item.action,
                objective="",
                owner=item.owner or "–",
                deadline=item.deadline or "–",
                status="prévue",
                addresses=item.addresses,
            )  # fmt: skip
        )
    return found


def _month(value) -> str:
    return "–" if pd.isna(value) else format_date(value, "MMMM y")


def _split(value) -> tuple[str, ...]:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ()
    return tuple(part.strip() for part in str(value).split(";") if part.strip())


# An action's origin and the kind of results it may answer when paired by words.
ORIGIN_KINDS = {
    "enquete de satisfaction": SURVEY, "appels mystere": CALLS, "courriels mystere": EMAILS,
}  # fmt: skip


def _may_answer(action: PlannedAction, measure: Measure) -> bool:
    kind = ORIGIN_KINDS.get(_folded(action.origin))
    return not action.addresses and (kind is None or kind == measure.kind)


def _names(measure: Measure) -> set[str]:
    return {_folded(name) for name in (measure.code, measure.label, measure.short, measure.channel)}


def improvements(measures: Sequence[Measure], actions: Sequence[PlannedAction]):
    """Every result under its target, in the order given, with the actions that answer it."""
    found = []
    words = [significant_words(f"{a.objective} {a.action}") for a in actions]
    for measure in measures:
        if not measure.missed:
            continue
        names = _names(measure)
        named = tuple(a for a in actions if {_folded(x) for x in a.addresses} & names)
        if named:
            found.append(Improvement(measure, named, "point visé"))
            continue
        own = significant_words(f"{measure.label} {measure.short}")
        scores = [
            len(own & action_words) if _may_answer(action, measure) else 0
            for action, action_words in zip(actions, words, strict=True)
        ]
        best = max(scores, default=0)
        chosen = tuple(
            a for a, score in zip(actions, scores, strict=True) if best and score == best
        )
        found.append(Improvement(measure, chosen[:2], "mots" if chosen else ""))
    return found
