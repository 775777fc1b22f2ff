"""Backup and restore: `flask backup` and `flask restore`.

One archive (``.tar.gz``) holds a consistent snapshot of the database (SQLite through its online
backup API, PostgreSQL through ``pg_dump`` in its custom format), the stored files of the
instance folder, and a manifest that names every member with its size and SHA-256.
"""
