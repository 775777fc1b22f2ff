"""Read and check a programme plan written in YAML, naming the line of every mistake.

The result is plain data (``ProgrammePlan``); writing it to the database is
``services.load_programme``. Nothing is written unless the whole file is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from ..directory.models import OrganisationKind
from ..events.kinds import EventKind

MAX_FILE_BYTES = 1024 * 1024


class ProgrammeFileError(ValueError):
    def __init__(self, message: str, line: int | None = None, source: str = "") -> None:
        self.message, self.line, self.source = message, line, source
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {message}" if where else message)


class _Mapping(dict):
    """A YAML mapping that remembers where it and each of its keys stood."""

    line: int = 0
    key_lines: dict


class _Sequence(list):
    line: int = 0


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = _Mapping(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {
            self.construct_object(key, deep=True): key.start_mark.line + 1 for key, _ in node.value
        }
        return mapping

    def construct_sequence(self, node, deep=False):
        sequence = _Sequence(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        return sequence


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


@dataclass
class CommunityPlan:
    code: str | None
    name: str
    municipality: str | None
    needs_naming: bool


@dataclass
class DistrictPlan:
    name: str
    communities: list[CommunityPlan]


@dataclass
class OrganisationPlan:
    name: str
    kind: OrganisationKind
    district: str | None


@dataclass
class TargetPlan:
    code: str
    label: str
    label_en: str | None
    minimum: int
    maximum: int | None


@dataclass
class ProgrammePlan:
    slug: str
    name: str
    name_en: str | None
    organisation: str
    donor_line: str | None
    donor_line_en: str | None
    starts_on: date
    ends_on: date
    districts: list[DistrictPlan]
    organisations: list[OrganisationPlan] = field(default_factory=list)
    per_community: dict[EventKind, int] = field(default_factory=dict)
    programme_wide: dict[EventKind, int] = field(default_factory=dict)
    targets: list[TargetPlan] = field(default_factory=list)
    is_demo: bool = False

    @property
    def community_count(self) -> int:
        return sum(len(district.communities) for district in self.districts)

    def planned(self, kind: EventKind) -> int:
        return self.per_community.get(kind, 0) * self.community_count + self.programme_wide.get(kind, 0)


class _Reader:
    """Typed access to a parsed mapping that raises ``ProgrammeFileError`` with line numbers."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, message: str, line: int | None):
        raise ProgrammeFileError(message, line, self.source)

    def line_of(self, mapping, key=None) -> int | None:
        if key is not None and isinstance(mapping, _Mapping) and key in mapping.key_lines:
            return mapping.key_lines[key]
        return getattr(mapping, "line", None)

    def mapping(self, parent, key, required=True):
        value = parent.get(key)
        if value is None:
            if required:
                self.fail(f"'{key}' is missing", self.line_of(parent))
            return _Mapping()
        if not isinstance(value, dict):
            self.fail(f"'{key}' must be a mapping (key: value lines)", self.line_of(parent, key))
        return value

    def sequence(self, parent, key, required=True):
        value = parent.get(key)
        if value is None:
            if required:
                self.fail(f"'{key}' is missing", self.line_of(parent))
            return _Sequence()
        if not isinstance(value, list):
            self.fail(f"'{key}' must be a list (lines starting with '-')", self.line_of(parent, key))
        return value

    def text(self, parent, key, required=True, max_length=300):
        value = parent.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(f"'{key}' is missing or empty", self.line_of(parent, key))
            return None
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            self.fail(f"'{key}' must be text", self.line_of(parent, key))
        value = str(value).strip()
        if len(value) > max_length:
            self.fail(f"'{key}' is longer than {max_length} characters", self.line_of(parent, key))
        return value

    def date(self, parent, key):
        value = parent.get(key)
        if not isinstance(value, date):
            self.fail(f"'{key}' must be a date written as YYYY-MM-DD", self.line_of(parent, key))
        return value

    def count(self, parent, key, required=True):
        value = parent.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            self.fail(f"'{key}' must be a whole number, 0 or more", self.line_of(parent, key))
        return value

    def choice(self, parent, key, enum_class):
        value = self.text(parent, key)
        try:
            return enum_class(value)
        except ValueError:
            allowed = ", ".join(member.value for member in enum_class)
            self.fail(f"'{key}' must be one of: {allowed} (not '{value}')", self.line_of(parent, key))


def parse_programme_text(text: str, source: str = "") -> ProgrammePlan:
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = f"not valid YAML: {exc.problem or exc}"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            message += f" ({exc.context} on line {exc.context_mark.line + 1})"
        raise ProgrammeFileError(message, line, source) from exc
    except yaml.YAMLError as exc:
        raise ProgrammeFileError(f"not valid YAML: {exc}", None, source) from exc
    reader = _Reader(source)
    if not isinstance(document, dict):
        reader.fail("the file must start with the 'programme:' section", 1)
    return _read_plan(reader, document)


def parse_programme_file(path: str | Path) -> ProgrammePlan:
    path = Path(path)
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProgrammeFileError(f"cannot be read ({exc.strerror})", None, source) from exc
    if len(raw) > MAX_FILE_BYTES:
        raise ProgrammeFileError("is larger than 1 MB; is it the right file?", None, source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProgrammeFileError("is not UTF-8 text; save it as UTF-8", line, source) from exc
    return parse_programme_text(text, source)


def _read_plan(reader: _Reader, document) -> ProgrammePlan:
    head = reader.mapping(document, "programme")
    slug = reader.text(head, "slug", max_length=80)
    if not slug.replace("-", "").replace("_", "").isalnum() or not slug.isascii():
        reader.fail("'slug' may hold only Latin letters, digits, '-' and '_'", reader.line_of(head, "slug"))
    plan = ProgrammePlan(
        slug=slug,
        name=reader.text(head, "name"),
        name_en=reader.text(head, "name_en", required=False),
        organisation=reader.text(head, "organisation"),
        donor_line=reader.text(head, "donor_line", required=False, max_length=2000),
        donor_line_en=reader.text(head, "donor_line_en", required=False, max_length=2000),
        starts_on=reader.date(head, "starts_on"),
        ends_on=reader.date(head, "ends_on"),
        districts=[],
        is_demo=bool(head.get("demo", False)),
    )
    if plan.ends_on < plan.starts_on:
        reader.fail("'ends_on' is before 'starts_on'", reader.line_of(head, "ends_on"))

    plan.districts = _read_districts(reader, document)
    district_names = {district.name for district in plan.districts}
    for entry in reader.sequence(document, "organisations", required=False):
        if not isinstance(entry, dict):
            reader.fail("each organisation must be a mapping with 'name' and 'kind'", reader.line_of(entry))
        district = reader.text(entry, "district", required=False)
        if district and district not in district_names:
            reader.fail(f"district '{district}' is not listed under 'districts'", reader.line_of(entry, "district"))
        plan.organisations.append(
            OrganisationPlan(reader.text(entry, "name"), reader.choice(entry, "kind", OrganisationKind), district)
        )

    quotas = reader.mapping(document, "plan")
    plan.per_community = _read_quotas(reader, quotas, "per_community")
    plan.programme_wide = _read_quotas(reader, quotas, "programme")

    codes = set()
    for entry in reader.sequence(document, "targets", required=False):
        if not isinstance(entry, dict):
            reader.fail("each target must be a mapping with 'code', 'label' and 'min'", reader.line_of(entry))
        target = TargetPlan(
            code=reader.text(entry, "code", max_length=60),
            label=reader.text(entry, "label"),
            label_en=reader.text(entry, "label_en", required=False),
            minimum=reader.count(entry, "min"),
            maximum=reader.count(entry, "max", required=False),
        )
        if target.code in codes:
            reader.fail(f"target '{target.code}' appears twice", reader.line_of(entry, "code"))
        if target.maximum is not None and target.maximum < target.minimum:
            reader.fail("'max' is smaller than 'min'", reader.line_of(entry, "max"))
        codes.add(target.code)
        plan.targets.append(target)
    return plan


def _read_districts(reader: _Reader, document) -> list[DistrictPlan]:
    districts, seen, codes = [], set(), set()
    entries = reader.sequence(document, "districts")
    if not entries:
        reader.fail("'districts' lists no district", reader.line_of(document, "districts"))
    for entry in entries:
        if not isinstance(entry, dict):
            reader.fail("each district must be a mapping with 'name' and 'communities'", reader.line_of(entry))
        name = reader.text(entry, "name", max_length=200)
        if name in seen:
            reader.fail(f"district '{name}' appears twice", reader.line_of(entry, "name"))
        seen.add(name)
        communities, community_names = [], set()
        for item in reader.sequence(entry, "communities", required=False):
            if not isinstance(item, dict):
                reader.fail("each community must be a mapping with 'name'", reader.line_of(item) or reader.line_of(entry, "communities"))
            community = CommunityPlan(
                code=reader.text(item, "code", required=False, max_length=60),
                name=reader.text(item, "name", max_length=200),
                municipality=reader.text(item, "municipality", required=False, max_length=200),
                needs_naming=bool(item.get("needs_naming", False)),
            )
            if community.name in community_names:
                reader.fail(f"community '{community.name}' appears twice in {name}", reader.line_of(item, "name"))
            if community.code and community.code in codes:
                reader.fail(f"community code '{community.code}' appears twice", reader.line_of(item, "code"))
            community_names.add(community.name)
            codes.add(community.code)
            communities.append(community)
        districts.append(DistrictPlan(name, communities))
    return districts


def _read_quotas(reader: _Reader, quotas, key) -> dict[EventKind, int]:
    section = reader.mapping(quotas, key, required=False)
    result = {}
    for kind_name in section:
        try:
            kind = EventKind(kind_name)
        except ValueError:
            allowed = ", ".join(member.value for member in EventKind)
            reader.fail(f"'{kind_name}' is not a kind of event ({allowed})", reader.line_of(section, kind_name))
        result[kind] = reader.count(section, kind_name)
    return result
