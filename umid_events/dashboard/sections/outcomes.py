"""Outcome records: families paying online, terminal applications, dialogue platforms."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from ...attendance.models import AttendanceRecord
from ...core.timefmt import format_moment
from ...directory.forms import KIND_LABELS as ORGANISATION_KIND_LABELS
from ...directory.models import Community
from ...events.kinds import EventKind
from ...events.models import Event
from ...extensions import db
from ...outcomes.forms import SERVICE_LABELS, TERMINAL_STATUS_LABELS
from ...outcomes.models import DialoguePlatform, PaymentFollowUp, TerminalApplication
from ..figures import Context, Section, Table


def outcomes_section(context: Context) -> Section:
    programme, period = context.programme, context.period
    payments = sa.and_(PaymentFollowUp.programme_id == programme.id, period.covers_day(PaymentFollowUp.paid_on))
    trained = sa.exists().where(
        AttendanceRecord.person_id == PaymentFollowUp.person_id, AttendanceRecord.present.is_(True),
        AttendanceRecord.event_id == Event.id, Event.kind == EventKind.TRAINING,
        Event.programme_id == programme.id)
    families, untrained = db.session.execute(
        sa.select(sa.func.count(sa.distinct(PaymentFollowUp.person_id)),
                  sa.func.count(sa.distinct(sa.case((~trained, PaymentFollowUp.person_id)))))
        .where(payments)).one()
    by_service = db.session.execute(
        sa.select(PaymentFollowUp.service, sa.func.count(PaymentFollowUp.id),
                  sa.func.count(sa.distinct(PaymentFollowUp.person_id)))
        .where(payments).group_by(PaymentFollowUp.service)).all()
    by_portal = db.session.execute(
        sa.select(PaymentFollowUp.portal, sa.func.count(PaymentFollowUp.id),
                  sa.func.count(sa.distinct(PaymentFollowUp.person_id)))
        .where(payments).group_by(PaymentFollowUp.portal).order_by(sa.func.count(PaymentFollowUp.id).desc())).all()

    applications = db.session.scalars(
        sa.select(TerminalApplication)
        .where(TerminalApplication.programme_id == programme.id, period.covers_day(TerminalApplication.applied_on))
        .order_by(TerminalApplication.applied_on, TerminalApplication.id)
        .options(selectinload(TerminalApplication.community).selectinload(Community.district),
                 selectinload(TerminalApplication.authority))).all()
    platforms = db.session.scalars(
        sa.select(DialoguePlatform)
        .where(DialoguePlatform.programme_id == programme.id, period.covers_day(DialoguePlatform.formed_on))
        .order_by(DialoguePlatform.formed_on, DialoguePlatform.id)
        .options(selectinload(DialoguePlatform.district), selectinload(DialoguePlatform.members))).all()
    members = Counter()
    for platform in platforms:
        for row in platform.members:
            members[row.kind] += row.count

    tables = [
        Table("payments_by_service", _("Online payments by service"),
              [_("Service paid"), _("Families"), _("Payments")],
              [[str(SERVICE_LABELS[service]), people, count]
               for service, count, people in sorted(by_service, key=lambda row: list(SERVICE_LABELS).index(row[0]))],
              chart=1,
              note=_("%(n)d of the %(total)d families never attended an e-government training.",
                     n=untrained, total=families) if untrained else ""),
        Table("payments_by_portal", _("Online payments by portal"), [_("Portal"), _("Families"), _("Payments")],
              [[portal, people, count] for portal, count, people in by_portal], chart=1),
        Table("terminal_applications", _("Applications for payment terminals"),
              [_("Community"), _("District"), _("Authority applied to"), _("Date"), _("Status")],
              [[a.community.name, a.community.district.name, a.authority.name,
                format_moment(a.applied_on, "date"), str(TERMINAL_STATUS_LABELS[a.status])] for a in applications]),
        Table("dialogue_platforms", _("Dialogue platforms"),
              [_("District"), _("Name"), _("Date formed"), _("Members")],
              [[p.district.name, p.name, format_moment(p.formed_on, "date"), p.member_count] for p in platforms]),
        Table("platform_members", _("Dialogue platform members by kind of organisation"),
              [_("Kind of organisation"), _("Members")],
              [[str(label), members[kind]] for kind, label in ORGANISATION_KIND_LABELS.items() if members[kind]],
              chart=1),
    ]
    return Section(
        "outcomes", _("Outcomes"), tables,
        highlights=[(_("Families paying online"), str(families)),
                    (_("Applications for payment terminals"), str(len(applications))),
                    (_("Dialogue platforms"), str(len(platforms)))],
        measures={"families_paying_online": families, "terminal_applications": len(applications),
                  "dialogue_platforms": len(platforms)},
    )
