"""What a step tells the run log beyond its tables: what it left out and why, and whether its
document has something to show.

A notebook writes its outcome as a small JSON product
(``data/processed/[<workspace>/]<period>/provenance/<step>.outcome.json``); the command line reads
it to print one French line per section left out, and the runner to know whether the step's
document (the survey report) is to be rendered. Nothing is searched for in a notebook's output.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from pipeline.core.paths import PeriodPaths
from pipeline.core.writing import write_text


@dataclass(frozen=True)
class Outcome:
    step: str
    left_out: list[str] = field(default_factory=list)  # French lines: « Section … : why »
    render: bool = True  # the step's document has data to show


def outcome_path(paths: PeriodPaths, step: str):
    return paths.provenance / f"{step}.outcome.json"


def write_outcome(paths: PeriodPaths, outcome: Outcome) -> None:
    target = outcome_path(paths, outcome.step)
    write_text(target, json.dumps(asdict(outcome), indent=2, ensure_ascii=False) + "\n")


def read_outcome(paths: PeriodPaths, step: str) -> Outcome | None:
    try:
        data = json.loads(outcome_path(paths, step).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return Outcome(**data)
