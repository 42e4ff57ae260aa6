"""Pausing Python's cyclic garbage collector during bursts of allocation.

Loading a map and diagnosing it each allocate hundreds of thousands of small containers that
stay alive until the burst ends and form no cycles worth collecting. With the collector on,
CPython scans them again and again as they pile up (30 ms of the 220 ms whole `check` on the
synthetic county map; `shared/ENGINEERING.md` measured the same for parsing). Reference
counting still frees everything as usual; any cycles are collected once the pause ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collection_paused"]


@contextmanager
def collection_paused() -> Iterator[None]:
    """Switch cyclic collection off for the block, and back on after it if it was on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
