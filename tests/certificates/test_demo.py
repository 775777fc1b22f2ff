"""`flask demo` shows certificates: issued for the held trainings, to the present only."""

from __future__ import annotations

import sqlalchemy as sa

from umid_events.attendance.models import AttendanceRecord
from umid_events.certificates.models import Certificate
from umid_events.demo import build_demo
from umid_events.events.kinds import EventKind, EventStatus
from umid_events.events.models import Event
from umid_events.extensions import db


def test_the_demo_has_certificates_for_its_held_trainings(app):
    with app.app_context():
        build_demo()
        db.session.commit()
        held = db.session.scalars(sa.select(Event).where(
            Event.kind == EventKind.TRAINING, Event.status == EventStatus.HELD)).all()
        assert held and all(event.certificates_enabled for event in held)
        holders = set(db.session.execute(sa.select(Certificate.event_id, Certificate.person_id)))
        present = set(db.session.execute(sa.select(AttendanceRecord.event_id, AttendanceRecord.person_id)
                                         .join(Event).where(AttendanceRecord.present.is_(True),
                                                            Event.kind == EventKind.TRAINING)))
        assert holders and holders == present
