"""Personal names in the texts that can be quoted, found as a French reader finds them.

The rules of :mod:`pipeline.ingest.redaction` mask a name written after a civility or after a
common first name. In the free texts (the contract's ``free_text`` columns: survey remarks,
complaint texts and follow-ups, mystery-call and mystery-e-mail observations, the subject of a
request) a name is also written alone (« Gertrudine m'a très bien accueilli », « merci à
Kevin »). A reader finds it as a capitalised word that is a first name, or that is no French
word; so does this module:

- a word is common when the French lexicon of spaCy's French pipeline ``fr_core_news_sm`` (its
  lemmatizer's tables: some 100 000 lemmas and their forms, read without loading spaCy),
  ``resources/not_names.txt`` (function words, civilities, titles, services, days, months) or
  the source's own short texts (its sites, services, themes: the vocabulary) hold it, or when
  it is a place's compound name (« Sylve-la-Ville »); a first name is one of
  ``resources/first_names.txt``;
- only a text holding a capitalised word that is a first name or no common word goes to the
  model (« Accueil très agréable, merci » never does: most remarks, and every one of the
  sample's); the model (a registry package: nothing is downloaded at run time) is loaded
  once per process, and only then;
- in such a text, a capitalised word is a name when it is a first name; when it is no common
  word and does not follow a place's cue (« la préfecture de Bordeaux », « je viens de
  Lyon »); or when it is a French word that the model reads as part of a name inside a
  sentence (« Sylvain et Margot »), unless a list of titles and services or the vocabulary
  holds it. The model's labels are not trusted alone: it reads « Accueil » at a sentence's
  start as a person and « Kevin » as a place.

Names side by side make one mask, the one used for names, ``[nom masqué]``.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pipeline.core.exceptions import PipelineError
from pipeline.core.paths import RESOURCES

MODEL = "fr_core_news_sm"
NAME_MASK = "[nom masqué]"
_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
_LOWER = "a-zàâäçéèêëîïôöùûüÿæœ"
# A capitalised word (« Nadia », « Jean-Pierre », « Aït-Kaci »), after an elision too
# (« l'Accueil »); a word in capitals only (« ANTS », « RAS ») is an acronym, never judged.
CAPITALISED = re.compile(rf"(?<![\w-])[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}{_LOWER}][{_LOWER}]*)*")
# the model's pipes not needed to find names (its tok2vec and ner are kept)
_LEFT_OUT = ["parser", "lemmatizer", "morphologizer", "attribute_ruler", "senter"]
_BATCH = 256
_KEPT_RESULTS = 200_000  # texts remembered by a process with what was masked in them


def _words(name: str) -> frozenset[str]:
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines
                     if line.strip() and not line.startswith("#"))  # fmt: skip


FIRST_NAMES = _words("first_names.txt")
NOT_NAMES = _words("not_names.txt")


def _model_folder() -> Path | None:
    """Where the model package is installed (None: not installed)."""
    spec = importlib.util.find_spec(MODEL)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


@functools.cache
def lexicon() -> tuple[frozenset[str], frozenset[int]]:
    """The French words of the model's lemmatizer, read from its tables without loading spaCy
    (under half a second): its lemmas by part of speech and the lemma of each form, and the
    forms themselves (plurals, feminines, conjugations), which its table keeps as 64-bit
    hashes. Empty when the model is not installed."""
    folder = _model_folder()
    tables = sorted(folder.glob("*/lemmatizer/lookups/lookups.bin")) if folder else []
    if not tables:
        return frozenset(), frozenset()
    import srsly

    lookups = srsly.read_msgpack(tables[-1])
    words = set()
    for lemmas in lookups.get("lemma_index", {}).values():
        words.update(lemmas)
    forms = lookups.get("lemma_lookup", {})
    for lemmas in forms.values():
        words.update(lemmas)
    # (a word with a capital in the lexicon is a proper noun: not a common word)
    return frozenset(w for w in words if w == w.lower()), frozenset(forms)


def _hash(word: str) -> int:
    """spaCy's hash of a string (MurmurHash64A of its UTF-8 bytes, seed 1), by which its
    tables are keyed."""
    data, m, mask = word.encode("utf-8"), 0xC6A4A7935BD1E995, (1 << 64) - 1
    h = (1 ^ (len(data) * m)) & mask
    whole = len(data) // 8 * 8
    for i in range(0, whole, 8):
        k = int.from_bytes(data[i : i + 8], "little") * m & mask
        k = (k ^ k >> 47) * m & mask
        h = (h ^ k) * m & mask
    if len(data) > whole:
        h = (h ^ int.from_bytes(data[whole:], "little")) * m & mask
    h = (h ^ h >> 47) * m & mask
    return h ^ h >> 47


def _known(word: str) -> bool:
    """A French word of the lexicon, or a word of ``resources/not_names.txt``."""
    words, forms = lexicon()
    return word in words or word in NOT_NAMES or _hash(word) in forms


# A place's compound name: « Sylve-la-Ville », « Brume-sur-Loue », « Saint-Étienne ».
_PLACE = re.compile(r"[^-]+-(?:(?:la|le|les|l'|sur|sous|en|de|du|des|d'|lès|aux?)-)+[^-]+"
                    r"|(?:saint|sainte|st|ste)-.+")  # fmt: skip
# An inflected form whose lemma the lexicon holds: plurals, past participles (« Décroché »),
# feminines (« Défenseure », « Conseillère »).
_ENDINGS = (("s", ""), ("x", ""), ("aux", "al"), ("é", "er"), ("ée", "er"), ("és", "er"),
            ("ées", "er"), ("eure", "eur"), ("euse", "eur"), ("trice", "teur"), ("ère", "er"),
            ("ive", "if"))  # fmt: skip


@functools.lru_cache(maxsize=100_000)
def is_common(word: str, vocabulary: frozenset[str] = frozenset()) -> bool:
    """A word a reader does not take for a name: a French word of the lexicon (or its lemma
    is, for a plural or a past participle), a function word, a title or a service, a word of
    the survey's own vocabulary, or a place's compound name. A compound is common when it is
    whole, or when its first part is (« Sous-Préfète », « Rez-de-chaussée »)."""
    folded = word.casefold()
    if folded in vocabulary or _PLACE.fullmatch(folded) or _known(folded):
        return True
    if any(folded.endswith(end) and _known(folded[: len(folded) - len(end)] + lemma)
           for end, lemma in _ENDINGS):  # fmt: skip
        return True
    first = folded.split("-")[0]
    return "-" in folded and (first in vocabulary or _known(first))


def is_first_name(word: str) -> bool:
    """« Nadia », « Jean-Pierre » (every part a first name)."""
    return all(part in FIRST_NAMES for part in word.casefold().split("-"))


def may_hold_a_name(text: str, vocabulary: frozenset[str] = frozenset()) -> bool:
    """Whether a text holds a capitalised word that may be a name (a first name, or a word no
    list knows): only such texts go to the model."""
    return any(
        is_first_name(word) or not is_common(word, vocabulary) for word in CAPITALISED.findall(text)
    )


def vocabulary_of(texts: Iterable[str]) -> frozenset[str]:
    """The words of a survey's or a register's own texts (its sites, services, themes, the
    labels of its questions): never taken for a name in its remarks."""
    words = set()
    for text in texts:
        words.update(word.casefold() for word in re.findall(rf"[{_UPPER}{_LOWER}-]+", text))
    return frozenset(words)


@functools.cache
def _nlp():
    """The French pipeline, loaded once per process (tok2vec and ner only)."""
    try:
        import spacy

        return spacy.load(MODEL, exclude=_LEFT_OUT)
    except (ImportError, OSError) as error:
        raise PipelineError(
            f"Le modèle de langue français {MODEL}, qui trouve les noms écrits seuls dans les "
            "remarques, n'est pas installé ou est illisible : relancez « make install » (ou "
            f"« pip install -r requirements.lock »). Détail : {error}"
        ) from None


_RESULTS: dict[tuple[str, frozenset[str]], str] = {}


def names_masked(texts: pd.Series, vocabulary: frozenset[str] = frozenset()) -> pd.Series:
    """The texts with the names the model finds masked (texts without a capitalised word that
    may be a name are not read by the model). A text is read once per process."""
    texts = texts.astype("string")
    present = texts.notna().to_numpy()
    pending = [
        text for text in dict.fromkeys(texts[present])
        if (text, vocabulary) not in _RESULTS and may_hold_a_name(text, vocabulary)
    ]  # fmt: skip
    if pending:
        if len(_RESULTS) + len(pending) > _KEPT_RESULTS:
            _RESULTS.clear()
        for text, doc in zip(pending, _nlp().pipe(pending, batch_size=_BATCH), strict=True):
            _RESULTS[(text, vocabulary)] = _masked_doc(doc, vocabulary)
    found = [_RESULTS.get((text, vocabulary), text) for text in texts[present]]
    masked = texts.copy()
    masked[present] = found
    return masked


def _masked_doc(doc, vocabulary: frozenset[str]) -> str:
    """The text of a document with each name masked (see the module's docstring)."""
    text = doc.text
    entity = [False] * len(text)  # where the model reads a name (of any kind)
    for found in doc.ents:
        entity[found.start_char : found.end_char] = [True] * len(found.text)
    spans = []
    for word in CAPITALISED.finditer(text):
        start, end = word.span()
        if "[" in text[max(0, start - 1) : end + 1]:  # beside a mask already there
            continue
        found = word.group()
        if is_first_name(found):
            spans.append([start, end])
        elif is_common(found, vocabulary):
            # a French word with a capital inside a sentence, which the model reads as a name
            if (
                entity[start]
                and not _SENTENCE_START.search(text, 0, start)
                and not (found.casefold() in NOT_NAMES or found.casefold() in vocabulary)
            ):
                spans.append([start, end])
        elif not _PLACE_BEFORE.search(text, 0, start):
            spans.append([start, end])
    merged = []
    for span in spans:  # « Sophie Durandeau »: one mask
        if merged and _JOINED.fullmatch(text[merged[-1][1] : span[0]]):
            merged[-1][1] = span[1]
        else:
            merged.append(span)
    for start, end in reversed(merged):
        text = text[:start] + NAME_MASK + text[end:]
    return text


_JOINED = re.compile(r"[\s-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;(«\"]\s*|\n\s*)$")
# What a place's name follows (« la préfecture de Bordeaux », « je viens de Lyon », « habite à
# Montbrison »): there, a word no list knows is a place, not a person.
_PLACE_BEFORE = re.compile(
    r"(?i:(?:préfecture|sous-préfecture|mairie|ville|commune|région|département|gare|agence"
    r"|antenne|centre|maison|hôtel|tribunal|hôpital|site|quartier|rue|avenue|boulevard|place"
    r"|route|secteur|canton|arrondissement|environs|côté|direction|près|agents|services)"
    r"\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])"
    r"|(?:habite|habitons|habitent|vis|vit|vivons|viens|vient|venons|viennent|venir|venu|venue"
    r"|venus|venues|venant|originaire|domicilié|domiciliée|né|née|réside|résidant|aller|allé"
    r"|allée|rendre|rendu|rendue|déménagé|déménagée|trajet|depuis|jusqu['’]|loin|retour)"
    r"\s+(?:à|a|de|d['’]|du|en|au|aux|sur|dans|jusqu['’]à)\s*)$"
)
