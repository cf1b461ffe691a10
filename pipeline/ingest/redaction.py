"""Redaction of personal data in free text, before anything reaches data/processed or output.

What is masked: e-mail addresses, social security numbers (NIR), IBANs, French and
international phone numbers (``06 12 34 56 78``, ``06.12.34.56.78``,
``+33 6 12 34 56 78``, ``+33 (0)6 12 34 56 78``), runs of ten digits or more (file numbers such
as AGDREF), and personal names written after a civility (``Mme Martin``,
``M. Jean Dubois``, ``Monsieur Lefèvre``) or as a common first name followed by a capitalised
surname (``Sophie Durand``). In the free texts that documents may quote, a name written alone
(« Gertrudine m'a très bien accueilli ») is found by a French language model on top of these
rules (:mod:`pipeline.ingest.names`).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from pipeline.core.paths import RESOURCES
from pipeline.ingest.parsing import distinct_pool, spread_pool

EMAIL_MASK = "[courriel masqué]"
PHONE_MASK = "[téléphone masqué]"
NAME_MASK = "[nom masqué]"
NUMBER_MASK = "[numéro masqué]"

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
_LETTERS = f"{_UPPER}{_UPPER.lower()}a-zàâäçéèêëîïôöùûüÿ"
_NAME_WORD = rf"[{_UPPER}][{_LETTERS}'’-]+"
# After a civility, a name in any case (« MME DURAND », « mme durand »): over-masking a word
# after « M. » is safe, missing a name is not.
_ANY_WORD = rf"[{_LETTERS}][{_LETTERS}'’-]*"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\d+])(?:"
    r"(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}"  # French
    r"|(?:\+|00)[1-9]\d{0,2}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){6,12}"  # international
    r")(?!\d)"
)
# A run of ten digits or more: a file number (AGDREF, dossier) that identifies a person.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{10,}(?!\d)")
# A social security number (NIR), spaced or not: sex, year, month, département (2A/2B…),
# commune, order, key — « 1 85 05 78 006 084 36 ».
_NIR = re.compile(
    r"(?<![\w])[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AB])[\s.]?"
    r"\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?(?![\w])"
)
# An IBAN: two letters, two check digits, then groups of letters and digits.
_IBAN = re.compile(
    r"(?<![\w])[A-Z]{2}\d{2}(?:[\s]?[A-Z0-9]{4}){2,7}(?:[\s]?[A-Z0-9]{1,4})?(?![\w])"
)
# Words that follow a civility without being a name (« M. le préfet », « Madame la maire »).
_NOT_A_TITLE = (  # « Monsieur le Préfet », « Madame la Sous-Préfète »: a title, no name
    r"(?!(?i:pr[ée]f[èe]te?|sous-pr[ée]f[èe]te?"
    r"|maire|directeur|directrice|pr[ée]sidente?|secr[ée]taire|ministre|d[ée]put[ée]e?"
    r"|s[ée]nat(?:eur|rice)|conseill[èe]re?|adjointe?|cheffe?|d[ée]l[ée]gu[ée]e?|responsable"
    r"|r[ée]f[ée]rente?)(?![\w'’-]))"
)
_NOT_A_NAME = (
    r"(?!(?:le|la|les|l['’]|de|du|des|un|une|et|ou|au|aux|pour|par|avec|sans|dans|sur|votre"
    r"|vos|notre|nos|qui|que|ce|cette|est|était|a|très|merci)(?![\w'’-]))"  # function words
    + _NOT_A_TITLE
)
_CIVILITY = re.compile(
    r"(?<![\w.])((?i:M\.|MM\.|Mr\.?|Mme\.?|Mmes\.?|Mlle\.?|Melle\.?|Mlles\.?|Monsieur|Madame"
    r"|Mademoiselle|Messieurs|Mesdames|Maître|Dr\.?|Docteur|Pr\.?|Professeur)|Me)"
    rf"(\s+|(?<=\.))(?:(?:de|du|d['’]|le|la|van|von|di|da)\s*{_NOT_A_TITLE}{_NAME_WORD}"
    rf"|{_NOT_A_NAME}{_ANY_WORD})(?:[\s-]+{_NAME_WORD}){{0,2}}"
)
# Common French first names, for "Prénom Nom" (resources/first_names.txt).
FIRST_NAMES = tuple(
    line.strip()
    for line in (RESOURCES / "first_names.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)
_FIRST_LAST = re.compile(rf"\b(?:{'|'.join(FIRST_NAMES)})(?:[\s-]+{_NAME_WORD}){{1,2}}")


def redact(texts: pd.Series) -> pd.Series:
    """The texts with e-mails, phone numbers and personal names masked (vectorised, each
    distinct text once: registers and surveys repeat theirs heavily)."""
    return redact_columns(pd.DataFrame({"text": texts}), ["text"])["text"].rename(None)


def redact_columns(
    frame: pd.DataFrame, columns: list[str], quoted: tuple[str, ...] = ()
) -> dict[str, pd.Series]:
    """Several columns redacted at once: the distinct texts of all of them masked in one pass
    (a source has a dozen text columns; each rule is tried once, not once per column). In
    the ``quoted`` ones (free text, which documents may quote), a name written alone is also
    masked (:mod:`pipeline.ingest.names`), the words of the other columns (sites, services,
    themes) never taken for a name."""
    coded, pool = distinct_pool(frame, columns)
    if not coded:
        return {}
    masked = _masked(pool)
    if quoted:
        sizes = np.array([len(uniques) for _, uniques in coded], dtype=np.int64)
        free = np.repeat([column in quoted for column in columns], sizes)
        if free.any():
            from pipeline.ingest.names import names_masked, vocabulary_of

            # the words of the short texts that repeat (sites, services, themes), never those
            # of a column of mostly distinct values (request numbers: no vocabulary)
            repeated = [c not in quoted and codes is not None
                        for c, (codes, _) in zip(columns, coded, strict=True)]  # fmt: skip
            vocabulary = vocabulary_of(masked[np.repeat(repeated, sizes)].dropna())
            masked[free] = names_masked(masked[free], vocabulary).to_numpy()
    return spread_pool(frame, columns, coded, masked)


# Any character outside ASCII, for RE2: a superset of Unicode's digits and letters that RE2
# compiles in microseconds (its « \p{Nd} » and « \pL » tables take a millisecond each time a
# pattern is used, and a source's texts are tested by some ten patterns).
_NON_ASCII = r"\x{80}-\x{10FFFF}"
# What Python's « \s » matches beyond RE2's (vertical tab, separators, next line, Unicode spaces).
_PYTHON_SPACES = r"\s\x0b\x1c-\x1f\x{85}\pZ"
_ANY_LETTER = rf"[A-Za-z{_NON_ASCII}]"


def _arrow(pattern: str) -> str:
    """A pattern for Arrow's engine (RE2) matching at least what the Python one matches: its
    spaces and digits read as every one Python reads as such (its look-arounds, which RE2
    lacks, are left out of the text given here). ``\\s`` stands inside brackets, ``\\d`` outside."""
    return pattern.replace(r"\s", _PYTHON_SPACES).replace(r"\d", rf"[0-9{_NON_ASCII}]")


# What a text must hold for a rule to match it, tested by Arrow on every text (fast), so that
# each rule's Python pattern only runs on the few texts that may hold what it masks (never on a
# column of identifiers such as « 22-00415 »): an e-mail has an « @ »; a number, the rule's
# pattern without its look-arounds; a name, a letter.
_PHONE_CORE = (
    r"(?:(?:\+|00)33[\s.-]?(?:\(0\)[\s.-]?)?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}"
    r"|(?:\+|00)[1-9]\d{0,2}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){6,12}"
)
_NIR_CORE = (
    r"[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[AB])[\s.]?"
    r"\d{3}[\s.]?\d{3}"
)
_RULES = (
    (_EMAIL, EMAIL_MASK, ("@", False)),
    (_IBAN, NUMBER_MASK, (_arrow(r"[A-Z]{2}\d{2}(?:[\s]?[A-Z0-9]{4}){2}"), True)),
    (_NIR, NUMBER_MASK, (_arrow(_NIR_CORE), True)),
    (_PHONE, PHONE_MASK, (_arrow(_PHONE_CORE), True)),
    (_LONG_NUMBER, NUMBER_MASK, (_arrow(r"\d{10}"), True)),
    (_CIVILITY, rf"\1\2{NAME_MASK}", (_ANY_LETTER, True)),
    (_FIRST_LAST, NAME_MASK, (_ANY_LETTER, True)),
)


def _may_hold(texts: pd.Series, needle: str, regex: bool) -> np.ndarray:
    """Where ``needle`` is found, by Arrow on its own text (pandas' ``str.contains`` costs five
    times as much on a million cells)."""
    array = texts.array
    if not isinstance(array, pd.arrays.ArrowStringArray):
        return texts.str.contains(needle, regex=regex).fillna(False).to_numpy(dtype=bool)
    find = pc.match_substring_regex if regex else pc.match_substring
    found = find(array.__arrow_array__(), needle).fill_null(False)
    return found.to_numpy(zero_copy_only=False)


# What a text must hold for any rule to match it: one pass of Arrow over all the texts, so
# that the rules' own needles are only looked for in the texts that may hold something (a
# column of a million request numbers holds none). A text that holds no rule's needle is left
# as it is by every rule, so looking first for any of them changes no result.
_ANY_NEEDLE = "|".join(
    f"(?:{needle if regex else re.escape(needle)})" for _, _, (needle, regex) in _RULES
)


def _masked(texts: pd.Series) -> pd.Series:
    texts = texts.astype("string")
    candidates = _may_hold(texts, _ANY_NEEDLE, True)
    if not candidates.all():
        if candidates.any():
            texts[candidates] = _masked_candidates(texts[candidates])
        return texts
    return _masked_candidates(texts)


def _masked_candidates(texts: pd.Series) -> pd.Series:
    for pattern, mask, (needle, regex) in _RULES:
        may = _may_hold(texts, needle, regex)
        if may.any():
            texts[may] = texts[may].str.replace(pattern, mask, regex=True)
    return texts


def redact_text(text: str) -> str:
    """One text redacted (for messages and single values): each rule's pattern applied in turn,
    as :func:`redact` applies it to the texts that may hold what it masks."""
    text = str(text)
    for pattern, mask, _ in _RULES:
        text = pattern.sub(mask, text)
    return text
