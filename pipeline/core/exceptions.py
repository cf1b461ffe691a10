"""Exceptions of the pipeline. Every message is in French and says what, where and what to do."""


class PipelineError(Exception):
    """Root of every error the pipeline raises on purpose (bad input, bad configuration)."""


class ConfigError(PipelineError):
    """Raised when a YAML configuration file is missing or does not validate."""


class PeriodError(PipelineError):
    """Raised when the PERIOD parameter is not a valid year."""


class InputFileError(PipelineError):
    """Raised when a raw input file is missing, unreadable or lacks a required column."""


class StepError(PipelineError):
    """Raised when a notebook step fails; carries the notebook, the cell and the original error."""


class TemplateError(PipelineError):
    """Raised when a PowerPoint template lacks a layout the deck needs."""


class OutputError(PipelineError):
    """Raised when the machine refuses to write a product (read-only folder, full disk, a
    folder where the document goes, a document open in another program); names the path."""


class InstallError(PipelineError):
    """Raised when the imported package is not the project folder's own (a copied environment
    still pointing at the folder it was copied from)."""


class SelectionError(PipelineError):
    """Raised when an exploration names a question, an answer, a criterion, a theme or an
    indicator the data does not have; lists what can be asked instead."""
