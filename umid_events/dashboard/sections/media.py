"""Publications about the programme in online media (recorded with the press releases)."""

from __future__ import annotations

from flask_babel import gettext as _

from ...documents.press import media_publication_count
from ..figures import Context, Section, Table


def media_section(context: Context) -> Section:
    count = media_publication_count(context.programme, context.period.start, context.period.end)
    return Section(
        "media", _("Media"),
        [Table("media", _("Media publications"), [_("Publications"), _("Number")],
               [[_("Publications of the press releases in online media"), count]])],
        highlights=[(_("Media publications"), str(count))],
        measures={"media_publications": count},
    )
