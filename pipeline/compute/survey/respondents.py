"""Respondents chosen by their answers, and questions found by the words an analyst types.

A question is named by its column (``procedures``), its label (« Quelle(s) démarche(s) ? »), its
short label (« démarches effectuées »), or a part of its label that names it alone
(« démarche »), accents and case ignored; the columns of the export outside the catalogue (site,
mode de réponse) are questions too. An answer is one of the question's answers, accents and
case ignored (« titre de sejour » finds « titre de séjour »); a multiple choice is matched
answer by answer (a respondent who ticked « titre de séjour; permis de conduire » came for a
titre de séjour), a yes/no question by ``True``/``False`` or « oui »/« non ». An answer given
alone is looked for among the profile questions. Whatever cannot be found is told in French,
with what can be asked.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pandas as pd

from pipeline.core.config import QuestionCatalogue
from pipeline.core.exceptions import SelectionError
from pipeline.core.formatting import format_choices

# Columns of the survey's responses outside the catalogue, by the contract's words.
EXPORT_COLUMNS = {
    "response_id": "N° de questionnaire", "answered_on": "Date de réponse",
    "mode": "Mode de réponse", "site": "Site",
}  # fmt: skip
TRACE_COLUMNS = {"year": "Année", "source_file": "Fichier", "source_row": "Ligne du fichier"}
PROFILE_EXPORT_COLUMNS = ("site", "mode")  # export columns that describe a respondent
YES_NO = {"oui": True, "non": False, "true": True, "false": False}


def folded(text) -> str:
    """Lower case, accents removed, spaces collapsed: how typed words are compared."""
    decomposed = unicodedata.normalize("NFKD", str(text).replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


@dataclass(frozen=True)
class Asked:
    """A question of the responses: its column, label, type (``yes_no``, ``single_choice``,
    ``multiple_choice``, ``free_text``, ``text``, ``date`` or a scale), its listed answers."""

    column: str
    label: str
    type: str
    options: tuple[str, ...] = ()
    short_label: str = ""

    @property
    def multiple(self) -> bool:
        return self.type == "multiple_choice"

    @property
    def is_profile(self) -> bool:
        return self.type in ("yes_no", "single_choice", "multiple_choice") or (
            self.column in PROFILE_EXPORT_COLUMNS
        )


def asked_questions(catalogue: QuestionCatalogue, responses: pd.DataFrame) -> list[Asked]:
    """Every question of the responses: the export's own columns, then the catalogue's."""
    found = [
        Asked(column, label, "date" if column == "answered_on" else "text")
        for column, label in EXPORT_COLUMNS.items()
        if column in responses
    ]
    found += [Asked(q.column, q.label, q.type, q.options, q.short_label)
              for q in catalogue.questions if q.column in responses]  # fmt: skip
    return found


def question_named(name: str, questions: list[Asked], what: str = "question") -> Asked:
    """The question ``name`` designates (column, label, short label or a part of the label that
    names one question alone); a French SelectionError listing the questions otherwise."""
    key = folded(name)
    for test in (
        lambda q: q.column == name or folded(q.column) == key,
        lambda q: key in (folded(q.label), folded(q.short_label)),
    ):
        exact = [q for q in questions if test(q)]
        if exact:
            return exact[0]
    partial = [
        q for q in questions if key and (key in folded(q.label) or key in folded(q.short_label))
    ]
    if len(partial) == 1:
        return partial[0]
    shown = partial or questions
    listed = "\n".join(f"  {q.column} : {q.label}" for q in shown)
    why = "désigne plusieurs questions" if partial else "n'est pas une question de l'enquête"
    raise SelectionError(
        f"« {name} » {why}. Choisissez la {what} par son code ou son libellé :\n{listed}"
    )


def answer_lists(values: pd.Series) -> pd.Series:
    """A multiple choice's answers as lists (« a; b » → ``["a", "b"]``; blank → ``[]``)."""
    texts = values.astype("string").fillna("").tolist()
    lists = [[part.strip() for part in text.split(";") if part.strip()] for text in texts]
    return pd.Series(lists, index=values.index, dtype=object)


def known_answers(asked: Asked, responses: pd.DataFrame) -> list[str]:
    """The answers a question lists, then the others the responses give (most frequent first)."""
    if asked.type == "yes_no":
        return ["oui", "non"]
    values = responses[asked.column]
    given = answer_lists(values).explode() if asked.multiple else values.astype("string")
    counted = given.dropna().astype(str).str.strip()
    others = [a for a in counted[counted != ""].value_counts().index if a not in asked.options]
    return [*asked.options, *others]


def _wanted(asked: Asked, answers, responses: pd.DataFrame) -> set:
    """The answers asked for, as the responses write them (French error for an unknown one)."""
    answers = answers if isinstance(answers, (list, tuple, set)) else [answers]
    if asked.type == "yes_no":
        flags = {a if isinstance(a, bool) else YES_NO.get(folded(a)) for a in answers}
        if None in flags:
            raise SelectionError(f"« {asked.label} » se répond par « oui » ou « non ».")
        return flags
    known = {folded(a): a for a in known_answers(asked, responses)}
    unknown = [a for a in answers if folded(a) not in known]
    if unknown:
        raise SelectionError(
            f"« {unknown[0]} » n'est pas une réponse à « {asked.label} ». Réponses possibles : "
            f"{format_choices(list(known.values()))}."
        )
    return {known[folded(a)] for a in answers}


def answered_with(asked: Asked, answers, responses: pd.DataFrame) -> pd.Series:
    """True for each respondent who gave one of ``answers`` to the question (ticked one of
    them, for a multiple choice)."""
    wanted = _wanted(asked, answers, responses)
    values = responses[asked.column]
    if asked.type == "yes_no":
        return values.astype("boolean").isin(wanted).fillna(False).astype(bool)
    if asked.multiple:
        return answer_lists(values).map(lambda ticked: bool(wanted & set(ticked))).astype(bool)
    return values.astype("string").str.strip().isin(wanted).fillna(False).astype(bool)


def question_of_answer(answer: str, questions: list[Asked], responses: pd.DataFrame) -> Asked:
    """The profile question one of whose answers is ``answer`` (« titre de séjour » →
    « Quelle(s) démarche(s) ? »); a French SelectionError when none or several have it."""
    key = folded(answer)
    having = [
        q for q in questions
        if q.is_profile and q.type != "yes_no"
        and key in {folded(a) for a in known_answers(q, responses)}
    ]  # fmt: skip
    if len(having) == 1:
        return having[0]
    if having:
        listed = ", ".join(f"« {q.column}: {answer} »" for q in having)
        raise SelectionError(
            f"« {answer} » répond à plusieurs questions : précisez, par exemple {listed}."
        )
    raise SelectionError(
        f"« {answer} » n'est la réponse d'aucune question de profil. Écrivez « question: réponse » "
        "(par exemple « procedures: titre de séjour ») ; les questions de profil : "
        + ", ".join(q.column for q in questions if q.is_profile)
        + "."
    )


def selection_of(text: str, questions: list[Asked], responses: pd.DataFrame) -> tuple[Asked, str]:
    """« question: réponse » or an answer alone (« titre de séjour »), as (question, answer)."""
    question, colon, answer = text.partition(":")
    if colon and answer.strip():
        return question_named(question.strip(), questions), answer.strip()
    return question_of_answer(text.strip(), questions, responses), text.strip()
