"""The dashboard's sections, in page order, and the targets table built from their measures.

Adding a section is one function here: ``(Context) -> Section``.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ...events.kinds import EventKind
from ...programmes.models import Programme
from ..figures import TargetRow
from .knowledge import knowledge_section
from .media import media_section
from .outcomes import outcomes_section
from .proposals import proposals_section
from .reach import reach_section
from .sessions import sessions_section

SECTIONS = [sessions_section, reach_section, knowledge_section, outcomes_section, proposals_section, media_section]


def _session_labels():
    return {EventKind.CONSULTATION: _("Consultations held"), EventKind.TRAINING: _("Trainings held"),
            EventKind.SEMINAR: _("Seminars held")}


def _commitment_labels():
    """Promises without a number in the programme file: at least one is the target."""
    return {"proposals_delivered": _("Proposals delivered to the executive authorities"),
            "media_publications": _("Publications about the programme in online media")}


def target_rows(programme: Programme, measures: dict, language: str) -> list[TargetRow]:
    rows = []
    planned = measures.get("_planned", {})
    for kind, label in _session_labels().items():
        if planned.get(kind):
            rows.append(TargetRow(f"sessions_{kind.value}", label, measures.get(f"sessions_{kind.value}", 0),
                                  planned[kind], None))
    codes = set()
    for target in programme.targets:
        label = target.label_en if language == "en" and target.label_en else target.label
        rows.append(TargetRow(target.code, label, measures.get(target.code), target.minimum, target.maximum))
        codes.add(target.code)
    for code, label in _commitment_labels().items():
        if code in measures and code not in codes:
            rows.append(TargetRow(code, label, measures[code], 1, None))
    return rows
