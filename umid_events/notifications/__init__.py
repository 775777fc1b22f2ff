"""The outbox: every outgoing message is a row first, delivered by the job queue after the commit.

Other features call ``services.queue_templated_message`` inside their transaction; the rest
(rendering, MIME, claiming, retrying, holding mail when no server is configured) lives here.
"""
