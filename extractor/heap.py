"""Garbage collection while the pipeline loads, for this package's own processes.

Loading the pipeline makes some hundred thousand objects that live as long
as the process: pattern tables, matchers, compiled expressions, the word
segmenter's dictionary. Collections while they are being made find nothing
to free (a cold ``extract-report file.txt`` spent a tenth of its time in
them), and afterwards every full collection walks them all again (a tenth of
the time of a meeting report in a batch). So the CLI and the batch workers
pause collection while loading, then freeze what is loaded out of the
collector's walks. The library never does this to its caller's process.
"""
from __future__ import annotations

import gc


def pause_collection() -> None:
    """No collection until ``settle``: what is made now is there to stay."""
    gc.disable()


def settle(collect: bool = False) -> None:
    """Keep what is loaded out of every later collection, and collect again from here on.

    ``collect``: first free what loading left behind, for a long-running worker.
    """
    if collect:
        gc.collect()
    gc.freeze()
    gc.enable()
