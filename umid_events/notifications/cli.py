"""`flask worker`: the process that delivers mail (the job queue's consumer)."""

from __future__ import annotations

import logging

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from huey.consumer import Consumer

from .tasks import enqueue_sweep, get_queue

# Polling interval of the SQLite queue when it is empty, in seconds (Redis blocks instead).
POLL_SECONDS = (0.1, 1.0)


class GracefulConsumer(Consumer):
    """Huey's consumer, except that SIGTERM (systemd, `kill`, `make run` stopping) lets the
    threads finish the batch in hand, as the first Ctrl-C does, instead of abandoning it in
    "sending" until MAIL_SENDING_TIMEOUT_SECONDS. A second Ctrl-C still stops at once."""

    def _handle_stop_signal(self, sig_num, frame):
        self._logger.info("Received SIGTERM: finishing the jobs in hand, then stopping")
        self._received_signal = True
        self._restart = False
        self._graceful = True


@click.command("worker")
@click.option("--workers", "-w", type=click.IntRange(1, 64), default=None,
              help="Worker threads (default: HUEY_WORKERS).")
@click.option("--periodic/--no-periodic", default=True, show_default=True,
              help="Also run the outbox sweep every minute (one worker per installation "
                   "is enough, more do no harm).")
@with_appcontext
def worker_command(workers: int | None, periodic: bool) -> None:
    """Deliver queued mail until stopped (Ctrl-C or SIGTERM finish the batch in hand)."""
    app = current_app._get_current_object()
    queue = get_queue(app)
    if queue.huey.immediate:
        raise click.ClickException("HUEY_IMMEDIATE is on: jobs already run in the web process")
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    consumer = GracefulConsumer(
        queue.huey, workers=workers or int(app.config.get("HUEY_WORKERS", 2)), worker_type="thread",
        periodic=periodic, initial_delay=POLL_SECONDS[0], max_delay=POLL_SECONDS[1],
        scheduler_interval=1, check_worker_health=True,
    )
    # Once at start: mail left in "sending" by a worker that died, or never handed to the queue.
    enqueue_sweep()
    consumer.run()


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
