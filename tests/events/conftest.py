from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.directory.models import Community
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db


@pytest.fixture
def community(programme):
    return db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))


@pytest.fixture
def make_event(programme, community):
    def make(**fields):
        starts = fields.pop("starts_at", datetime(2030, 3, 15, 6, 0, tzinfo=UTC))
        kind = fields.pop("kind", EventKind.CONSULTATION)
        event = Event(
            programme_id=programme.id, kind=kind,
            community_id=fields.pop("community_id", None if kind == EventKind.SEMINAR else community.id),
            title=fields.pop("title", "Praktik məsləhət: Quba icması 1, 1-ci görüş"),
            starts_at=starts, ends_at=fields.pop("ends_at", starts + timedelta(minutes=90)),
            status=fields.pop("status", EventStatus.PUBLISHED), **fields,
        )
        db.session.add(event)
        db.session.commit()
        return event

    return make
