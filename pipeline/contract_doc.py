"""docs/data-contract.md and the blank Excel input templates, generated from the contract.

The contract (resources/contract.yaml) is the one source: the documentation and the templates
a team can fill instead of its own exports are regenerated from it, and a test checks that the
committed documentation is up to date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from pipeline.config import ColumnSpec, load_config, load_contract, load_questions
from pipeline.paths import DEFAULT_CONFIG, ROOT
from pipeline.stable_zip import save_stable_workbook

DOC_PATH = ROOT / "docs" / "data-contract.md"
TEMPLATES_DIR = ROOT / "data" / "templates"
TYPE_LABELS = {
    "text": "texte court",
    "free_text": "texte libre (données personnelles masquées)",
    "category": "liste de valeurs",
    "multi": "plusieurs valeurs séparées par « ; »",
    "date": "date (14/04/2022, 2022-04-14 ou date Excel)",
    "month": "mois (avril 2022, 04/2022, 2022-04 ou une date du mois)",
    "quarter": "trimestre (2022-T1)",
    "integer": "nombre entier",
    "number": "nombre (1,95 ; « 1,95 j » accepté)",
    "percent": "taux (93,48 %)",
    "boolean": "oui / non",
    "time": "heure (14:30)",
    "mark": "note entière",
}
FIXED_DATE = dt.datetime(2023, 1, 1)

INTRO = """# Contrat de données

*Document généré depuis `pipeline/resources/contract.yaml` par `python -m pipeline contract-doc` :
modifiez le contrat, puis régénérez ce document.*

Chaque source brute est un fichier Excel (`.xlsx`) ou CSV (`;` ou `,`, encodage UTF-8 ou
Windows-1252 détecté) déposé dans `data/raw/<année>/`. La configuration de la préfecture
(`config/prefecture.yaml`, section `sources`) donne pour chaque source le nom du fichier,
l'onglet, la ligne des en-têtes et la correspondance entre les en-têtes de l'export et les
colonnes canoniques ci-dessous. Un en-tête égal au nom canonique ou au libellé français est
reconnu sans correspondance. Les colonnes non reconnues sont écartées dès la lecture (une
colonne « Nom du demandeur » ne va donc jamais plus loin).

Règles communes :

- « Sans objet », « néant », « non suivi », « aucune demande », « - » et une cellule vide
  signifient *non applicable* : jamais zéro.
- Les valeurs des listes sont reconnues sans tenir compte des majuscules, des accents et des
  espaces ; une préfecture peut déclarer ses propres mots (`values:` dans sa configuration,
  par exemple `mail: courriel`).
- Une ligne qui ne respecte pas le contrat est mise en quarantaine
  (`data/processed/<année>/quarantine.csv`) avec le fichier, la ligne, la colonne et le motif ;
  chaque exécution affiche, par source, lignes lues = gardées + en quarantaine.
- Les textes libres sont expurgés des adresses électroniques, numéros de téléphone et noms
  précédés d'une civilité ou d'un prénom courant, avant tout enregistrement.
- Des modèles Excel vierges, à remplir à la place d'un export, sont dans `data/templates/`.
"""


def _column_line(name: str, spec: ColumnSpec) -> str:
    allowed = " / ".join(spec.allowed) if spec.allowed else ""
    bounds = []
    if spec.min is not None:
        bounds.append(f"≥ {spec.min:g}")
    if spec.max is not None:
        bounds.append(f"≤ {spec.max:g}")
    rules = "; ".join(
        filter(
            None,
            [
                "obligatoire" if spec.required else "",
                "unique" if spec.unique else "",
                *bounds,
                f"vide : {spec.default}" if spec.default else "",
            ],
        )
    )
    details = " ".join(filter(None, [allowed, spec.description]))
    return f"| `{name}` | {spec.label} | {TYPE_LABELS[spec.type]} | {rules} | {details} |"


def _answers(question, catalogue) -> str:
    """The answers a survey question accepts, in French."""
    options = " / ".join(question.options)
    if question.type == "yes_no":
        return "oui / non"
    if question.type == "single_choice":
        return f"une réponse : {options}" if options else "texte court (une réponse)"
    if question.type == "multiple_choice":
        return f"une ou plusieurs réponses séparées par « ; » : {options}"
    if question.type == "free_text":
        return TYPE_LABELS["free_text"]
    scale = catalogue.scales[question.type]
    levels = " / ".join(scale.levels) if scale.levels else f"note de {scale.min} à {scale.max}"
    return f"{levels} ou Non concerné"


def contract_markdown() -> str:
    contract = load_contract()
    questions = load_questions(load_config(DEFAULT_CONFIG))
    parts = [INTRO]
    for name, source in contract.sources.items():
        parts.append(
            f"\n## {source.title} (`{name}`)\n\n*{source.grain}.* "
            f"Colonne de période : `{source.period_column}`.\n"
        )
        parts.append("| colonne | libellé | type | règles | valeurs, précisions |")
        parts.append("|---|---|---|---|---|")
        parts.extend(_column_line(c, s) for c, s in source.columns.items())
        if source.question_catalogue:
            parts.append(
                "\nPlus une colonne par question du catalogue de l'enquête "
                "(`pipeline/resources/survey_questions.yaml`, ou celui de la préfecture) :\n"
            )
            parts.append("| colonne | question | thème | réponses |")
            parts.append("|---|---|---|---|")
            parts.extend(
                f"| `{q.column}` | {q.label} | {q.theme} | {_answers(q, questions)} |"
                for q in questions.questions
            )
        checks = [f"- {c.message} est refusé (`{c.rule}` attendu)" for c in source.checks]
        if source.unique_together:
            checks.append(f"- une seule ligne par {' + '.join(source.unique_together)}")
        if checks:
            parts.append("\nContrôles entre colonnes :\n")
            parts.extend(checks)
    parts.append(MEETING_DOC)
    return "\n".join(parts) + "\n"


MEETING_DOC = """
## Fichier de réunion (`data/raw/<année>/reunion_clu_<année>.yaml`)

Un fichier YAML par CLU, rempli par la mission qualité (voir celui de l'échantillon) :

| clé | contenu |
|---|---|
| `committee`, `prefecture` | intitulé du comité, nom de la préfecture |
| `date`, `time`, `place` | date (AAAA-MM-JJ), heure et lieu de la réunion |
| `chair` | `name`, `role` : la présidence (préfet ou secrétaire général) |
| `contact_email` | adresse de contact affichée en fin de diaporama |
| `members` | liste : `name`, `role`, `organisation`, `group` (Préfecture, Élus et collectivités, Chambres consulaires, Associations, Services de l'État), `status` (présent / excusé / absent) |
| `agenda` | liste : `title`, `section` (quality_approach, indicators, survey, mystery, complaints, template_emails, action_plan, trainings, questions), `presenter` |
| `labelling` | `scheme` (Qual-e-pref ou Services Publics+), `modules` du périmètre, `what_changed` |
| `audits` | liste : `kind`, `date`, `organisation` |
| `survey` | `start`, `end`, `mode` : la période et le mode de l'enquête de satisfaction |
| `mystery` | `calls_start`, `calls_end`, `emails_start`, `emails_end` |
| `template_emails` | liste : `title`, `body` : les courriels types soumis à l'avis du comité |
"""


def write_contract_doc(path: Path = DOC_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(contract_markdown(), encoding="utf-8")
    return path


def write_templates(folder: Path = TEMPLATES_DIR) -> list[Path]:
    """One blank workbook per source: French labels as headers, value lists as drop-downs."""
    folder.mkdir(parents=True, exist_ok=True)
    questions = load_questions(load_config(DEFAULT_CONFIG))
    written = []
    for name, source in load_contract().sources.items():
        columns = dict(source.columns)
        if source.question_catalogue:
            columns.update(questions.column_specs())
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "Données"
        for index, spec in enumerate(columns.values(), 1):
            cell = sheet.cell(row=1, column=index, value=spec.label)
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="000091")
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, min(45, len(spec.label) + 4))
            if spec.type == "category" and len(",".join(spec.allowed)) < 250:
                rule = DataValidation(type="list", formula1='"' + ",".join(spec.allowed) + '"')
                rule.add(f"{letter}2:{letter}5000")
                sheet.add_data_validation(rule)
        sheet.freeze_panes = "A2"
        workbook.properties.creator = "Préfecture"
        workbook.properties.created = workbook.properties.modified = FIXED_DATE
        target = save_stable_workbook(workbook, folder / f"modele_{name}.xlsx")
        written.append(target)
    return written
