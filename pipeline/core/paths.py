"""Every path of the project, built in one place from the repository root and the period."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# The project folder; CLU_PROJECT_ROOT points elsewhere (the end-to-end test runs in a copy).
PACKAGE = Path(__file__).resolve().parents[1]  # pipeline/
ROOT = Path(os.environ.get("CLU_PROJECT_ROOT", PACKAGE.parent))
RESOURCES = PACKAGE / "resources"
OPEN_DATA_FILE = "resultats_{year}.csv"  # the open-data results file of a year
OPEN_DATA_SCHEMA = "resultats.schema.json"  # its Table Schema (in resources/, copied beside it)
QUARTERS = (1, 2, 3, 4)
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_CONFIG = ROOT / "config" / "prefecture.yaml"


def relative(path: Path) -> str:
    """A path as shown to users: relative to the project folder when inside it (or to the
    folder of the code that runs, when CLU_PROJECT_ROOT puts the project elsewhere: the code
    is named the same whichever copy of it runs)."""
    for folder in (ROOT, PACKAGE.parent):
        try:
            return str(Path(path).relative_to(folder))
        except ValueError:
            continue
    return str(path)


def workspace_name(text: str) -> str:
    """A folder name from a name: « Préfecture de l'Yonne » → ``prefecture-de-l-yonne``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "prefecture"


@dataclass(frozen=True)
class PeriodPaths:
    """The folders and files of one reporting period (a year) of one préfecture.

    ``raw_dir`` is where its raw exports lie (default ``data/raw``); ``workspace`` is the
    sub-folder of ``data/processed`` and ``output`` that keeps its products apart from another
    préfecture's (empty for the bundled sample's configuration: today's paths).
    """

    period: int
    root: Path = ROOT
    raw_dir: Path | None = None
    workspace: str = ""

    @property
    def raw(self) -> Path:
        return self.raw_dir if self.raw_dir is not None else self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed" / self.workspace / str(self.period)

    @property
    def output(self) -> Path:
        return self.root / "output" / self.workspace / str(self.period)

    @property
    def provenance(self) -> Path:
        """Where each step records what its products were built from."""
        return self.processed / "provenance"

    @property
    def executed_notebooks(self) -> Path:
        return self.output / "notebooks"

    @property
    def quarantine(self) -> Path:
        return self.processed / "quarantine.csv"

    @property
    def ingest_report(self) -> Path:
        return self.processed / "ingest_report.csv"

    @property
    def meeting(self) -> Path:
        return self.processed / "meeting.json"

    def table(self, name: str) -> Path:
        """A processed table: ``data/processed/<period>/<name>.parquet``."""
        return self.processed / f"{name}.parquet"

    @property
    def dashboard(self) -> Path:
        return self.output / f"tableau_de_bord_qualite_{self.period}.xlsx"

    @property
    def deck(self) -> Path:
        return self.output / f"CLU_{self.period}_diaporama.pptx"

    @property
    def minutes_html(self) -> Path:
        return self.output / f"CLU_{self.period}_projet_compte_rendu.html"

    @property
    def minutes_docx(self) -> Path:
        return self.output / f"CLU_{self.period}_projet_compte_rendu.docx"

    @property
    def minutes_markdown(self) -> Path:
        return self.output / f"CLU_{self.period}_projet_compte_rendu.md"

    @property
    def survey_report(self) -> Path:
        return self.output / f"enquete_satisfaction_{self.period}.html"

    @property
    def transparence(self) -> Path:
        """The published results: the posters (HTML, PDF, PNG) and the open-data file."""
        return self.output / "transparence"

    @property
    def open_data(self) -> Path:
        return self.transparence / OPEN_DATA_FILE.format(year=self.period)

    def poster(self, quarter: int | None = None, service_slug: str = "") -> Path:
        """``affiche_2022.html``, ``affiche_2022_T4.html``, ``affiche_2022_bureau-des-titres.html``
        (a poster's page)."""
        name = f"affiche_{self.period}" + (f"_T{quarter}" if quarter else "")
        return self.transparence / (name + (f"_{service_slug}" if service_slug else "") + ".html")

    @property
    def posters(self) -> list[Path]:
        """The posters the transparence step writes: the year's, then each quarter's."""
        return [self.poster(quarter) for quarter in (None, *QUARTERS)]

    @property
    def survey_workbook(self) -> Path:
        return self.output / f"enquete_satisfaction_{self.period}.xlsx"
