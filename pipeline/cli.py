"""Command line: ``python -m pipeline clu-deck --period 2022`` (what ``make clu-deck`` calls).

Messages are in French; an error in the input or the configuration, or a write the machine
refuses, prints one clear message (file, row, column or path, what to do) and exits with status
2, without a Python traceback; Ctrl-C prints « Interrompu. » and exits with status 130. One run
at a time works on a period's folders: a second one waits (:mod:`pipeline.run.lock`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from pipeline.core.context import (
    Context,
    check_period_has_data,
    meeting_file,
    open_period,
    resolve,
)
from pipeline.core.exceptions import PipelineError
from pipeline.core.formatting import format_count
from pipeline.core.install import check_own_package
from pipeline.core.paths import relative
from pipeline.core.writing import check_writable, os_error_message
from pipeline.run.lock import one_run_at_a_time
from pipeline.run.outcome import read_outcome
from pipeline.run.steps import Step

TARGETS = {
    "clu-deck": ("deck", "minutes", "transparence"),
    "pdf": ("deck", "minutes", "transparence"),
    "ingest": ("ingest",),
    "indicators": ("indicators",),
    "survey": ("survey",),
    "minutes": ("minutes",),
    "transparence": ("transparence",),
}


def _say(message: str) -> None:
    print(message, flush=True)


def print_ingest_report(ctx: Context) -> None:
    """Rows read = kept + quarantined, per source and year, and where the quarantine is."""
    from pipeline.ingest.report import read_report, report_lines

    report = read_report(ctx.paths.ingest_report)
    _say("  Comptes de lignes par source :")
    for line in report_lines(report):
        _say(f"    {line}")
    quarantined = sum(row["rows_quarantined"] for row in report)
    _say(
        f"  {format_count(quarantined, 'ligne mise', 'lignes mises')} en quarantaine, avec le "
        "motif : "
        f"{relative(ctx.paths.quarantine)}"
    )


# Commands that present the meeting: they need its file (date, chair, members, agenda).
NEEDS_MEETING = ("clu-deck", "minutes", "pdf")


def check_meeting_file(ctx: Context) -> None:
    """The deck and the minutes need the meeting file: say where it is expected, before any
    step runs (ingestion and the survey report run without it)."""
    from pipeline.core.meeting import check_labelling, read_meeting_file

    path = meeting_file(ctx)
    meeting = read_meeting_file(path)  # ConfigError in French when missing or invalid
    check_labelling(meeting, ctx.config, path)  # the label is said once, in the configuration


def run(command: str, args: argparse.Namespace) -> None:
    from pipeline.run.guards import check_inputs

    ctx = open_period(args.period, args.config)
    check_period_has_data(ctx)  # a period without any file: said before any step runs
    template = resolve(args.template) if args.template else None
    with one_run_at_a_time(ctx.paths.processed, _say):
        for folder in (ctx.paths.processed, ctx.paths.output):
            check_writable(folder)  # (a read-only folder or a full disk told before any step)
        # before any file is hashed or read: hostile or unusable inputs and template refused
        notes = check_inputs(ctx, template)
        if command in NEEDS_MEETING:
            check_meeting_file(ctx)
        _say(f"CLU {ctx.period} — {ctx.config.prefecture.name}")
        for note in notes:
            _say(f"  Note : {note}")
        run_steps(command, args, ctx, template)


def run_steps(command: str, args: argparse.Namespace, ctx: Context, template) -> None:
    """The command's steps, then what it adds (PDF copies, a poster), and what it made."""
    from pipeline.run.execute import run_pipeline, step_line

    def on_done(item: Step, ran: bool, seconds: float) -> None:
        _say(step_line(item, ran, seconds))
        if item.name == "ingest":
            print_ingest_report(ctx)
        outcome = read_outcome(ctx.paths, item.name)
        for line in outcome.left_out if outcome else []:
            _say(f"    {line}")

    # CLU_ENGINE=inprocess runs the notebooks in this process (tests of many préfectures).
    engine = os.environ.get("CLU_ENGINE") or None
    ran = run_pipeline(ctx, TARGETS[command], args.force, template, on_done, engine)
    documents = {
        "clu-deck": [ctx.paths.deck, ctx.paths.minutes_docx, ctx.paths.minutes_html,
                     ctx.paths.dashboard, ctx.paths.survey_report, ctx.paths.survey_workbook,
                     ctx.paths.poster(), ctx.paths.open_data],
        "pdf": pdf_documents(ctx),
        "minutes": [ctx.paths.minutes_docx, ctx.paths.minutes_html, ctx.paths.minutes_markdown],
        "indicators": [ctx.paths.dashboard],
        "survey": [ctx.paths.survey_report, ctx.paths.survey_workbook],
    }.get(command, [])  # fmt: skip
    made = [product for product in documents if product.is_file()]
    if made:
        _say("Documents produits :")
        for product in made:
            _say(f"  {relative(product)}")
    _say(f"Tables de travail et quarantaine : {relative(ctx.paths.processed)}")
    if not ran:
        _say("Tout était à jour : aucune étape relancée.")
    if command == "pdf" or getattr(args, "pdf", False):
        write_pdf_copies(ctx)
    if command == "transparence":
        publish_poster(ctx, args.trimestre, args.service)


def publish_poster(ctx: Context, quarter: int | None, service: str | None) -> None:
    """The poster asked for (the year's, a quarter's, a service's) as PDF and PNG, beside the
    open-data file the step wrote."""
    import shutil

    from pipeline.core.datasets import read_tables, tables_read_by
    from pipeline.core.schemes import load_scheme
    from pipeline.facts.results import poster
    from pipeline.outputs.pdf import weasyprint_missing, write_pdfs
    from pipeline.outputs.transparence.poster import (
        contact_of,
        logo_of,
        poster_png,
        slug,
        write_poster,
    )

    html = ctx.paths.poster(quarter)
    if service:
        tables = read_tables(ctx.paths, tables_read_by("transparence"))
        known = sorted(tables["service_indicators"]["service"].dropna().unique())
        if service not in known:
            listed = ", ".join(known) or "aucun (les registres ne nomment pas de service)"
            raise PipelineError(
                f"Service « {service} » inconnu des registres de {ctx.period}. Services "
                f"possibles : {listed}."
            )
        scheme = load_scheme(ctx.config)
        shown = poster(tables["indicators"], tables["survey_rates"], ctx.config, scheme,
                       ctx.period, quarter, tables["service_indicators"], service)  # fmt: skip
        html = write_poster(shown, ctx.paths.poster(quarter, slug(service)), scheme.name,
                            contact_of(ctx), logo_of(ctx))  # fmt: skip
    if not html.is_file():
        raise PipelineError(f"Affiche introuvable : {relative(html)} (l'étape Transparence "
                            "ne l'a pas écrite ; relancez avec --force).")  # fmt: skip
    made, left_out = [html], ""
    if weasyprint_missing():
        left_out = NO_PANGO
    else:
        written, current = write_pdfs([html], ctx.paths.transparence)
        pdf = (written or current)[0]
        png = pdf.with_suffix(".png")
        made.append(pdf)
        if shutil.which("pdftoppm") is None:
            left_out = NO_PDFTOPPM
        else:
            if pdf in written or not png.is_file():
                poster_png(pdf, png)
            made.append(png)
    _say("Affiche Transparence :")
    for path in (*made, ctx.paths.open_data):
        _say(f"  {relative(path)}")
    if left_out:
        _say(left_out)


# What the transparence command leaves out on a machine without Pango or poppler: one line.
NO_PANGO = (
    "Sans la bibliothèque Pango dont WeasyPrint a besoin, l'affiche n'est écrite qu'en HTML : ni "
    "son PDF ni son image PNG (Debian ou Ubuntu : « sudo apt install libpango-1.0-0 "
    "libpangoft2-1.0-0 poppler-utils », puis relancez « make transparence »)."
)
NO_PDFTOPPM = (
    "Sans pdftoppm (poppler-utils), l'image PNG de l'affiche n'est pas écrite ; son PDF l'est "
    "(Debian ou Ubuntu : « sudo apt install poppler-utils », puis relancez « make "
    "transparence »)."
)


def pdf_documents(ctx: Context) -> list:
    """The documents sent as PDF: the deck, the minutes and the survey report."""
    return [ctx.paths.deck, ctx.paths.minutes_docx, ctx.paths.survey_report]


def write_pdf_copies(ctx: Context) -> None:
    """PDF copies of :func:`pdf_documents` (LibreOffice for Office, WeasyPrint for HTML)."""
    from pipeline.outputs.pdf import write_pdfs

    written, current = write_pdfs(pdf_documents(ctx), ctx.paths.output / "pdf")
    _say("Copies PDF :" if written or current else "Aucun document à copier en PDF.")
    for path in written:
        _say(f"  {relative(path)}")
    for path in current:
        _say(f"  {relative(path)} (à jour)")


# argparse's own words, in French (its messages are built from these English templates).
ARGPARSE_FRENCH = (
    (r"the following arguments are required: (.+)", r"arguments obligatoires manquants : \1"),
    (r"argument (\S+): invalid choice: '([^']*)' \(choose from (.+)\)",
     r"« \2 » n'est pas une commande connue ; commandes possibles : \3"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.+)\)",
     r"l'option \1 ne prend pas la valeur « \2 » ; valeurs possibles : \3"),
    (r"unrecognized arguments: (.+)", r"arguments inconnus : \1"),
    (r"argument (\S+): expected one argument", r"l'option \1 attend une valeur"),
    (r"argument (\S+): invalid int value: '([^']*)'",
     r"l'option \1 attend un nombre entier (reçu : « \2 »)"),
    (r"ambiguous option: (\S+) could match (.+)", r"option ambiguë : \1 (possibles : \2)"),
)  # fmt: skip


class _FrenchFormatter(argparse.HelpFormatter):
    """argparse's help, with French headings."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "Usage : " if prefix is None else prefix)


class FrenchParser(argparse.ArgumentParser):
    """An argument parser that speaks French: headings, help option, errors."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _FrenchFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "commandes"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")

    def error(self, message: str):
        import re

        for english, french in ARGPARSE_FRENCH:
            message = re.sub(english, french, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"Erreur : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchParser(
        prog="python -m pipeline",
        description="Chaîne de production des documents du CLU (comité local des usagers).",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="commande", parser_class=FrenchParser
    )
    for name, help_text in (
        (
            "clu-deck",
            "toute la chaîne : données → indicateurs → enquête → diaporama, compte rendu, "
            "affiche Transparence et données ouvertes",
        ),
        ("ingest", "lecture et contrôle des données brutes seulement"),
        ("indicators", "jusqu'aux indicateurs qualité et au tableau de bord"),
        ("survey", "jusqu'au rapport de l'enquête de satisfaction"),
        ("minutes", "jusqu'au projet de compte rendu"),
        (
            "pdf",
            "toute la chaîne, puis les copies PDF du diaporama, du compte rendu et du "
            "rapport d'enquête (LibreOffice et WeasyPrint)",
        ),
        (
            "transparence",
            "l'affiche Transparence (HTML, PDF, PNG) et le fichier de données ouvertes "
            "resultats_<année>.csv",
        ),
    ):
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--period", required=True, metavar="ANNÉE", help="année présentée, par exemple 2022"
        )
        sub.add_argument(
            "--config", default="config/prefecture.yaml", metavar="FICHIER",
            help="configuration de la préfecture (défaut : config/prefecture.yaml)",
        )  # fmt: skip
        sub.add_argument(
            "--template", default=None, metavar="MODELE",
            help="modèle PowerPoint de la préfecture (.pptx)",
        )  # fmt: skip
        sub.add_argument("--force", action="store_true", help="relancer toutes les étapes")
        if name == "transparence":
            sub.add_argument("--trimestre", type=int, choices=(1, 2, 3, 4), default=None,
                             metavar="T", help="l'affiche d'un trimestre (1 à 4) ; défaut : "
                             "l'année")  # fmt: skip
            sub.add_argument(
                "--service",
                default=None,
                metavar="SERVICE",
                help="l'affiche d'un service, nommé comme dans les registres",
            )
        if name == "clu-deck":
            sub.add_argument("--pdf", action="store_true",
                             help="écrire aussi les copies PDF (comme « make pdf »)")  # fmt: skip
    sample = commands.add_parser("sample", help="régénérer l'échantillon fictif de data/raw")
    sample.add_argument("--seed", type=int, default=None, metavar="GRAINE",
                        help="graine du générateur (défaut : celle de l'échantillon)")  # fmt: skip
    commands.add_parser("contract-doc", help="régénérer docs/data-contract.md depuis le contrat")
    commands.add_parser("templates", help="régénérer les modèles Excel vierges de data/templates")
    return parser


def interrupted() -> int:
    """Ctrl-C: « Interrompu. », every kernel stopped at once, nothing else said (a later Ctrl-C,
    a notebook's thread or a library's late message never print a traceback); returns 130."""
    import logging
    import signal
    import threading

    with contextlib.suppress(ValueError):  # (only the main thread may set a signal's handler)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.disable(logging.CRITICAL)
    threading.excepthook = lambda args: None
    sys.unraisablehook = lambda unraisable: None
    print("Interrompu.", file=sys.stderr, flush=True)
    kernels = sys.modules.get("pipeline.run.kernels")
    if kernels is not None:
        kernels.kill_kernels()
    return 130


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        check_own_package()  # (never another folder's code writing into this one)
        if args.command in TARGETS:
            run(args.command, args)
        elif args.command == "sample":
            from pipeline.tooling.sample import main as write_sample_main

            write_sample_main(args.seed)
        elif args.command == "contract-doc":
            from pipeline.tooling.contract_doc import write_contract_doc

            _say(f"Écrit : {relative(write_contract_doc())}")
        elif args.command == "templates":
            from pipeline.tooling.contract_doc import write_templates

            for path in write_templates():
                _say(f"Écrit : {relative(path)}")
    except PipelineError as error:
        print(f"Erreur : {error}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        return interrupted()
    except OSError as error:  # a refusal of the machine met outside the writing helper
        print(f"Erreur : {os_error_message(error, writing=False)}", file=sys.stderr, flush=True)
        return 2
    except Exception as error:  # noqa: BLE001 - the user gets one French line, never a trace
        print(
            "Erreur inattendue de la chaîne (ce n'est pas un problème connu de vos données) : "
            f"transmettez ce message à l'équipe qui la maintient.\n  Détail technique : "
            f"{type(error).__name__} : {error}",
            file=sys.stderr, flush=True,
        )  # fmt: skip
        return 3
    return 0
