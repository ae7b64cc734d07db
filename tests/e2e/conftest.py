"""Playwright (sync API) against pytest-django's live server, with Debian's chromium.

One browser per test session; every test gets a fresh context (cookies, storage) and page.
Every test in this folder is marked ``e2e``: ``pytest -m e2e`` runs only these,
``pytest -m "not e2e"`` everything else.
"""

import importlib.util
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run in a
# thread with an event loop unless told that it is safe, which it is here (one thread per test).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        # Fail, never skip: a green run without the browser tests would hide them.
        pytest.fail(f"{CHROMIUM} is missing: run make system-packages (apt-get install chromium)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


@pytest.fixture
def context(browser, live_server, transactional_db):
    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="nl-NL", timezone_id="Europe/Amsterdam"
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


def _login(page, email, password):
    """Log in through the login form, as a person would."""
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres", exact=True).fill(email)
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/account/inloggen/" not in url)


@pytest.fixture
def login():
    """``login(page, email, password)``: log in through the form."""
    return _login


def _load_crawler():
    """tests/test_crawl.py, loaded by path: its crawl finds the pages to check here too."""
    spec = importlib.util.spec_from_file_location(
        "weefwerk_tests_crawl", HERE.parent / "test_crawl.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def crawler():
    return _load_crawler()


@pytest.fixture
def demo(transactional_db):
    """The demo trajectory, with its facilitator's login."""
    from weefwerk.demo.build import DEMO_EMAIL, DEMO_PASSWORD, build_demo

    trajectory = build_demo()
    return {"trajectory": trajectory, "email": DEMO_EMAIL, "password": DEMO_PASSWORD}


# axe-core with the WCAG 2.0 and 2.1 A and AA rules.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def format_violations(where: str, viewport: dict, violations: list[dict]) -> str:
    lines = [f"{where} at {viewport['width']}x{viewport['height']}:"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
            lines.append(f"      {node['html'][:200]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


class AxeChecker:
    """Runs axe on the page as it is now, at desktop and at phone width."""

    DESKTOP, PHONE = DESKTOP, PHONE

    def __init__(self, page):
        from axe_playwright_python.sync_playwright import Axe

        self.page = page
        self.axe = Axe()
        self.runs = 0

    def violations(self) -> list[dict]:
        self.runs += 1
        return self.axe.run(self.page, options=AXE_OPTIONS).response["violations"]

    def check_current(self, where: str, viewports=(DESKTOP, PHONE)) -> list[str]:
        """Reports for the page now shown, at each width; empty when there are no violations."""
        reports = []
        for viewport in viewports:
            self.page.set_viewport_size(viewport)
            violations = self.violations()
            if violations:
                reports.append(format_violations(where, viewport, violations))
        self.page.set_viewport_size(DESKTOP)
        return reports

    def check(self, url: str, viewports=(DESKTOP, PHONE)) -> list[str]:
        """Loads ``url`` at desktop width, then checks it at each width."""
        self.page.set_viewport_size(DESKTOP)
        response = self.page.goto(url)
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        return self.check_current(url, viewports)


@pytest.fixture
def axe(page):
    return AxeChecker(page)
