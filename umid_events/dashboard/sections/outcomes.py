"""Outcome records: families paying online, terminal applications, dialogue platforms."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from ...attendance.models import AttendanceRecord
from ...core.timefmt import format_moment
from ...directory.forms import KIND_LABELS as ORGANISATION_KIND_LABELS
from ...directory.models import Community, District, Organisation
from ...events.kinds import EventKind
from ...events.models import Event
from ...extensions import db
from ...i18n import az_suffix
from ...outcomes.forms import SERVICE_LABELS, TERMINAL_STATUS_LABELS
from ...outcomes.models import (
    DialoguePlatform,
    PaymentFollowUp,
    PlatformMembers,
    TerminalApplication,
)
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

    applications = db.session.execute(
        sa.select(Community.name, District.name, Organisation.name, TerminalApplication.applied_on,
                  TerminalApplication.status)
        .select_from(TerminalApplication)
        .join(Community, Community.id == TerminalApplication.community_id)
        .join(District, District.id == Community.district_id)
        .join(Organisation, Organisation.id == TerminalApplication.authority_id)
        .where(TerminalApplication.programme_id == programme.id, period.covers_day(TerminalApplication.applied_on))
        .order_by(TerminalApplication.applied_on, TerminalApplication.id)).all()
    formed = sa.and_(DialoguePlatform.programme_id == programme.id, period.covers_day(DialoguePlatform.formed_on))
    seats = (sa.select(PlatformMembers.platform_id, sa.func.sum(PlatformMembers.count).label("members"))
             .group_by(PlatformMembers.platform_id).subquery("seats"))
    platforms = db.session.execute(
        sa.select(District.name, DialoguePlatform.name, DialoguePlatform.formed_on,
                  sa.func.coalesce(seats.c.members, 0))
        .select_from(DialoguePlatform)
        .join(District, District.id == DialoguePlatform.district_id)
        .outerjoin(seats, seats.c.platform_id == DialoguePlatform.id)
        .where(formed).order_by(DialoguePlatform.formed_on, DialoguePlatform.id)).all()
    members = dict(db.session.execute(
        sa.select(PlatformMembers.kind, sa.func.sum(PlatformMembers.count))
        .join(DialoguePlatform, DialoguePlatform.id == PlatformMembers.platform_id)
        .where(formed).group_by(PlatformMembers.kind)).all())

    tables = [
        Table("payments_by_service", _("Online payments by service"),
              [_("Service paid"), _("Families"), _("Payments")],
              [[str(SERVICE_LABELS[service]), people, count]
               for service, count, people in sorted(by_service, key=lambda row: list(SERVICE_LABELS).index(row[0]))],
              chart=1,
              note=_("%(n)s of the %(total)d families never attended an e-government training.",
                     n=az_suffix(untrained, "possessive"), total=families) if untrained else ""),
        Table("payments_by_portal", _("Online payments by portal"), [_("Portal"), _("Families"), _("Payments")],
              [[portal, people, count] for portal, count, people in by_portal], chart=1),
        Table("terminal_applications", _("Applications for payment terminals"),
              [_("Community"), _("District"), _("Authority applied to"), _("Date"), _("Status")],
              [[community, district, authority, format_moment(applied_on, "date"), str(TERMINAL_STATUS_LABELS[status])]
               for community, district, authority, applied_on, status in applications]),
        Table("dialogue_platforms", _("Dialogue platforms"),
              [_("District"), _("Name"), _("Date formed"), _("Members")],
              [[district, name, format_moment(formed_on, "date"), count] for district, name, formed_on, count in platforms]),
        Table("platform_members", _("Dialogue platform members by kind of organisation"),
              [_("Kind of organisation"), _("Members")],
              [[str(label), members[kind]] for kind, label in ORGANISATION_KIND_LABELS.items() if members.get(kind)],
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
