"""The shared previous/next navigation of paginated lists."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.template.loader import render_to_string


def _render(number: int, **context) -> str:
    page = Paginator(list(range(75)), 25).get_page(number)
    return render_to_string("includes/pagination.html", {"page": page, **context})


def test_middle_page_links_both_ways_and_keeps_filters_and_anchor():
    html = _render(2, query="status=offen&art=nachweis", anchor="liste")  # as the views pass it (urlencode)
    assert 'href="?status=offen&amp;art=nachweis&amp;seite=1#liste"' in html
    assert 'href="?status=offen&amp;art=nachweis&amp;seite=3#liste"' in html
    assert "Seite 2 von 3" in html and 'aria-label="Seiten"' in html


def test_first_and_last_page_offer_one_direction_and_a_single_page_nothing():
    assert "Vorherige Seite" not in _render(1) and 'href="?seite=2"' in _render(1)
    assert "Nächste Seite" not in _render(3) and 'href="?seite=2"' in _render(3)
    single = render_to_string("includes/pagination.html", {"page": Paginator([1], 25).get_page(1)})
    assert "<nav" not in single
