"""Kernels started ahead and reused by the notebooks of a run, one notebook at a time each.

A Jupyter kernel costs about two seconds of CPU to start and to import pandas, matplotlib and
the package; six notebooks in six kernels pay it six times. A run keeps at most as many kernels
as the machine has cores (never more kernels at once than cores), starts them while the run
checks what is stale, and gives each notebook a kernel whose namespace is reset (variables cleared,
figures closed, the execution count back to 1): the notebook sees what a fresh kernel shows it,
only the imported modules are already there. A kernel whose notebook failed, or that died, is
shut down and never reused.

The executed notebook is still the one Papermill writes (parameters injected, every output
recorded): :class:`ReusedKernelEngine` is Papermill's kernel engine given a running kernel.
"""

from __future__ import annotations

import contextlib
import queue
import threading

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.log import logger
from papermill.utils import remove_args

from pipeline.run.inprocess import saved_once

ENGINE = "kernel"
KERNEL = "python3"
RESET = "\n".join((
    "get_ipython().reset(new_session=True)",  # variables cleared, execution count back to 1
    "import matplotlib.pyplot as _plt",
    "_plt.close('all')",
    "del _plt",
))  # fmt: skip
START_TIMEOUT = 60


def _run(coroutine_function, *args, **kwargs):
    from jupyter_core.utils import run_sync

    return run_sync(coroutine_function)(*args, **kwargs)


class KernelPool:
    """Kernels started in the background, lent to one notebook at a time."""

    def __init__(self, cwd: str, extra_arguments: list[str]):
        self.cwd, self.extra_arguments = cwd, extra_arguments
        self._free: queue.Queue = queue.Queue()
        self._started: list = []
        self._starters: list[threading.Thread] = []
        self._lock = threading.Lock()

    def ensure(self, count: int) -> None:
        """Have ``count`` kernels running or starting (started in the background)."""
        while len(self._starters) < count:
            self._replace()

    def _start_one(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        manager = AsyncKernelManager(kernel_name=KERNEL)
        try:
            _run(manager.start_kernel, extra_arguments=self.extra_arguments, cwd=self.cwd)
        except Exception as error:  # noqa: BLE001 - handed to the notebook that waits for it
            self._free.put(error)
            return
        with self._lock:
            self._started.append(manager)
        self._free.put((manager, True))

    def acquire(self):
        """A running kernel manager, and whether it is fresh (never used by a notebook)."""
        got = self._free.get(timeout=START_TIMEOUT * 2)
        if isinstance(got, Exception):
            self._replace()
            raise RuntimeError(f"Kernel did not start: {got}")
        return got

    def release(self, manager, healthy: bool) -> None:
        """Give a kernel back; one that failed or died is shut down and replaced."""
        if healthy and _run(manager.is_alive):
            self._free.put((manager, False))
            return
        self._shutdown(manager)
        self._replace()

    def _replace(self) -> None:
        starter = threading.Thread(target=self._start_one, daemon=True)
        self._starters.append(starter)
        starter.start()

    def _shutdown(self, manager) -> None:
        with self._lock:
            if manager in self._started:
                self._started.remove(manager)
        with contextlib.suppress(Exception):  # a kernel already gone
            _run(manager.shutdown_kernel, now=True)

    def close(self) -> None:
        """Shut every kernel down (those still starting too)."""
        for starter in list(self._starters):
            starter.join(timeout=START_TIMEOUT)
        with self._lock:
            managers = list(self._started)
        for manager in managers:
            self._shutdown(manager)


def reset_namespace(manager) -> None:
    """Clear what the previous notebook left in the kernel: variables, figures, counter."""

    async def reset() -> None:
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=START_TIMEOUT)
            reply = await client.execute_interactive(
                RESET, silent=True, store_history=False, timeout=START_TIMEOUT,
                output_hook=lambda message: None,
            )  # fmt: skip
            if reply["content"]["status"] != "ok":
                raise RuntimeError("The kernel's namespace could not be reset.")
        finally:
            client.stop_channels()

    _run(reset)


class ReusedKernelEngine(NBClientEngine):
    """Papermill's kernel engine run on a kernel of the pool (``kernel_pool=``), or on a kernel
    of its own without one; the executed notebook is written once, at its end."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, kernel_pool=None, **kwargs):
        if kernel_pool is None:
            with saved_once(nb_man):
                return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
        manager, fresh = kernel_pool.acquire()
        healthy = False
        try:
            if not fresh:
                reset_namespace(manager)
            with saved_once(nb_man):
                result = cls._execute(nb_man, kernel_name, manager, **kwargs)
            healthy = True
            return result
        finally:
            kernel_pool.release(manager, healthy)

    @classmethod
    def _execute(cls, nb_man, kernel_name, manager, **kwargs):
        """:meth:`NBClientEngine.execute_managed_notebook`, given a running kernel."""
        timeout = kwargs.pop("execution_timeout", None)
        kwargs = remove_args(["input_path", "start_timeout", "timeout"], **kwargs)
        client = PapermillNotebookClient(
            nb_man, km=manager, timeout=timeout, startup_timeout=START_TIMEOUT,
            kernel_name=kernel_name, log=logger, **kwargs,
        )  # fmt: skip
        try:
            return client.execute()
        finally:
            if client.kc is not None:
                client.kc.stop_channels()


papermill_engines.register(ENGINE, ReusedKernelEngine)
