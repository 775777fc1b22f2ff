from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from umid_events.directory.models import Community
from umid_events.events.kinds import EventStatus, Platform
from umid_events.events.models import Event
from umid_events.extensions import db

from ..conftest import csrf_token

PERSON = {"full_name": "Aygün Həsənova", "phone": "050 123 45 67", "email": "aygun@example.org",
          "group": "community_member", "organisation_name": "", "gender": "female", "consent": "y",
          "website": "", "channel": "email"}


@pytest.fixture
def community(programme):
    return db.session.scalar(sa.select(Community).where(Community.code == "quba-1"))


@pytest.fixture
def open_event(programme, community):
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=5)
    event = Event(programme_id=programme.id, kind="consultation", community_id=community.id,
                  title="Praktik məsləhət: Quba icması 1, 1-ci görüş", starts_at=starts,
                  ends_at=starts + timedelta(minutes=90), status=EventStatus.PUBLISHED,
                  meeting_url="https://zoom.us/j/81234567890", meeting_platform=Platform.ZOOM)
    db.session.add(event)
    db.session.commit()
    return event


def register(client, event, **changes):
    """Fill in the registration form as a participant would."""
    url = f"/r/{event.registration_token}"
    data = {"csrf_token": csrf_token(client, url), "community_id": str(event.community_id),
            **PERSON, **changes}
    return client.post(url, data={key: value for key, value in data.items() if value is not None})
