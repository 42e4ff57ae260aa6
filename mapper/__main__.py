"""Entry point for `python -m mapper`.

A command is a short process, and much of its time went on things that are not the command:
the imports (pydantic and the model, the analysis libraries) make tens of thousands of objects
that live until the process ends; CPython's cyclic collector scanned them again and again as
they were made, and the interpreter's shutdown collected over all of them once more (measured:
0.1 s after importing pydantic alone, 0.3-0.4 s after a `check`, on a busy machine). They are
frozen (`gc.freeze`: moved where the collector does not look) once start-up is done and again
before exit. Collection stays on for the command's own work; nothing is skipped at exit
(buffers are flushed and `atexit` runs as usual, unlike with `os._exit`).
"""

import gc
import os
import sys
import types

# pydantic offers plugins to every model it builds, and finds them in the metadata of every
# installed package; to read that metadata it imports `importlib.metadata` (and with it the
# email, zip and CSV modules): 50-60 ms of each command's start, for plugins a command line
# never uses. pydantic's documented switch turns them off; when it is on (the default here,
# a person may still set the variable otherwise), pydantic's loader is given as what it then
# is, a function that returns no plugins, without the import behind it.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
if os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__" and "pydantic" not in sys.modules:
    _no_plugins = types.ModuleType("pydantic.plugin._loader")
    _no_plugins.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules["pydantic.plugin._loader"] = _no_plugins

gc.disable()  # start-up allocates and frees nothing worth collecting
from mapper.cli import main  # noqa: E402  (after the collector is paused, on purpose)

gc.freeze()
gc.enable()
try:
    code = main()
    sys.stdout.flush()  # a closed pipe shows here, inside the try, not at exit
except BrokenPipeError:
    # The reader (`| head`) went away: not an error of ours, and no traceback for it.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
gc.freeze()  # the exit's own collection would scan every object the command made, once more
sys.exit(code)
