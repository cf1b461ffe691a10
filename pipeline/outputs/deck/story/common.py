"""What every section of the storyline shares: the deck being built, the annex it fills, and the
words a section without data leaves on the agenda and on « L'essentiel »."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from pipeline.facts.documents import Facts
from pipeline.facts.findings import lowered
from pipeline.facts.measures import Measure
from pipeline.facts.titles import absence

__all__ = ["absence"]  # (where the storyline's sections find it)


@dataclass
class Deck:
    """The presentation being built, its facts, and the annex slides to add after the main
    deck (each a function that adds its slides, in the order the sections registered them)."""

    prs: object
    facts: Facts
    annex: list[Callable[[], None]] = field(default_factory=list)

    def later(self, builder: Callable[[], None]) -> None:
        """Add ``builder``'s slides to the annex."""
        self.annex.append(builder)

    @contextmanager
    def named(self, role: str) -> Iterator[None]:
        """Name the slides added within (« Enquête — satisfaction par critère »): a slide's
        internal name says what it is whatever its title finds, for reviews and tests."""
        start = len(self.prs.slides)
        yield
        for slide in list(self.prs.slides)[start:]:
            slide.name = slide.name or role  # (a slide named within keeps its name)


ACRONYMS = {
    "SVI": "serveur vocal interactif", "CIP": "cellule d'information du public",
    "CIV": "certificats d'immatriculation des véhicules", "CNI": "carte nationale d'identité",
    "PAN": "point d'accueil numérique",
}  # fmt: skip  # spelled out on the slide that uses them


def acronyms_note(texts: list[str]) -> str:
    """« SVI : serveur vocal interactif. » for each acronym the texts use."""
    words = {word.strip("(),.;:") for text in texts for word in text.split()}
    used = [f"{acronym} : {meaning}" for acronym, meaning in ACRONYMS.items() if acronym in words]
    return ("\u00a0; ".join(used) + ".") if used else ""


ANNEX = "Annexe — "


def annex_kicker(kicker: str) -> str:
    """An annex slide's section name: « Annexe — » and its agenda item's title."""
    return ANNEX + kicker


def rate_with_n(measure: Measure) -> str:
    """« 50,7 % (n = 152) », with the note of a partial value."""
    n = f"n\u00a0=\u00a0{measure.n}" if measure.n is not None else ""
    note = ", ".join(part for part in (measure.note if "n\u00a0=" not in measure.note else "", n)
                     if part)  # fmt: skip
    return measure.value_text + (f" ({note})" if note else "")


def label_with_n(measure: Measure) -> str:
    """A chart's category: the result's short label, its n, « * » when it rests on too few
    answers or calls to be read without care (:attr:`Measure.fragile`)."""
    mark = " *" if measure.fragile else ""
    return f"{measure.short} (n\u00a0=\u00a0{measure.n}){mark}"


def subject(measure: Measure) -> str:
    return lowered(measure.short)
