"""The "check your answers" summary of a filled form, for the page that works without JavaScript."""

from . import form_model, labels
from .dates import date_in_words
from .rendering import country_name, gettext


def in_words(raw: str, lang: str) -> str:
    """2025-03-12 -> "12 mars 2025": a date as people say it (Morocco's Arabic, Western digits); a
    value that is not a date (a tampered form) is shown as sent, escaped."""
    return date_in_words(raw, lang) if len(raw) == 10 else raw


def _display(spec: form_model.FieldSpec, raw: str, lang: str) -> str:
    if spec.widget == "date":
        return in_words(raw, lang)
    if spec.widget == "country":
        return country_name(raw, lang)
    if spec.widget in ("radios", "select"):
        text = dict(spec.choices).get(raw)
        if text is None:
            return raw  # not one of the options (the form was tampered with): shown as sent, escaped
        return gettext(text) if spec.translate_choices else text
    if spec.widget in ("yesno", "checkbox"):
        return gettext(labels.YES_NO["true" if raw in ("true", "on") else "false"])
    return raw


def summarise(values: dict[str, str], lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(step title, [(label, answer)])], only for what the person answered."""
    out = []
    for _step, title, specs in form_model.form_steps():
        rows = []
        for spec in specs:
            if spec.widget == "members":
                index = 0
                while any(values.get(f"members.{index}.{c.name.rsplit('.', 1)[1]}") for c in spec.children):
                    parts = [values.get(f"members.{index}.{c.name.rsplit('.', 1)[1]}", "") for c in spec.children]
                    rows.append((gettext("Member %(n)s") % {"n": index + 1}, " ".join(p for p in parts if p)))
                    index += 1
            elif values.get(spec.name):
                rows.append((gettext(spec.label), _display(spec, values[spec.name], lang)))
        if rows:
            out.append((gettext(title), rows))
    return out
