"""Template filters of the case file: display names for stored codes."""

from django import template

from .. import codes

register = template.Library()


@register.filter
def country_name(code: str) -> str:
    return codes.country_name(code)


@register.filter
def language_name(code: str) -> str:
    return codes.language_name(code)
