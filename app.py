"""Entry point for `flask` and gunicorn (`gunicorn app:app`)."""

import gc
import sys

from config import ConfigError
from umid_events import create_app

try:
    app = create_app()
except ConfigError as error:  # one clear line for the operator, not a traceback
    sys.exit(f"Configuration error: {error}")

# What start-up built (modules, the app, its templates' and mappers' caches) lives as long as the
# process: set it aside from the garbage collector, whose full collections would otherwise walk
# it again and again (about 90 ms a time in a web worker, every thousand requests or so).
gc.freeze()
