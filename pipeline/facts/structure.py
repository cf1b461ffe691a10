"""Who publishes the open-data results file: the structure's identifier, its SIRET, which
data.gouv.fr expects in ``identifiant_structure``. Without one, the file carries the
department's code (it stays valid against its schema) and the run log says so, in French, at
every run: never a silent placeholder.
"""

from __future__ import annotations

from pipeline.core.config import PrefectureConfig
from pipeline.core.paths import OPEN_DATA_FILE, relative


def structure_id(config: PrefectureConfig) -> str:
    """The structure's identifier in the file: the configured SIRET (its spaces taken out), else
    the department's code, which keeps the file valid but is no SIRET (the run log says so:
    :func:`structure_id_warning`)."""
    configured = config.transparence.structure_id.strip()
    digits = configured.replace(" ", "").replace("\u00a0", "")
    return digits if digits.isdigit() and len(digits) == 14 else (
        configured or config.prefecture.department_code
    )  # fmt: skip


def is_siret(text: str) -> bool:
    """A SIRET: 14 digits whose Luhn key is right (La Poste's establishments, SIREN 356000000,
    may have their own instead: the sum of the digits is a multiple of 5)."""
    if not (text.isdigit() and len(text) == 14):
        return False
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(text)):
        doubled = digit * 2 if position % 2 else digit
        total += doubled - 9 if doubled > 9 else doubled
    la_poste = text.startswith("356000000") and sum(int(d) for d in text) % 5 == 0
    return total % 10 == 0 or la_poste


def structure_id_warning(config: PrefectureConfig, period: int) -> str:
    """The run log's warning when the open-data file's structure id is not a SIRET, which
    data.gouv.fr expects; "" when it is one."""
    shown = structure_id(config)
    if is_siret(shown):
        return ""
    source = relative(config.path) if config.path else "la configuration"
    where = f"transparence.structure_id de {source}"
    file = OPEN_DATA_FILE.format(year=period)
    why = (
        f"aucun SIRET n'est renseigné ({where}) : la colonne identifiant_structure porte le code "
        f"du département, « {shown} »"
        if not config.transparence.structure_id.strip()
        else f"l'identifiant « {shown} » ({where}) n'est pas un SIRET valide (14 chiffres, clé "
        "de contrôle comprise)"
    )  # fmt: skip
    return (
        f"Données ouvertes {file} : {why}. data.gouv.fr attend le SIRET de la préfecture "
        "(annuaire-entreprises.data.gouv.fr) : renseignez-le avant de publier le fichier."
    )
