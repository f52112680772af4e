"""The forms of a page as a browser sees them: action, method and every named field with the value it
would send untouched (checked boxes and radios, selected options, hidden fields) and the values it
offers (radios, options), read with the standard library's HTML parser."""

import dataclasses
from html.parser import HTMLParser


@dataclasses.dataclass
class Field:
    name: str
    kind: str  # input type, "select" or "textarea"
    value: str | None = None  # what the browser sends as it is (None: nothing)
    choices: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Form:
    action: str
    method: str
    fields: dict[str, Field] = dataclasses.field(default_factory=dict)

    def defaults(self) -> dict[str, str]:
        return {name: f.value for name, f in self.fields.items() if f.value is not None}


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.form = Form(a.get("action", ""), a.get("method", "get").lower())
            self.forms.append(self.form)
        elif self.form is None or ("name" not in a and tag in ("input", "select", "textarea")):
            return
        elif tag == "input" and a.get("type", "text") not in ("submit", "button", "file", "reset", "image"):
            self._input(a)
        elif tag in ("button", "input") and a.get("name"):  # a named submit button: one of its values
            field = self.form.fields.setdefault(a["name"], Field(a["name"], "submit"))
            field.choices.append(a.get("value", ""))
            field.value = field.value if field.value is not None else a.get("value", "")
        elif tag == "select":
            self.select = self.form.fields.setdefault(a["name"], Field(a["name"], "select"))
        elif tag == "option" and self.select is not None:
            self.select.choices.append(a.get("value", ""))
            if "selected" in a or self.select.value is None:
                self.select.value = a.get("value", "")
        elif tag == "textarea":
            self.textarea = self.form.fields.setdefault(a["name"], Field(a["name"], "textarea", ""))

    def _input(self, a):
        kind = a.get("type", "text")
        field = self.form.fields.setdefault(a["name"], Field(a["name"], kind))
        if kind in ("radio", "checkbox"):
            field.choices.append(a.get("value", "on"))
            if "checked" in a:
                field.value = a.get("value", "on")
        else:
            field.value = a.get("value", "")

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms
