"""The POST forms of a page, read from its HTML as a browser would submit them."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

TEXT_TYPES = {"text", "search", "email", "tel", "url", ""}
FREE_TEXT_TYPES = {"text", "search", ""}
VALID = {"email": "qonaq@example.org", "tel": "050 123 45 67", "url": "https://example.org/x",
         "date": "2030-01-15", "datetime-local": "2030-01-15T10:00", "time": "10:00", "number": "1",
         "month": "2030-01"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False


@dataclass
class HtmlForm:
    action: str
    fields: list[Field] = field(default_factory=list)
    multipart: bool = False

    def baseline(self) -> dict[str, str | list[str]]:
        """What a user who changes nothing (and fills required blanks sensibly) sends."""
        data: dict[str, list[str]] = {}
        radios_done: set[str] = set()
        for f in self.fields:
            if f.kind in ("submit", "button", "reset", "image", "file", "password"):
                continue
            if f.kind == "checkbox":
                if f.checked:
                    data.setdefault(f.name, []).append(f.value or "y")
                continue
            if f.kind == "radio":
                if f.name in radios_done:
                    continue
                group = [g for g in self.fields if g.kind == "radio" and g.name == f.name]
                chosen = next((g for g in group if g.checked), group[0])
                data.setdefault(f.name, []).append(chosen.value)
                radios_done.add(f.name)
                continue
            if f.kind == "select":
                data.setdefault(f.name, []).append(f.value)
                continue
            value = f.value
            if not value and f.kind in VALID:
                value = VALID[f.kind]
            elif not value and f.kind in FREE_TEXT_TYPES | {"textarea"}:
                value = "Sınaq mətni"
            data.setdefault(f.name, []).append(value)
        return {name: values[0] if len(values) == 1 else values for name, values in data.items()}

    def free_text(self) -> list[str]:
        return sorted({f.name for f in self.fields if f.kind in FREE_TEXT_TYPES | {"textarea"}})

    def typed_text(self) -> list[str]:
        return sorted({f.name for f in self.fields if f.kind in TEXT_TYPES | {"textarea"}})

    def other_values(self) -> list[str]:
        return sorted({f.name for f in self.fields
                       if f.kind in {"hidden", "select", "radio", "checkbox", "date", "datetime-local",
                                     "time", "number", "month"} and f.name != "csrf_token"})

    @property
    def checkboxes(self) -> tuple[str, ...]:
        """Names of checkbox fields, with "=": a browser sends only their own values."""
        return tuple(f"{f.name}=" for f in self.fields if f.kind == "checkbox")

    def file_fields(self) -> list[str]:
        return [f.name for f in self.fields if f.kind == "file"]


class _Parser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                target = urljoin(self.page_url, a.get("action") or self.page_url)
                parts = urlsplit(target)
                self._form = HtmlForm(parts.path + (f"?{parts.query}" if parts.query else ""),
                                      multipart="multipart" in a.get("enctype", ""))
                self.forms.append(self._form)
            return
        if self._form is None or "name" not in a or "disabled" in a:
            return
        if tag == "input":
            self._form.fields.append(Field(a["name"], a.get("type", "text").lower(), a.get("value", ""),
                                           checked="checked" in a))
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._form.fields.append(Field(a["name"], "submit", a.get("value", "")))
        elif tag == "textarea":
            self._textarea = Field(a["name"], "textarea")
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(a["name"], "select")
            self._form.fields.append(self._select)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if not self._select.value and self._select.options:
                self._select.value = next((o for o in self._select.options if o), self._select.options[0])
            self._select = None


class _OptionParser(_Parser):
    def handle_starttag(self, tag, attrs):
        if tag == "option" and self._select is not None:
            a = {k: (v or "") for k, v in attrs}
            value = a.get("value", "")
            self._select.options.append(value)
            if "selected" in a:
                self._select.value = value
            return
        super().handle_starttag(tag, attrs)


def post_forms(page_url: str, html: str) -> list[HtmlForm]:
    parser = _OptionParser(page_url)
    parser.feed(html)
    return parser.forms
