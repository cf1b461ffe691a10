"""Memory a large source freed, given back to the system before the next one is read.

Neither allocator under a million-row ingestion gives back on its own what it freed: the C
library keeps the freed parts of its heap below any block still in use (glibc trims only
from the top), and Arrow's pool (mimalloc) keeps freed pages for its next allocations. Both
are given back at the few points where a large table has just been let go, so that the
process's memory is what it holds, not the most it ever held.
"""

from __future__ import annotations

import ctypes
import functools

import pyarrow as pa


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None under another C library (macOS, Windows, musl)."""
    try:
        return ctypes.CDLL(None).malloc_trim  # (the process's own symbols: its C library's)
    except (OSError, AttributeError, TypeError):
        return None


def release_freed_memory() -> None:
    """Give back to the system the memory freed so far by Arrow's pool and the C library
    (a few milliseconds: called after a large table is let go, never per row or block)."""
    pa.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
