"""Benchmark of ingestion: read + validate + redact a large register, and the whole sample.

Prints figures; asserts nothing. Run: ``.venv/bin/python benchmarks/bench_ingest.py [rows]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.core.config import load_config, load_contract
from pipeline.core.context import open_period
from pipeline.core.paths import DEFAULT_CONFIG
from pipeline.ingest.readers import read_raw
from pipeline.ingest.redaction import redact
from pipeline.ingest.sources import ingest, map_headers, source_columns
from pipeline.ingest.validation import validate


def big_register(rows: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    received = pd.Timestamp("2022-01-03") + pd.to_timedelta(rng.integers(0, 360, rows), unit="D")
    answered = received + pd.to_timedelta(rng.integers(0, 12, rows), unit="D")
    return pd.DataFrame(
        {
            "N° enregistrement": np.arange(rows).astype(str),
            "Date réception": received.strftime("%d/%m/%Y"),
            "Canal": rng.choice(["Courriel", "courrier", "COURRIEL "], rows),
            "Type demandeur": rng.choice(["usager", "élu"], rows),
            "Nature demande": "information",
            "Date réponse": answered.strftime("%d/%m/%Y"),
            "Objet": rng.choice(["Titre de séjour", "Rappeler M. Martin au 06 12 34 56 78"], rows),
        }
    )


def timed(label: str, rows: int, func):
    started = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - started
    print(f"{label:<42} {seconds:6.2f} s   {rows / seconds:>10,.0f} lignes/s")
    return result


def main(rows: int = 200_000) -> None:
    config = load_config(DEFAULT_CONFIG)
    spec = load_contract().sources["mail_register"]
    columns = source_columns("mail_register", config)
    print(f"Registre synthétique de {rows:,} lignes".replace(",", " "))
    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "registre.csv"
        big_register(rows).to_csv(csv, sep=";", index=False, encoding="cp1252")
        table = timed("lecture csv (cp1252, ;)", rows, lambda: read_raw(csv))
        mapped, _, _ = map_headers(table.frame, config.sources["mail_register"], columns, csv)
        checked = timed("typage + contrôle", rows, lambda: validate(mapped, spec, columns))
        timed("expurgation des textes libres", rows, lambda: redact(checked.kept["subject"]))
    ctx = open_period(2022)
    timed("ingestion de l'échantillon (3 ans)", 11_000, lambda: ingest(ctx.config, ctx.paths))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
