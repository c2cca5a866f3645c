import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from secretariat.labels.models import Label

register = template.Library()

_BOLD = re.compile(r"\*\*(.+?)\*\*")


@register.filter
def inline(text: str) -> str:
    """Escape text, then turn its `**bold**` runs into <strong>."""
    return mark_safe(_BOLD.sub(r"<strong>\1</strong>", escape(text or "")))


@register.filter
def label_name(value) -> str:
    return Label(value).name


@register.filter
def at(mapping, key):
    """`mapping|at:key`: a dict's value for a key held in a variable (or None)."""
    return mapping.get(key) if mapping else None


@register.inclusion_tag("labels/badge.html")
def label_badge(value):
    label = Label(value)
    return {"name": label.name, "css": label.name.lower()}
