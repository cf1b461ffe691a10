"""A Papermill engine that runs a notebook's cells in this Python process, without a kernel.

The notebook stays the executed, parameterised record Papermill writes (injected parameters,
outputs, errors); only the kernel is spared: no process to start, and the package's modules,
pandas and matplotlib are imported once for every notebook of a run. Each notebook gets a fresh
namespace. Used by the tests that run several small préfectures in one process
(``run_pipeline(..., engine="inprocess")``); cells run one after the other, never side by side.
"""

from __future__ import annotations

import os
import sys
import traceback
from contextlib import contextmanager

from papermill.engines import Engine, papermill_engines

ENGINE = "inprocess"
_SHELL = None


def _shell():
    """The process' IPython shell, with matplotlib's inline backend (figures become outputs)
    and a cell's last value published as a rich display, as a kernel does."""
    global _SHELL
    if _SHELL is None:
        from IPython.core.displayhook import DisplayHook
        from IPython.core.interactiveshell import InteractiveShell

        class PublishingHook(DisplayHook):
            """The displayhook of a kernel: the value's formats go to the display publisher
            (the notebook's output), not to the terminal as text."""

            def write_output_prompt(self):
                pass

            def write_format_data(self, format_dict, md_dict=None):
                metadata = {**(md_dict or {}), RESULT: True}  # a result, not a display
                self.shell.display_pub.publish(data=format_dict, metadata=metadata)

            def finish_displayhook(self):
                pass

        shell = InteractiveShell.instance(colors="nocolor")
        shell.displayhook = shell.display_trap.hook = PublishingHook(shell=shell, cache_size=0)
        if "matplotlib" in sys.modules:
            _inline_figures(shell)
        else:  # matplotlib set up once a notebook imports it (the deck's never does: 0,6 s)
            os.environ.setdefault("MPLBACKEND", INLINE)
            shell.events.register("post_run_cell", lambda result: _inline_figures(shell))
        _SHELL = shell
    return _SHELL


INLINE = "module://matplotlib_inline.backend_inline"
_INLINE_SET = False  # the shell shows matplotlib's figures inline


def _inline_figures(shell) -> None:
    """matplotlib's inline backend on the shell, once matplotlib is imported: figures are shown
    at the end of each cell (those of the cell that imported it, too)."""
    global _INLINE_SET
    if _INLINE_SET or "matplotlib" not in sys.modules:
        return
    import matplotlib
    from matplotlib_inline.backend_inline import configure_inline_support, flush_figures

    matplotlib.use(INLINE)
    configure_inline_support(shell, INLINE)
    _INLINE_SET = True
    flush_figures()  # the figures of the cell that imported matplotlib


RESULT = "clu-execute-result"  # marks the cell's value among its displays


def _outputs(captured, count: int) -> list[dict]:
    """nbformat outputs from IPython's captured streams and rich displays; the cell's value is
    an ``execute_result``, as a kernel records it (the documents are the same either way)."""
    import nbformat

    outputs = []
    if captured.stdout:
        outputs.append(nbformat.v4.new_output("stream", name="stdout", text=captured.stdout))
    if captured.stderr:
        outputs.append(nbformat.v4.new_output("stream", name="stderr", text=captured.stderr))
    for rich in captured.outputs:
        data = {key: value for key, value in rich.data.items() if value is not None}
        metadata = dict(rich.metadata or {})
        if metadata.pop(RESULT, False):
            result = nbformat.v4.new_output("execute_result", data=data, metadata=metadata)
            result["execution_count"] = count
            outputs.append(result)
        else:
            outputs.append(nbformat.v4.new_output("display_data", data=data, metadata=metadata))
    return outputs


class InProcessEngine(Engine):
    """Runs each code cell with IPython in this process; stops at the first error."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
        import nbformat
        from IPython.utils.capture import capture_output

        shell = _shell()
        shell.reset(new_session=False)
        with saved_once(nb_man):
            cls._run_cells(nb_man, shell, nbformat, capture_output)

    @classmethod
    def _run_cells(cls, nb_man, shell, nbformat, capture_output) -> None:
        count = 0
        for index, cell in enumerate(nb_man.nb.cells):
            if cell.cell_type != "code":
                continue
            count += 1
            nb_man.cell_start(cell, index)
            with capture_output(stdout=True, stderr=True, display=True) as captured:
                result = shell.run_cell(cell.source, store_history=False, silent=False)
            cell.execution_count = count
            cell.outputs = _outputs(captured, count)
            error = result.error_before_exec or result.error_in_exec
            if error is not None:
                cell.outputs.append(
                    nbformat.v4.new_output(
                        "error",
                        ename=type(error).__name__,
                        evalue=str(error),
                        traceback=traceback.format_exception(error),
                    )  # fmt: skip
                )
                nb_man.cell_exception(cell, index, exception=error)
                break
            nb_man.cell_complete(cell, index)


@contextmanager
def saved_once(nb_man):
    """Papermill writes the whole notebook at every cell's start and end (images included);
    a run writes it once, at its end (also after an error), which is all the record needs."""
    save = nb_man.save
    nb_man.save = lambda **kwargs: None
    try:
        yield
    finally:
        nb_man.save = save


papermill_engines.register(ENGINE, InProcessEngine)
