"""A crawl of every page the demo facilitator can reach, checking the basics of each page.

Every HTML page must: answer 200, say ``<html lang="nl"``, have exactly one ``<h1>``, give every
visible form control a label (``<label for>``, a wrapping ``<label>``, ``aria-label`` or
``aria-labelledby``) and use no id twice.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

from weefwerk.demo.build import DEMO_EMAIL, build_demo

PUBLIC_PAGES = ["/toegankelijkheid", "/account/inloggen/", "/account/wachtwoord-vergeten/"]
# Links the crawl does not follow: they log out or leave the HTML pages.
SKIP_PREFIXES = ("/account/uitloggen/", "/static/", "/media/", "/beheer/", "/i18n/")
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.h1_count = 0
        self.ids: Counter = Counter()
        self.label_for: set[str] = set()
        self.controls: list[dict] = []  # attrs of each control, plus whether inside a <label>
        self.links: list[str] = []
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if "id" in a:
            self.ids[a["id"]] += 1
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag in ("input", "select", "textarea"):
            if tag == "input" and a.get("type", "text").lower() in UNLABELLED_TYPES:
                return
            if "hidden" in a or a.get("aria-hidden") == "true":
                return
            self.controls.append({"tag": tag, **a, "_wrapped": self._label_depth > 0})

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "label" and self._label_depth:
            self._label_depth -= 1

    def unlabelled(self) -> list[str]:
        problems = []
        for control in self.controls:
            if (
                control["_wrapped"]
                or control.get("aria-label", "").strip()
                or control.get("aria-labelledby", "").strip()
                or (control.get("id") and control["id"] in self.label_for)
            ):
                continue
            problems.append(
                f"<{control['tag']} name={control.get('name')!r} id={control.get('id')!r}>"
            )
        return problems


def check_page(url: str, response) -> list[str]:
    """What is wrong with one page; empty when it is fine."""
    problems = []
    if response.status_code != 200:
        return [f"status {response.status_code}"]
    if "text/html" not in response.get("Content-Type", "text/html"):
        return []  # a download (calendar file, CSV): only its status counts
    parser = PageParser()
    parser.feed(response.content.decode())
    if parser.html_lang != "nl":
        problems.append(f'<html lang="{parser.html_lang}">, expected "nl"')
    if parser.h1_count != 1:
        problems.append(f"{parser.h1_count} <h1> elements, expected exactly one")
    for control in parser.unlabelled():
        problems.append(f"no label: {control}")
    duplicates = sorted(i for i, n in parser.ids.items() if n > 1)
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")
    return problems


def internal_links(base: str, parser: PageParser) -> list[str]:
    links = []
    for href in parser.links:
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(SKIP_PREFIXES) or path.endswith((".csv", ".txt", ".xlsx", ".pdf")):
            continue
        links.append(path)
    return links


CRAWL_LIMIT = 2000


def crawl(client: Client, start: str, limit: int = CRAWL_LIMIT) -> dict[str, object]:
    """Every page reachable from ``start`` by following links, with its response."""
    seen: dict[str, object] = {}
    queue = deque([start])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url, follow=True)
        seen[url] = response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        final = response.redirect_chain[-1][0] if response.redirect_chain else url
        parser = PageParser()
        parser.feed(response.content.decode())
        queue.extend(link for link in internal_links(final, parser) if link not in seen)
    return seen


def crawl_as_facilitator(client: Client) -> dict[str, object]:
    from django.contrib.auth import get_user_model

    build_demo()
    client.force_login(get_user_model().objects.get(email=DEMO_EMAIL))
    return crawl(client, "/")


@pytest.mark.django_db
def test_every_page_the_facilitator_reaches_is_sound(client):
    pages = crawl_as_facilitator(client)
    html_pages = {
        url: r for url, r in pages.items() if "html" in r.get("Content-Type", "text/html")
    }
    # The crawl must really have got around: lists, detail pages, forms, delete pages.
    paths = " ".join(pages)
    for part in ("/organisaties/", "/personen/", "/bijeenkomsten/", "/domeinen/", "/leden/"):
        assert part in paths, f"the crawl never reached a page under {part}"
    assert len(html_pages) > 60, sorted(pages)
    assert len(pages) < CRAWL_LIMIT, "the crawl stopped at its limit: raise CRAWL_LIMIT"
    problems = {url: check_page(url, r) for url, r in pages.items()}
    problems = {url: p for url, p in problems.items() if p}
    assert not problems, "\n".join(f"{url}: {'; '.join(p)}" for url, p in problems.items())


@pytest.mark.django_db
def test_public_pages_are_sound(client):
    problems = {}
    for url in PUBLIC_PAGES:
        found = check_page(url, client.get(url))
        if found:
            problems[url] = found
    assert not problems, problems
    # The public pages link only to pages that are sound too (logged out).
    pages = crawl(client, "/account/inloggen/")
    assert "/toegankelijkheid" in pages
    problems = {url: check_page(url, r) for url, r in pages.items()}
    problems = {url: p for url, p in problems.items() if p}
    assert not problems, problems


@pytest.mark.django_db
def test_security_txt(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert any(line.startswith("Contact: ") and len(line) > len("Contact: ") for line in lines)
    assert any(line.startswith("Expires: ") for line in lines)


def test_the_checks_find_problems():
    """The checker itself: a page with every mistake it looks for."""

    class Response(dict):
        status_code = 200
        content = (
            b'<html lang="en"><body><h1>a</h1><h1>b</h1>'
            b'<input name="q" id="x"><span id="x"></span>'
            b'<label>Wrapped <input name="ok"></label>'
            b'<input type="hidden" name="h"><select name="s" aria-label="S"></select>'
            b"<textarea name=t></textarea></body></html>"
        )

    problems = " | ".join(check_page("/x", Response({"Content-Type": "text/html"})))
    assert 'lang="en"' in problems
    assert "2 <h1>" in problems
    assert "name='q'" in problems and "name='t'" in problems
    assert "name='ok'" not in problems and "name='s'" not in problems
    assert "name='h'" not in problems
    assert "duplicate ids: ['x']" in problems
