"""The job queue (Huey) and the outbox's jobs.

* The Huey instance is built from the app's configuration the first time it is needed, never at
  import: ``SqliteHuey`` in a file under the instance folder by default, ``RedisHuey`` when
  ``REDIS_URL`` is set (several workers on several machines), an in-memory queue for the tests
  (``HUEY_BACKEND`` overrides the choice). ``HUEY_IMMEDIATE`` runs jobs in the calling process.
* Jobs take ids and plain values and run inside an app context; each is safe to run twice,
  because delivery claims rows by their stored state before acting.
* Hand-over after commit: ``queue_templated_message`` notes the new row's id in
  ``session.info``; the session's ``after_commit`` hook enqueues the ids of that transaction and
  a rollback of the whole transaction forgets them, so mail never leaves for an action that was
  rolled back. If the queue cannot be reached at that moment, the message stays ``queued`` in
  the database and the periodic sweep (every minute, and when a worker starts) sends it.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from flask import Flask, current_app
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab
from huey.api import Huey, TaskWrapper
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from . import delivery

logger = logging.getLogger(__name__)

PENDING_KEY = "notifications.pending_delivery"
EXTENSION_KEY = "notifications.queue"
_build_lock = threading.Lock()


@dataclass(frozen=True)
class JobQueue:
    huey: Huey
    deliver: TaskWrapper   # deliver(message_ids: list[int])
    sweep: TaskWrapper     # sweep(); also periodic, every minute
    produce: TaskWrapper   # produce(names=None): run the registered producers (or those named)
    # producers handed over by frequent actions → when (time.time()) their scheduled run starts
    handed_over: dict[tuple[str, ...], float] = field(default_factory=dict)


# Producers turn durable intents that features record in the database (invitations to send,
# notices of a changed event, reminders that fell due) into outbox messages. Each one must be
# safe to run twice and commit its own work; they run in the worker, after the commit that
# recorded the intent and every minute, so a request that starts a batch of hundreds only writes
# rows and returns at once.
_PRODUCERS: list = []
PRODUCE_KEY = "notifications.produce"
ALL_PRODUCERS = "*"


def producer(function):
    """Register ``function()`` as a producer (a decorator used at import by each feature)."""
    if function not in _PRODUCERS:
        _PRODUCERS.append(function)
    return function


# What the producers still have to write, for the outbox page (where a worker that is not
# running would otherwise go unnoticed): per kind of message, a function giving how many
# intents wait and since when.
_BACKLOGS: dict = {}


def backlog(kind):
    """Register ``function() -> (count, oldest datetime or None)`` as the backlog of ``kind``."""
    def register(function):
        _BACKLOGS[kind] = function
        return function
    return register


def mail_backlog() -> list[tuple]:
    """``(kind, count, oldest)`` of every kind of mail still to be written, oldest first."""
    waiting = [(kind, *function()) for kind, function in _BACKLOGS.items()]
    return sorted((entry for entry in waiting if entry[1]), key=lambda entry: entry[2])


def run_producers(names: list[str] | None = None) -> None:
    """Run every registered producer, or only those whose function names are given."""
    from ..core.urls import public_url_context

    for function in [each for each in _PRODUCERS if names is None or each.__name__ in names]:
        with public_url_context():  # links in the mail point at PUBLIC_BASE_URL
            try:
                function()
            except IntegrityError as error:
                db.session.rollback()
                if "dedupe_key" not in str(error.orig):
                    logger.exception("producer %s failed; it runs again within a minute",
                                     function.__name__)
                    continue
                # another worker's run wrote the same messages first, and goes on with them
                logger.info("producer %s met another run writing the same messages; that run "
                            "goes on with them", function.__name__)
            except Exception:  # one producer's failure must not stop the others
                db.session.rollback()
                logger.exception("producer %s failed; it runs again within a minute",
                                 function.__name__)


def build_huey(config) -> Huey:
    backend = config.get("HUEY_BACKEND") or ("redis" if config.get("REDIS_URL") else "sqlite")
    name = config.get("HUEY_NAME") or "umid-events"
    options = {"results": False, "utc": True, "immediate": bool(config.get("HUEY_IMMEDIATE"))}
    if backend == "redis":
        return RedisHuey(name, url=config["REDIS_URL"], **options)
    if backend == "sqlite":
        path = Path(config["HUEY_SQLITE_PATH"])
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteHuey(name, filename=str(path), **options)
    if backend == "memory":
        return MemoryHuey(name, **options)
    raise ValueError(f"HUEY_BACKEND must be sqlite, redis or memory, not {backend!r}")


def _in_app_context(app: Flask, job):
    @functools.wraps(job)
    def run(*args, **kwargs):
        with app.app_context():
            return job(*args, **kwargs)

    return run


def get_queue(app: Flask | None = None) -> JobQueue:
    """This app's queue and jobs, built on first use."""
    app = app or current_app._get_current_object()
    queue = app.extensions.get(EXTENSION_KEY)
    if queue is None:
        with _build_lock:
            queue = app.extensions.get(EXTENSION_KEY)
            if queue is None:
                queue = _register_jobs(app, build_huey(app.config))
                app.extensions[EXTENSION_KEY] = queue
    return queue


def _register_jobs(app: Flask, huey: Huey) -> JobQueue:
    def deliver_job(message_ids: list[int]) -> None:
        _schedule_retries(delivery.deliver_messages(message_ids))

    def sweep_job() -> None:
        _schedule_retries(delivery.sweep_outbox())

    deliver = huey.task(name="notifications.deliver")(_in_app_context(app, deliver_job))
    sweep = huey.periodic_task(crontab(minute="*"), name="notifications.sweep")(
        _in_app_context(app, sweep_job))
    produce = huey.task(name="notifications.produce")(_in_app_context(app, run_producers))
    huey.periodic_task(crontab(minute="*"), name="notifications.produce_periodic")(
        _in_app_context(app, run_producers))
    return JobQueue(huey=huey, deliver=deliver, sweep=sweep, produce=produce)


def _schedule_retries(report: delivery.DeliveryReport) -> None:
    """One scheduled job per retry time (the sweep catches any whose scheduling fails)."""
    queue = get_queue()
    for when, ids in sorted(report.retry.items()):
        try:
            queue.deliver.schedule(args=(sorted(ids),), eta=when)
        except Exception:
            logger.exception("could not schedule the retry of messages %s; the sweep will", ids)


def enqueue_delivery(message_ids: list[int]) -> None:
    queue = get_queue()
    size = int(current_app.config.get("MAIL_BATCH_SIZE", 50))
    ids = sorted(set(message_ids))
    for start in range(0, len(ids), size):
        queue.deliver(ids[start:start + size])


def enqueue_sweep() -> None:
    get_queue().sweep()


# --- hand-over after commit ----------------------------------------------------------------

def deliver_after_commit(session, message_id: int) -> None:
    """Send this message once the session's current transaction has committed."""
    session.info.setdefault(PENDING_KEY, []).append(message_id)


def produce_after_commit(session, only=None) -> None:
    """Run the producers once the session's current transaction has committed: all of them, or
    only the producer function ``only`` (what a frequent action such as a registration needs,
    handed over as described at ``_hand_over``)."""
    wanted = session.info.setdefault(PRODUCE_KEY, set())
    wanted.add(ALL_PRODUCERS if only is None else only.__name__)


# A frequent action's producer is not queued once per commit: its job is scheduled HANDOVER_SECONDS
# ahead, and the commits of this process until shortly before that moment rely on it, since a job
# that starts after a commit sees what it saved. A burst of 300 registrations queues a few jobs
# that each write a batch of confirmations, instead of 300 jobs (and the web process makes one
# queue round trip a second instead of one per registration).
HANDOVER_SECONDS = 1.0
HANDOVER_MARGIN_SECONDS = 0.25  # for the clocks of the web and worker machines


def _hand_over(names: list[str] | None) -> None:
    queue = get_queue()
    if names is None or queue.huey.immediate:  # immediate mode has no scheduler: run it now
        queue.produce(names)
        return
    key, now = tuple(names), time.time()
    if queue.handed_over.get(key, 0.0) - now > HANDOVER_MARGIN_SECONDS:
        return  # a run that starts after this commit is already scheduled
    queue.produce.schedule(args=(names,), delay=HANDOVER_SECONDS)
    queue.handed_over[key] = now + HANDOVER_SECONDS


def _after_commit(session) -> None:
    wanted = session.info.pop(PRODUCE_KEY, None)
    if wanted:
        try:
            _hand_over(None if ALL_PRODUCERS in wanted else sorted(wanted))
        except Exception:  # the intents are committed: the periodic run picks them up
            logger.exception("could not start the producers; the periodic run will")
    ids = session.info.pop(PENDING_KEY, None)
    if not ids:
        return
    try:
        enqueue_delivery(ids)
    except Exception:  # the rows are committed and queued: the periodic sweep sends them
        logger.exception("could not hand messages %s to the job queue; the sweep will send them",
                         ids)


def _after_soft_rollback(session, previous_transaction) -> None:
    # Only the outermost rollback forgets the ids: a savepoint rolled back inside the transaction
    # may leave ids of rows that no longer exist, which the delivery job then simply skips.
    if not previous_transaction.nested:
        session.info.pop(PENDING_KEY, None)
        session.info.pop(PRODUCE_KEY, None)


def install_session_hooks() -> None:
    """Listen on Flask-SQLAlchemy's session factory (once per process)."""
    for name, hook in (("after_commit", _after_commit),
                       ("after_soft_rollback", _after_soft_rollback)):
        if not sa.event.contains(db.session, name, hook):
            sa.event.listen(db.session, name, hook)


def init_app(app: Flask) -> None:
    install_session_hooks()
