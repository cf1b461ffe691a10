"""Redaction of personal data in free text, before anything reaches data/processed or output.

What is masked: e-mail addresses, French phone numbers (``06 12 34 56 78``, ``06.12.34.56.78``,
``+33 6 12 34 56 78``, ``+33 (0)6 12 34 56 78``), runs of ten digits or more (file numbers such
as AGDREF), and personal names written after a civility (``Mme Martin``,
``M. Jean Dubois``, ``Monsieur Lefèvre``) or as a common first name followed by a capitalised
surname (``Sophie Durand``). A name written alone without either cue cannot be told from an
ordinary word and is not masked: the quality team reviews the verbatims it quotes.
"""

from __future__ import annotations

import re

import pandas as pd

from pipeline.paths import RESOURCES

EMAIL_MASK = "[courriel masqué]"
PHONE_MASK = "[téléphone masqué]"
NAME_MASK = "[nom masqué]"
NUMBER_MASK = "[numéro masqué]"

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
_NAME_WORD = rf"[{_UPPER}][{_UPPER.lower()}a-z{_UPPER}'’-]+"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<!\d)(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}(?!\d)"
)
# A run of ten digits or more: a file number (AGDREF, dossier) that identifies a person.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{10,}(?!\d)")
_CIVILITY = re.compile(
    r"(?<!\w)((?i:M\.|MM\.|Mr\.?|Mme\.?|Mmes\.?|Mlle\.?|Melle\.?|Monsieur|Madame|Mademoiselle"
    r"|Maître|Dr\.?|Docteur)|Me)"
    rf"(\s+)(?:{_NAME_WORD})(?:[\s-]+{_NAME_WORD}){{0,2}}"
)
# Common French first names, for "Prénom Nom" (resources/first_names.txt).
FIRST_NAMES = tuple(
    line.strip()
    for line in (RESOURCES / "first_names.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
_FIRST_LAST = re.compile(rf"\b(?:{'|'.join(FIRST_NAMES)})(?:[\s-]+{_NAME_WORD}){{1,2}}")


def redact(texts: pd.Series) -> pd.Series:
    """The texts with e-mails, phone numbers and personal names masked (vectorised)."""
    texts = texts.astype("string")
    texts = texts.str.replace(_EMAIL, EMAIL_MASK, regex=True)
    texts = texts.str.replace(_PHONE, PHONE_MASK, regex=True)
    texts = texts.str.replace(_LONG_NUMBER, NUMBER_MASK, regex=True)
    texts = texts.str.replace(_CIVILITY, rf"\1\2{NAME_MASK}", regex=True)
    return texts.str.replace(_FIRST_LAST, NAME_MASK, regex=True)


def redact_text(text: str) -> str:
    """One text redacted (for messages and single values)."""
    return str(redact(pd.Series([text])).iloc[0])
