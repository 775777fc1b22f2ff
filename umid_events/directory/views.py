"""Organisers keep the lists of districts, communities, organisations and people."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask_babel import gettext as _

from ..audit.decorators import audited
from ..audit.models import AuditAction
from ..auth.models import Role
from ..core.forms import choices
from ..core.permissions import role_required
from ..core.queries import enum_arg, int_arg
from ..core.views import run_action, save_form
from ..extensions import db
from . import services
from .forms import KIND_LABELS, CommunityForm, DistrictForm, OrganisationForm
from .models import Community, District, Organisation, OrganisationKind

bp = Blueprint("directory", __name__, url_prefix="/directory")
organisers = role_required(Role.ORGANISER)


def _district_choices(blank=False):
    pairs = [(district.id, district.name) for district in services.list_districts()]
    return choices(([(0, "—")] if blank else []) + pairs)


def _int_arg(name: str) -> int | None:
    return int_arg(request.args.get(name))


# --- districts ---------------------------------------------------------------------------------

@bp.get("/districts")
@organisers
def districts():
    return render_template("directory/districts.html", districts=services.list_districts())


@bp.route("/districts/new", methods=["GET", "POST"], defaults={"district_id": None})
@bp.route("/districts/<int:district_id>", methods=["GET", "POST"])
@organisers
def edit_district(district_id: int | None):
    district = db.get_or_404(District, district_id) if district_id else None
    form = DistrictForm(obj=district)
    return save_form(
        form, lambda f: services.save_district(district, name=f.name.data),
        done=_("Saved."), next_url=url_for(".districts"),
        template="directory/form.html", title=_("District"), record=district,
        delete_url=url_for(".delete_district", district_id=district_id) if district else None,
    )


@bp.post("/districts/<int:district_id>/delete")
@organisers
def delete_district(district_id: int):
    district = db.get_or_404(District, district_id)
    return run_action(lambda: services.delete_district(district), done=_("Deleted."),
                      next_url=url_for(".districts"))


# --- communities -------------------------------------------------------------------------------

@bp.get("/communities")
@organisers
def communities():
    query = request.args.get("q", "")
    return render_template(
        "directory/communities.html", query=query, district_id=_int_arg("district"),
        districts=services.list_districts(),
        communities=services.list_communities(query=query, district_id=_int_arg("district")),
    )


@bp.route("/communities/new", methods=["GET", "POST"], defaults={"community_id": None})
@bp.route("/communities/<int:community_id>", methods=["GET", "POST"])
@organisers
def edit_community(community_id: int | None):
    community = db.get_or_404(Community, community_id) if community_id else None
    form = CommunityForm(
        obj=community,
        municipality_name=community.municipality.name if community and community.municipality else None,
    )
    form.district_id.choices = _district_choices()
    return save_form(
        form,
        lambda f: services.save_community(community, name=f.name.data, district_id=f.district_id.data,
                                          municipality_name=f.municipality_name.data),
        done=_("Saved."), next_url=url_for(".communities"),
        template="directory/form.html", title=_("Community"), record=community,
        delete_url=url_for(".delete_community", community_id=community_id) if community else None,
    )


@bp.post("/communities/<int:community_id>/delete")
@organisers
def delete_community(community_id: int):
    community = db.get_or_404(Community, community_id)
    return run_action(lambda: services.delete_community(community), done=_("Deleted."),
                      next_url=url_for(".communities"))


# --- organisations -----------------------------------------------------------------------------

@bp.get("/organisations")
@organisers
def organisations():
    query = request.args.get("q", "")
    kind = enum_arg(request.args.get("kind"), OrganisationKind)
    return render_template(
        "directory/organisations.html", query=query, kind=kind, kind_labels=KIND_LABELS,
        district_id=_int_arg("district"), districts=services.list_districts(),
        organisations=services.list_organisations(
            query=query, kind=kind,
            district_id=_int_arg("district"),
        ),
    )


@bp.route("/organisations/new", methods=["GET", "POST"], defaults={"organisation_id": None})
@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@organisers
def edit_organisation(organisation_id: int | None):
    organisation = db.get_or_404(Organisation, organisation_id) if organisation_id else None
    form = OrganisationForm(
        obj=organisation,
        kind=organisation.kind.value if organisation else request.args.get("kind", "other"),
        district_id=(organisation.district_id or 0) if organisation else 0,
    )
    form.district_id.choices = _district_choices(blank=True)
    return save_form(
        form,
        lambda f: services.save_organisation(
            organisation, name=f.name.data, kind=OrganisationKind(f.kind.data),
            district_id=f.district_id.data or None, email=f.email.data, address=f.address.data,
        ),
        done=_("Saved."), next_url=url_for(".organisations"),
        template="directory/form.html", title=_("Organisation"), record=organisation,
        delete_url=(url_for(".delete_organisation", organisation_id=organisation_id)
                    if organisation else None),
    )


@bp.post("/organisations/<int:organisation_id>/delete")
@organisers
def delete_organisation(organisation_id: int):
    organisation = db.get_or_404(Organisation, organisation_id)
    return run_action(lambda: services.delete_organisation(organisation), done=_("Deleted."),
                      next_url=url_for(".organisations"))


# --- people ------------------------------------------------------------------------------------

@bp.get("/people")
@organisers
@audited(AuditAction.VIEWED_PERSONAL_DATA, "people")
def people():
    query = request.args.get("q", "")
    return render_template(
        "directory/people.html", query=query,
        people=services.list_people(query=query, community_id=_int_arg("community")),
        communities=services.list_communities(), community_id=_int_arg("community"),
    )
