"""Kernels started ahead and reused by the notebooks of a run, one notebook at a time each.

A Jupyter kernel costs about two seconds of CPU to start and to import pandas, matplotlib and
the package; six notebooks in six kernels pay it six times. A run keeps at most as many kernels
as the machine has cores (never more kernels at once than cores), starts them while the run
checks what is stale, and gives each notebook a kernel whose namespace is reset (variables cleared,
figures closed, the execution count back to 1): the notebook sees what a fresh kernel shows it,
only the imported modules are already there. A kernel whose notebook failed, or that died, is
shut down and never reused. On Ctrl-C, :func:`kill_kernels` stops every kernel of the
process at once (they run in sessions of their own: the terminal's Ctrl-C does not reach them).

The executed notebook is still the one Papermill writes (parameters injected, every output
recorded): :class:`ReusedKernelEngine` is Papermill's kernel engine given a running kernel.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import signal
import threading
import weakref

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
_POOLS: weakref.WeakSet = weakref.WeakSet()  # the pools of this process, for kill_kernels


def project_environment() -> dict[str, str]:
    """The kernels' environment: this process's, with the folder of the package it runs first
    on the import path, so that a kernel imports the same code as the command that starts it
    (whatever the environment was installed from)."""
    from pipeline.core.paths import PACKAGE

    paths = [str(PACKAGE.parent), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


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
        self._killed = False
        _POOLS.add(self)

    def ensure(self, count: int) -> None:
        """Have ``count`` kernels running or starting (started in the background)."""
        while len(self._starters) < count and not self._killed:
            self._replace()

    def _start_one(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        manager = AsyncKernelManager(kernel_name=KERNEL)
        try:
            _run(manager.start_kernel, extra_arguments=self.extra_arguments, cwd=self.cwd,
                 env=project_environment())  # fmt: skip
        except Exception as error:  # noqa: BLE001 - handed to the notebook that waits for it
            self._free.put(error)
            return
        with self._lock:
            if self._killed:  # (started while the run was being interrupted)
                _kill(manager)
                return
            self._started.append(manager)
        self._free.put((manager, True))

    def acquire(self):
        """A running kernel manager, and whether it is fresh (never used by a notebook)."""
        got = None
        for _ in range(START_TIMEOUT * 4):  # (looking every half second for an interruption)
            if self._killed:
                raise RuntimeError("The kernels were stopped (the run is interrupted).")
            with contextlib.suppress(queue.Empty):
                got = self._free.get(timeout=0.5)
                break
        if got is None:
            raise RuntimeError(f"No kernel started within {START_TIMEOUT * 2} s.")
        if isinstance(got, Exception):
            self._replace()
            raise RuntimeError(f"Kernel did not start: {got}")
        return got

    def release(self, manager, healthy: bool) -> None:
        """Give a kernel back; one that failed or died is shut down and replaced."""
        if self._killed:
            return
        if healthy and _run(manager.is_alive):
            self._free.put((manager, False))
            return
        self._shutdown(manager)
        self._replace()

    def _replace(self) -> None:
        if self._killed:  # (no kernel started again once the run is interrupted)
            return
        starter = threading.Thread(target=self._start_one, daemon=True)
        self._starters.append(starter)
        starter.start()

    def _shutdown(self, manager) -> None:
        with self._lock:
            if manager in self._started:
                self._started.remove(manager)
        with contextlib.suppress(Exception):  # a kernel already gone
            _run(manager.shutdown_kernel, now=True)

    @property
    def killed(self) -> bool:
        return self._killed

    def kill(self) -> None:
        """Stop every kernel now, without asking (Ctrl-C): the notebooks they run are dropped;
        a kernel still starting is stopped as soon as it has started. The libraries' logs are
        silenced first: their notebooks' threads see their kernel die (« Kernel died while
        waiting for execute reply »), which is what was asked, not news."""
        logging.disable(logging.CRITICAL)
        with self._lock:
            self._killed = True
            managers, self._started = list(self._started), []
        for manager in managers:
            _kill(manager)

    def close(self) -> None:
        """Shut every kernel down (those still starting too)."""
        for starter in list(self._starters):
            starter.join(timeout=START_TIMEOUT)
        with self._lock:
            managers = list(self._started)
        for manager in managers:
            self._shutdown(manager)


def _kill(manager) -> None:
    """Kill a kernel's process group and remove its connection file (no event loop needed)."""
    process = getattr(manager.provisioner, "process", None)
    if process is not None and process.poll() is None:
        with contextlib.suppress(OSError):
            if hasattr(os, "killpg"):
                os.killpg(process.pid, signal.SIGKILL)  # (its own session: its group)
            else:
                process.kill()
        with contextlib.suppress(Exception):  # (gone already, or slow to go)
            process.wait(timeout=5)
    with contextlib.suppress(Exception):
        manager.cleanup_connection_file()


def kill_kernels(wait: float = 3.0) -> None:
    """Kill every kernel this process started (Ctrl-C); kernels still starting are given up
    to ``wait`` seconds to start, and are then killed too."""
    import time

    pools = list(_POOLS)
    for pool in pools:
        pool.kill()
    deadline = time.monotonic() + wait
    for pool in pools:
        for starter in list(pool._starters):
            starter.join(timeout=max(0.0, deadline - time.monotonic()))


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
        except KeyboardInterrupt:  # (Ctrl-C in this thread: every kernel stopped at once)
            kernel_pool.kill()
            raise
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
