"""Entry point for `python -m mapper`."""

import os
import sys

from mapper.cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # The reader (`| head`) went away: not an error of ours, and no traceback for it.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
