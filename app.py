"""Entry point for `flask` and gunicorn (`gunicorn app:app`)."""

import sys

from config import ConfigError
from umid_events import create_app

try:
    app = create_app()
except ConfigError as error:  # one clear line for the operator, not a traceback
    sys.exit(f"Configuration error: {error}")
