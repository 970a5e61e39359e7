"""Shared steps of the browser tests: logging in (through the form or by session cookie) and axe scans."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.test import Client

from wegweiser.core.testing import PASSWORD, current_totp, verified_client

AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.1 level A and AA, as required for German public-sector software (BITV 2.0).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def log_in(page, user) -> None:
    """Log in through the forms, as a person would: username and password, then the TOTP code."""
    page.goto("/konto/anmelden/")
    page.get_by_label("Benutzername").fill(user.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Weiter").click()
    page.wait_for_url("**/konto/zweiter-faktor/")
    page.get_by_label("Sechsstelliger Code aus der Authenticator-App").fill(current_totp(user))
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.wait_for_url(lambda url: "/konto/" not in url)


def _add_session(context, server: str, client: Client) -> None:
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server}])


def use_verified_session(context, server: str, user) -> None:
    """Give the browser a session with password and second factor done (for tests about other pages)."""
    _add_session(context, server, verified_client(user))


def use_half_session(context, server: str, user) -> None:
    """A session after the password step only (the second-factor page's own state)."""
    client = Client()
    client.force_login(user)
    _add_session(context, server, client)


def axe_violations(page) -> list[dict]:
    """Run axe-core (WCAG 2.1 A + AA) on the loaded page; the page's context must bypass the CSP."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    """The violations in a readable form for the assertion message: rule, help text, offending nodes."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:10]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {json.dumps(node['target'])}: {summary[:300]}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe found WCAG 2.1 AA violations on {page.url}:\n{describe(violations)}"


# --- keyboard only -----------------------------------------------------------------------------------

#: What a visible focus indicator can change, on the control, its wrapper and their ::before/::after.
_FOCUS_STYLE_JS = """el => {
  const props = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'borderColor', 'borderWidth',
                 'backgroundColor', 'color', 'textDecorationLine'];
  const out = [];
  for (const node of [el, el.parentElement]) {
    for (const pseudo of [null, '::before', '::after']) {
      const s = getComputedStyle(node, pseudo);
      out.push(props.map(p => s[p]).join('|'));
    }
  }
  return out;
}"""


def is_focused(target) -> bool:
    return target.evaluate("el => el === document.activeElement")


def tab_to(page, target, *, backwards: bool = False, limit: int = 200) -> None:
    """Press Tab (Shift+Tab) until ``target`` has the focus, as a keyboard user would; fails if it never
    gets it, and if it does not look different once focused (WCAG 2.4.7, focus visible)."""
    target.wait_for()
    unfocused = target.evaluate(_FOCUS_STYLE_JS)
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if is_focused(target):
            break
    else:
        raise AssertionError(f"{target} not reached with {limit} × {key}")
    for _ in range(10):  # a CSS transition may still be on its first frame
        if target.evaluate(_FOCUS_STYLE_JS) != unfocused:
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"{target} shows no visible focus indicator")


def type_into(page, target, text: str) -> None:
    tab_to(page, target)
    page.keyboard.type(text)


def choose(page, target, label: str) -> None:
    """Pick an option of a select by typing its label (type-ahead), then check the choice."""
    tab_to(page, target)
    page.keyboard.type(label)
    chosen = target.evaluate("el => el.selectedOptions[0] && el.selectedOptions[0].textContent.trim()")
    assert chosen == label, f"typing {label!r} into {target} chose {chosen!r}"


def type_date(page, target, iso: str) -> None:
    """Type a date into the browser's date field (segments month, day, year: the browser runs with the
    en-US locale, see conftest) and check that the field holds that date."""
    tab_to(page, target)
    year, month, day = iso.split("-")
    page.keyboard.type(f"{month}{day}{year}")
    assert target.input_value() == iso
