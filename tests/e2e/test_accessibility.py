"""axe-core (the WCAG 2.0/2.1 A and AA rules) on the pages the crawl reaches, desktop and phone.

The crawl of tests/test_crawl.py (as the demo facilitator, and logged out from the login page)
finds the pages. Pages that differ only in their ids or secret tokens (the edit page of each of
30 people) share one template, so each kind of page is checked on its first and last instance,
each loaded once and checked at 1280x800 and again resized to 360x740: checking all of the
several hundred pages would take the browser tests far past their time budget.
``WEEFWERK_AXE_ALL=1`` checks every page at both widths. The import pages, which no link
reaches, are checked in test_foundation_flow.py.
"""

import os
import re

from django.contrib.auth import get_user_model
from django.test import Client

PUBLIC_EXTRA = ["/account/wachtwoord-vergeten/verstuurd/"]


def page_kind(url: str) -> str:
    """``/trajecten/3/personen/12/bewerken/?x=1`` -> ``/trajecten/N/personen/N/bewerken/?x``."""
    path, _, query = url.partition("?")
    keys = "&".join(sorted(part.split("=")[0] for part in query.split("&") if part))
    path = "/".join(
        "T" if len(part) >= 20 else re.sub(r"\d+", "N", part) for part in path.split("/")
    )
    return path + (f"?{keys}" if keys else "")


def sample(urls: list[str]) -> list[str]:
    """The first and last page of each kind."""
    if os.environ.get("WEEFWERK_AXE_ALL"):
        return urls
    kinds: dict[str, list[str]] = {}
    for url in urls:
        kinds.setdefault(page_kind(url), []).append(url)
    chosen = []
    for group in kinds.values():
        chosen.extend(dict.fromkeys([group[0], group[-1]]))
    return chosen


def html_urls(pages: dict) -> list[str]:
    return [
        url
        for url, response in pages.items()
        if response.status_code == 200
        and "text/html" in response.get("Content-Type", "")
        # An HTML file offered as a download (one's own data as HTML) is no page to visit.
        and not response.get("Content-Disposition", "").startswith("attachment")
    ]


def test_facilitator_pages_have_no_violations(page, axe, demo, login, crawler):
    client = Client()
    client.force_login(get_user_model().objects.get(email=demo["email"]))
    urls = html_urls(crawler.crawl(client, "/"))
    checked = sample(urls)
    assert len(checked) > 30

    login(page, demo["email"], demo["password"])
    reports = [report for url in checked for report in axe.check(url)]
    assert not reports, f"axe found violations on {len(reports)} page views:\n\n" + "\n\n".join(
        reports
    )
    print(f"axe: {len(checked)} of {len(urls)} pages, {axe.runs} runs, no violations")


def test_public_pages_have_no_violations(page, axe, crawler, transactional_db):
    pages = crawler.crawl(Client(), "/account/inloggen/")
    urls = list(dict.fromkeys(crawler.PUBLIC_PAGES + html_urls(pages) + PUBLIC_EXTRA))
    reports = [report for url in urls for report in axe.check(url)]

    # A form with errors: the login page after a wrong password.
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres", exact=True).fill("niemand@voorbeeld.example")
    page.get_by_label("Wachtwoord", exact=True).fill("fout-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-alert--error, [role=alert]").count() > 0
    reports += axe.check_current("login with a wrong password")

    assert not reports, "axe found violations:\n\n" + "\n\n".join(reports)


def test_the_check_finds_violations(page, axe):
    """The options really select rules: a page with known mistakes fails."""
    page.set_content(
        '<html><head><title>x</title></head><body><main><h1>Test</h1><input name="q">'
        '<p style="color:#bbb;background:#fff">Te licht</p></main></body></html>'
    )
    found = {violation["id"] for violation in axe.violations()}
    assert {"label", "color-contrast", "html-has-lang"} <= found, found
