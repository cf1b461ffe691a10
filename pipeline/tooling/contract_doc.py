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

from pipeline.core.config import ColumnSpec, load_config, load_contract, load_questions
from pipeline.core.formatting import format_choices
from pipeline.core.inert import neutralise_formulas
from pipeline.core.paths import DEFAULT_CONFIG, ROOT
from pipeline.core.stable_zip import save_stable_workbook

DOC_PATH = ROOT / "docs" / "data-contract.md"
TEMPLATES_DIR = ROOT / "data" / "templates"
TYPE_LABELS = {
    "text": "texte court",
    "free_text": "texte libre (données personnelles masquées)",
    "category": "liste de valeurs",
    "multi": "plusieurs valeurs séparées par « ; »",
    "date": "date (14/04/2022, 2022-04-14, 14 avril 2022 ou date Excel)",
    "month": "mois (avril 2022, 04/2022, 2022-04 ou une date du mois)",
    "deadline": "échéance (mai 2023, ou une période : 2023-2024, S2 2023, T3 2023, fin 2023)",
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
  signifient *non applicable* : jamais zéro. Dans une colonne de chiffres, « non suivi »,
  « sans objet », « néant » et « aucune demande » sont gardés tels qu'écrits : le tableau de
  bord, le diaporama et les données ouvertes disent ce que l'export disait.
- Une préfecture peut ajouter à toute source des colonnes qui lui sont propres
  (`own_columns:` sous la source dans sa configuration, typées comme celles du contrat), pour
  ses propres indicateurs ; « Registre propre à la préfecture » (`own_register`) et « Chiffres
  mensuels propres à la préfecture » (`own_figures`) n'ont que leur colonne de période : leurs
  autres colonnes sont les siennes (voir `docs/indicateurs.md`).
- Les valeurs des listes sont reconnues sans tenir compte des majuscules, des accents et des
  espaces ; une préfecture peut déclarer ses propres mots (`values:` dans sa configuration,
  par exemple `mail: courriel`).
- Une ligne qui ne respecte pas le contrat est mise en quarantaine
  (`data/processed/<année>/quarantine.csv`) avec le fichier, la ligne, la colonne et le motif ;
  chaque exécution affiche, par fichier, lignes lues = gardées + en quarantaine + écartées.
- Toutes les sources sont facultatives : une préfecture ne configure que celles qu'elle a ; une
  source absente, ou un export réduit à sa ligne d'en-têtes, laisse sa section de côté (le
  diaporama le dit sur une diapositive « Aucune donnée » si l'ordre du jour la prévoit, et le
  journal d'exécution dit pourquoi). Les colonnes sans « obligatoire » peuvent manquer.
- L'année d'une ligne est celle de sa colonne de période, pas celle du dossier : dans un fichier
  d'une année (`{year}` dans son nom), une ligne datée d'une autre année est mise en
  quarantaine ; un export de plusieurs années (nom sans `{year}`) est lu une fois, chaque ligne
  compte dans son année et les lignes des années que la chaîne ne lit pas sont écartées
  (comptées, sans erreur). Les questionnaires de l'enquête comptent dans la campagne de leur
  fichier, même datés de janvier suivant ; ils peuvent ne pas être datés.
- Un registre qui ne couvre qu'une partie de l'année se déclare dans la configuration
  (`coverage: {2022: [1, 2, 3]}` sous la source) ; sans déclaration, un registre dense (au
  moins 10 lignes par mois) couvre du premier au dernier mois où il a des lignes, un registre
  peu fourni (réclamations, exercices de crise) toute l'année. Les mois non couverts sont
  « non suivi » et la valeur de l'année dit sur combien de mois elle repose.
- Les textes libres sont expurgés des adresses électroniques, numéros de téléphone et noms
  précédés d'une civilité ou d'un prénom courant, avant tout enregistrement ; un nom écrit
  seul (« merci à Kevin ») y est aussi masqué (voir le README, « Données personnelles »).
- Des modèles Excel vierges, à remplir à la place d'un export, sont dans `data/templates/`.
"""


def _column_line(name: str, spec: ColumnSpec) -> str:
    allowed = format_choices(spec.allowed) if spec.allowed else ""
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
    usual = (
        "En-têtes reconnus sans correspondance : " + ", ".join(f"« {h} »" for h in spec.headers)
        + "." if spec.headers else ""
    )  # fmt: skip
    details = " ".join(filter(None, [allowed, spec.description, usual]))
    return f"| `{name}` | {spec.label} | {TYPE_LABELS[spec.type]} | {rules} | {details} |"


def _answers(question, catalogue) -> str:
    """The answers a survey question accepts, in French."""
    options = format_choices(question.options)
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
    config = load_config(DEFAULT_CONFIG)
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
            questions = load_questions(config, name)
            parts.append(
                "\nPlus une colonne par question du catalogue de l'enquête "
                f"(`pipeline/resources/{source.question_catalogue}`, ou celui de la préfecture) :\n"
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
| `agenda` | liste : `title`, `section` (quality_approach, indicators, survey, second_survey, mystery, complaints, feedback, template_emails, action_plan, trainings, questions), `presenter` ; sans point `second_survey` ni `feedback`, la seconde enquête suit l'enquête et la plateforme d'avis suit les réclamations (à défaut, avant les questions) |
| `what_changed` | liste : ce qui a changé cette année (diapositive après la démarche qualité) |
| `audits` | liste : `kind`, `date`, `organisation` |
| `survey` | `start`, `end`, `mode` : la période et le mode de l'enquête de satisfaction (`sent` : questionnaires envoyés, facultatif) |
| `second_survey` | `start`, `end`, `mode`, `sent` : ceux de la seconde enquête (par courriel : `sent: 40` donne « 3 réponses sur 40 questionnaires envoyés ») |
| `mystery` | `calls_start`, `calls_end`, `emails_start`, `emails_end` |
| `template_emails` | liste : `title`, `body` : les courriels types soumis à l'avis du comité |
| `service`, `end_time` | facultatifs, pour le compte rendu : le service qui l'établit (bloc de l'État ; « Secrétariat général » par défaut), l'heure de clôture de la séance |
| `questions` | facultatif, pour le compte rendu : liste des questions posées, `who`, `question`, et si on les connaît `answer`, `answered_by` ; `about` : la section du point de l'ordre du jour où elle a été posée (sinon « Questions / réponses ») |

Le label et son périmètre ne se disent pas ici mais dans la configuration (`labels`) : un
fichier de réunion plus ancien qui garde `labelling.scheme` ou `labelling.modules` est accepté
s'il dit la même chose, refusé avec un message sinon. Seuls le diaporama et le compte rendu
ont besoin de ce fichier ; `make ingest` et `make survey` s'en passent.

## Configuration de la préfecture (`config/prefecture.yaml`)

| clé | contenu |
|---|---|
| `prefecture` | `name`, `short_name`, `department_code` (jours fériés d'Alsace-Moselle et d'outre-mer), `population`, `contact_email` |
| `labels` | `scheme` : Qual-e-pref ou Services Publics+ ; `version` : version des engagements Services Publics+ (2021 : 9 engagements, 2023 : 8 ; la plus récente par défaut) ; `modules` : sous Qual-e-pref, les modules dont les indicateurs sont montrés (sous Services Publics+, tout indicateur dont les données existent est montré sous son engagement) |
| `indicators` | `count_holding_replies`, `targets` (cibles par code d'indicateur, écrites « ≥ 90 % », « < 1 h »), `params` (paramètres des formules du catalogue), `custom` (indicateurs propres à la préfecture, ou changements d'un indicateur du catalogue : voir `docs/indicateurs.md`), `service_min_requests` |
| `history_years` | nombre d'années lues, l'année présentée comprise (tendances) |
| `survey`, `mystery` | catalogues (`questions`, `themes`, `grid`) et seuils de l'enquête et des appels mystère |
| `second_survey` | la seconde enquête (par courriel, au point numérique…) : `title`, `code` (préfixe de ses résultats dans les données ouvertes), `questions` (son catalogue ; par défaut `survey_email_questions.yaml`), `themes` et les seuils de `survey` (`min_reliable_n`…) |
| `feedback` | la plateforme d'avis des usagers : `name` (« Donnez votre avis » (Services Publics+)), `structures` (les structures de la préfecture dans le fichier national ; vide : toutes), `themes`, `rating_max`, `min_reliable_n`, `quotes_per_theme` |
| `meeting_file` | emplacement du fichier de réunion, relatif au dossier des données brutes |
| `raw_folder` | dossier des données brutes, relatif à ce fichier (par défaut `data/raw`) |
| `workspace` | sous-dossier de `data/processed` et `output` propre à la préfecture (par défaut : aucun pour la configuration de l'échantillon, un nom tiré de `short_name` pour toute autre) |
| `sources` | par source : `file` (avec ou sans `{year}`), `sheet`, `header_row`, `columns` (en-têtes de l'export → colonnes du contrat), `values` (mots de la préfecture → valeurs permises), `coverage` (mois couverts par année), `own_columns` (colonnes propres à la préfecture : type, libellé…) |

Les textes de chaque label (modules et leurs titres, engagements Services Publics+ de chaque
version, indicateur → engagement) sont dans `pipeline/resources/scheme_qual-e-pref.yaml` et
`pipeline/resources/scheme_services-publics-plus.yaml` ; une copie posée à côté de la
configuration les remplace.
"""


def write_contract_doc(path: Path = DOC_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(contract_markdown(), encoding="utf-8")
    return path


def write_templates(folder: Path = TEMPLATES_DIR) -> list[Path]:
    """One blank workbook per source: French labels as headers, value lists as drop-downs."""
    folder.mkdir(parents=True, exist_ok=True)
    config = load_config(DEFAULT_CONFIG)
    written = []
    for name, source in load_contract().sources.items():
        columns = dict(source.columns)
        if source.question_catalogue:
            columns.update(load_questions(config, name).column_specs())
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
        neutralise_formulas(workbook)
        target = save_stable_workbook(workbook, folder / f"modele_{name}.xlsx")
        written.append(target)
    return written
