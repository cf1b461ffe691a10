"""A gallery of small synthetic préfectures, each of a different shape, for end-to-end tests.

Every case writes, under its own sub-folder of an empty ``root``, one fictional préfecture:

- ``<name>/prefecture.yaml``: its configuration, with ``raw_folder: raw`` (the raw data folder,
  relative to the configuration) and ``workspace: <name>`` (outputs in
  ``data/processed/<name>/<year>`` and ``output/<name>/<year>``);
- its own survey catalogue, themes dictionary… next to the configuration, when it has them;
- ``<name>/raw/<year>/…``: its raw exports (xlsx through openpyxl, csv), with its own file
  names, sheet names and headers (never the canonical names nor the sample's headers), mapped
  in the configuration; and its meeting file, named by ``meeting_file``.

The data are tiny (5 to 60 rows per file) and deterministic, so that every expected figure can
be computed by hand: ``Case.note`` shows the arithmetic.

What a test checks on the deck:

- ``present``: each fragment is part of the title of at least one slide;
- ``absent``: no slide title contains the fragment;
- ``figures``: ``(title fragment, text)``: on at least one slide whose title contains the fragment
  (« (suite) » slides included), ``text`` is found among the slide's texts (see
  :func:`slide_texts` and :func:`text_found`): a table cell, a paragraph of a text box (a key
  figure, its label, a bullet without its « • ») or one of its sentences, or a chart category.
  ``text`` must be a whole text, or begin one followed by a space (« 91,2 % » is found in
  « 91,2 % (11 mois) », « Attente : 3 remarques » in « Attente : 3 remarques — « … » »); a count
  (digits only) must be a whole text. So « aucune demande » is never found in the footnote that
  explains the words « aucune demande », « sans objet »…

French formats are those of the deck: a no-break space before « % » and « j »
(``"87,5\\u00a0%"``), decimal comma, one decimal for rates and delays, counts written plainly.
Jours ouvrés: Monday to Friday, French public holidays excluded (plus Good Friday and 26 December
in Moselle and Alsace), the day of receipt not counted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from openpyxl import Workbook

from tests.hostile_files import MARKUP

NBSP = "\u00a0"
PERIOD = 2022
# Shapes of every slide that are not content: left out of slide_texts.
FOOTER_SHAPES = ("Pied de page", "Numéro de diapositive")
# Where a paragraph of several sentences is cut: after « . », « ! » or « ? » before a capital or
# a French opening quote.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[«A-ZÀ-ÖØ-Ý])")


INDICATOR_SLIDES = "Indicateurs 2022 — engagement"  # every indicator slide under SP+


@dataclass(frozen=True)
class Case:
    name: str  # short id, e.g. "survey_only"
    description: str  # one French sentence
    period: int  # e.g. 2022
    config: str  # path of its config YAML relative to root, e.g. "survey_only/prefecture.yaml"
    write: Callable[[Path], None]  # writes every file of the case under root
    present: tuple[str, ...]  # fragments of slide titles that must appear in the deck
    absent: tuple[str, ...]  # fragments of slide titles that must not appear
    figures: tuple[tuple[str, str], ...]  # (slide title fragment, text expected on that slide)
    note: str = ""  # how the hand-computed figures were obtained (the arithmetic)


def write_case(case: Case, root: Path) -> Path:
    """Write every file of ``case`` under ``root``; return the path of its configuration."""
    root = Path(root)
    case.write(root)
    return root / case.config


# --- checking a deck (optional helpers for the test harness) ------------------------------------


def slide_texts(slide) -> list[str]:
    """The texts a slide shows, footer and slide number apart: every paragraph of its text
    boxes (a bullet without its « • »), each sentence of a paragraph of several sentences, every
    table cell and every chart category."""
    texts: list[str] = []
    for shape in slide.shapes:
        if shape.name in FOOTER_SHAPES:
            continue
        if shape.has_text_frame:
            texts += [paragraph.text for paragraph in shape.text_frame.paragraphs]
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
        if getattr(shape, "has_chart", False) and shape.has_chart:
            texts += [str(category) for category in shape.chart.plots[0].categories]
    found: list[str] = []
    for text in texts:
        text = text.strip().removeprefix("•").strip()
        if text:
            sentences = SENTENCE_BREAK.split(text)
            found += [text, *sentences] if len(sentences) > 1 else [text]
    return found


def text_found(expected: str, texts: Sequence[str]) -> bool:
    """``expected`` is a whole text, or begins one followed by a space; a count (digits only)
    must be a whole text."""
    if expected.isdigit():
        return expected in texts
    return any(
        text == expected or text.startswith((expected + " ", expected + NBSP)) for text in texts
    )


# --- French formats, as the deck writes them ----------------------------------------------------


def pct(value: str) -> str:
    """``pct("87,5")`` → ``"87,5\\u00a0%"``."""
    return f"{value}{NBSP}%"


def days(value: str) -> str:
    """``days("3,5")`` → ``"3,5\\u00a0j"`` (jours ouvrés)."""
    return f"{value}{NBSP}j"


def n_label(label: str, n: int) -> str:
    """A criterion as the survey chart names it, without its article when the catalogue gives
    no short label: ``"Délai d'attente (n\\u00a0=\\u00a012)"``."""
    for article in ("Le ", "La ", "Les ", "L'"):
        if label.startswith(article):
            label = label[len(article) :][:1].upper() + label[len(article) + 1 :]
            break
    return f"{label} (n{NBSP}={NBSP}{n})"


def rate_line(label: str, rate: str, n: int) -> str:
    """A strength or weak point: ``"La clarté des explications : 89,5 % (n = 19)"``."""
    return f"{label} : {pct(rate)} (n{NBSP}={NBSP}{n})"


# --- writers ------------------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    """``"14/04/2022"`` → ``date(2022, 4, 14)``."""
    day, month, year = (int(part) for part in text.split("/"))
    return dt.date(year, month, day)


def _yaml(path: Path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def _csv(path: Path, rows: Sequence[Sequence], *, sep: str = ";", encoding: str = "utf-8"):
    """A csv export: ``encoding`` "utf-8", "utf-8-sig" (with BOM) or "cp1252"."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
    path.write_bytes(buffer.getvalue().encode(encoding))


def _xlsx(path: Path, sheets: dict[str, Sequence[Sequence]]) -> None:
    """A workbook, one sheet per entry (rows as given: title rows, headers, data)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.properties.creator = "galerie de tests CLU"
    workbook.save(path)


def _as_dates(rows: Sequence[Sequence], *columns: int) -> list[list]:
    """The rows with the given columns' « jj/mm/aaaa » texts turned into date cells."""
    return [
        [_date(cell) if i in columns and isinstance(cell, str) and cell else cell
         for i, cell in enumerate(row)]
        for row in rows
    ]  # fmt: skip


def _member(name: str, role: str, organisation: str, group: str, status: str = "présent"):
    return {"name": name, "role": role, "organisation": organisation, "group": group,
            "status": status}  # fmt: skip


def _agenda(*items: tuple[str, str]) -> list[dict]:
    return [{"title": title, "section": section} for title, section in items]


MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")  # fmt: skip


# =================================================================================================
# 1. survey_only — only a satisfaction survey, 5-level scale with a neutral level
# =================================================================================================

TS5, PS5, NEUTRAL, PI5, TI5 = (
    "Très satisfait", "Plutôt satisfait", "Ni satisfait ni insatisfait", "Plutôt insatisfait",
    "Très insatisfait",
)  # fmt: skip

SURVEY_ONLY_QUESTIONS = {
    "scales": {
        "satisfaction5": {
            "levels": [TS5, PS5, NEUTRAL, PI5, TI5],
            "satisfied": [TS5, PS5],
            "very_satisfied": [TS5],
            "dissatisfied": [PI5, TI5],
            "not_concerned": ["Non concerné", "Sans avis"],
        }
    },
    "questions": [
        {"column": "visitor_kind", "label": "Vous êtes venu(e) en tant que", "theme": "profil",
         "type": "single_choice", "options": ["particulier", "professionnel", "élu"]},
        {"column": "age_group", "label": "Votre tranche d'âge", "theme": "profil",
         "type": "single_choice", "options": ["18-34 ans", "35-59 ans", "60 ans et plus"]},
        {"column": "q_welcome", "label": "La qualité de l'accueil", "theme": "accueil",
         "type": "satisfaction5"},
        {"column": "q_wait", "label": "Le temps d'attente au guichet", "theme": "accueil",
         "type": "satisfaction5"},
        {"column": "q_clarity", "label": "La clarté des explications", "theme": "information",
         "type": "satisfaction5"},
        {"column": "q_premises", "label": "La propreté des locaux", "theme": "locaux",
         "type": "satisfaction5"},
        {"column": "q_access", "label": "L'accès en fauteuil roulant", "theme": "locaux",
         "type": "satisfaction5"},
        {"column": "q_global", "label": "Votre satisfaction globale", "theme": "général",
         "type": "satisfaction5", "overall": True},
        {"column": "remarks", "label": "Vos suggestions", "theme": "verbatims",
         "type": "free_text"},
    ],
    "breakdowns": [{"column": "visitor_kind", "label": "Par qualité du visiteur"}],
}  # fmt: skip

SURVEY_ONLY_THEMES = {
    "other_label": "Divers",
    "themes": [
        {"label": "Accueil", "keywords": ["accueil*", "agent*", "aimable*", "souriant*"]},
        {"label": "Attente", "keywords": ["attente", "attendre", "attendu", "long*", "queue"]},
        {"label": "Locaux", "keywords": ["locaux", "propre*", "sale*", "chaise*", "toilettes"]},
        {"label": "Remerciements", "keywords": ["merci", "bravo"]},
    ],
}


def _survey_only_rows() -> list[list]:
    """20 questionnaires; the one numbered HB-013 holds « Bof », outside the scale."""
    welcome = [TS5] * 8 + [PS5] * 6 + [NEUTRAL] * 2 + [PI5, TI5, "Non concerné"]
    wait = [TS5] * 3 + [PS5] * 5 + [NEUTRAL] * 4 + [PI5] * 4 + [TI5] * 2 + [""]
    clarity = [TS5] * 10 + [PS5] * 7 + [NEUTRAL, PI5]
    premises = [TS5] * 6 + [PS5] * 8 + [NEUTRAL] * 3 + ["Sans avis"] * 2
    overall = [TS5] * 7 + [PS5] * 7 + [NEUTRAL] * 3 + [PI5, TI5]
    access = ["Non concerné"] * 15 + [""] * 4  # nobody concerned: no rate, never 0 %
    kinds = ["particulier"] * 12 + ["professionnel"] * 5 + ["élu"] * 2
    ages = ["35-59 ans", "18-34 ans", "35-59 ans", "60 ans et plus"] * 4 + [
        "18-34 ans",
        "",
        "35-59 ans",
    ]
    remarks = {
        0: "Agents très aimables, merci à Mme Durand.",
        3: "Trop d'attente le lundi matin.",
        6: "Une heure d'attente debout, c'est long.",
        9: "Les toilettes étaient sales.",
        12: "Il faudrait plus de chaises dans le hall et moins d'attente.",
        15: "Le parking est introuvable.",
    }
    welcome[2], wait[5] = "tres satisfait", "plutot satisfait"  # case and accents vary
    rows = []
    for i in range(19):
        visit = dt.date(2022, 10, 3) + dt.timedelta(days=i + i // 5 * 2)  # weekdays of October
        rows.append(
            [f"HB-{i + 1 + (i >= 12):03d}", visit.strftime("%d/%m/%Y"), "", kinds[i], ages[i],
             welcome[i], wait[i], clarity[i], premises[i], access[i], overall[i],
             remarks.get(i, "")]
        )  # fmt: skip
    bad = ["HB-013", "18/10/2022", "Martin", "particulier", "35-59 ans", "Bof", PS5, TS5, TS5,
           "Non concerné", PS5, ""]  # fmt: skip
    rows.insert(12, bad)
    return rows


def _write_survey_only(root: Path) -> None:
    base = root / "survey_only"
    _yaml(base / "questionnaire_haute_brume.yaml", SURVEY_ONLY_QUESTIONS)
    _yaml(base / "themes_haute_brume.yaml", SURVEY_ONLY_THEMES)
    header = ["Identifiant", "Date de la visite", "Nom (facultatif)", "Profil du visiteur", "Âge",
              "Appréciation accueil", "Appréciation attente", "Appréciation explications",
              "Appréciation propreté", "Appréciation accès fauteuil", "Appréciation globale",
              "Suggestions"]  # fmt: skip
    title = ["Enquête d'accueil 2022 — Préfecture de la Haute-Brume — saisie des questionnaires"]
    _xlsx(
        base / "raw/2022/resultats_enquete_accueil_2022.xlsx",
        {"Saisie": [title, header, *_as_dates(_survey_only_rows(), 1)], "Notes": [["Brouillon"]]},
    )
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture de la Haute-Brume", "short_name": "la Haute-Brume",
                "department_code": "04", "population": 98000,
                "contact_email": "qualite@haute-brume.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "history_years": 1,
            "raw_folder": "raw",
            "workspace": "survey_only",
            "survey": {
                "questions": "questionnaire_haute_brume.yaml",
                "themes": "themes_haute_brume.yaml",
                "target": 0.8,
                "min_reliable_n": 10,
            },
            "meeting_file": "{year}/comite_usagers_{year}.yaml",
            "sources": {
                "survey_responses": {
                    "file": "{year}/resultats_enquete_accueil_{year}.xlsx",
                    "sheet": "Saisie",
                    "header_row": 2,
                    "columns": {
                        "Identifiant": "response_id", "Date de la visite": "answered_on",
                        "Profil du visiteur": "visitor_kind", "Âge": "age_group",
                        "Appréciation accueil": "q_welcome", "Appréciation attente": "q_wait",
                        "Appréciation explications": "q_clarity",
                        "Appréciation propreté": "q_premises",
                        "Appréciation accès fauteuil": "q_access",
                        "Appréciation globale": "q_global", "Suggestions": "remarks",
                    },
                }
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/comite_usagers_2022.yaml",
        {
            "committee": "Comité local des usagers",
            "prefecture": "Préfecture de la Haute-Brume",
            "date": dt.date(2023, 1, 17),
            "time": "10 h",
            "place": "Salon d'honneur de la préfecture, Brume-sur-Loue",
            "chair": {"name": "Mme Colette Brouillard", "role": "préfète de la Haute-Brume"},
            "contact_email": "qualite@haute-brume.gouv.fr",
            "members": [
                _member("Mme Colette Brouillard", "préfète", "Préfecture de la Haute-Brume",
                        "Préfecture"),
                _member("M. Armand Nuée", "référent qualité", "Préfecture de la Haute-Brume",
                        "Préfecture"),
                _member("Mme Louise Frimas", "maire", "Commune de Brume-sur-Loue",
                        "Élus et collectivités"),
                _member("M. Paul Grésil", "président", "Association des usagers de la Brume",
                        "Associations", "excusé"),
            ],
            "agenda": _agenda(
                ("La démarche qualité de la préfecture", "quality_approach"),
                ("Les indicateurs du référentiel", "indicators"),
                ("L'enquête d'accueil 2022", "survey"),
                ("Les formations des agents d'accueil", "trainings"),
                ("Questions diverses", "questions"),
            ),
            "what_changed": [
                "Nouveau questionnaire d'accueil à cinq niveaux de réponse",
                "Horaires d'ouverture élargis le jeudi soir",
            ],
            "audits": [{"kind": "Audit interne", "date": dt.date(2023, 3, 14)}],
            "survey": {
                "start": dt.date(2022, 10, 3),
                "end": dt.date(2022, 10, 28),
                "mode": "questionnaire papier remis au guichet",
            },
        },
    )  # fmt: skip


SURVEY_ONLY = Case(
    name="survey_only",
    description=(
        "Une préfecture qui n'a qu'une enquête de satisfaction, avec son propre questionnaire "
        "à cinq niveaux (dont un niveau neutre), ses propres questions de profil et ses thèmes."
    ),
    period=PERIOD,
    config="survey_only/prefecture.yaml",
    write=_write_survey_only,
    present=(
        "Ordre du jour",
        "La démarche Qual-e-pref : périmètre et calendrier",
        "Ce qui a changé",
        "Enquête — méthode et résultat global",
        "Enquête — satisfaction par critère",
        "Profil des répondants 2022",
        "points forts et axes d'amélioration",
        "Enquête — ce que disent les usagers",
    ),
    absent=(
        "Indicateurs",
        "Enquête de satisfaction : évolution",
        "Point numérique",
        "Appels mystère",
        "Courriels mystère",
        "Réclamations et suggestions",
        "Plan d'actions",
        "Courriels types",
    ),
    figures=(
        # the agenda names the trainings, which this préfecture does not keep: said, never « 0 »
        ("Ordre du jour", "Les formations des agents d'accueil (pas de suivi des formations)"),
        ("Enquête — méthode et résultat global", "19"),
        ("Enquête — méthode et résultat global", pct("73,7")),
        ("Enquête — méthode et résultat global", pct("36,8")),
        ("satisfaction par critère", n_label("La qualité de l'accueil", 18)),
        ("satisfaction par critère", n_label("Le temps d'attente au guichet", 18)),
        ("satisfaction par critère", n_label("La clarté des explications", 19)),
        ("satisfaction par critère", n_label("La propreté des locaux", 17)),
        ("satisfaction par critère", f"Cible : {pct('80')}"),
        ("points forts", rate_line("La clarté des explications", "89,5", 19)),
        ("points forts", rate_line("Le temps d'attente au guichet", "44,4", 18)),
        ("points forts", rate_line("La qualité de l'accueil", "77,8", 18)),
        ("ce que disent les usagers", "3 remarques"),  # (under « Attente »)
        ("ce que disent les usagers", "2 remarques"),  # (under « Locaux »)
        ("Profil des répondants 2022", "35-59 ans"),
    ),
    note="""\
20 rows in sheet « Saisie » (header on row 2); HB-013 answers « Bof » to « Appréciation
accueil », outside the scale: quarantined, so 19 questionnaires.
Per criterion (TS très satisfait, PS plutôt satisfait, N neutre, PI, TI, NC non concerné):
- accueil: TS 8 + PS 6 + N 2 + PI 1 + TI 1 + NC 1 → n = 18 (NC out), satisfied 14/18 = 77,8 %;
- attente: TS 3 + PS 5 + N 4 + PI 4 + TI 2 + 1 blank → n = 18, satisfied 8/18 = 44,4 %;
- explications: TS 10 + PS 7 + N 1 + PI 1 → n = 19, satisfied 17/19 = 89,5 %;
- propreté: TS 6 + PS 8 + N 3 + « Sans avis » 2 (a not-concerned word) → n = 17, 14/17 = 82,4 %;
- accès en fauteuil: « Non concerné » 15 + 4 blank → n = 0: no rate (« aucune réponse
  exploitable » in the deck's notes, the minutes, the report and its workbook), not ranked;
- globale (overall): TS 7 + PS 7 + N 3 + PI 1 + TI 1 → n = 19: satisfied 14/19 = 73,7 %,
  very satisfied 7/19 = 36,8 %, dissatisfied 2/19; the neutral level is neither, so the net
  satisfaction is (14 − 2)/19 = 63,2 points (+63,2).
Target 80 % (survey.target). min_reliable_n 10, so the four criteria are ranked: a strength is
at least 5 points above the target (85 %): 89,5 % only (82,4 %, 2,4 points above, is neither);
weak points, every one under the target: 44,4 % then 77,8 %.
Remarks (own themes): « Trop d'attente… », « Une heure d'attente… long », « …moins d'attente » →
Attente 3; « toilettes… sales », « chaises… » → Locaux 2; « Agents très aimables, merci à
Mme Durand » → Accueil 1 + Remerciements 1 (masked name: counted, never quoted); « parking » →
the dictionary's other label « Divers » 1, which is not a theme and should not be listed.
Age: 35-59 ans 9, 18-34 ans 5, 60 ans et plus 4, blank 1.
The agenda has « indicators » and « trainings » without any data: no indicator table, no
training table (the deck leaves them out or says there is no data).""",
)


# =================================================================================================
# 2. registers_only — mail register and monthly telephony / web figures only
# =================================================================================================

# (n°, received, support, bureau, sender, kind, holding reply, answer, summary, sender's name)
REGISTERS_ONLY_MAIL = [
    ("VA-22-001", "03/01/2022", "Papier", "Bureau des élections", "Particulier", "Renseignement",
     "", "14/01/2022", "Inscription sur les listes", "Jean Caillou"),
    ("VA-22-002", "10/01/2022", "Mail", "Bureau des titres", "Particulier", "Renseignement", "",
     "14/01/2022", "Pièces pour un passeport", "Anne Rocher"),
    ("VA-22-003", "14/01/2022", "Mail", "Bureau des titres", "Particulier", "Conseil", "",
     "21/01/2022", "Perte de permis", "Luc Galet"),
    ("VA-22-004", "07/02/2022", "E-mail", "Bureau des étrangers", "Particulier", "Renseignement",
     "08/02/2022", "15/02/2022", "Renouvellement de titre", "Sofia Dalle"),
    ("VA-22-005", "01/03/2022", "Mail", "Bureau des associations", "Entreprise", "Renseignement",
     "", "01/03/2022", "Déclaration de manifestation", "Société Granit"),
    ("VA-22-006", "14/03/2022", "Papier", "Bureau des titres", "Particulier", "Dossier particulier",
     "", "30/03/2022", "Réclamation sur un dossier", "Marc Silex"),
    ("VA-22-007", "13/04/2022", "Mail", "Bureau des élections", "Particulier", "Renseignement", "",
     "21/04/2022", "Procuration", "Léa Marne"),
    ("VA-22-008", "02/05/2022", "Papier", "Bureau des étrangers", "Particulier", "Renseignement",
     "", "16/05/2022", "Naturalisation", "Omar Basalte"),
    ("VA-22-009", "25/05/2022", "Mail", "Bureau des titres", "Particulier", "Renseignement", "",
     "02/06/2022", "Carte grise", "Eva Schiste"),
    ("VA-22-010", "20/06/2022", "Mail", "Bureau des titres", "Particulier", "Renseignement", "",
     "15/06/2022", "Réponse datée par erreur", "Yves Gneiss"),
    ("VA-22-011", "11/07/2022", "Mail", "Bureau des élections", "Particulier", "Conseil", "",
     "19/07/2022", "Changement d'adresse", "Inès Quartz"),
    ("VA-22-012", "12/08/2022", "Papier", "Bureau des associations", "Particulier",
     "Renseignement", "", "26/08/2022", "Création d'association", "Hugo Mica"),
    ("VA-22-013", "05/09/2022", "Mail", "Cabinet", "Élu local", "Conseil", "", "30/09/2022",
     "Question d'un maire", "Maire de Roche-Noire"),
    ("VA-22-014", "03/10/2022", "Mail", "Bureau des titres", "Particulier", "Renseignement", "", "",
     "Permis international", "Zoé Argile"),
    ("VA-22-015", "24/10/2022", "Papier", "Bureau des étrangers", "Particulier", "Renseignement",
     "", "07/11/2022", "Visa long séjour", "Paul Craie"),
    ("VA-22-016", "10/11/2022", "Mail", "Bureau des titres", "", "Renseignement", "", "18/11/2022",
     "Duplicata de carte grise", "Nina Ocre"),
    ("VA-22-017", "03/12/2022", "Mail", "Bureau des élections", "Particulier", "Renseignement", "",
     "09/12/2022", "Bureau de vote", "Rémi Grès"),
    ("VA-22-018", "12/12/2022", "Mail", "Bureau des titres", "Particulier", "Renseignement", "",
     "20/12/2022", "Titre de voyage", "Alix Lave"),
]  # fmt: skip

REGISTERS_ONLY_CALLS = [  # (received, answered, SVI updates asked, done within 3 days)
    (1200, 1080, 2, 2), (1100, 990, 0, 0), (1000, 850, 1, 0), (900, 810, 0, 0),
    (1000, 900, 0, 0), (1100, 1045, 3, 2), (800, 760, 0, 0), (700, 680, 0, 0),
    (1000, 920, 2, 2), (1100, 990, 0, 0), (1000, 900, 0, 0), (900, 855, 0, 0),
]  # fmt: skip
REGISTERS_ONLY_WEB_VISITORS = [6000, 6500, 7000, 6500, 6000, 6500, 7000, 6000, 6500, 7000, 6500,
                               6500]  # fmt: skip
REGISTERS_ONLY_WEB_UPDATES = [(2, 2), (2, 2), (2, 1), (2, 2), (2, 2), (2, 2), (2, 1), (2, 2),
                              (2, 2), (2, 1), ("non suivi", "non suivi"),
                              ("non suivi", "non suivi")]  # fmt: skip


def _write_registers_only(root: Path) -> None:
    base = root / "registers_only"
    header = ["N° de courrier", "Arrivé le", "Support", "Bureau", "Qualité de l'expéditeur",
              "Type de demande", "Accusé envoyé le", "Répondu le", "Résumé",
              "Nom de l'expéditeur"]  # fmt: skip
    _csv(base / "raw/2022/registre_arrivee_2022.csv", [header, *REGISTERS_ONLY_MAIL],
         encoding="cp1252")  # fmt: skip
    calls = [["Mois concerné", "Appels présentés", "Appels décrochés", "Demandes de MAJ SVI",
              "MAJ SVI sous 3 jours"]]  # fmt: skip
    calls += [[f"{MONTHS_FR[m]} 2022", *REGISTERS_ONLY_CALLS[m]] for m in range(12)]
    web = [["Période", "Sessions", "Utilisateurs uniques", "Contenus à actualiser",
            "Contenus actualisés sous 3 j"]]  # fmt: skip
    web += [
        [f"2022-{m + 1:02d}", 15000 + 100 * m, REGISTERS_ONLY_WEB_VISITORS[m],
         *REGISTERS_ONLY_WEB_UPDATES[m]]
        for m in range(12)
    ]  # fmt: skip
    _xlsx(base / "raw/2022/tableau_mensuel_accueil_2022.xlsx", {"Appels": calls, "Web": web})
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture du Val-d'Ardoise", "short_name": "le Val-d'Ardoise",
                "department_code": "23", "population": 120000,
                "contact_email": "accueil-qualite@val-ardoise.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "raw_folder": "raw",
            "workspace": "registers_only",
            "indicators": {"count_holding_replies": True},
            "meeting_file": "{year}/reunion_clu_val_ardoise_{year}.yaml",
            "sources": {
                "mail_register": {
                    "file": "{year}/registre_arrivee_{year}.csv",
                    "columns": {
                        "N° de courrier": "request_id", "Arrivé le": "received_on",
                        "Support": "channel", "Bureau": "service",
                        "Qualité de l'expéditeur": "requester", "Type de demande": "request_kind",
                        "Accusé envoyé le": "holding_reply_on", "Répondu le": "answered_on",
                        "Résumé": "subject",
                    },
                    "values": {
                        "channel": {"mail": "courriel", "e-mail": "courriel", "papier": "courrier"},
                        "requester": {"particulier": "usager", "entreprise": "professionnel",
                                      "élu local": "élu"},
                        "request_kind": {"renseignement": "information"},
                    },
                },
                "telephony_monthly": {
                    "file": "{year}/tableau_mensuel_accueil_{year}.xlsx",
                    "sheet": "Appels",
                    "columns": {
                        "Mois concerné": "month", "Appels présentés": "calls_received",
                        "Appels décrochés": "calls_answered", "Demandes de MAJ SVI": "svi_updates",
                        "MAJ SVI sous 3 jours": "svi_updates_on_time",
                    },
                },
                "web_monthly": {
                    "file": "{year}/tableau_mensuel_accueil_{year}.xlsx",
                    "sheet": "Web",
                    "columns": {
                        "Période": "month", "Sessions": "site_visits",
                        "Utilisateurs uniques": "site_unique_visitors",
                        "Contenus à actualiser": "site_updates",
                        "Contenus actualisés sous 3 j": "site_updates_on_time",
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/reunion_clu_val_ardoise_2022.yaml",
        {
            "prefecture": "Préfecture du Val-d'Ardoise",
            "date": dt.date(2023, 1, 26),
            "time": "14 h",
            "place": "Préfecture du Val-d'Ardoise, salle Ardoise",
            "chair": {"name": "M. Gilles Schistier", "role": "secrétaire général"},
            "contact_email": "accueil-qualite@val-ardoise.gouv.fr",
            "members": [
                _member("M. Gilles Schistier", "secrétaire général",
                        "Préfecture du Val-d'Ardoise", "Préfecture"),
                _member("Mme Berthe Lauze", "référente qualité", "Préfecture du Val-d'Ardoise",
                        "Préfecture"),
                _member("M. Noël Carrier", "président", "UDAF du Val-d'Ardoise", "Associations"),
            ],
            "agenda": _agenda(
                ("Où en est notre démarche Qual-e-pref ?", "quality_approach"),
                ("Les indicateurs de l'année 2022", "indicators"),
                ("Les réclamations reçues", "complaints"),
                ("Le courriel type d'accusé de réception", "template_emails"),
                ("Questions des membres", "questions"),
            ),
            "what_changed": ["Accusé de réception envoyé le jour même pour tout courriel"],
            "template_emails": [
                {"title": "Accusé de réception",
                 "body": "Bonjour,\n\nVotre message a bien été reçu ; nous vous répondrons "
                         "sous 5 jours ouvrés.\n\nLa préfecture du Val-d'Ardoise"},
            ],
        },
    )  # fmt: skip


REGISTERS_ONLY = Case(
    name="registers_only",
    description=(
        "Une préfecture qui ne suit que son registre des courriers et courriels et ses chiffres "
        "mensuels de téléphonie et d'internet : ni enquête, ni appels mystère, ni réclamations."
    ),
    period=PERIOD,
    config="registers_only/prefecture.yaml",
    write=_write_registers_only,
    present=(
        "La démarche Qual-e-pref : périmètre et calendrier",
        "Ce qui a changé",
        "Indicateurs 2022 — module 1",
        "Courriel type soumis à votre avis",
        "Questions",
    ),
    absent=(
        "Enquête de satisfaction",
        "Appels mystère",
        "Courriels mystère",
        "Réclamations et suggestions 2022 : délais de réponse par canal",
        "Plan d'actions",
        "Formation des agents",
        "module 4",
    ),
    figures=(
        ("module 1", pct("91,4")),
        ("module 1", pct("75,0")),
        ("module 1", f"{pct('85,0')} (10{NBSP}mois)"),
        ("module 1", pct("5,4")),
        ("module 1", pct("81,8")),
        ("module 1", pct("80,0")),
        ("module 1", days("4,6")),
        ("module 1", days("9,8")),
    ),
    note="""\
Telephony (sheet « Appels »): received 11 800, answered 10 780 → 10 780/11 800 = 91,4 %
(target ≥ 90 %: atteint). SVI updates: 2+1+3+2 = 8 asked, 2+0+2+2 = 6 on time → 75,0 %, target
> 75 %: non atteint.
Web (sheet « Web »): unique visitors 78 000 over 12 months, population 120 000 → 78 000 /
(12 × 120 000) = 5,4 %. Site updates: Jan–Oct 2 a month = 20, on time 17 → 85,0 %; November and
December say « non suivi », so the year rests on 10 months: « 85,0 % (10 mois) ». No social
network column in the export.
Mail register (csv, cp1252): 18 rows; VA-22-010 is answered (15/06) before it was received
(20/06): quarantined. VA-22-013 comes from an élu (module 1 leaves it out). VA-22-016 has no
sender type: usager by default.
Users' e-mails (11): 10/01→14/01 4 j; 14/01→21/01 5 j; 07/02→15/02 6 j but holding reply 08/02
(1 j, counted: count_holding_replies true); 01/03→01/03 0 j; 13/04→21/04 5 j (Easter Monday
18/04); 25/05→02/06 5 j (Ascension 26/05); 11/07→19/07 5 j (14/07); 03/10 no answer (late);
10/11→18/11 5 j (11/11); Sat 03/12→09/12 5 j (counting starts on Monday); 12/12→20/12 6 j (late).
On time 9/11 = 81,8 %. Mean delay of the final answers: (4+5+6+0+5+5+5+5+5+6)/10 = 46/10 = 4,6 j.
Users' letters (5): 03/01→14/01 9 j; 14/03→30/03 12 j (late); 02/05→16/05 10 j; 12/08→26/08 9 j
(15/08); 24/10→07/11 9 j (01/11) → on time within 10 j: 4/5 = 80,0 %; mean (9+12+10+9+9)/5 =
9,8 j.
The agenda has « complaints » without any data (no complaints source): no complaints slide.""",
)


# =================================================================================================
# 3. sp_plus — Services Publics+, modules 1 and 4, élus, 4-level survey with an overall mark
# =================================================================================================

SP_PLUS_QUESTIONS = {
    "scales": {
        "echelle4": {
            "levels": ["Très satisfait", "Satisfait", "Peu satisfait", "Pas du tout satisfait"],
            "satisfied": ["Très satisfait", "Satisfait"],
            "very_satisfied": ["Très satisfait"],
            "not_concerned": ["Non concerné", "Sans objet"],
        },
        "note10": {
            "min": 1, "max": 10, "satisfied_from": 6, "very_satisfied_from": 9,
            "dissatisfied_below": 5, "high_from": 8, "not_concerned": ["Non concerné", "NSP"],
        },
    },
    "questions": [
        {"column": "statut", "label": "Vous êtes", "theme": "profil", "type": "single_choice",
         "options": ["particulier", "entreprise", "élu"]},
        {"column": "q_reception", "label": "L'amabilité de l'accueil", "theme": "accueil",
         "type": "echelle4"},
        {"column": "q_info", "label": "La qualité de l'information reçue", "theme": "information",
         "type": "echelle4"},
        {"column": "q_delay", "label": "Le délai de traitement de votre demande",
         "theme": "délais", "type": "echelle4"},
        {"column": "q_mark", "label": "Note globale de satisfaction", "theme": "général",
         "type": "note10", "overall": True},
    ],
    "breakdowns": [{"column": "site", "label": "Par lieu d'accueil"}],
}  # fmt: skip

# (n°, arrival, channel, service, sender, request, holding reply, answer, appointment held)
SP_PLUS_MAIL = [
    ("HV-001", "04/01/2022", "Courriel", "Titres", "Particulier", "Information", "", "10/01/2022",
     ""),
    ("HV-002", "21/02/2022", "Courriel", "Titres", "Particulier", "Information", "", "28/02/2022",
     ""),
    ("HV-003", "07/03/2022", "Courrier", "Collectivités", "Élu local", "Information", "",
     "18/03/2022", ""),
    ("HV-004", "04/04/2022", "Courriel", "Cabinet", "Élu local", "Demande de rendez-vous", "",
     "07/04/2022", "13/04/2022"),
    ("HV-005", "08/04/2022", "Courriel", "Étrangers", "Particulier", "Information", "",
     "19/04/2022", ""),
    ("HV-006", "02/05/2022", "Courrier", "Collectivités", "Élu local", "Conseil", "", "17/05/2022",
     ""),
    ("HV-007", "01/06/2022", "Courrier", "Collectivités", "Élu local", "Information", "",
     "15/06/2022", ""),
    ("HV-008", "20/06/2022", "Courrier", "Cabinet", "Élu local", "Demande de rendez-vous",
     "21/06/2022", "27/06/2022", "08/07/2022"),
    ("HV-009", "04/07/2022", "Courriel", "Titres", "Particulier", "Information", "", "04/07/2022",
     ""),
    ("HV-010", "10/08/2022", "Courriel", "Associations", "Entreprise", "Conseil", "",
     "18/08/2022", ""),
    ("HV-011", "05/09/2022", "Courrier", "Collectivités", "Élu local", "Information", "", "", ""),
    ("HV-012", "12/09/2022", "Courriel", "Cabinet", "Élu local", "Demande de rendez-vous", "",
     "14/09/2022", "23/09/2022"),
    ("HV-013", "10/10/2022", "Courriel", "Collectivités", "Élu local", "Information", "",
     "14/10/2022", ""),
    ("HV-014", "27/10/2022", "Courriel", "Collectivités", "Élu local", "Conseil", "",
     "04/11/2022", ""),
    ("HV-015", "07/11/2022", "Courrier", "Titres", "Particulier", "Information", "", "21/11/2022",
     ""),
    ("HV-016", "14/11/2022", "Courriel", "Collectivités", "Élu local", "Information",
     "15/11/2022", "22/11/2022", ""),
    ("HV-017", "05/12/2022", "Courriel", "Étrangers", "Particulier", "Information", "", "", ""),
    ("HV-018", "19/12/2022", "Courriel", "Collectivités", "Élu local", "Information", "",
     "27/12/2022", ""),
]  # fmt: skip

# (ref, filed, way, type, subject, direction, answered, message, follow-up)
SP_PLUS_COMPLAINTS = [
    ("RS-01", "03/10/2022", "Courriel", "Réclamation", "Délais", "Citoyenneté", "07/10/2022",
     "Mon dossier de carte grise n'avance pas.", "Dossier débloqué et usager rappelé"),
    ("RS-02", "10/10/2022", "Urne", "Réclamation", "Accueil", "Accueil général", "24/10/2022",
     "Agent peu aimable au guichet.", "Rappel des règles d'accueil à l'équipe"),
    ("RS-03", "08/11/2022", "Formulaire internet", "Suggestion", "Signalétique",
     "Secrétariat général", "17/11/2022", "Indiquer le guichet des titres dès l'entrée.", ""),
    ("RS-04", "14/11/2022", "Courriel", "Réclamation", "Délais", "Citoyenneté", "",
     "Toujours pas de réponse à ma demande de titre.", ""),
    ("RS-05", "16/11/2022", "Courrier", "Suggestion", "Accueil", "Accueil général", "24/11/2022",
     "Ouvrir le guichet le samedi matin.", "Étude d'une ouverture un samedi par mois"),
    ("RS-06", "18/11/2022", "Courriel", "Remerciement", "Accueil", "Accueil général", "",
     "Merci pour votre aide.", ""),
    ("RS-07", "21/11/2022", "Urne", "Hors champ", "", "", "",
     "Question sur les impôts locaux.", ""),
    ("RS-08", "22/11/2022", "Courriel", "Remerciement", "", "", "",
     "Bravo à l'équipe du guichet.", ""),
]  # fmt: skip


def _sp_plus_survey_rows() -> list[list]:
    reception = ["Très satisfait"] * 5 + ["Satisfait"] * 5 + ["Peu satisfait", "Non concerné"]
    info = (["Très satisfait"] * 3 + ["Satisfait"] * 5 + ["Peu satisfait"] * 2
            + ["Pas du tout satisfait", ""])  # fmt: skip
    delay = (["Très satisfait"] * 2 + ["Satisfait"] * 4 + ["Peu satisfait"] * 3
             + ["Pas du tout satisfait"] * 3)  # fmt: skip
    marks = ["10", "9", "9", "8", "8", "7", "6", "5", "5", "4", "3", "NSP"]
    status = ["particulier"] * 8 + ["entreprise"] * 3 + ["élu"]
    rows = []
    for i in range(12):
        site = "Hôtel de préfecture" if i < 7 else "Sous-préfecture de Valfleuri"
        rows.append(
            [f"Q{i + 1:02d}", f"{14 + i % 10:02d}/11/2022", "Internet" if i % 3 == 0 else "Papier",
             site, status[i], reception[i], info[i], delay[i], marks[i]]
        )  # fmt: skip
    return rows


def _write_sp_plus(root: Path) -> None:
    base = root / "sp_plus"
    _yaml(base / "questionnaire_haut_vallon.yaml", SP_PLUS_QUESTIONS)
    mail_header = ["Numéro chrono", "Date d'arrivée", "Mode de contact", "Service destinataire",
                   "Type d'expéditeur", "Objet de la demande", "AR envoyé le",
                   "Réponse envoyée le", "RDV tenu le"]  # fmt: skip
    _xlsx(
        base / "raw/2022/courrier_arrivee_2022.xlsx",
        {"Courrier arrivée": [mail_header, *_as_dates(SP_PLUS_MAIL, 1, 6, 7, 8)]},
    )
    calls = [["Mois d'activité", "Nombre d'appels reçus", "Nombre d'appels aboutis"]]
    calls += [[f"{m:02d}/2022", 500, 440] for m in range(1, 13)]
    _csv(base / "raw/2022/telephonie_2022.csv", calls)
    survey_header = ["Réf questionnaire", "Rempli le", "Canal de réponse", "Lieu d'accueil",
                     "Catégorie", "Amabilité de l'accueil", "Information reçue",
                     "Délai de traitement", "Note globale /10"]  # fmt: skip
    _csv(base / "raw/2022/enquete_sp_2022.csv", [survey_header, *_sp_plus_survey_rows()])
    complaints_header = ["Réf.", "Date de dépôt", "Voie", "Type de message", "Sujet",
                         "Direction concernée", "Date de la réponse", "Contenu",
                         "Réponse apportée"]  # fmt: skip
    _xlsx(
        base / "raw/2022/reclamations_2022.xlsx",
        {"Registre RS": [["Registre des réclamations et suggestions 2022"], complaints_header,
                         *_as_dates(SP_PLUS_COMPLAINTS, 1, 6)]},
    )  # fmt: skip
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture du Haut-Vallon", "short_name": "le Haut-Vallon",
                "department_code": "61", "population": 280000,
                "contact_email": "services-publics-plus@haut-vallon.gouv.fr",
            },
            "labels": {"scheme": "Services Publics+", "version": 2023, "modules": [1, 4]},
            "raw_folder": "raw",
            "workspace": "sp_plus",
            "indicators": {"count_holding_replies": True,
                           "params": {"elected_letters": {"days": 10}}},
            "survey": {"questions": "questionnaire_haut_vallon.yaml"},
            "meeting_file": "{year}/reunion_clu_{year}.yaml",
            "sources": {
                "mail_register": {
                    "file": "{year}/courrier_arrivee_{year}.xlsx",
                    "sheet": "Courrier arrivée",
                    "columns": {
                        "Numéro chrono": "request_id", "Date d'arrivée": "received_on",
                        "Mode de contact": "channel", "Service destinataire": "service",
                        "Type d'expéditeur": "requester", "Objet de la demande": "request_kind",
                        "AR envoyé le": "holding_reply_on", "Réponse envoyée le": "answered_on",
                        "RDV tenu le": "appointment_on",
                    },
                    "values": {
                        "requester": {"particulier": "usager", "élu local": "élu",
                                      "entreprise": "professionnel"},
                        "request_kind": {"demande de rendez-vous": "rendez-vous"},
                    },
                },
                "telephony_monthly": {
                    "file": "{year}/telephonie_{year}.csv",
                    "columns": {
                        "Mois d'activité": "month", "Nombre d'appels reçus": "calls_received",
                        "Nombre d'appels aboutis": "calls_answered",
                    },
                },
                "survey_responses": {
                    "file": "{year}/enquete_sp_{year}.csv",
                    "columns": {
                        "Réf questionnaire": "response_id", "Rempli le": "answered_on",
                        "Canal de réponse": "mode", "Lieu d'accueil": "site",
                        "Catégorie": "statut", "Amabilité de l'accueil": "q_reception",
                        "Information reçue": "q_info", "Délai de traitement": "q_delay",
                        "Note globale /10": "q_mark",
                    },
                    "values": {"mode": {"internet": "en ligne"}},
                },
                "complaints": {
                    "file": "{year}/reclamations_{year}.xlsx",
                    "sheet": "Registre RS",
                    "header_row": 2,
                    "columns": {
                        "Réf.": "item_id", "Date de dépôt": "received_on", "Voie": "channel",
                        "Type de message": "nature", "Sujet": "theme",
                        "Direction concernée": "service", "Date de la réponse": "answered_on",
                        "Contenu": "text", "Réponse apportée": "follow_up",
                    },
                    "values": {"channel": {"formulaire internet": "formulaire du site"}},
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/reunion_clu_2022.yaml",
        {
            "committee": "Comité local des usagers",
            "prefecture": "Préfecture du Haut-Vallon",
            "date": dt.date(2023, 2, 2),
            "time": "9 h 30",
            "place": "Hôtel de préfecture, salle des commissions",
            "chair": {"name": "M. Roland Vallier", "role": "préfet du Haut-Vallon"},
            "contact_email": "services-publics-plus@haut-vallon.gouv.fr",
            "members": [
                _member("M. Roland Vallier", "préfet", "Préfecture du Haut-Vallon", "Préfecture"),
                _member("Mme Irène Coteau", "cheffe de projet Services Publics+",
                        "Préfecture du Haut-Vallon", "Préfecture"),
                _member("M. Jules Ravin", "maire", "Commune de Valfleuri", "Élus et collectivités"),
                _member("Mme Odette Combe", "présidente", "CCI du Haut-Vallon",
                        "Chambres consulaires", "excusé"),
                _member("M. Samir Adret", "délégué", "France Services du Haut-Vallon",
                        "Services de l'État"),
            ],
            "agenda": _agenda(
                ("Le programme Services Publics+", "quality_approach"),
                ("Nos engagements : les résultats 2022", "indicators"),
                ("Ce que disent nos usagers", "survey"),
                ("Réclamations et suggestions", "complaints"),
                ("Un courriel type pour avis", "template_emails"),
                ("Le plan d'amélioration", "action_plan"),
                ("Questions", "questions"),
            ),
            "what_changed": [
                "Publication trimestrielle des résultats Services Publics+",
                "Rendez-vous des élus fixés par le cabinet sous 4 jours ouvrés",
            ],
            "audits": [{"kind": "Évaluation Services Publics+", "date": dt.date(2023, 4, 12)}],
            "survey": {
                "start": dt.date(2022, 11, 14),
                "end": dt.date(2022, 11, 25),
                "mode": "questionnaire papier et en ligne",
            },
            "template_emails": [
                {"title": "Réponse à un élu",
                 "body": "Monsieur le Maire,\n\nVotre demande a été transmise au service des "
                         "collectivités, qui vous répondra sous 10 jours ouvrés.\n\nLe cabinet"},
            ],
        },
    )  # fmt: skip


SP_PLUS = Case(
    name="sp_plus",
    description=(
        "Une préfecture engagée dans Services Publics+ (modules 1 et 4) : registre avec des "
        "demandes d'élus, téléphonie, petite enquête à quatre niveaux avec une note globale, "
        "réclamations."
    ),
    period=PERIOD,
    config="sp_plus/prefecture.yaml",
    write=_write_sp_plus,
    present=(
        "La démarche Services Publics+ : périmètre et calendrier",
        "Ce qui a changé",
        # Services Publics+: indicators grouped by engagement (version 2023), not by module
        "Indicateurs 2022 — engagement 2 : Vous pouvez facilement entrer en contact",
        "Indicateurs 2022 — engagement 4 : Votre demande est traitée dans les délais",
        "Enquête — méthode et résultat global",
        "Enquête — satisfaction par critère",
        "Réclamations et suggestions — messages reçus",
        "thèmes et suites données",
        "Réclamations et suggestions 2022 : délais de réponse par canal",
        "thèmes et suites données",
        "Courriel type soumis à votre avis",
    ),
    absent=(
        "Qual-e-pref",
        "module 3",
        "module 7",
        "Appels mystère",
        "Courriels mystère",
        "Plan d'actions 2022 : état d'avancement",
        "Formation des agents",
    ),
    figures=(
        (
            "La démarche Services Publics+ : périmètre",
            "Indicateurs suivis : relation générale avec les usagers, relations avec les "
            "collectivités territoriales",
        ),
        (
            "La démarche Services Publics+ : nos 8 engagements (version 2023)",
            "Vous avez accès à nos résultats de qualité de service",
        ),
        ("Enquête — méthode et résultat global", "12"),
        ("Enquête — méthode et résultat global", pct("63,6")),
        # Services Publics+: the share of marks of 8 or more takes the fourth card (the very
        # satisfied, 27,3 %, stay in the notes)
        ("Enquête — méthode et résultat global", pct("45,5")),
        ("Enquête — méthode et résultat global", "+45,5"),
        ("satisfaction par critère", n_label("L'amabilité de l'accueil", 11)),
        ("satisfaction par critère", n_label("La qualité de l'information reçue", 11)),
        (
            "satisfaction par critère",
            n_label("Le délai de traitement de votre demande", 12),
        ),
        (INDICATOR_SLIDES, pct("88,0")),
        (INDICATOR_SLIDES, pct("66,7")),
        (INDICATOR_SLIDES, days("4,0")),
        (INDICATOR_SLIDES, pct("100,0")),
        (INDICATOR_SLIDES, days("9,0")),
        (INDICATOR_SLIDES, pct("60,0")),
        (INDICATOR_SLIDES, days("6,5")),
        (
            INDICATOR_SLIDES,
            "Taux de réponse dans le délai de 10 jours ouvrés aux courriers de demande "
            "d'information ou de conseil des élus",
        ),
        (INDICATOR_SLIDES, pct("50,0")),
        (INDICATOR_SLIDES, pct("75,0")),
        (INDICATOR_SLIDES, pct("66,7")),
        ("Réclamations et suggestions — messages reçus", "3"),
        ("Réclamations et suggestions — messages reçus", "réclamations"),
        ("Réclamations et suggestions — messages reçus", "message hors champ"),
        ("thèmes et suites données", "Signalétique"),
        ("délais de réponse par canal", pct("60,0")),
        ("délais de réponse par canal", days("6,5")),
        ("délais de réponse par canal", days("10,0")),
        ("suites données", "Accueil : Étude d'une ouverture un samedi par mois"),
    ),
    note="""\
Survey (12 questionnaires): accueil TS 5 + S 5 + PS 1 + NC 1 → 10/11 = 90,9 %; information
TS 3 + S 5 + PS 2 + PdTS 1 + 1 blank → 8/11 = 72,7 %; délai TS 2 + S 4 + PS 3 + PdTS 3 → 6/12 =
50,0 %. Overall mark (1–10; satisfied from 6, very from 9, dissatisfied below 5, 5 neutral):
10, 9, 9, 8, 8, 7, 6, 5, 5, 4, 3, NSP → n = 11; satisfied 7/11 = 63,6 %, very 3/11 = 27,3 %,
dissatisfied 2/11 (4 and 3), net (7 − 2)/11 = +45,5 points; marks ≥ 8: 5/11 = 45,5 %.
Telephony: 12 × 440 / 12 × 500 = 5 280/6 000 = 88,0 % (non atteint).
Module 1, users' e-mails (6): 04/01→10/01 4 j; 21/02→28/02 5 j; 08/04→19/04 6 j (Easter Monday)
late; 04/07→04/07 0 j; 10/08→18/08 5 j (15/08); 05/12 unanswered → 4/6 = 66,7 %; mean
(4+5+6+0+5)/5 = 4,0 j. Users' letter: 07/11→21/11 9 j (11/11) → 1/1 = 100,0 %, 9,0 j.
Module 4 (élus; elected_letters overridden to 10 jours ouvrés): letters (information, conseil)
07/03→18/03 9 j; 02/05→17/05 11 j late; 01/06→15/06 9 j (06/06); 05/09 unanswered → 2/4 =
50,0 %. E-mails: 10/10→14/10 4 j; 27/10→04/11 5 j (01/11); 14/11→22/11 6 j but holding reply
15/11 (1 j, counted); 19/12→27/12 6 j (26/12 is a working day in the Orne) → 3/4 = 75,0 %.
Appointments (holding replies never count): fixed 04/04→07/04 3 j, 20/06→27/06 5 j (> 4, late),
12/09→14/09 2 j → 2/3 = 66,7 %; held 04/04→13/04 7 j, 20/06→08/07 14 j (> 10), 12/09→23/09 9 j
→ 2/3 = 66,7 %.
Complaints (8): 3 réclamations, 2 suggestions, 2 remerciements, 1 message hors champ. Counted
(réclamations + suggestions, 5): courriel 03/10→07/10 4 j ≤ 5; urne 10/10→24/10 10 j ≤ 10;
formulaire 08/11→17/11 6 j > 5 (11/11); courriel 14/11 unanswered; courrier 16/11→24/11 6 j ≤ 10
→ 3/5 = 60,0 %; mean (4+10+6+6)/4 = 6,5 j; urne row: 1 message, 100,0 %, 10,0 j.
Themes (réclamations + suggestions): Accueil 2, Délais 2, Signalétique 1.
The label of the scheme comes from the configuration (labels.scheme), the meeting file has no
labelling: the deck must say Services Publics+ and list modules 1 and 4. The agenda has
« action_plan » without data.""",
)


# =================================================================================================
# 4. marks_only — every satisfaction question is a mark from 1 to 10, plus telephony
# =================================================================================================

MARKS_ONLY_QUESTIONS = {
    "scales": {
        "note_sur_10": {
            "min": 1, "max": 10, "satisfied_from": 7, "very_satisfied_from": 9,
            "dissatisfied_below": 5, "high_from": 8, "not_concerned": ["Non concerné"],
        }
    },
    "questions": [
        {"column": "canal_contact", "label": "Comment nous avez-vous contactés ?",
         "theme": "profil", "type": "single_choice",
         "options": ["guichet", "téléphone", "internet"]},
        {"column": "q_accueil", "label": "La note de l'accueil", "theme": "accueil",
         "type": "note_sur_10"},
        {"column": "q_attente", "label": "La note du temps d'attente", "theme": "accueil",
         "type": "note_sur_10"},
        {"column": "q_info", "label": "La note de l'information donnée", "theme": "information",
         "type": "note_sur_10"},
        {"column": "q_note", "label": "Votre note globale", "theme": "général",
         "type": "note_sur_10", "overall": True},
    ],
}  # fmt: skip


def _write_marks_only(root: Path) -> None:
    base = root / "marks_only"
    _yaml(base / "baremes_estuaire.yaml", MARKS_ONLY_QUESTIONS)
    accueil = [10, 9, 9, 8, 8, 7, 6, 5, 4, "Non concerné"]
    attente = [8, 7, 7, 6, 6, 5, 5, 4, 3, 2]
    info = [10, 10, 9, 9, 8, 8, 8, 7, 6, None]
    overall = [9, 9, 8, 8, 7, 7, 6, 5, 4, 10]
    canal = ["guichet"] * 6 + ["téléphone", "internet", "téléphone", "internet"]
    rows = [["Numéro de fiche", "Jour", "Contact par", "Note accueil", "Note attente",
             "Note information", "Note globale"]]  # fmt: skip
    rows += [
        [f"EG-{i + 1:02d}", dt.date(2022, 6, 13 + i + i // 5 * 2), canal[i], accueil[i],
         attente[i], info[i], str(overall[i]) if i % 2 else overall[i]]
        for i in range(10)
    ]  # fmt: skip
    _xlsx(base / "raw/2022/barometre_usagers_2022.xlsx", {"Notes": rows})
    served = [270] * 6 + [255] * 6
    calls = [["Mois de référence", "Appels arrivés", "Appels servis"]]
    calls += [[dt.datetime(2022, m, 1), 300, served[m - 1]] for m in range(1, 13)]
    _xlsx(base / "raw/2022/tableau_bord_accueil_2022.xlsx", {"Standard": calls})
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture de l'Estuaire-Gris", "short_name": "l'Estuaire-Gris",
                "department_code": "2B", "population": 60000,
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "raw_folder": "raw",
            "workspace": "marks_only",
            "survey": {"questions": "baremes_estuaire.yaml", "target": 0.85},
            "meeting_file": "{year}/reunion_{year}.yaml",
            "sources": {
                "survey_responses": {
                    "file": "{year}/barometre_usagers_{year}.xlsx",
                    "sheet": "Notes",
                    "columns": {
                        "Numéro de fiche": "response_id", "Jour": "answered_on",
                        "Contact par": "canal_contact", "Note accueil": "q_accueil",
                        "Note attente": "q_attente", "Note information": "q_info",
                        "Note globale": "q_note",
                    },
                },
                "telephony_monthly": {
                    "file": "{year}/tableau_bord_accueil_{year}.xlsx",
                    "sheet": "Standard",
                    "columns": {
                        "Mois de référence": "month", "Appels arrivés": "calls_received",
                        "Appels servis": "calls_answered",
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/reunion_2022.yaml",
        {
            "prefecture": "Préfecture de l'Estuaire-Gris",
            "date": dt.date(2023, 1, 31),
            "chair": {"name": "Mme Agathe Marée", "role": "secrétaire générale"},
            "contact_email": "qualite@estuaire-gris.gouv.fr",
            "members": [
                _member("Mme Agathe Marée", "secrétaire générale", "Préfecture de l'Estuaire-Gris",
                        "Préfecture"),
                _member("M. Loïc Vasière", "président", "Association des familles de l'Estuaire",
                        "Associations"),
                _member("Mme Flore Jusant", "maire", "Commune de Port-Gris",
                        "Élus et collectivités"),
            ],
            "agenda": _agenda(
                ("La démarche Qual-e-pref", "quality_approach"),
                ("Indicateurs 2022", "indicators"),
                ("Le baromètre des usagers", "survey"),
                ("Appels mystère", "mystery"),
                ("Questions", "questions"),
            ),
            "survey": {
                "start": dt.date(2022, 6, 13),
                "end": dt.date(2022, 6, 24),
                "mode": "notes de 1 à 10 sur tablette à l'accueil",
            },
        },
    )  # fmt: skip


MARKS_ONLY = Case(
    name="marks_only",
    description=(
        "Une préfecture dont l'enquête ne pose que des notes de 1 à 10 (aucune échelle à "
        "niveaux), avec ses propres seuils, et qui suit sa téléphonie."
    ),
    period=PERIOD,
    config="marks_only/prefecture.yaml",
    write=_write_marks_only,
    present=(
        "La démarche Qual-e-pref : périmètre et calendrier",
        "Indicateurs 2022 — module 1",
        "Enquête — méthode et résultat global",
        "Enquête — satisfaction par critère",
    ),
    absent=(
        "Ce qui a changé",
        "Enquête de satisfaction : évolution",
        "Appels mystère — critères",
        "Courriels mystère",
        "Réclamations et suggestions",
        "Plan d'actions",
    ),
    figures=(
        ("Enquête — méthode et résultat global", "10"),
        ("Enquête — méthode et résultat global", pct("70,0")),
        ("Enquête — méthode et résultat global", pct("30,0")),
        ("satisfaction par critère", n_label("La note de l'accueil", 9)),
        ("satisfaction par critère", n_label("La note du temps d'attente", 10)),
        ("satisfaction par critère", n_label("La note de l'information donnée", 9)),
        ("module 1", pct("87,5")),
    ),
    note="""\
Marks from 1 to 10 with the catalogue's own thresholds: satisfied from 7, very satisfied from 9,
dissatisfied below 5 (5 and 6 are neutral).
- accueil: 10, 9, 9, 8, 8, 7, 6, 5, 4, « Non concerné » → n = 9, satisfied 6/9 = 66,7 %;
- attente: 8, 7, 7, 6, 6, 5, 5, 4, 3, 2 → n = 10, satisfied 3/10 = 30,0 %;
- information: 10, 10, 9, 9, 8, 8, 8, 7, 6, blank → n = 9, satisfied 8/9 = 88,9 %;
- globale (overall; some cells are numbers, others texts): 9, 9, 8, 8, 7, 7, 6, 5, 4, 10 →
  n = 10, satisfied 7/10 = 70,0 %, very satisfied 3/10 = 30,0 %, dissatisfied 1/10 (the 4),
  net satisfaction +60,0 points; marks ≥ 8: 5/10.
10 questionnaires. Telephony: 12 × 300 = 3 600 calls, 6 × 270 + 6 × 255 = 3 150 answered →
87,5 % (target 90 %: non atteint). Months are date cells (first day of the month).
The agenda has « mystery » without any data.""",
)


# =================================================================================================
# 5. register_three_months — a mail register covering January to March only
# =================================================================================================

# (id, received, way, pole, requester, reason, holding reply, final answer)
THREE_MONTHS_MAIL = [
    ("PV-0001", "03/01/2022", "Courriel", "Accueil", "Usager", "Information", "", "07/01/2022"),
    ("PV-0002", "05/01/2022", "Courriel", "Titres", "Usager", "Information", "", "12/01/2022"),
    ("PV-0003", "10/01/2022", "Lettre", "Titres", "Usager", "Information", "", "21/01/2022"),
    ("PV-0004", "13/01/2022", "Courriel", "Étrangers", "Usager", "Conseil", "", "24/01/2022"),
    ("PV-0005", "01/02/2022", "Courriel", "Accueil", "Usager", "Information", "", "03/02/2022"),
    ("PV-0006", "14/02/2022", "Courriel", "Titres", "Usager", "Information", "", "22/02/2022"),
    ("PV-0007", "02/03/2022", "Courriel", "Étrangers", "Usager", "Information", "", "08/03/2022"),
    ("PV-0008", "07/03/2022", "Lettre", "Accueil", "Usager", "Autre", "", "24/03/2022"),
    ("PV-0009", "21/03/2022", "Courriel", "Titres", "Usager", "Information", "", "28/03/2022"),
    ("PV-0010", "31/03/2022", "Courriel", "Accueil", "Usager", "Information", "", ""),
]  # fmt: skip


def _write_register_three_months(root: Path) -> None:
    base = root / "register_three_months"
    header = ["Identifiant demande", "Reçue le", "Voie de réception", "Pôle", "Profil demandeur",
              "Motif", "Réponse d'attente le", "Réponse définitive le"]  # fmt: skip
    _csv(base / "raw/2022/courriers_T1_2022.csv", [header, *THREE_MONTHS_MAIL], sep=",")
    answered = [380] * 6 + [340] * 6
    rows = [["Standard téléphonique — synthèse mensuelle 2022"], [],
            ["Mois traité", "Appels reçus au standard", "Appels répondus"]]  # fmt: skip
    rows += [[f"{m:02d}/2022", 400, answered[m - 1]] for m in range(1, 13)]
    _xlsx(base / "raw/2022/standard_telephonique_2022.xlsx", {"Synthèse": rows})
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture du Plateau-Venteux", "short_name": "le Plateau-Venteux",
                "department_code": "43", "population": 225000,
                "contact_email": "qualite@plateau-venteux.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "raw_folder": "raw",
            "workspace": "register_three_months",
            "meeting_file": "{year}/reunion_clu_{year}.yaml",
            "sources": {
                "mail_register": {
                    "file": "{year}/courriers_T1_{year}.csv",
                    "coverage": {2022: [1, 2, 3]},
                    "columns": {
                        "Identifiant demande": "request_id", "Reçue le": "received_on",
                        "Voie de réception": "channel", "Pôle": "service",
                        "Profil demandeur": "requester", "Motif": "request_kind",
                        "Réponse d'attente le": "holding_reply_on",
                        "Réponse définitive le": "answered_on",
                    },
                    "values": {"channel": {"lettre": "courrier"}},
                },
                "telephony_monthly": {
                    "file": "{year}/standard_telephonique_{year}.xlsx",
                    "sheet": "Synthèse",
                    "header_row": 3,
                    "columns": {
                        "Mois traité": "month", "Appels reçus au standard": "calls_received",
                        "Appels répondus": "calls_answered",
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/reunion_clu_2022.yaml",
        {
            "prefecture": "Préfecture du Plateau-Venteux",
            "date": dt.date(2023, 1, 19),
            "place": "Préfecture, salle des Vents",
            "chair": {"name": "M. Victor Bise", "role": "secrétaire général"},
            "contact_email": "qualite@plateau-venteux.gouv.fr",
            "members": [
                _member("M. Victor Bise", "secrétaire général", "Préfecture du Plateau-Venteux",
                        "Préfecture"),
                _member("Mme Rose Zéphyr", "référente qualité", "Préfecture du Plateau-Venteux",
                        "Préfecture"),
                _member("M. Hervé Mistral", "maire", "Commune de Venteux",
                        "Élus et collectivités"),
            ],
            "agenda": _agenda(
                ("La démarche qualité", "quality_approach"),
                ("Les indicateurs 2022", "indicators"),
                ("L'enquête de satisfaction", "survey"),
                ("Questions diverses", "questions"),
            ),
            "what_changed": ["Nouveau logiciel de gestion du courrier à partir d'avril 2022"],
        },
    )  # fmt: skip


REGISTER_THREE_MONTHS = Case(
    name="register_three_months",
    description=(
        "Une préfecture dont le registre des courriers ne couvre que janvier à mars 2022 "
        "(déclaré dans la configuration), avec une téléphonie suivie les douze mois."
    ),
    period=PERIOD,
    config="register_three_months/prefecture.yaml",
    write=_write_register_three_months,
    present=(
        "La démarche Qual-e-pref : périmètre et calendrier",
        "Ce qui a changé",
        "Indicateurs 2022 — module 1",
    ),
    absent=(
        "Enquête — satisfaction par critère",
        "Appels mystère",
        "Réclamations et suggestions",
        "Plan d'actions",
    ),
    figures=(
        ("module 1", pct("62,5")),
        ("module 1", pct("50,0")),
        ("module 1", days("4,7")),
        ("module 1", days("11,0")),
        ("module 1", pct("90,0")),
    ),
    note="""\
The register covers January to March 2022 only (coverage {2022: [1, 2, 3]}): April to December
are not tracked (« non suivi », never « aucune demande »); the year's values rest on the three
covered months (the deck may say so, e.g. « (3 mois) »).
Users' e-mails (8): 03/01→07/01 4 j; 05/01→12/01 5 j; 13/01→24/01 7 j late; 01/02→03/02 2 j;
14/02→22/02 6 j late; 02/03→08/03 4 j; 21/03→28/03 5 j; 31/03 unanswered (late) → 5/8 = 62,5 %;
mean (4+5+7+2+6+4+5)/7 = 33/7 = 4,7 j.
Letters (« Lettre » mapped to courrier, 2): 10/01→21/01 9 j; 07/03→24/03 13 j late → 1/2 =
50,0 %; mean (9+13)/2 = 11,0 j.
Telephony (header on row 3): 12 × 400 = 4 800 calls; 6 × 380 + 6 × 340 = 4 320 answered →
90,0 % (target ≥ 90 %: atteint).
The agenda has « survey » without any survey source.""",
)


# =================================================================================================
# 6. no_site_mode — optional columns missing: no site / mode, no service, no complaint theme
# =================================================================================================

NO_SITE_QUESTIONS = {
    "scales": {
        "quatre_niveaux": {
            "levels": ["Très satisfait", "Satisfait", "Peu satisfait", "Pas satisfait"],
            "satisfied": ["Très satisfait", "Satisfait"],
            "very_satisfied": ["Très satisfait"],
            "not_concerned": ["Non concerné"],
        }
    },
    "questions": [
        {"column": "type_public", "label": "Vous êtes", "theme": "profil",
         "type": "single_choice", "options": ["particulier", "professionnel"]},
        {"column": "q_guichet", "label": "L'accueil au guichet", "theme": "accueil",
         "type": "quatre_niveaux"},
        {"column": "q_horaires", "label": "Les horaires d'ouverture", "theme": "accueil",
         "type": "quatre_niveaux"},
        {"column": "q_telephone", "label": "L'accueil téléphonique", "theme": "téléphone",
         "type": "quatre_niveaux"},
    ],
    "breakdowns": [{"column": "type_public", "label": "Par type de public"}],
}  # fmt: skip

NO_SITE_MAIL = [  # (ref, received, channel, sender, answered)
    ("LH-1", "05/09/2022", "Courriel", "Usager", "12/09/2022"),
    ("LH-2", "13/09/2022", "Courriel", "Usager", "21/09/2022"),
    ("LH-3", "26/09/2022", "Courriel", "Usager", "27/09/2022"),
    ("LH-4", "03/10/2022", "Courrier", "Usager", "17/10/2022"),
    ("LH-5", "10/10/2022", "Courriel", "Usager", "12/10/2022"),
]
NO_SITE_COMPLAINTS = [  # (n°, arrival, way, category, service, answered, message, follow-up)
    ("K-01", "07/11/2022", "Courriel", "Réclamation", "Titres", "10/11/2022",
     "Attente de deux heures au guichet.", "Réponse personnalisée et excuses"),
    ("K-02", "14/11/2022", "Courrier", "Réclamation", "Étrangers", "28/11/2022",
     "Dossier égaré.", ""),
    ("K-03", "15/11/2022", "Urne", "Suggestion", "Accueil", "02/12/2022",
     "Installer un distributeur d'eau.", ""),
    ("K-04", "16/11/2022", "Courriel", "Remerciement", "Accueil", "", "Merci à l'équipe.", ""),
    ("K-05", "21/11/2022", "Urne", "Hors champ", "", "", "Question sur une amende.", ""),
]  # fmt: skip


def _write_no_site_mode(root: Path) -> None:
    base = root / "no_site_mode"
    _yaml(base / "questions_lande.yaml", NO_SITE_QUESTIONS)
    ts, s, ps, pas, nc = (
        "Très satisfait",
        "Satisfait",
        "Peu satisfait",
        "Pas satisfait",
        "Non concerné",
    )
    guichet = [ts, ts, ts, s, s, s, ps, pas]
    horaires = [ts, ts, s, s, ps, ps, nc, nc]
    telephone = [ts, s, s, s, s, ps, ps, ""]
    public = ["particulier"] * 5 + ["professionnel"] * 3
    survey = [["N° questionnaire", "Date du questionnaire", "Public", "Accueil guichet",
               "Horaires", "Téléphone"]]  # fmt: skip
    survey += [
        [f"{i + 1}", f"{5 + i:02d}/12/2022", public[i], guichet[i], horaires[i], telephone[i]]
        for i in range(8)
    ]
    _csv(base / "raw/2022/enquete_guichets_2022.csv", survey)
    mail = [["Réf", "Reçu le", "Type de canal", "Émetteur", "Répondu le"], *NO_SITE_MAIL]
    _csv(base / "raw/2022/registre_courriels_2022.csv", mail, sep=",", encoding="utf-8-sig")
    complaints = [["Numéro", "Date d'arrivée", "Moyen", "Catégorie", "Service visé", "Réponse le",
                   "Message de l'usager", "Suite donnée"], *NO_SITE_COMPLAINTS]  # fmt: skip
    _csv(base / "raw/2022/reclamations_2022.csv", complaints)
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture de la Lande-Haute", "short_name": "la Lande-Haute",
                "department_code": "40", "population": 150000,
                "contact_email": "qualite@lande-haute.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "raw_folder": "raw",
            "workspace": "no_site_mode",
            "survey": {"questions": "questions_lande.yaml"},
            "meeting_file": "{year}/clu_{year}.yaml",
            "sources": {
                "survey_responses": {
                    "file": "{year}/enquete_guichets_{year}.csv",
                    "columns": {
                        "N° questionnaire": "response_id", "Date du questionnaire": "answered_on",
                        "Public": "type_public", "Accueil guichet": "q_guichet",
                        "Horaires": "q_horaires", "Téléphone": "q_telephone",
                    },
                },
                "mail_register": {
                    "file": "{year}/registre_courriels_{year}.csv",
                    "columns": {
                        "Réf": "request_id", "Reçu le": "received_on", "Type de canal": "channel",
                        "Émetteur": "requester", "Répondu le": "answered_on",
                    },
                },
                "complaints": {
                    "file": "{year}/reclamations_{year}.csv",
                    "columns": {
                        "Numéro": "item_id", "Date d'arrivée": "received_on", "Moyen": "channel",
                        "Catégorie": "nature", "Service visé": "service",
                        "Réponse le": "answered_on", "Message de l'usager": "text",
                        "Suite donnée": "follow_up",
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/clu_2022.yaml",
        {
            "prefecture": "Préfecture de la Lande-Haute",
            "date": dt.date(2023, 1, 12),
            "chair": {"name": "Mme Hélène Bruyère", "role": "préfète"},
            "members": [
                _member("Mme Hélène Bruyère", "préfète", "Préfecture de la Lande-Haute",
                        "Préfecture"),
                _member("M. Yann Genêt", "président", "Association Lande Solidaire",
                        "Associations"),
                _member("Mme Clara Pinède", "maire", "Commune de Haute-Lande",
                        "Élus et collectivités", "absent"),
            ],
            "agenda": _agenda(
                ("Les indicateurs de qualité", "indicators"),
                ("Les résultats de l'enquête aux guichets", "survey"),
                ("Les réclamations et suggestions", "complaints"),
                ("Questions", "questions"),
            ),
        },
    )  # fmt: skip


NO_SITE_MODE = Case(
    name="no_site_mode",
    description=(
        "Une préfecture dont les exports n'ont pas les colonnes facultatives : ni site ni mode "
        "de réponse dans l'enquête, ni service dans le registre, ni thème dans les réclamations."
    ),
    period=PERIOD,
    config="no_site_mode/prefecture.yaml",
    write=_write_no_site_mode,
    present=(
        "Indicateurs 2022 — module 1",
        "Enquête de satisfaction 2022",
        "Enquête — satisfaction par critère",
        "Réclamations et suggestions — messages reçus",
        "Réclamations et suggestions 2022 : délais de réponse par canal",
        "thèmes et suites données",
    ),
    absent=(
        "La démarche",
        "Ce qui a changé",
        "Appels mystère",
        "Plan d'actions",
        "Point numérique",
    ),
    figures=(
        ("Enquête de satisfaction 2022", "8"),
        ("satisfaction par critère", n_label("L'accueil au guichet", 8)),
        ("satisfaction par critère", n_label("Les horaires d'ouverture", 6)),
        ("satisfaction par critère", n_label("L'accueil téléphonique", 7)),
        ("module 1", pct("75,0")),
        ("module 1", days("3,5")),
        ("module 1", pct("100,0")),
        ("module 1", days("10,0")),
        ("module 1", pct("66,7")),
        ("module 1", days("8,7")),
        ("Réclamations et suggestions — messages reçus", "2"),
        ("Réclamations et suggestions — messages reçus", "réclamations"),
        ("Réclamations et suggestions — messages reçus", "message hors champ"),
        ("délais de réponse par canal", pct("66,7")),
        ("suites données", "Réponse personnalisée et excuses"),
    ),
    note="""\
Survey without « Site » and « Mode » columns, catalogue broken down by type of public only;
the meeting file gives no survey dates. 8 questionnaires: guichet TS 3 + S 3 + PS 1 + PaS 1 →
6/8 = 75,0 %; horaires TS 2 + S 2 + PS 2 + NC 2 → n = 6, 4/6 = 66,7 %; téléphone TS 1 + S 4 +
PS 2 + 1 blank → n = 7, 5/7 = 71,4 %. No overall question: only the count on the method slide.
Mail register (csv with a BOM and « , ») without service, nature nor holding reply. Users'
e-mails (4): 05/09→12/09 5 j; 13/09→21/09 6 j late; 26/09→27/09 1 j; 10/10→12/10 2 j → 3/4 =
75,0 %; mean (5+6+1+2)/4 = 3,5 j. Letter: 03/10→17/10 10 j → 1/1 = 100,0 %, 10,0 j.
Complaints without a theme column (5): 2 réclamations, 1 suggestion, 1 remerciement, 1 message
hors champ. Counted (réclamations + suggestions, 3):
courriel 07/11→10/11 3 j ≤ 5; courrier 14/11→28/11 10 j ≤ 10; urne 15/11→02/12 13 j > 10 →
2/3 = 66,7 %; mean (3+10+13)/3 = 8,7 j. No theme: no themes slide; the follow-up of K-01 is
listed without a theme (never as « – : … » nor « nan »).""",
)


# =================================================================================================
# 7. multi_year — one export for 2020 to 2022 (plus a stray 2019 row), telephony per year
# =================================================================================================

MULTI_YEAR_MAIL = [  # (n°, in, way, origin, out): dates written as hands and exports write them
    ("2019-118", "02/12/2019", "Messagerie", "Administré", "04/12/2019"),
    ("2020-001", "2020-01-06", "Messagerie", "Administré", "10.01.2020"),
    ("2020-002", "13-01-2020", "Messagerie", "Administré", "2020/01/21"),
    ("2021-001", "4 janv. 2021", "Messagerie", "Administré", "07/01/21"),
    ("2021-002", "1er février 2021", "Messagerie", "Administré", "08/02/2021"),
    ("2021-003", "01/03/2021", "Messagerie", "Administré", "5 mars 2021 à 10 h"),
    ("2021-004", "12/04/2021", "Messagerie", "Administré", ""),
    ("2022-001", "03/01/2022", "Messagerie", "Administré", "10/01/2022"),
    ("2022-002", "44599", "Messagerie", "Administré", "9/2/2022"),  # (an Excel day number)
    ("2022-003", "07/03/2022", "Messagerie", "Administré", "15/03/2022"),
    ("2022-004", "04/04/2022", "Messagerie", "Administré", "08/04/2022"),
    ("2022-005", "02/05/2022", "Messagerie", "Administré", "03/05/2022"),
]
MULTI_YEAR_CALLS = {2020: 810, 2021: 850, 2022: 920}  # answered a month, out of 1 000
MULTI_YEAR_TRAININGS = [  # (year, training, agents)
    (2021, "Accueil des publics en situation de handicap", 6),
    (2021, "Gestion des incivilités", 4),
    (2022, "Accueil des publics en situation de handicap", 5),
    (2022, "Langage clair", 8),
    (2022, "Accueil téléphonique", 3),
]


def _month_cell(year: int, month: int):
    """A month as each year's workbook writes it: date cells (2020), words and figures mixed
    (2021: « avr-21 », « janvier 2021 », « févr. 2021 », « 03/2021 »…), « AAAA-MM » (2022)."""
    if year == 2020:
        return dt.date(year, month, 1)
    if year == 2021:
        short = ("janv", "févr", "mars", "avr", "mai", "juin", "juil", "août", "sept", "oct",
                 "nov", "déc")[month - 1]  # fmt: skip
        forms = (f"{short}-{year % 100}", f"{MONTHS_FR[month - 1]} {year}",
                 f"{short}. {year}", f"{month:02d}/{year}")  # fmt: skip
        return forms[month % 4]
    return f"{year}-{month:02d}"


def _write_multi_year(root: Path) -> None:
    base = root / "multi_year"
    header = ["Numéro d'ordre", "Date d'entrée", "Canal d'arrivée", "Origine", "Date de sortie"]
    _csv(base / "raw/export_courrier_2020_2022.csv", [header, *MULTI_YEAR_MAIL])
    for year, answered in MULTI_YEAR_CALLS.items():
        rows = [["Mois (AAAA-MM)", "Entrants", "Décrochés"]]
        rows += [[_month_cell(year, m), 1000, answered] for m in range(1, 13)]
        _xlsx(base / f"raw/{year}/telephonie_{year}.xlsx", {"Appels": rows})
    trainings = [["Exercice", "Intitulé de la formation", "Effectif formé"],
                 *MULTI_YEAR_TRAININGS]  # fmt: skip
    _csv(base / "raw/formations_agents_2021_2022.csv", trainings)
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture de la Vallée-Close", "short_name": "la Vallée-Close",
                "department_code": "15", "population": 140000,
                "contact_email": "qualite@vallee-close.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "history_years": 3,
            "raw_folder": "raw",
            "workspace": "multi_year",
            "meeting_file": "{year}/reunion_clu_{year}.yaml",
            "sources": {
                "mail_register": {
                    "file": "export_courrier_2020_2022.csv",
                    "columns": {
                        "Numéro d'ordre": "request_id", "Date d'entrée": "received_on",
                        "Canal d'arrivée": "channel", "Origine": "requester",
                        "Date de sortie": "answered_on",
                    },
                    "values": {
                        "channel": {"messagerie": "courriel", "voie postale": "courrier"},
                        "requester": {"administré": "usager"},
                    },
                },
                "telephony_monthly": {
                    "file": "{year}/telephonie_{year}.xlsx",
                    "sheet": "Appels",
                    "columns": {
                        "Mois (AAAA-MM)": "month", "Entrants": "calls_received",
                        "Décrochés": "calls_answered",
                    },
                },
                "trainings": {
                    "file": "formations_agents_2021_2022.csv",
                    "columns": {
                        "Exercice": "year", "Intitulé de la formation": "training",
                        "Effectif formé": "agents_trained",
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/reunion_clu_2022.yaml",
        {
            "prefecture": "Préfecture de la Vallée-Close",
            "date": dt.date(2023, 1, 24),
            "chair": {"name": "M. Bastien Combe", "role": "secrétaire général"},
            "contact_email": "qualite@vallee-close.gouv.fr",
            "members": [
                _member("M. Bastien Combe", "secrétaire général", "Préfecture de la Vallée-Close",
                        "Préfecture"),
                _member("Mme Jeanne Ubac", "directrice", "Maison France Services de Close",
                        "Services de l'État"),
            ],
            "agenda": _agenda(
                ("La démarche Qual-e-pref", "quality_approach"),
                ("Trois ans d'indicateurs", "indicators"),
                ("Les formations", "trainings"),
                ("Questions", "questions"),
            ),
            "what_changed": ["Un seul export du courrier pour trois années"],
        },
    )  # fmt: skip


MULTI_YEAR = Case(
    name="multi_year",
    description=(
        "Une préfecture dont le registre des courriels est un seul export couvrant 2020 à 2022 "
        "(avec une ligne de 2019 à écarter), la téléphonie restant annuelle."
    ),
    period=PERIOD,
    config="multi_year/prefecture.yaml",
    write=_write_multi_year,
    present=(
        "La démarche Qual-e-pref : périmètre et calendrier",
        "Ce qui a changé",
        "Indicateurs 2022 — module 1",
        "Formation des agents 2021–2022",
    ),
    absent=("Enquête de satisfaction", "Appels mystère", "Réclamations et suggestions"),
    figures=(
        ("module 1", "2020"),
        ("module 1", pct("81,0")),
        ("module 1", pct("85,0")),
        ("module 1", pct("92,0")),
        ("module 1", pct("50,0")),
        ("module 1", pct("75,0")),
        ("module 1", pct("80,0")),
        ("module 1", days("5,0")),
        ("module 1", days("4,0")),
        ("module 1", days("3,6")),
        ("module 1", "aucune demande"),
        ("Formation des agents", "Gestion des incivilités"),
        ("Formation des agents", "Langage clair"),
        ("Formation des agents", "6"),
        ("Formation des agents", "Accueil téléphonique"),
        ("Formation des agents", "16"),
        ("Formation des agents", "10"),
    ),
    note="""\
history_years 3 with period 2022: 2020, 2021 and 2022 are read. The mail register is ONE file
(no {year} in its name): each row belongs to the year of its « Date d'entrée »; the row of
02/12/2019 is outside the years read and is set aside (it must not land in 2020, where it would
make 2/3 = 66,7 %). Every row is counted once, not once per year read.
E-mails (all from « Administré », mapped to usager):
- 2020: 06/01→10/01 4 j; 13/01→21/01 6 j late → 1/2 = 50,0 %; mean (4+6)/2 = 5,0 j;
- 2021: 04/01→07/01 3 j; 01/02→08/02 5 j; 01/03→05/03 4 j; 12/04 unanswered → 3/4 = 75,0 %;
  mean (3+5+4)/3 = 4,0 j;
- 2022: 03/01→10/01 5 j; 07/02→09/02 2 j; 07/03→15/03 6 j late; 04/04→08/04 4 j; 02/05→03/05
  1 j → 4/5 = 80,0 %; mean (5+2+6+4+1)/5 = 3,6 j.
No letter in any year: the letters' indicators read « aucune demande ». The dates are written
in every way the readers take (2020-01-06, 13-01-2020, 10.01.2020, 2020/01/21, 07/01/21,
« 4 janv. 2021 », « 1er février 2021 », « 5 mars 2021 à 10 h », the day number 44599 for
07/02/2022, 9/2/2022): the figures are those of the days above.
Telephony, one workbook a year, 12 × 1 000 calls (months as date cells in 2020, in words and
figures mixed in 2021, « 2022-01 » in 2022): 2020 12 × 810 → 81,0 %; 2021 12 × 850 →
85,0 %; 2022 12 × 920 → 92,0 %.
Trainings: ONE file for 2021 and 2022: handicap 6 (2021) and 5 (2022); incivilités 4 (2021)
and « – » in 2022; langage clair « – » in 2021 and 8 (2022); accueil téléphonique « – » in 2021
and 3 (2022); totals 6 + 4 = 10 (2021) and 5 + 8 + 3 = 16 (2022), each training counted once
(not once per year read), in a table « Formation des agents 2021–2022 ».""",
)


# =================================================================================================
# 8. header_only — complaints, mystery calls and trainings exports with their headers only
# =================================================================================================


def _write_header_only(root: Path) -> None:
    base = root / "header_only"
    ts, s, ps, pas = "Très satisfait", "Satisfait", "Peu satisfait", "Pas satisfait"
    courtesy = [ts, ts, ts, ts, s, s, s, s, ps, "Non concerné"]
    waiting = [ts, s, s, s, ps, ps, ps, pas, pas, None]
    overall = [9, 8, 8, 7, 10, 6, 5, 3, 7, 4]
    public = ["particulier"] * 6 + ["professionnel"] * 3 + [None]
    comments = {1: "Accueil très agréable.", 7: "Trop d'attente, pas assez de guichets ouverts."}
    survey = [["Numéro", "Date de passage", "Catégorie de public", "Accueil - courtoisie",
               "Accueil - attente", "Note sur 10", "Commentaire libre"]]  # fmt: skip
    survey += [
        [f"HF{i + 1:03d}", dt.date(2022, 9, 5 + i), public[i], courtesy[i], waiting[i],
         overall[i], comments.get(i)]
        for i in range(10)
    ]  # fmt: skip
    _xlsx(base / "raw/2022/questionnaires_accueil_2022.xlsx", {"Réponses usagers": survey})
    months = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
              "nov.", "déc."]  # fmt: skip
    answered = [232] * 6 + [233] * 6
    calls = [["Mois de l'année", "Appels entrants", "Appels traités"]]
    calls += [[f"{months[m]} 2022", 250, answered[m]] for m in range(12)]
    _csv(base / "raw/2022/appels_standard_2022.csv", calls)
    _xlsx(
        base / "raw/2022/registre_reclamations_2022.xlsx",
        {"Réclamations": [["Réf. message", "Reçu le", "Voie d'arrivée", "Type", "Objet du message",
                           "Service mis en cause", "Répondu le", "Texte", "Suites"]]},
    )  # fmt: skip
    _xlsx(
        base / "raw/2022/grille_appels_mystere_2022.xlsx",
        {"Appels": [["N° appel", "Date appel", "Heure appel", "Service appelé par l'enquêteur",
                     "Abouti ?", "Nombre de sonneries", "SVI compréhensible", "Prise en charge",
                     "Salutation", "Politesse", "Vocabulaire", "Sites officiels",
                     "Premier renseignement", "Transfert annoncé ?", "Conclusion",
                     "Remarques de l'enquêteur"]]},
    )  # fmt: skip
    _csv(base / "raw/2022/formations_2022.csv",
         [["Année de formation", "Module suivi", "Agents ayant suivi"]])  # fmt: skip
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture des Hautes-Falaises", "short_name": "les Hautes-Falaises",
                "department_code": "971", "population": 380000,
                "contact_email": "qualite@hautes-falaises.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "raw_folder": "raw",
            "workspace": "header_only",
            "meeting_file": "{year}/reunion_clu_{year}.yaml",
            "sources": {
                "survey_responses": {
                    "file": "{year}/questionnaires_accueil_{year}.xlsx",
                    "sheet": "Réponses usagers",
                    "columns": {
                        "Numéro": "response_id", "Date de passage": "answered_on",
                        "Catégorie de public": "user_type", "Accueil - courtoisie": "q_courtesy",
                        "Accueil - attente": "q_waiting_time", "Note sur 10": "q_overall",
                        "Commentaire libre": "comment",
                    },
                },
                "telephony_monthly": {
                    "file": "{year}/appels_standard_{year}.csv",
                    "columns": {
                        "Mois de l'année": "month", "Appels entrants": "calls_received",
                        "Appels traités": "calls_answered",
                    },
                },
                "complaints": {
                    "file": "{year}/registre_reclamations_{year}.xlsx",
                    "sheet": "Réclamations",
                    "columns": {
                        "Réf. message": "item_id", "Reçu le": "received_on",
                        "Voie d'arrivée": "channel", "Type": "nature",
                        "Objet du message": "theme", "Service mis en cause": "service",
                        "Répondu le": "answered_on", "Texte": "text", "Suites": "follow_up",
                    },
                },
                "mystery_calls": {
                    "file": "{year}/grille_appels_mystere_{year}.xlsx",
                    "sheet": "Appels",
                    "columns": {
                        "N° appel": "call_id", "Date appel": "called_on",
                        "Heure appel": "called_at", "Service appelé par l'enquêteur": "service",
                        "Abouti ?": "answered", "Nombre de sonneries": "rings",
                        "SVI compréhensible": "svi_clear", "Prise en charge": "pickup",
                        "Salutation": "greeting", "Politesse": "courtesy",
                        "Vocabulaire": "plain_language", "Sites officiels": "official_sites",
                        "Premier renseignement": "first_level_info",
                        "Transfert annoncé ?": "transfer_announced", "Conclusion": "farewell",
                        "Remarques de l'enquêteur": "comment",
                    },
                },
                "trainings": {
                    "file": "{year}/formations_{year}.csv",
                    "columns": {
                        "Année de formation": "year", "Module suivi": "training",
                        "Agents ayant suivi": "agents_trained",
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/reunion_clu_2022.yaml",
        {
            "prefecture": "Préfecture des Hautes-Falaises",
            "date": dt.date(2023, 2, 9),
            "time": "15 h",
            "chair": {"name": "M. Didier Alizé", "role": "préfet"},
            "contact_email": "qualite@hautes-falaises.gouv.fr",
            "members": [
                _member("M. Didier Alizé", "préfet", "Préfecture des Hautes-Falaises",
                        "Préfecture"),
                _member("Mme Maëlle Corail", "présidente", "Collectif des usagers",
                        "Associations"),
            ],
            "agenda": _agenda(
                ("Les indicateurs", "indicators"),
                ("L'enquête de satisfaction", "survey"),
                ("Les appels mystère", "mystery"),
                ("Les réclamations", "complaints"),
                ("Les formations", "trainings"),
                ("Questions", "questions"),
            ),
            "survey": {"start": dt.date(2022, 9, 5), "end": dt.date(2022, 9, 14)},
            "mystery": {"calls_start": dt.date(2022, 10, 3), "calls_end": dt.date(2022, 10, 14)},
        },
    )  # fmt: skip


HEADER_ONLY = Case(
    name="header_only",
    description=(
        "Une préfecture dont les exports des réclamations, des appels mystère et des formations "
        "n'ont que leur ligne d'en-têtes, avec une petite enquête (catalogue par défaut) et sa "
        "téléphonie."
    ),
    period=PERIOD,
    config="header_only/prefecture.yaml",
    write=_write_header_only,
    present=(
        "Indicateurs 2022 — module 1",
        "Enquête — méthode et résultat global",
        "Enquête — satisfaction par critère",
    ),
    absent=(
        "La démarche",
        "Appels mystère — critères",
        "Appels mystère — points forts",
        "Courriels mystère",
        "Réclamations et suggestions 2022 : délais de réponse par canal",
        "thèmes et suites données",
        "Point numérique",
        "Profil des répondants 2022 : âge",
        "Plan d'actions",
    ),
    figures=(
        ("Enquête — méthode et résultat global", "10"),
        ("Enquête — méthode et résultat global", pct("70,0")),
        ("Enquête — méthode et résultat global", pct("20,0")),
        ("satisfaction par critère", n_label("La courtoisie des agents", 9)),
        ("satisfaction par critère", n_label("Le délai d'attente", 9)),
        ("module 1", pct("93,0")),
        ("module 1", "aucune demande"),
    ),
    note="""\
Survey on the packaged catalogue (default question columns, own headers), only three of its
questions in the export: courtoisie TS 4 + S 4 + PS 1 + NC 1 → n = 9, 8/9 = 88,9 %; attente
TS 1 + S 3 + PS 3 + PaS 2 + 1 blank → n = 9, 4/9 = 44,4 %; overall mark (default thresholds:
satisfied from 6, very from 9, dissatisfied below 6): 9, 8, 8, 7, 10, 6, 5, 3, 7, 4 → n = 10,
satisfied 7/10 = 70,0 %, very 2/10 = 20,0 %, dissatisfied 3/10, net +40,0 points. 10
questionnaires. The criteria of the catalogue absent from the export have no answer and are not
shown; no « âge » nor « démarches » column, no point numérique.
Telephony (« janv. 2022 » … « déc. 2022 »): 12 × 250 = 3 000 calls, 6 × 232 + 6 × 233 = 2 790
answered → 93,0 %.
Complaints, mystery calls and trainings: files with their header row only, so zero rows. The
complaints register was read and is empty: its reply-rate indicator reads « aucune demande »
(zero message), not 0 %. No mystery, complaints or trainings slide with figures (the agenda
names them: the deck leaves them out or says there is no data).""",
)


# =================================================================================================
# 9. four_levels_yes_no — another 4-level scale and a yes/no criterion; mystery calls and e-mails
# =================================================================================================

CAUSSE_QUESTIONS = {
    "scales": {
        "appreciation4": {
            "levels": ["Excellent", "Bien", "Moyen", "Insuffisant"],
            "satisfied": ["Excellent", "Bien"],
            "very_satisfied": ["Excellent"],
            "not_concerned": ["Non concerné", "Sans objet"],
        },
        "oui_non": {"levels": ["Oui", "Non"], "satisfied": ["Oui"]},
    },
    "questions": [
        {"column": "motif_visite", "label": "Motif de la visite", "theme": "profil",
         "type": "single_choice",
         "options": ["titre de séjour", "permis de conduire", "carte grise", "autre"]},
        {"column": "q_accueil", "label": "L'accueil sur place", "theme": "accueil",
         "type": "appreciation4"},
        {"column": "q_orient", "label": "L'orientation dans le bâtiment", "theme": "accueil",
         "type": "appreciation4"},
        {"column": "q_docs", "label": "La liste des pièces à fournir", "theme": "information",
         "type": "appreciation4"},
        {"column": "borne_utilisee", "label": "Avez-vous utilisé la borne de pré-accueil ?",
         "theme": "profil", "type": "yes_no"},
        {"column": "q_borne", "label": "L'aide apportée à la borne", "theme": "accueil",
         "type": "appreciation4", "subgroup": "borne_utilisee"},
        {"column": "q_resolu", "label": "Votre demande a-t-elle été traitée ?",
         "theme": "résultat", "type": "oui_non"},
        {"column": "q_remarque", "label": "Votre remarque", "theme": "verbatims",
         "type": "free_text"},
    ],
    "breakdowns": [{"column": "motif_visite", "label": "Par motif de visite"}],
}  # fmt: skip

# (n°, day, time, service, answered, rings, svi, pickup, greeting, courtesy, language,
#  official sites, first-level info, transfer announced, farewell, comment); SO = sans objet
CAUSSE_CALLS = [
    ("M01", "03/10/2022", "09:30", "Standard", "oui", 3, "oui", "oui", "oui", "oui", "oui", "SO",
     "oui", "non", "oui", "Accueil aimable. Transfert sans annonce du service."),
    ("M02", "03/10/2022", "14:30", "Bureau des étrangers", "oui", 4, "oui", "oui", "non", "oui",
     "oui", "oui", "oui", "SO", "oui", "Pas de formule d'accueil. Réponse claire."),
    ("M03", "04/10/2022", "09:30", "Bureau des permis", "non", None, "non", None, None, None, None,
     None, None, None, None, "Appel non abouti après le menu du serveur vocal."),
    ("M04", "04/10/2022", "14:30", "Standard", "oui", 12, "oui", "oui", "oui", "oui", "non", "SO",
     "oui", "oui", "oui", "Décroché après 12 sonneries. Jargon administratif."),
    ("M05", "05/10/2022", "09:30", "Bureau des élections", "oui", 2, "non", "oui", "oui", "oui",
     "oui", "oui", "oui", "SO", "oui", "Menu du serveur vocal confus."),
    ("M06", "05/10/2022", "14:30", "Standard", "oui", 5, "oui", "non", "non", "oui", "oui", "SO",
     "non", "oui", "non", "Attente longue avant la prise en charge. Raccroché sans au revoir."),
    ("M07", "06/10/2022", "09:30", "Bureau des étrangers", "oui", 3, "oui", "oui", "oui", "oui",
     "oui", "oui", "oui", "oui", "oui", "Échange complet et courtois."),
    ("M08", "06/10/2022", "14:30", "Bureau des permis", "non", None, "oui", None, None, None, None,
     None, None, None, None, "Appel non abouti : messagerie pleine."),
    ("M09", "07/10/2022", "09:30", "Standard", "oui", 6, "oui", "oui", "oui", "oui", "oui", "SO",
     "oui", "SO", "oui", None),
    ("M10", "07/10/2022", "14:30", "Bureau des élections", "oui", 4, "oui", "oui", "oui", "oui",
     "oui", "oui", "oui", "oui", "oui", None),
]  # fmt: skip

# (ref, sent, mailbox, acknowledged, answered, signature, forwarding, layout)
CAUSSE_EMAILS = [
    ("CM-1", "03/10/2022", "pref-etrangers", "03/10/2022", "05/10/2022", "oui", "SO", "oui"),
    ("CM-2", "03/10/2022", "pref-titres", "", "10/10/2022", "non", "oui", "oui"),
    ("CM-3", "04/10/2022", "pref-accueil", "04/10/2022", "12/10/2022", "oui", "non", "oui"),
    ("CM-4", "05/10/2022", "pref-elections", "", "", "", "", ""),
    ("CM-5", "06/10/2022", "pref-titres", "06/10/2022", "06/10/2022", "oui", "SO", "non"),
    ("CM-6", "07/10/2022", "pref-accueil", "", "13/10/2022", "oui", "SO", "oui"),
]  # fmt: skip


def _write_four_levels_yes_no(root: Path) -> None:
    base = root / "four_levels_yes_no"
    _yaml(base / "enquete_causse.yaml", CAUSSE_QUESTIONS)
    accueil = ["Excellent"] * 6 + ["Bien"] * 5 + ["Moyen"] * 2 + ["Insuffisant"]
    orient = ["Excellent"] * 2 + ["Bien"] * 6 + ["Moyen"] * 4 + ["Insuffisant", "Non concerné"]
    docs = ["Excellent"] * 5 + ["Bien"] * 6 + ["Moyen", None, None]
    resolu = ["oui"] * 10 + ["non"] * 3 + [None]
    motif = (["titre de séjour"] * 5 + ["permis de conduire"] * 4 + ["carte grise"] * 3
             + ["autre"] * 2)  # fmt: skip
    remarks = {0: "Très bon accueil, merci.", 12: "Attente trop longue à l'accueil."}
    kiosk = ["oui", "non"] * 6 + [None, "non"]  # 6 users of the kiosk (rows 1, 3 … 11)
    kiosk_help = [
        "Excellent",
        "Insuffisant",
        "Excellent",
        None,
        "Bien",
        None,
        "Bien",
        None,
        "Bien",
        None,
        "Moyen",
        None,
        None,
        None,
    ]  # row 2 is not a user: left out
    survey = [["Réf. fiche", "Date de remplissage", "Motif de la visite", "Qualité de l'accueil",
               "Orientation dans les locaux", "Liste des pièces", "Borne utilisée ?",
               "Aide à la borne", "Demande traitée ?", "Votre remarque"]]  # fmt: skip
    survey += [
        [f"CB-{i + 1:02d}", dt.date(2022, 9, 12 + i + i // 5 * 2 if i < 10 else 14 + i), motif[i],
         accueil[i], orient[i], docs[i], kiosk[i], kiosk_help[i], resolu[i], remarks.get(i)]
        for i in range(14)
    ]  # fmt: skip
    _xlsx(base / "raw/2022/enquete_satisfaction_causse_2022.xlsx", {"Questionnaires": survey})
    calls_header = [
        "N° appel",
        "Jour",
        "Heure d'appel",
        "Service testé",
        "Appel décroché",
        "Nb de sonneries",
        "Message SVI clair",
        "Prise en charge rapide",
        "Bonjour + identification",
        "Amabilité",
        "Clarté du langage",
        "Renvoi vers sites officiels",
        "Réponse de premier niveau",
        "Annonce du transfert",
        "Formule de fin",
        "Commentaire de l'enquêteur",
    ]
    _xlsx(
        base / "raw/2022/appels_mysteres_2022.xlsx",
        {"Relevé": [calls_header, *_as_dates(CAUSSE_CALLS, 1)]},
    )
    emails_header = [
        "Réf. courriel",
        "Date d'envoi",
        "Adresse testée",
        "AR reçu le",
        "Réponse reçue le",
        "Signature",
        "Transfert signalé",
        "Présentation soignée",
    ]
    _csv(base / "raw/2022/courriels_mysteres_2022.csv", [emails_header, *CAUSSE_EMAILS])
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture du Causse-Blanc", "short_name": "le Causse-Blanc",
                "department_code": "12", "population": 190000,
                "contact_email": "qualite@causse-blanc.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "raw_folder": "raw",
            "workspace": "four_levels_yes_no",
            "survey": {"questions": "enquete_causse.yaml", "min_reliable_n": 10},
            "mystery": {"min_calls": 10},
            "meeting_file": "{year}/reunion_clu_{year}.yaml",
            "sources": {
                "survey_responses": {
                    "file": "{year}/enquete_satisfaction_causse_{year}.xlsx",
                    "sheet": "Questionnaires",
                    "columns": {
                        "Réf. fiche": "response_id", "Date de remplissage": "answered_on",
                        "Motif de la visite": "motif_visite", "Qualité de l'accueil": "q_accueil",
                        "Orientation dans les locaux": "q_orient", "Liste des pièces": "q_docs",
                        "Borne utilisée ?": "borne_utilisee", "Aide à la borne": "q_borne",
                        "Demande traitée ?": "q_resolu", "Votre remarque": "q_remarque",
                    },
                },
                "mystery_calls": {
                    "file": "{year}/appels_mysteres_{year}.xlsx",
                    "sheet": "Relevé",
                    "columns": {
                        "N° appel": "call_id", "Jour": "called_on", "Heure d'appel": "called_at",
                        "Service testé": "service", "Appel décroché": "answered",
                        "Nb de sonneries": "rings", "Message SVI clair": "svi_clear",
                        "Prise en charge rapide": "pickup",
                        "Bonjour + identification": "greeting", "Amabilité": "courtesy",
                        "Clarté du langage": "plain_language",
                        "Renvoi vers sites officiels": "official_sites",
                        "Réponse de premier niveau": "first_level_info",
                        "Annonce du transfert": "transfer_announced",
                        "Formule de fin": "farewell", "Commentaire de l'enquêteur": "comment",
                    },
                },
                "mystery_emails": {
                    "file": "{year}/courriels_mysteres_{year}.csv",
                    "columns": {
                        "Réf. courriel": "email_id", "Date d'envoi": "sent_on",
                        "Adresse testée": "mailbox", "AR reçu le": "acknowledged_on",
                        "Réponse reçue le": "answered_on", "Signature": "signature_complete",
                        "Transfert signalé": "forwarding_informed",
                        "Présentation soignée": "clear_language",
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/reunion_clu_2022.yaml",
        {
            "prefecture": "Préfecture du Causse-Blanc",
            "date": dt.date(2023, 1, 10),
            "time": "10 h 30",
            "chair": {"name": "Mme Nadine Lapiaz", "role": "secrétaire générale"},
            "contact_email": "qualite@causse-blanc.gouv.fr",
            "members": [
                _member("Mme Nadine Lapiaz", "secrétaire générale", "Préfecture du Causse-Blanc",
                        "Préfecture"),
                _member("M. Théo Doline", "référent qualité", "Préfecture du Causse-Blanc",
                        "Préfecture"),
                _member("Mme Lise Aven", "présidente", "UFC-Que Choisir du Causse",
                        "Associations"),
            ],
            "agenda": _agenda(
                ("La démarche qualité", "quality_approach"),
                ("L'enquête de satisfaction", "survey"),
                ("Appels et courriels mystère", "mystery"),
                ("Le plan d'actions", "action_plan"),
                ("Questions", "questions"),
            ),
            "what_changed": ["Campagne d'appels mystère menée en interne"],
            "survey": {"start": dt.date(2022, 9, 12), "end": dt.date(2022, 9, 30),
                       "mode": "questionnaire papier"},
            "mystery": {
                "calls_start": dt.date(2022, 10, 3), "calls_end": dt.date(2022, 10, 7),
                "emails_start": dt.date(2022, 10, 3), "emails_end": dt.date(2022, 10, 14),
            },
        },
    )  # fmt: skip


FOUR_LEVELS_YES_NO = Case(
    name="four_levels_yes_no",
    description=(
        "Une préfecture dont l'enquête utilise l'échelle Excellent / Bien / Moyen / Insuffisant "
        "et un critère de satisfaction oui/non, avec dix appels mystère et six courriels mystère."
    ),
    period=PERIOD,
    config="four_levels_yes_no/prefecture.yaml",
    write=_write_four_levels_yes_no,
    present=(
        "La démarche Qual-e-pref : périmètre et calendrier",
        "Enquête — méthode et résultat global",
        "Enquête — satisfaction par critère",
        "points forts et axes d'amélioration",
        "Appels mystère — critères",
        "Appels mystère — critères",
        "Appels mystère — points forts et points de vigilance",
        "Courriels mystère",
    ),
    absent=(
        "Indicateurs",
        "Réclamations et suggestions",
        "Plan d'actions 2022 : état d'avancement",
        "Point numérique",
    ),
    figures=(
        ("Enquête — méthode et résultat global", "14"),
        ("satisfaction par critère", n_label("L'accueil sur place", 14)),
        ("satisfaction par critère", n_label("L'orientation dans le bâtiment", 13)),
        ("satisfaction par critère", n_label("La liste des pièces à fournir", 12)),
        ("satisfaction par critère", n_label("Votre demande a-t-elle été traitée ?", 13)),
        ("satisfaction par critère", n_label("L'aide apportée à la borne", 6)),
        ("points forts", rate_line("La liste des pièces à fournir", "91,7", 12)),
        ("points forts", rate_line("L'accueil sur place", "78,6", 14)),
        ("points forts", rate_line("L'orientation dans le bâtiment", "61,5", 13)),
        ("points forts", rate_line("Votre demande a-t-elle été traitée ?", "76,9", 13)),
        ("Appels mystère — critères", pct("80,0")),
        ("Appels mystère — critères", pct("86,5")),
        ("Appels mystère — critères", pct("90,0")),
        ("Appels mystère — critères", n_label("SVI clair et complet", 10)),
        ("Appels mystère — critères", n_label("Prise en charge", 8)),
        ("Appels mystère — critères", n_label("Transfert avec annonce du service", 5)),
        ("Appels mystère — critères", n_label("Orientation vers les sites officiels", 4)),
        ("points de vigilance", f"Formule d'accueil : {pct('75,0')} (6/8)"),
        ("points de vigilance", f"Courtoisie : {pct('100,0')} (8/8)"),
        ("points de vigilance", f"Appels aboutis : {pct('80,0')} (8/10)"),
        ("Courriels mystère", f"{pct('83,3')} (5/6)"),
        ("Courriels mystère", f"{pct('50,0')} (3/6)"),
        ("Courriels mystère", f"{pct('66,7')} (4/6)"),
        ("Courriels mystère", days("3,4")),
        ("Courriels mystère", f"{pct('80,0')} (4/5)"),
        ("Courriels mystère", f"{pct('50,0')} (1/2)"),
    ),
    note="""\
Survey, 14 questionnaires, scale Excellent / Bien / Moyen / Insuffisant (satisfied: Excellent +
Bien): accueil E 6 + B 5 + M 2 + I 1 → 11/14 = 78,6 %; orientation E 2 + B 6 + M 4 + I 1 + NC 1
→ n = 13, 8/13 = 61,5 %; pièces E 5 + B 6 + M 1 + 2 blank → n = 12, 11/12 = 91,7 %. Yes/no
criterion (scale [Oui, Non], satisfied Oui; answers written « oui »/« non »): 10 oui + 3 non +
1 blank → n = 13, 10/13 = 76,9 %. « L'aide apportée à la borne » is asked only of the 6 users
of the kiosk (subgroup: « Borne utilisée ? » oui): E 2 + B 3 + M 1 → n = 6, 5/6 = 83,3 %; the
« Insuffisant » of CB-02, who did not use it, is left out. Its slide, if any, must speak of the
kiosk, never of a « point numérique ». No overall question. min_reliable_n 10: the four criteria
with n ≥ 10 are ranked against the 85 % target: a strength at 90 % or more, 91,7 % only; weak
points, every one under the target: 61,5 %, 76,9 % then 78,6 % (the kiosk, n = 6, is not
ranked).
Mystery calls (10, one per half-day from 3 to 7 October; SO = sans objet leaves the
denominator): answered 8/10 = 80,0 %. Criteria: SVI 8/10 (all calls); prise en charge 7/8;
formule d'accueil 6/8 = 75,0 %; courtoisie 8/8 = 100,0 %; langage 7/8; transfert annoncé 4/5
(3 SO); premier niveau 7/8; sites officiels 4/4 (4 SO); prise de congé 7/8. Stages pooled:
SVI 8/10 = 80,0 %; standard (prise en charge, accueil, courtoisie, langage, transfert)
(7+6+8+7+4)/(8+8+8+8+5) = 32/37 = 86,5 %; after transfer (premier niveau, sites, congé)
(7+4+7)/(8+4+8) = 18/20 = 90,0 %. Target 85 %: « Appels aboutis » 8/10 and « Formule d'accueil »
6/8 are points de vigilance, « Courtoisie » 8/8 a point positif. One call picked up after 12
rings (> 10).
Mystery e-mails (6 sent): replies 5/6 = 83,3 %; acknowledgements 3/6 = 50,0 %; within 5 jours
ouvrés: 03/10→05/10 2 j, 03/10→10/10 5 j, 04/10→12/10 6 j (late), no reply, 06/10→06/10 0 j,
07/10→13/10 4 j → 4/6 = 66,7 %; mean (2+5+6+0+4)/5 = 3,4 j; signature 4/5 = 80,0 %;
forwarding information 1/2 = 50,0 % (3 SO, 1 not answered); layout 4/5 = 80,0 %.
No indicator source at all: no indicator table (the agenda has no « indicators » item). The
agenda has « action_plan » without data.""",
)


# =================================================================================================
# 10. moselle_holidays — Moselle: Good Friday and 26 December; holding replies not counted
# =================================================================================================

MOSELLE_MAIL = [  # (n°, registered, contact, public, acknowledged, final answer)
    ("MM-22-01", "08/04/2022", "Courriel", "Usager", "", "19/04/2022"),
    ("MM-22-02", "13/04/2022", "Courriel", "Usager", "", "21/04/2022"),
    ("MM-22-03", "14/04/2022", "Courriel", "Usager", "", "22/04/2022"),
    ("MM-22-04", "14/04/2022", "Courrier", "Usager", "", "29/04/2022"),
    ("MM-22-05", "03/10/2022", "Courriel", "Usager", "", "07/10/2022"),
    ("MM-22-06", "07/11/2022", "Courriel", "Usager", "08/11/2022", "17/11/2022"),
    ("MM-22-07", "20/12/2022", "Courriel", "Usager", "", "28/12/2022"),
]
# (ref, plan year, axis, action, owner, due, progress, source, done on)
MOSELLE_PLAN = [
    ("A1", 2022, "Améliorer l'accueil téléphonique", "Former les agents du standard",
     "Bureau de l'accueil", "juin 2022", "Terminée", "Enquête", "20/06/2022"),
    ("A2", 2022, "Réduire les délais de réponse", "Mettre en place une réponse d'attente "
     "automatique", "Service informatique", "septembre 2022", "En cours", "Comité", ""),
    ("A3", 2022, "Mieux informer", "Refondre la page Démarches du site", "Service communication",
     "mars 2023", "En cours", "Enquête", ""),
    ("A4", 2022, "Accessibilité", "Installer une boucle magnétique", "Secrétariat général", "",
     "Non démarrée", "Audit", ""),
    ("A5", 2022, "Signalétique", "Changer les panneaux du hall", "Bureau de l'accueil",
     "novembre 2022", "Abandonnée", "Comité", ""),
]  # fmt: skip


def _write_moselle_holidays(root: Path) -> None:
    base = root / "moselle_holidays"
    header = ["N° dossier", "Date d'enregistrement", "Moyen de contact", "Type de public",
              "Accusé de réception le", "Date de réponse définitive"]  # fmt: skip
    _xlsx(
        base / "raw/2022/registre_demandes_2022.xlsx",
        {"Registre 2022": [header, *_as_dates(MOSELLE_MAIL, 1, 4, 5)]},
    )
    plan_header = ["Réf", "Millésime", "Axe", "Intitulé de l'action", "Responsable", "Date cible",
                   "Avancement", "Source", "Terminée le"]  # fmt: skip
    _xlsx(
        base / "raw/2022/plan_amelioration_2022.xlsx",
        {"Actions": [plan_header, *_as_dates(MOSELLE_PLAN, 8)]},
    )
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture des Marches-de-Moselle", "short_name": "les Marches",
                "department_code": "57", "population": 300000,
                "contact_email": "qualite@marches-moselle.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "raw_folder": "raw",
            "workspace": "moselle_holidays",
            "indicators": {"count_holding_replies": False},
            "meeting_file": "{year}/reunion_clu_{year}.yaml",
            "sources": {
                "mail_register": {
                    "file": "{year}/registre_demandes_{year}.xlsx",
                    "sheet": "Registre 2022",
                    "columns": {
                        "N° dossier": "request_id", "Date d'enregistrement": "received_on",
                        "Moyen de contact": "channel", "Type de public": "requester",
                        "Accusé de réception le": "holding_reply_on",
                        "Date de réponse définitive": "answered_on",
                    },
                },
                "action_plan": {
                    "file": "{year}/plan_amelioration_{year}.xlsx",
                    "sheet": "Actions",
                    "columns": {
                        "Réf": "action_id", "Millésime": "plan_year", "Axe": "objective",
                        "Intitulé de l'action": "action", "Responsable": "owner",
                        "Date cible": "due_on", "Avancement": "status", "Source": "origin",
                        "Terminée le": "done_on",
                    },
                    "values": {
                        "status": {"terminée": "réalisée", "non démarrée": "à engager"},
                        "origin": {"enquête": "enquête de satisfaction", "comité": "CLU"},
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/reunion_clu_2022.yaml",
        {
            "prefecture": "Préfecture des Marches-de-Moselle",
            "date": dt.date(2023, 2, 7),
            "time": "14 h 30",
            "place": "Préfecture, salon Robert-Schuman",
            "chair": {"name": "M. Frédéric Houblon", "role": "secrétaire général"},
            "contact_email": "qualite@marches-moselle.gouv.fr",
            "members": [
                _member("M. Frédéric Houblon", "secrétaire général",
                        "Préfecture des Marches-de-Moselle", "Préfecture"),
                _member("Mme Greta Mirabelle", "référente qualité",
                        "Préfecture des Marches-de-Moselle", "Préfecture"),
                _member("M. Karl Sarre", "maire", "Commune de Bitche-la-Neuve",
                        "Élus et collectivités"),
            ],
            "agenda": _agenda(
                ("La démarche Qual-e-pref", "quality_approach"),
                ("Les indicateurs 2022", "indicators"),
                ("Le plan d'actions 2022", "action_plan"),
                ("Courriels types", "template_emails"),
                ("Questions", "questions"),
            ),
            "what_changed": ["Prise en compte du droit local (Vendredi saint, 26 décembre)"],
            "audits": [{"kind": "Audit de renouvellement", "date": dt.date(2023, 6, 6),
                        "organisation": "AFNOR"}],
            "template_emails": [
                {"title": "Accusé de réception", "body": "Bonjour,\n\nNous avons bien reçu "
                 "votre demande.\n\nLa préfecture"},
                {"title": "Demande incomplète", "body": "Bonjour,\n\nIl manque une pièce à "
                 "votre dossier.\n\nLa préfecture"},
            ],
        },
    )  # fmt: skip


MOSELLE_HOLIDAYS = Case(
    name="moselle_holidays",
    description=(
        "Une préfecture de Moselle (57) : le Vendredi saint et le 26 décembre ne sont pas des "
        "jours ouvrés, les réponses d'attente ne comptent pas, et un plan d'actions avec une "
        "action en retard."
    ),
    period=PERIOD,
    config="moselle_holidays/prefecture.yaml",
    write=_write_moselle_holidays,
    present=(
        "La démarche Qual-e-pref : périmètre et calendrier",
        "Ce qui a changé",
        "Indicateurs 2022 — module 1",
        "Plan d'actions 2022 : état d'avancement au 7 février 2023",
        "Courriel type soumis à votre avis (1/2)",
        "Courriel type soumis à votre avis (2/2)",
    ),
    absent=("Enquête de satisfaction", "Appels mystère", "Réclamations et suggestions"),
    figures=(
        ("module 1", pct("83,3")),
        ("module 1", days("4,8")),
        ("module 1", pct("100,0")),
        ("module 1", days("9,0")),
        (
            "module 1",
            "Taux de réponse aux courriers et courriels : réponses d'attente non comptabilisées.",
        ),
        ("Plan d'actions 2022", "en retard"),
        ("Plan d'actions 2022", "réalisée"),
        ("Plan d'actions 2022", "abandonnée"),
        ("Plan d'actions 2022", "à engager"),
        ("Plan d'actions 2022", "juin 2022"),
        ("Plan d'actions 2022", "Installer une boucle magnétique"),
        ("Plan d'actions 2022", "sur 5, 1 en retard"),
    ),
    note="""\
Département 57: Good Friday 15/04/2022 and Saint Stephen 26/12/2022 are holidays besides the
national ones; count_holding_replies false.
Users' e-mails (6): 08/04→19/04: 11, 12, 13, 14 April, then 15 (Good Friday) and 18 (Easter
Monday) off, 19 → 5 j (6 j elsewhere in France); 13/04→21/04: 14, 19, 20, 21 → 4 j; 14/04→22/04:
19–22 → 4 j; 03/10→07/10 4 j; 07/11→17/11: 8, 9, 10, (11 off), 14–17 → 7 j, late (its holding
reply of 08/11 does not count); 20/12→28/12: 21, 22, 23, (26 off), 27, 28 → 5 j (6 j elsewhere).
On time 5/6 = 83,3 % (3/6 = 50,0 % with the national calendar); mean (5+4+4+4+7+5)/6 = 29/6 =
4,8 j (5,5 j with the national calendar).
Letter 14/04→29/04: 19–22, 25–29 → 9 j ≤ 10 → 100,0 %, 9,0 j (10,0 j elsewhere).
Action plan 2022 at the meeting of 7 February 2023 (status words mapped: « Terminée » →
réalisée, « Non démarrée » → à engager): A1 réalisée; A2 due September 2022, still « en cours » →
en retard; A3 due March 2023 → en cours; A4 without deadline → à engager, never late; A5
abandonnée. 5 actions, 1 late.""",
)


# =================================================================================================
# 11. personal_data — names, e-mails and phone numbers in every short and free text, formulas
# =================================================================================================

# What users and agents typed where a name has no business, in every text column a person fills
# in (the survey's sector and site, a register's service and subject, a complaint's theme,
# service, text and follow-up, the service a mystery call reached and its comment); none of it
# may reach data/processed, output or the log. The strings the test looks for. Its meeting file,
# configuration and survey sites also hold texts that would be markup (HTML, Markdown: MARKUP),
# which every document must show as typed.
PLANTED_NAMES = [
    "jean.dupont@example.fr", "06 12 34 56 78", "Dupont", "Vernier", "Delacroix", "Dupuis",
    "Durandet", "06 98 76 54 32", "06 11 22 33 44", "jean-marc.lebrun@example.fr",
    "m.vidal@example.fr", "Lefranc", "Garnier", "07 12 34 56 78", "Caradec",
    # written alone, found by the French language model and the first names' list
    "Gertrudine", "Kevin", "Nadia", "Ousmane",
]  # fmt: skip
# And texts a spreadsheet would take for formulas (none may become one in a workbook or csv).
PLANTED_FORMULAS = ['=HYPERLINK("http://x";"Cliquez ici")', "=1+1", "+ de guichets le samedi",
                    "- trop d'attente au guichet", "@accueil : merci", "=SUM(A1:A3)"]  # fmt: skip

DISCRET_SURVEY = [  # (n°, day of October, site, sector, courtesy, overall mark, comment)
    ("VD-01", 3, "Accueil de Mme Vernier", "jean.dupont@example.fr", "Très satisfait", 9,
     "Reçu par M.Delacroix, parfait."),
    ("VD-02", 3, "Préfecture", "06 12 34 56 78", "Très satisfait", 8, "Mr Dupuis très aimable."),
    ("VD-03", 4, '=HYPERLINK("http://x")', "M. Dupont", "Très satisfait", 7,
     PLANTED_FORMULAS[0]),
    ("VD-04", 4, "Préfecture", "-2 km de Valmont", "Très satisfait", 6, PLANTED_FORMULAS[1]),
    ("VD-05", 5, "Accueil de Mme Vernier", "Val-Discret", "Très satisfait", 10,
     PLANTED_FORMULAS[2]),
    ("VD-06", 5, "Préfecture", "Val-Discret", "Satisfait", 5, PLANTED_FORMULAS[3]),
    ("VD-07", 6, "Préfecture", "hors département", "Satisfait", 8, PLANTED_FORMULAS[4]),
    ("VD-08", 6, MARKUP["site"], "Val-Discret", "Satisfait", 7,
     "Gertrudine m'a très bien accueilli."),
    ("VD-09", 7, MARKUP["site"], "Val-Discret", "Satisfait", 3, "Trop d'attente."),
    ("VD-10", 7, "Préfecture", "hors département", "Peu satisfait", 9,
     "Merci à Kevin pour sa patience."),
    ("VD-11", 10, "Préfecture", "Val-Discret", "Peu satisfait", 6, "Accueil parfait de Nadia."),
    ("VD-12", 10, MARKUP["site"], "Val-Discret", "Pas satisfait", 8, ""),
]  # fmt: skip
DISCRET_MAIL = [  # (n°, received, channel, requester, service, subject, answered)
    ("DM-1", "03/10/2022", "courriel", "usager", "M. Durandet (06 98 76 54 32)",
     "Rendez-vous : rappeler au 06 11 22 33 44", "05/10/2022"),
    ("DM-2", "04/10/2022", "courriel", "usager", "Bureau des titres",
     "Question de jean-marc.lebrun@example.fr", "12/10/2022"),
    ("DM-3", "10/10/2022", "courriel", "usager", "M. Durandet (06 98 76 54 32)", "Titre de séjour",
     "13/10/2022"),
    ("DM-4", "17/10/2022", "courriel", "usager", "Bureau des titres", '=HYPERLINK("http://x")',
     "18/10/2022"),
]  # fmt: skip
DISCRET_COMPLAINTS = [  # (n°, received, way, nature, theme, service, answered, text, follow-up)
    ("DR-1", "03/10/2022", "courriel", "réclamation", "appel de m.vidal@example.fr", "Mme Lefranc",
     "05/10/2022", "Je suis Mme Garnier, joignable au 07 12 34 56 78.", "Réponse de M. Caradec"),
    ("DR-2", "05/10/2022", "courrier", "suggestion", "=SUM(A1:A3)", "Bureau des titres",
     "12/10/2022", "+ de guichets le samedi", "Transmise au bureau"),
    ("DR-3", "10/10/2022", "urne", "réclamation", "Attente", "Mme Lefranc", "20/10/2022",
     "@accueil : trop d'attente", "=1+1"),
]  # fmt: skip
DISCRET_CALLS = [  # (n°, called, service, answered, comment)
    ("DA-1", "03/10/2022", "poste de M. Caradec", "oui", "Très bon accueil de M. Caradec."),
    ("DA-2", "04/10/2022", "Standard", "non", "Appel non abouti, Ousmane a rappelé."),
    ("DA-3", "05/10/2022", "Standard", "oui", "- trop d'attente au guichet"),
]  # fmt: skip


def _write_personal_data(root: Path) -> None:
    base = root / "personal_data"
    survey = [["Réf.", "Jour", "Lieu d'accueil", "Secteur de résidence", "Amabilité",
               "Note générale", "Vos remarques"]]  # fmt: skip
    survey += [[ref, dt.date(2022, 10, day), site, area, courtesy, mark, comment]
               for ref, day, site, area, courtesy, mark, comment in DISCRET_SURVEY]  # fmt: skip
    _xlsx(base / "raw/2022/sondage_accueil_2022.xlsx", {"Sondage": survey})
    _csv(base / "raw/2022/courriels_usagers_2022.csv",
         [["Numéro", "Arrivé le", "Voie", "Demandeur", "Service traitant", "Objet", "Réponse le"],
          *DISCRET_MAIL])  # fmt: skip
    complaints = [["N°", "Arrivée", "Voie", "Nature", "Sujet", "Service concerné", "Réponse",
                   "Message", "Suite"], *_as_dates(DISCRET_COMPLAINTS, 1, 6)]  # fmt: skip
    _xlsx(base / "raw/2022/doleances_2022.xlsx", {"Doléances": complaints})
    calls = [["Appel", "Le", "Service joint", "Décroché", "Observations"],
             *_as_dates(DISCRET_CALLS, 1)]  # fmt: skip
    _xlsx(base / "raw/2022/appels_mystere_2022.xlsx", {"Appels": calls})
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture du Val-Discret", "short_name": "le Val-Discret",
                "department_code": "28", "population": 120000,
                "contact_email": "qualite@val-discret.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "transparence": {"poster_where": MARKUP["poster_where"]},
            "raw_folder": "raw",
            "workspace": "personal_data",
            "meeting_file": "{year}/reunion_clu_{year}.yaml",
            "sources": {
                "survey_responses": {
                    "file": "{year}/sondage_accueil_{year}.xlsx",
                    "sheet": "Sondage",
                    "columns": {
                        "Réf.": "response_id", "Jour": "answered_on", "Lieu d'accueil": "site",
                        "Secteur de résidence": "area", "Amabilité": "q_courtesy",
                        "Note générale": "q_overall", "Vos remarques": "comment",
                    },
                },
                "mail_register": {
                    "file": "{year}/courriels_usagers_{year}.csv",
                    "columns": {
                        "Numéro": "request_id", "Arrivé le": "received_on", "Voie": "channel",
                        "Demandeur": "requester", "Service traitant": "service",
                        "Objet": "subject", "Réponse le": "answered_on",
                    },
                },
                "complaints": {
                    "file": "{year}/doleances_{year}.xlsx",
                    "sheet": "Doléances",
                    "columns": {
                        "N°": "item_id", "Arrivée": "received_on", "Voie": "channel",
                        "Nature": "nature", "Sujet": "theme", "Service concerné": "service",
                        "Réponse": "answered_on", "Message": "text", "Suite": "follow_up",
                    },
                },
                "mystery_calls": {
                    "file": "{year}/appels_mystere_{year}.xlsx",
                    "sheet": "Appels",
                    "columns": {
                        "Appel": "call_id", "Le": "called_on", "Service joint": "service",
                        "Décroché": "answered", "Observations": "comment",
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/reunion_clu_2022.yaml",
        {
            "prefecture": "Préfecture du Val-Discret",
            "date": dt.date(2023, 1, 24),
            "place": MARKUP["place"],
            "chair": {"name": "Mme Anne Réserve", "role": "préfète"},
            "members": [
                _member("Mme Anne Réserve", "préfète", "Préfecture du Val-Discret", "Préfecture"),
                _member("M. Luc Sourdine", "président", MARKUP["organisation"], "Associations"),
            ],
            "agenda": _agenda(
                ("Les indicateurs", "indicators"),
                ("L'enquête d'accueil", "survey"),
                ("Les appels mystère", "mystery"),
                ("Les réclamations", "complaints"),
                ("Questions", "questions"),
            ),
            "survey": {"start": dt.date(2022, 10, 3), "end": dt.date(2022, 10, 10)},
            "mystery": {"calls_start": dt.date(2022, 10, 3), "calls_end": dt.date(2022, 10, 5)},
        },
    )  # fmt: skip


PERSONAL_DATA = Case(
    name="personal_data",
    description=(
        "Une préfecture dont les exports portent des noms, des courriels et des téléphones dans "
        "chaque texte court ou libre (secteur, site, service, objet, thème, message, suite, "
        "observation), et des textes qui commencent par « = », « + », « - » ou « @ »."
    ),
    period=PERIOD,
    config="personal_data/prefecture.yaml",
    write=_write_personal_data,
    present=(
        "Indicateurs 2022 — module 1",
        "Enquête — méthode et résultat global",
        "Enquête — satisfaction par critère",
        "Réclamations et suggestions — messages reçus",
        "Appels mystère — appels aboutis",
        "Appels mystère — points forts et points de vigilance",
    ),
    absent=(
        "Plan d'actions",
        "Point numérique",
        "Courriels mystère",
        "Appels mystère — critères",  # a grid without any criterion
    ),
    figures=(
        ("Appels mystère — appels aboutis", pct("66,7")),
        ("Enquête — méthode et résultat global", "12"),
        ("Enquête — méthode et résultat global", pct("83,3")),
        ("satisfaction par critère", n_label("La courtoisie des agents", 12)),
        ("module 1", pct("75,0")),
        ("module 1", days("3,0")),
    ),
    note="""\
Survey on the packaged catalogue (own headers): courtoisie TS 5 + S 4 + PS 2 + PaS 1 → 9/12 =
75,0 %; overall marks 9, 8, 7, 6, 10, 5, 8, 7, 3, 9, 6, 8 → satisfied (from 6) 10/12 = 83,3 %.
Users' e-mails (4): 03/10→05/10 2 j; 04/10→12/10 6 j, late; 10/10→13/10 3 j; 17/10→18/10 1 j →
3/4 = 75,0 %, mean (2+6+3+1)/4 = 3,0 j. Complaints: 3 messages (2 réclamations, 1 suggestion).
Mystery calls: a grid of « answered or not » only, 2 of 3 → 66,7 %; no criterion, hence no
criteria chart, and the answered rate as a point de vigilance (below the 85 % target).
Every planted name, e-mail and phone number is masked at reading; every text starting with
« = », « + », « - » or « @ » stays text in the workbooks and csv files.""",
)


# =================================================================================================
# 12. own_indicators — Services Publics+ without modules: élus shown, own indicators, targets
#     as written, the export's words kept, deadlines written as periods
# =================================================================================================

# (n°, arrival, way, sender, request, answer, appointment held)
OWN_MAIL = [
    ("MC-01", "07/03/2022", "Mél", "Usager", "Information", "10/03/2022", ""),
    ("MC-02", "02/05/2022", "Mél", "Usager", "Information", "09/05/2022", ""),
    ("MC-03", "14/09/2022", "Mél", "Usager", "Information", "23/09/2022", ""),
    ("MC-04", "01/02/2022", "Papier", "Élu", "Information", "11/02/2022", ""),
    ("MC-05", "03/10/2022", "Papier", "Élu", "Conseil", "28/10/2022", ""),
    ("MC-06", "13/06/2022", "Mél", "Élu", "Information", "15/06/2022", ""),
    ("MC-07", "04/11/2022", "Mél", "Élu", "Conseil", "14/11/2022", ""),
    ("MC-08", "04/04/2022", "Mél", "Élu", "Rendez-vous", "06/04/2022", "14/04/2022"),
    ("MC-09", "24/05/2022", "Papier", "Élu", "Rendez-vous", "31/05/2022", "10/06/2022"),
]
# (ref, received, channel, nature, theme, answered, text)
OWN_COMPLAINTS = [
    ("R1", "14/03/2022", "Courriel", "Réclamation", "Délais", "16/03/2022", "Dossier en attente."),
    ("R2", "15/04/2022", "Formulaire du site", "Suggestion", "Accueil", "22/04/2022",
     "Ouvrir plus tôt."),
    ("R3", "05/09/2022", "Courriel", "Réclamation", "Délais", "14/09/2022", "Pas de réponse."),
    ("R4", "20/06/2022", "Courrier", "Réclamation", "Accueil", "04/07/2022", "Attente longue."),
    ("R5", "08/11/2022", "Urne", "Suggestion", "Signalétique", "22/11/2022", "Fléchage."),
    ("R6", "01/12/2022", "Urne", "Réclamation", "Accueil", "", "Guichet fermé."),
    ("R7", "10/10/2022", "Courriel", "Remerciement", "Accueil", "", "Merci."),
]  # fmt: skip
# (n°, deposited, produced, title): driving licences and one CIV (not counted)
OWN_FILES = [
    ("P1", "03/01/2022", "11/01/2022", "Permis"),
    ("P2", "10/02/2022", "19/02/2022", "Permis"),
    ("P3", "01/03/2022", "08/03/2022", "Permis"),
    ("P4", "04/04/2022", "16/04/2022", "Permis"),
    ("P5", "02/05/2022", "12/05/2022", "Permis"),
    ("P6", "05/05/2022", "07/05/2022", "Carte grise"),
    ("P7", "12/12/2022", "", "Permis"),
]
# (month, files, frauds): the figures are « non suivi » from April
OWN_FIGURES = [
    ("01/2022", 1000, 5), ("02/2022", 1073, 5), ("03/2022", 2500, 11),
    ("04/2022", "non suivi", "non suivi"), ("05/2022", "non suivi", "non suivi"),
    ("06/2022", "non suivi", "non suivi"),
]  # fmt: skip
# (ref, year, objective, action, owner, deadline as written, state)
OWN_PLAN = [
    ("A1", 2022, "Signalétique", "Refaire le fléchage du hall", "Moyens généraux", "Mai 2022",
     "Réalisée"),
    ("A2", 2022, "Confidentialité", "Isoler le point numérique", "Moyens généraux", "2023-2024",
     "En cours"),
    ("A3", 2022, "Accueil téléphonique", "Former les agents du standard", "Accueil", "S2 2022",
     "En cours"),
    ("A4", 2022, "Transparence", "Publier les résultats en ligne", "Communication", "fin 2022",
     "Réalisée"),
]  # fmt: skip

OWN_INDICATORS = {
    "permis_median": {
        "label": "Délai médian de traitement des permis de conduire",
        "theme": "Délivrance de titres", "unit": "j", "module": 2, "engagement": 4,
        "target": "≤ 10 j",
        "source": "own_register",
        "formula": {"kind": "delay", "statistic": "median", "to": "produced_on",
                    "calendar_days": True, "filters": {"title": ["permis de conduire"]}},
    },
    "permis_fraud": {
        "label": "Taux de fraude documentaire (permis de conduire)",
        "theme": "Délivrance de titres", "unit": "‰", "module": 2, "engagement": 4,
        "target": "< 5 ‰",
        "source": "own_figures",
        "formula": {"kind": "ratio", "numerator": "frauds", "denominator": "files"},
    },
    "complaints_delay_electronic": {
        "label": "Délai moyen de réponse aux réclamations (voie électronique)",
        "theme": "Réclamations et suggestions", "unit": "j", "engagement": 7,
        "target": "< 5 j", "source": "complaints",
        "formula": {"kind": "delay", "filters": {"channel": ["courriel", "formulaire du site"],
                                                 "nature": ["réclamation", "suggestion"]}},
    },
    "complaints_delay_paper": {
        "label": "Délai moyen de réponse aux réclamations (papier)",
        "theme": "Réclamations et suggestions", "unit": "j", "engagement": 7,
        "target": "< 10 j", "source": "complaints",
        "formula": {"kind": "delay", "filters": {"channel": ["courrier", "urne"],
                                                 "nature": ["réclamation", "suggestion"]}},
    },
}  # fmt: skip


def _write_own_indicators(root: Path) -> None:
    base = root / "own_indicators"
    raw = base / "raw/2022"
    mail_header = ["Chrono", "Arrivée", "Voie", "Expéditeur", "Objet", "Réponse", "RDV le"]
    _xlsx(raw / "courrier_2022.xlsx", {"Courrier": [mail_header, *_as_dates(OWN_MAIL, 1, 5, 6)]})
    calls = [["Mois", "Appels entrants", "Appels décrochés", "MAJ SVI", "MAJ SVI à temps"]]
    calls += [["01/2022", 400, 380, "non suivi", "non suivi"]]
    calls += [[f"{m:02d}/2022", 400, 380, 2, 2] for m in range(2, 13)]
    _csv(raw / "telephonie_2022.csv", calls)
    complaints_header = ["Réf", "Reçue le", "Canal", "Nature", "Thème", "Répondue le", "Texte"]
    _xlsx(
        raw / "reclamations_2022.xlsx",
        {"Réclamations": [complaints_header, *_as_dates(OWN_COMPLAINTS, 1, 5)]},
    )
    _csv(raw / "dossiers_permis_2022.csv",
         [["N° dossier", "Dépôt", "Production", "Titre"], *OWN_FILES])  # fmt: skip
    _csv(raw / "fraude_permis_2022.csv",
         [["Mois", "Dossiers instruits", "Fraudes détectées"], *OWN_FIGURES])  # fmt: skip
    plan_header = ["N°", "Année", "Objectif", "Action", "Pilote", "Échéance", "État"]
    _xlsx(raw / "plan_2022.xlsx", {"Plan": [plan_header, *OWN_PLAN]})
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture des Monts-Clairs", "short_name": "les Monts-Clairs",
                "department_code": "24", "population": 410000,
                "contact_email": "qualite@monts-clairs.gouv.fr",
            },
            # Services Publics+ without `modules`: every indicator with data is shown
            "labels": {"scheme": "Services Publics+", "version": 2023},
            "raw_folder": "raw",
            "workspace": "own_indicators",
            "indicators": {"targets": {"tel_svi_updates": "≥ 100 %"},
                           "custom": OWN_INDICATORS},
            "meeting_file": "{year}/reunion_clu_{year}.yaml",
            "sources": {
                "mail_register": {
                    "file": "{year}/courrier_{year}.xlsx", "sheet": "Courrier",
                    "columns": {"Chrono": "request_id", "Arrivée": "received_on",
                                "Voie": "channel", "Expéditeur": "requester",
                                "Objet": "request_kind", "Réponse": "answered_on",
                                "RDV le": "appointment_on"},
                    "values": {"channel": {"mél": "courriel", "papier": "courrier"}},
                },
                "telephony_monthly": {
                    "file": "{year}/telephonie_{year}.csv",
                    "columns": {"Mois": "month", "Appels entrants": "calls_received",
                                "Appels décrochés": "calls_answered", "MAJ SVI": "svi_updates",
                                "MAJ SVI à temps": "svi_updates_on_time"},
                },
                "complaints": {
                    "file": "{year}/reclamations_{year}.xlsx", "sheet": "Réclamations",
                    "columns": {"Réf": "item_id", "Reçue le": "received_on",
                                "Canal": "channel", "Nature": "nature", "Thème": "theme",
                                "Répondue le": "answered_on", "Texte": "text"},
                },
                "own_register": {
                    "file": "{year}/dossiers_permis_{year}.csv",
                    "columns": {"N° dossier": "item_id", "Dépôt": "received_on",
                                "Production": "produced_on", "Titre": "title"},
                    "values": {"title": {"permis": "permis de conduire", "carte grise": "CIV"}},
                    "own_columns": {
                        "produced_on": {"type": "date", "label": "Date de production"},
                        "title": {"type": "category", "label": "Titre",
                                  "allowed": ["permis de conduire", "CIV"]},
                    },
                },
                "own_figures": {
                    "file": "{year}/fraude_permis_{year}.csv",
                    "columns": {"Mois": "month", "Dossiers instruits": "files",
                                "Fraudes détectées": "frauds"},
                    "own_columns": {
                        "files": {"type": "integer", "min": 0,
                                  "label": "Dossiers de permis instruits"},
                        "frauds": {"type": "integer", "min": 0,
                                   "label": "Fraudes documentaires détectées"},
                    },
                },
                "action_plan": {
                    "file": "{year}/plan_{year}.xlsx", "sheet": "Plan",
                    "columns": {"N°": "action_id", "Année": "plan_year", "Objectif": "objective",
                                "Action": "action", "Pilote": "owner", "Échéance": "due_on",
                                "État": "status"},
                },
            },
        },
    )  # fmt: skip
    _yaml(
        raw / "reunion_clu_2022.yaml",
        {
            "prefecture": "Préfecture des Monts-Clairs",
            "date": dt.date(2023, 2, 10),
            "time": "10 h",
            "place": "Préfecture, salle Montaigne",
            "chair": {"name": "Mme Hélène Causse", "role": "secrétaire générale"},
            "members": [
                _member("Mme Hélène Causse", "secrétaire générale", "Préfecture des Monts-Clairs",
                        "Préfecture"),
                _member("M. Paul Vézère", "maire", "Commune de Roc-Clair", "Élus et collectivités"),
            ],
            "agenda": _agenda(
                ("Services Publics+", "quality_approach"),
                ("Nos résultats 2022", "indicators"),
                ("Réclamations et suggestions", "complaints"),
                ("Le plan d'amélioration", "action_plan"),
                ("Questions", "questions"),
            ),
        },
    )  # fmt: skip


OWN_INDICATORS_CASE = Case(
    name="own_indicators",
    description=(
        "Services Publics+ sans `modules` : indicateurs des élus montrés, cible « ≥ 100 % » "
        "atteinte par 100 %, indicateurs propres (délai médian des permis, fraude en ‰, délais "
        "des réclamations par canal), mots de l'export gardés, échéances écrites en périodes."
    ),
    period=PERIOD,
    config="own_indicators/prefecture.yaml",
    write=_write_own_indicators,
    present=(
        "Indicateurs 2022 — engagement 2 : Vous pouvez facilement entrer en contact",
        "Indicateurs 2022 — engagement 4 : Votre demande est traitée dans les délais",
        "Indicateurs 2022 — engagement 5 : Vous disposez d'une information claire",
        "Indicateurs 2022 — engagement 7 : Votre avis est pris en compte",
        "Plan d'actions 2022 : état d'avancement au 10 février 2023",
    ),
    absent=("Qual-e-pref", "Autres indicateurs", "Enquête de satisfaction"),
    figures=(
        (
            "La démarche Services Publics+ : périmètre",
            "Indicateurs suivis : relation générale avec les usagers, délivrance de titres (hors "
            "titres étrangers), relations avec les collectivités territoriales",
        ),
        ("engagement 2", pct("95,0")),
        # the SVI updates: « ≥ 100 % » as written, met by 100,0 % on the 11 months tracked
        ("engagement 5", f"≥{NBSP}100{NBSP}%"),
        ("engagement 5", f"{pct('100,0')} (11{NBSP}mois)"),
        ("engagement 4", pct("66,7")),
        ("engagement 4", days("5,0")),
        # the élus' requests, shown under Services Publics+ without any module listed
        (
            "engagement 4",
            "Taux de réponse dans le délai de 15 jours ouvrés aux courriers de demande "
            "d'information ou de conseil des élus",
        ),
        ("engagement 4", pct("50,0")),
        ("engagement 4", pct("100,0")),
        ("engagement 4", "Délai médian de traitement des permis de conduire"),
        ("engagement 4", f"≤{NBSP}10{NBSP}j"),
        ("engagement 4", days("9,0")),
        ("engagement 4", "Taux de fraude documentaire (permis de conduire)"),
        ("engagement 4", f"<{NBSP}5{NBSP}‰"),
        ("engagement 4", f"4,59{NBSP}‰ (3{NBSP}mois)"),
        ("engagement 7", "Délai moyen de réponse aux réclamations (voie électronique)"),
        ("engagement 7", days("4,3")),
        ("engagement 7", "Délai moyen de réponse aux réclamations (papier)"),
        ("engagement 7", days("9,5")),
        ("engagement 7", pct("66,7")),
        ("engagement 7", days("6,4")),
        ("Plan d'actions 2022", "décembre 2024"),
        ("Plan d'actions 2022", "sur 4, 1 en retard"),
    ),
    note="""Département 24, national holidays; days counted from the day after receipt.
Telephony: 12 × 380 / 12 × 400 = 4 560 / 4 800 = 95,0 %. SVI updates: January « non suivi »
(kept as written: the month reads « non suivi », not « sans objet »), February to December
2 of 2 → 22/22 = 100,0 % on 11 months; the préfecture's target « ≥ 100 % » → atteint (the
catalogue's « > 75 % » comparator would have judged 100 % against « > 100 % »: non atteint).
Users' e-mails: 07/03→10/03 3 j; 02/05→09/05 5 j; 14/09→23/09 7 j, late → 2/3 = 66,7 %, mean
(3+5+7)/3 = 5,0 j. No user's letter: « aucune demande ».
Élus (shown under Services Publics+ without `modules`): letters 01/02→11/02 8 j, 03/10→28/10
19 j (> 15) → 1/2 = 50,0 %; e-mails 13/06→15/06 2 j, 04/11→14/11 5 j (11/11 off) → 2/2 =
100,0 %; appointments fixed 04/04→06/04 2 j, 24/05→31/05 4 j (26/05 Ascension off) → 2/2 =
100,0 %; held 04/04→14/04 8 j, 24/05→10/06 11 j (26/05 and 06/06 off; > 10) → 1/2 = 50,0 %.
Own indicators. Driving licences (own register, calendar days, the CIV file left out): 8, 9, 7,
12, 10 days (P7 not produced yet: not counted) → median 9,0 j ≤ 10 j: atteint. Fraud (own monthly
figures, × 1 000): January 5/1 000 = 5,00 ‰, February 5/1 073 = 4,66 ‰, March 11/2 500 = 4,40 ‰,
April to June « non suivi » (as written) → year (5+5+11)/(1 000+1 073+2 500) = 21/4 573 =
4,59 ‰ on 3 months < 5 ‰: atteint.
Complaints (réclamations and suggestions): electronic 14/03→16/03 2 j, 15/04→22/04 4 j (Easter
Monday), 05/09→14/09 7 j → mean 13/3 = 4,3 j < 5 j; paper 20/06→04/07 10 j, 08/11→22/11 9 j
(11/11), 01/12 unanswered → mean 19/2 = 9,5 j < 10 j. The catalogue's rate (5 j electronic, 10 j
paper, unanswered late): 2, 4, 10, 9 on time, 7 and the unanswered late → 4/6 = 66,7 %; mean of
the 5 answered (2+4+7+10+9)/5 = 6,4 j. The thanks (R7) is not counted.
Action plan at the meeting of 10 February 2023: « Mai 2022 » → May 2022 (réalisée);
« 2023-2024 » → December 2024 (en cours); « S2 2022 » → December 2022, en cours → en retard;
« fin 2022 » → December 2022 (réalisée): 4 actions read (none set aside as « mois illisible »),
1 late.""",
)


# =================================================================================================
# spring — a committee held in April, presenting February and March of the same year (seed 003)
# =================================================================================================

SPRING_MAIL = [  # (n°, received, channel, answered): users' e-mails, February and March 2022
    ("RC-01", "01/02/2022", "Courriel", "03/02/2022"),
    ("RC-02", "07/02/2022", "Courriel", "15/02/2022"),
    ("RC-03", "14/02/2022", "Courriel", "18/02/2022"),
    ("RC-04", "01/03/2022", "Courriel", "04/03/2022"),
    ("RC-05", "08/03/2022", "Courriel", "16/03/2022"),
    ("RC-06", "21/03/2022", "Courriel", "25/03/2022"),
    ("RC-07", "28/03/2022", "Courriel", "29/03/2022"),
]


def _write_spring(root: Path) -> None:
    base = root / "spring"
    _csv(base / "raw/2022/suivi_courriels_fevrier_mars_2022.csv",
         [["Numéro", "Arrivé le", "Canal", "Répondu le"], *SPRING_MAIL])  # fmt: skip
    rows = [["Mois", "Appels présentés", "Appels décrochés"],
            ["02/2022", 500, 470], ["03/2022", 520, 455]]  # fmt: skip
    _xlsx(base / "raw/2022/telephonie_2022.xlsx", {"Téléphonie": rows})
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": "Préfecture des Rives-Claires", "short_name": "les Rives-Claires",
                "department_code": "76", "population": 1250000,
                "contact_email": "qualite@rives-claires.gouv.fr",
            },
            "labels": {"scheme": "Qual-e-pref", "modules": [1]},
            "raw_folder": "raw",
            "workspace": "spring",
            "meeting_file": "{year}/comite_usagers_{year}.yaml",
            "sources": {
                "mail_register": {
                    "file": "{year}/suivi_courriels_fevrier_mars_{year}.csv",
                    "coverage": {2022: [2, 3]},
                    "columns": {
                        "Numéro": "request_id", "Arrivé le": "received_on",
                        "Canal": "channel", "Répondu le": "answered_on",
                    },
                },
                "telephony_monthly": {
                    "file": "{year}/telephonie_{year}.xlsx",
                    "sheet": "Téléphonie",
                    "columns": {
                        "Mois": "month", "Appels présentés": "calls_received",
                        "Appels décrochés": "calls_answered",
                    },
                },
            },
        },
    )  # fmt: skip
    _yaml(
        base / "raw/2022/comite_usagers_2022.yaml",
        {
            "prefecture": "Préfecture des Rives-Claires",
            "date": dt.date(2022, 4, 14),
            "place": "Préfecture, salle Boïeldieu",
            "chair": {"name": "Mme Hélène Galet", "role": "secrétaire générale"},
            "contact_email": "qualite@rives-claires.gouv.fr",
            "members": [
                _member("Mme Hélène Galet", "secrétaire générale",
                        "Préfecture des Rives-Claires", "Préfecture"),
                _member("M. Paul Estran", "président", "UFC-Que Choisir des Rives-Claires",
                        "Associations"),
            ],
            "agenda": _agenda(
                ("Les premiers résultats de 2022", "indicators"),
                ("Nos engagements", "action_plan"),
                ("Questions", "questions"),
            ),
            # a plan written as prose (seed 004), one item naming the result it answers
            "next_plan": [
                "Refonte des messages d'attente du standard",
                {"action": "Réponse aux courriels sous 5 jours ouvrés, avec un tableau de suivi",
                 "owner": "Bureau du courrier", "deadline": "juin 2022",
                 "addresses": ["mail_emails_5d"]},
            ],
        },
    )  # fmt: skip


SPRING = Case(
    name="spring",
    description=(
        "Un comité réuni en avril 2022 qui présente février et mars 2022 (seed 003) : les mois en "
        "colonnes, chacun jugé sur sa cible ; un plan d'actions écrit dans le fichier de réunion."
    ),
    period=PERIOD,
    config="spring/prefecture.yaml",
    write=_write_spring,
    present=(
        "Indicateurs — Accueil, téléphone et internet",
        "Indicateurs — Courriers, courriels et réclamations",
        "Points d'amélioration",
        "Plan d'actions — engagements",
    ),
    absent=("Enquête", "Appels mystère", "Réclamations et suggestions —"),
    figures=(
        ("Indicateurs — Accueil, téléphone et internet", "févr. 2022"),
        ("Indicateurs — Accueil, téléphone et internet", "mars 2022"),
        ("Indicateurs — Accueil, téléphone et internet", pct("94,0")),
        ("Indicateurs — Accueil, téléphone et internet", pct("87,5")),
        ("Indicateurs — Courriers, courriels et réclamations", pct("66,7")),
        ("Indicateurs — Courriers, courriels et réclamations", pct("75,0")),
        (
            "Points d'amélioration",
            f"{pct('71,4')} pour ≥{NBSP}75{NBSP}% (2{NBSP}mois, sur 7 demandes)",
        ),
        (
            "Points d'amélioration",
            "Réponse aux courriels sous 5 jours ouvrés, avec un tableau de suivi",
        ),
        ("Plan d'actions — engagements", "Refonte des messages d'attente du standard"),
        ("module 1", pct("90,7") + f" (2{NBSP}mois)"),
        ("module 1", days("3,7") + f" (2{NBSP}mois)"),
    ),
    note="""\
A committee held on 14 April 2022 presents February and March 2022: the deck's indicator slides
show the months as columns (deck.period_unit auto: the meeting falls in the year presented).
Telephony: February 470/500 = 94,0 % (≥ 90 %: atteint); March 455/520 = 87,5 % (non atteint);
the two months (925/1 020) = 90,7 % (2 mois).
Users' e-mails (jours ouvrés, the day of receipt not counted; no holiday in February or March):
01/02→03/02 2 j; 07/02→15/02 6 j late; 14/02→18/02 4 j → February 2/3 = 66,7 % (≥ 75 %: non
atteint); 01/03→04/03 3 j; 08/03→16/03 6 j late; 21/03→25/03 4 j; 28/03→29/03 1 j → March 3/4 =
75,0 % (atteint: equal to the target); the two months 5/7 = 71,4 % (non atteint) → a point
d'amélioration, answered by the meeting file's second `next_plan` item, whose `addresses` names
mail_emails_5d. Mean delay (2+6+4+3+6+4+1)/7 = 26/7 = 3,7 j (≤ 5 j).""",
)


# =================================================================================================
# 13. other_sources — the feedback platform's own export, an e-mail survey, communication figures
# =================================================================================================

FEEDBACK_HEADER = [
    "ID expérience", "Etat expérience", "Date de publication", "Écrit le", "Titre", "Description",
    "Pseudonyme usager", "Ressenti usager", "Intitulé département usager", "Intitulé Typologie 1",
    "Canaux Typologie 1", "Intitulé structure 1", "Statut réponse structure 1",
    "Réponse structure 1",
]  # fmt: skip
ECOUTE = "Préfecture du Val-d'Écoute"
FEEDBACK_ROWS = [  # the platform's national export: every structure, several years
    ["E101", "Publiée", "2022-06-15T09:12:40+02:00", "2022-06-14T18:03:11+02:00",
     "Accueil au guichet", "Agent très aimable et efficace au guichet des titres.", "Lilou45",
     "Positif", "Val-d'Écoute", "Préfecture", "Accueil", ECOUTE, "Répondu",
     "Merci pour votre retour, nous le transmettons à l'équipe."],
    ["E102", "Publiée", "2022-07-21T10:00:00+02:00", "2022-07-20T08:45:00+02:00",
     "Impossible d'avoir un rendez-vous", "Aucun rendez-vous disponible pour mon titre de "
     "séjour depuis deux mois.", "Sam", "Négatif", "Val-d'Écoute", "Préfecture", "Téléphone",
     ECOUTE, "Répondu", "De nouveaux créneaux ouvrent chaque lundi à 9 h."],
    ["E103", "Publiée", "2022-09-06T11:30:00+02:00", "2022-09-05T21:10:00+02:00",
     "Démarche rapide", "Démarche en ligne simple, réponse reçue en deux jours.", "Marc-O",
     "Positif", "Val-d'Écoute", "Préfecture", "Démarche en ligne", ECOUTE, "En attente", ""],
    ["E104", "Publiée", "2022-10-13T09:00:00+02:00", "2022-10-12T16:20:00+02:00",
     "Point numérique", "Le médiateur du point numérique m'a aidé pour ma carte grise.", "Ana",
     "Positif", "Val-d'Écoute", "Préfecture", "Accueil", ECOUTE, "Répondu", "Merci !"],
    ["E105", "Publiée", "2022-11-29T14:00:00+01:00", "2022-11-28T10:05:00+01:00",
     "Standard", "Standard joignable et agent aimable.", "Jo", "Positif", "Val-d'Écoute",
     "Préfecture", "Téléphone", "PRÉFECTURE DU VAL-D'ECOUTE", "En attente", ""],
    # another structure of the national file: never counted
    ["E201", "Publiée", "2022-08-02T09:00:00+02:00", "2022-08-01T12:00:00+02:00",
     "Accueil fermé", "Mauvais accueil, guichet fermé sans prévenir.", "Kim", "Négatif",
     "Val-d'Écoute", "Mairie", "Accueil", "Mairie de Saint-Ailleurs", "En attente", ""],
    # the year before (its count beside), and a year the chain does not read (set aside)
    ["E090", "Publiée", "2021-12-02T09:00:00+01:00", "2021-12-01T17:00:00+01:00",
     "Renseignement", "Renseignement obtenu au téléphone.", "Lou", "Neutre", "Val-d'Écoute",
     "Préfecture", "Téléphone", ECOUTE, "En attente", ""],
    ["E010", "Publiée", "2019-05-02T09:00:00+02:00", "2019-05-01T17:00:00+02:00",
     "Ancien", "Une expérience de 2019.", "Old", "Positif", "Val-d'Écoute", "Préfecture",
     "Accueil", ECOUTE, "En attente", ""],
]  # fmt: skip
EMAIL_SURVEY_HEADER = ["N°", "Reçue le", "Vous nous avez écrit par", "Délai", "Clarté",
                       "Réponse à la question", "Courtoisie", "Satisfaction générale",
                       "Remarques"]  # fmt: skip
EMAIL_SURVEY_ROWS = [
    ["M1", "03/10/2022", "courriel", "Très satisfait", "Satisfait", "Satisfait",
     "Très satisfait", "Satisfait", "Réponse rapide et claire, merci."],
    ["M2", "14/10/2022", "courriel", "Peu satisfait", "Satisfait", "Peu satisfait", "Satisfait",
     "Peu satisfait", "Délai trop long pour une simple question."],
    ["M3", "02/12/2022", "courrier", "Satisfait", "Non concerné", "Satisfait", "Satisfait",
     "Satisfait", ""],
]  # fmt: skip
COMMUNICATION_HEADER = ["Mois", "Envois presse", "Communiqués", "Visiteurs uniques",
                        "Visiteurs pages étrangers", "Publications réseaux"]  # fmt: skip
COMMUNICATION_ROWS = [
    [f"{month:02d}/2022", 20 if month <= 6 else 23,
     "non suivi" if month == 8 else 10,
     51000 if month <= 6 else 52705,
     38000 if month <= 6 else (38521 if month == 12 else 38519), 30]
    for month in range(1, 13)
]  # fmt: skip
ANNUAL_SURVEY_HEADER = ["N°", "Date", "Courtoisie", "Attente", "Note globale", "Remarques"]
ANNUAL_SURVEY_ROWS = [
    ["Q1", "21/11/2022", "Très satisfait", "Satisfait", 9, "Très bon accueil"],
    ["Q2", "22/11/2022", "Satisfait", "Peu satisfait", 7, ""],
    ["Q3", "25/11/2022", "Satisfait", "Pas satisfait", 4, "Attente trop longue"],
    ["Q4", "01/12/2022", "Peu satisfait", "Satisfait", 8, ""],
    ["Q5", "12/12/2022", "Satisfait", "Satisfait", 6, ""],
]  # fmt: skip
TUTORING_ROWS = [
    ["T1", "10/02/2022", "tutorat", "Accueil des usagers étrangers", 2, "3"],
    ["T2", "15/03/2022", "tutorat", "Accueil des usagers étrangers", 1, "3"],
    ["T3", "20/05/2022", "accompagnement", "Gestion des conflits", 3, "2"],
    ["T4", "08/09/2022", "tutorat", "Standard téléphonique", 1, "1,5"],
]
OTHER_COMPLAINTS = [
    ["R1", "07/03/2022", "courriel", "réclamation", "Accueil", "10/03/2022", "Attente trop longue"],
    ["R2", "11/04/2022", "urne", "suggestion", "Locaux", "21/04/2022", "Plus de chaises"],
    ["R3", "12/09/2022", "courrier", "remerciement", "Accueil", "", "Merci"],
]  # fmt: skip


def _write_other_sources(root: Path) -> None:
    base = root / "other_sources"
    raw = base / "raw"
    _csv(raw / "export-experiences.csv", [FEEDBACK_HEADER, *FEEDBACK_ROWS],
         encoding="utf-8-sig")  # fmt: skip
    _xlsx(raw / "2022/enquete_courriel_2022.xlsx",
          {"Réponses": [EMAIL_SURVEY_HEADER, *_as_dates(EMAIL_SURVEY_ROWS, 1)]})  # fmt: skip
    _csv(raw / "2022/communication_2022.csv", [COMMUNICATION_HEADER, *COMMUNICATION_ROWS])
    _csv(raw / "2022/enquete_2022.csv", [ANNUAL_SURVEY_HEADER, *ANNUAL_SURVEY_ROWS])
    _csv(raw / "2022/tutorat_2022.csv",
         [["N°", "Date", "Type", "Thème", "Agents", "Heures"], *TUTORING_ROWS])  # fmt: skip
    _csv(raw / "2022/formations_2022.csv",
         [["Année", "Formation", "Agents formés"], [2022, "Accueil physique et téléphonique", 24],
          [2022, "Gestion des conflits", 12]])  # fmt: skip
    complaints_header = ["Réf", "Reçue le", "Canal", "Nature", "Thème", "Répondue le", "Texte"]
    _xlsx(raw / "2022/reclamations_2022.xlsx",
          {"RS": [complaints_header, *_as_dates(OTHER_COMPLAINTS, 1, 5)]})  # fmt: skip
    _yaml(
        base / "prefecture.yaml",
        {
            "prefecture": {
                "name": ECOUTE, "short_name": "le Val-d'Écoute", "department_code": "45",
                "population": 680000, "contact_email": "qualite@val-ecoute.gouv.fr",
            },
            "labels": {"scheme": "Services Publics+", "version": 2023},
            "raw_folder": "raw",
            "workspace": "other_sources",
            "feedback": {"structures": [ECOUTE]},
            "meeting_file": "{year}/reunion_clu_{year}.yaml",
            "sources": {
                # the platform's file as downloaded: no header mapping at all
                "feedback_platform": {"file": "export-experiences.csv"},
                "survey_responses": {
                    "file": "{year}/enquete_{year}.csv",
                    "columns": {"N°": "response_id", "Date": "answered_on",
                                "Courtoisie": "q_courtesy", "Attente": "q_waiting_time",
                                "Note globale": "q_overall", "Remarques": "comment"},
                },
                "second_survey_responses": {
                    "file": "{year}/enquete_courriel_{year}.xlsx", "sheet": "Réponses",
                    "columns": {"N°": "response_id", "Reçue le": "answered_on",
                                "Vous nous avez écrit par": "request_channel",
                                "Délai": "e_delay", "Clarté": "e_clarity",
                                "Réponse à la question": "e_completeness",
                                "Courtoisie": "e_courtesy",
                                "Satisfaction générale": "e_overall", "Remarques": "e_remarks"},
                },
                "communication_monthly": {
                    "file": "{year}/communication_{year}.csv",
                    "columns": {"Mois": "month", "Envois presse": "press_sends",
                                "Communiqués": "press_releases",
                                "Visiteurs uniques": "site_unique_visitors",
                                "Visiteurs pages étrangers": "foreigners_pages_visitors",
                                "Publications réseaux": "social_posts"},
                },
                "tutoring_sessions": {
                    "file": "{year}/tutorat_{year}.csv",
                    "columns": {"N°": "session_id", "Date": "held_on", "Type": "kind",
                                "Thème": "topic", "Agents": "agents", "Heures": "hours"},
                },
                "trainings": {
                    "file": "{year}/formations_{year}.csv",
                    "columns": {"Année": "year", "Formation": "training",
                                "Agents formés": "agents_trained"},
                },
                "complaints": {
                    "file": "{year}/reclamations_{year}.xlsx", "sheet": "RS",
                    "columns": {"Réf": "item_id", "Reçue le": "received_on", "Canal": "channel",
                                "Nature": "nature", "Thème": "theme",
                                "Répondue le": "answered_on", "Texte": "text"},
                },
            },
        },
    )  # fmt: skip
    _yaml(
        raw / "2022/reunion_clu_2022.yaml",
        {
            "prefecture": ECOUTE,
            "date": dt.date(2023, 1, 24),
            "chair": {"name": "M. Paul Lemaître", "role": "secrétaire général"},
            "members": [
                _member("M. Paul Lemaître", "secrétaire général", ECOUTE, "Préfecture"),
                _member("M. Luc Robin", "délégué", "APF France Handicap", "Associations"),
            ],
            "agenda": _agenda(
                ("Services Publics+", "quality_approach"),
                ("Nos résultats 2022", "indicators"),
                ("L'enquête de satisfaction", "survey"),
                ("L'enquête par courriel", "second_survey"),
                ("Réclamations et suggestions", "complaints"),
                ("Formation et tutorat des agents", "trainings"),
                ("Questions", "questions"),
            ),
            "survey": {"start": dt.date(2022, 11, 21), "end": dt.date(2022, 12, 21),
                       "mode": "questionnaire papier"},
            "second_survey": {"start": dt.date(2022, 9, 1), "end": dt.date(2022, 12, 15),
                              "mode": "par courriel", "sent": 40},
        },
    )  # fmt: skip


OTHER_SOURCES_CASE = Case(
    name="other_sources",
    description=(
        "Services Publics+ : l'export de la plateforme « Donnez votre avis » déposé tel quel "
        "(fichier national, d'autres structures), une enquête par courriel (3 réponses sur 40), "
        "les chiffres mensuels de la communication, le tutorat des agents."
    ),
    period=PERIOD,
    config="other_sources/prefecture.yaml",
    write=_write_other_sources,
    present=(
        "Indicateurs — Communication, presse et réseaux sociaux",
        "Enquête par courriel — réponses et résultat global",
        "Enquête par courriel — résultats par question",
        "Enquête par courriel — ce que disent les répondants",
        "Plateforme d'avis — expériences partagées",
        "Plateforme d'avis — ce que partagent les usagers",
        "Annexe — plateforme d'avis — expériences par canal",
        "Tutorat et accompagnement des agents",
    ),
    absent=("Qual-e-pref", "Autres indicateurs", "Aucune donnée"),
    figures=(
        # communication figures, with the indicators (the channel's slide)
        ("Communication, presse et réseaux sociaux", "21,5"),
        ("Communication, presse et réseaux sociaux", f"10 (11{NBSP}mois)"),
        ("Communication, presse et réseaux sociaux", "622\u202f230"),
        ("Communication, presse et réseaux sociaux", pct("73,8")),
        ("Communication, presse et réseaux sociaux", "30"),
        ("engagement 5", "Nombre moyen d'envois à la presse par mois"),
        # the e-mail survey: its own agenda section, every figure a fragile count
        ("Enquête par courriel 2022 : 3 réponses sur 40 questionnaires envoyés", pct("7,5")),
        ("Enquête par courriel 2022 : 3 réponses sur 40 questionnaires envoyés", "2 sur 3 *"),
        ("résultats par question", "Votre satisfaction générale"),
        ("résultats par question", "2 sur 2 *"),
        ("résultats par question", "3 sur 3 *"),
        ("ce que disent les répondants", "« Délai trop long pour une simple question. »"),
        # the feedback platform, after the complaints (no agenda item of its own)
        ("« Donnez votre avis » (Services Publics+) 2022 : 5 expériences partagées", "5"),
        ("« Donnez votre avis » (Services Publics+) 2022 : 5 expériences partagées", "4"),
        ("« Donnez votre avis » (Services Publics+) 2022 : 5 expériences partagées", "1"),
        ("« Donnez votre avis » (Services Publics+) 2022 : 5 expériences partagées", "3 sur 5"),
        ("Ce que partagent les usagers", "1 expérience · 1 négative"),
        ("Ce que partagent les usagers", "3 expériences · 1 négative"),
        ("Ce que partagent les usagers", "« Standard — Standard joignable et agent aimable. »"),
        ("expériences par canal", "Démarche en ligne"),
        # tutoring, after the trainings
        (
            "Tutorat et accompagnement 2022 : 4 séances, 7 agents accompagnés",
            "Accueil des usagers étrangers",
        ),
        ("Tutorat et accompagnement 2022 : 4 séances, 7 agents accompagnés", "Accompagnement"),
        ("Formation des agents 2022 : 36 formations suivies", "Gestion des conflits"),
    ),
    note="""Département 45, Services Publics+ 2023, national holidays.
Feedback platform (the national export « export-experiences.csv » as downloaded, « ; », BOM, ISO
time stamps, no header mapping): 8 rows read; E010 of 2019 set aside (outside 2020–2022), 7
kept. Only « Préfecture du Val-d'Écoute » counts (E105's « PRÉFECTURE DU VAL-D'ECOUTE » matches,
case and accents ignored; E201, Mairie de Saint-Ailleurs, does not). 2022: E101–E105 = 5
experiences; feelings positif E101, E103, E104, E105 = 4, négatif E102 = 1; a reply written for
E101, E102, E104 → 3 of 5 (60 %, written « 3 sur 5 »: 5 < 30). Channels: Accueil E101, E104 =
2 (2 positive, 2 replied); Téléphone E102, E105 = 2 (1 negative, 1 replied); Démarche en ligne
E103 = 1. 2021: E090 = 1 experience. Themes (« title — text », packaged survey dictionary):
Rendez-vous E102 (négatif: 1 of 1, a critical quote); Accueil et agents E101 (accueil, agent),
E102 (« disponible »), E105 (agent) = 3, 1 négative, quoted: the most frequent tone (positive),
the shortest of the two most written → E105; Attente et délais E103 (« rapide »); Point
numérique E104; Site internet E103 and Téléphone E105 have no quote left (a text is quoted once,
under its first theme).
E-mail survey (catalogue survey_email_questions.yaml, meeting file: 40 sent): 3 answers → 3/40 =
7,5 %. Overall: Satisfait, Peu satisfait, Satisfait → 2 of 3; delay TS, PS, S → 2 of 3; clarity
S, S, « Non concerné » → 2 of 2; answer S, PS, S → 2 of 3; courtesy TS, S, S → 3 of 3; every
figure « n sur m * » (3 < 30). Net satisfaction (2 − 1)/3 = 33,3 points. Remarks: R1 « rapide »
and R2 « délai » in Attente et délais; its criteria are not asked, so the overall satisfaction
tells the tone: R1 positive, R2 critique; a tie goes to « critique » → R2 quoted.
Annual survey (5 questionnaires): courtesy 4/5 = 80,0 %, waiting 3/5 = 60,0 %, overall marks 9,
7, 4, 8, 6 → 4/5 = 80,0 %.
Communication (monthly): press sends 6 × 20 + 6 × 23 = 258 → 21,5 a month; releases 10 a month
on 11 months (August « non suivi ») → 10 (11 mois); unique visitors 6 × 51 000 + 6 × 52 705 =
622 230; foreigners' pages 6 × 38 000 + 5 × 38 519 + 38 521 = 459 116 → 459 116 / 622 230 =
73,8 %; social posts 30 a month.
Tutoring: 4 sessions, agents 2 + 1 + 3 + 1 = 7, hours 3 + 3 + 2 + 1,5 = 9,5; Tutorat « Accueil
des usagers étrangers » 2 sessions, 3 agents; « Standard téléphonique » 1, 1; Accompagnement
« Gestion des conflits » 1, 3. Trainings 24 + 12 = 36.
Complaints: R1 courriel 07/03 → 10/03 3 j; R2 urne 11/04 → 21/04 7 j (Easter Monday) → 2/2 =
100,0 %, mean 5,0 j; R3 thanks not counted.""",
)


CASES: tuple[Case, ...] = (
    SURVEY_ONLY,
    REGISTERS_ONLY,
    SP_PLUS,
    MARKS_ONLY,
    REGISTER_THREE_MONTHS,
    NO_SITE_MODE,
    MULTI_YEAR,
    HEADER_ONLY,
    FOUR_LEVELS_YES_NO,
    MOSELLE_HOLIDAYS,
    PERSONAL_DATA,
    OWN_INDICATORS_CASE,
    SPRING,
    OTHER_SOURCES_CASE,
)
