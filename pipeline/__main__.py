"""``python -m pipeline …``: see pipeline.cli.

Ctrl-C (or a stop asked by the system, SIGTERM) at any moment ends on « Interrompu. » with exit
status 130, never a traceback: the kernels are stopped, and the threads still waiting for a
notebook are not waited for (the process ends at once; every product is written whole or not
at all, and a step whose record is missing is done again by the next run).
"""

import os
import signal
import sys


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _main() -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        from pipeline.cli import interrupted, main
    except KeyboardInterrupt:  # (while the command line's modules are imported)
        print("Interrompu.", file=sys.stderr, flush=True)
        return 130
    try:
        return main()
    except KeyboardInterrupt:  # (at the very end, after the command's own handling)
        return interrupted()


if __name__ == "__main__":
    code = _main()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the run is over: a late Ctrl-C changes nothing
    sys.stdout.flush()
    sys.stderr.flush()
    if code == 130:
        os._exit(code)
    sys.exit(code)
