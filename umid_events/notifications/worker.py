"""For Huey's own consumer, as an alternative to `flask worker`:

    huey_consumer umid_events.notifications.worker.huey --workers 2 --worker-type thread

Importing this module creates the app from the environment (like ``app.py``); nothing else
imports it.
"""

from umid_events import create_app

from .tasks import get_queue

app = create_app()
huey = get_queue(app).huey
