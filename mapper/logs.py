"""What the app prints to the console when something fails: the kind of error and where it
happened, never what it was about.

A map holds names, and an error's message often quotes them (`'Amara Okafor' is not a level`),
as do the local values and source lines of a traceback. The console may be a shared terminal,
a log file or a support ticket, so `keep_names_out_of_logs` rewrites every log record that
carries an exception to `ValueError at pages/edit.py:88`, and every warning to its class and
place. It names loggers by string and never imports streamlit.
"""

from __future__ import annotations

import logging
import sys
import traceback
import warnings
from pathlib import Path
from types import TracebackType
from typing import TextIO

__all__ = ["NamesOutOfLogs", "keep_names_out_of_logs", "where"]

APP_DIR = Path(__file__).resolve().parent.parent
#: The logger that reports a page's uncaught error (in Streamlit 1.67 the script runner and
#: fragments hand it to `streamlit.error_util`), and the root of all Streamlit's loggers.
LOGGERS = ("streamlit.error_util", "streamlit")


def where(tb: TracebackType | None) -> str:
    """The place an error happened, as `file:line`: the innermost line of the app's own code
    (a path relative to the app's folder), or the innermost line of all when none is ours."""
    frames = traceback.extract_tb(tb) if tb else []
    if not frames:
        return "an unknown place"
    ours = [f for f in frames if _ours(f.filename)]
    frame = (ours or frames)[-1]
    return f"{_shown(frame.filename)}:{frame.lineno}"


def _ours(filename: str) -> bool:
    path = Path(filename).resolve()
    return path.is_relative_to(APP_DIR) and ".venv" not in path.relative_to(APP_DIR).parts


def _shown(filename: str) -> str:
    path = Path(filename).resolve()
    return str(path.relative_to(APP_DIR)) if _ours(filename) else filename


def _described(error: BaseException) -> str:
    told = f"{type(error).__name__} at {where(error.__traceback__)}"
    cause = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    if cause is not None:
        told += f" (while handling {type(cause).__name__} at {where(cause.__traceback__)})"
    return told


class NamesOutOfLogs(logging.Filter):
    """Rewrites a record carrying an exception to its message, the error's class and place;
    the traceback, the error's own message and the record's arguments are dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"{record.msg}: {_described(record.exc_info[1])}"
            record.args = None
            record.exc_info = record.exc_text = record.stack_info = None
        return True


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """In place of `warnings.showwarning`: the warning's class and place, not its text."""
    try:
        (file or sys.stderr).write(f"{category.__name__} at {_shown(filename)}:{lineno}\n")
    except (OSError, ValueError):
        pass  # no console to write to, as warnings.showwarning does


def keep_names_out_of_logs(*more_loggers: str) -> None:
    """Install the filter on every Streamlit logger there is (once each, however often a
    Streamlit rerun calls this) and on `more_loggers`, and show warnings by class and place."""
    existing = [n for n in logging.Logger.manager.loggerDict if n.startswith("streamlit.")]
    for name in dict.fromkeys((*LOGGERS, *existing, *more_loggers)):
        logger = logging.getLogger(name)
        if not any(isinstance(f, NamesOutOfLogs) for f in logger.filters):
            logger.addFilter(NamesOutOfLogs())
    warnings.showwarning = _show_warning
