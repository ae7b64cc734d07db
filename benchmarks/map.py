"""How fast the network map draws 2,000 elements and 6,000 connections, and filters them.

Run: ``.venv/bin/python benchmarks/map.py`` (needs Debian's chromium at /usr/bin/chromium and
the static files from ``npm run build``). It builds the network in a temporary SQLite database,
collects the static files the way production does (hashed names, compressed, served by
WhiteNoise with a long cache lifetime), serves the real page, its JSON and its scripts with a
test server, opens the map in headless chromium as the facilitator and prints, as the median of
5 runs:

- first render: from navigation start until the layout is done and the nodes are drawn
  (``window.weefwerkMap.ready``, measured with performance.now() in the page), once with every
  position saved (the usual case: the map was arranged before) and once with no saved
  positions, so fcose lays out the whole network. "First visit" starts each run with an empty
  browser cache; "returning visit" opens the map a third time in the same browser, so the
  scripts come from the cache, compiled, as on most visits (kaart.json is never cached);
- filter: hiding one kind of element (unchecking "Persoon"), until the next frame is drawn.

Targets: first render under 1.5 s, filter under 200 ms. It prints figures and asserts nothing.

On a shared machine the figures move with the load. ``--compare OLD.js`` serves another copy of
networkmap.js (say, from ``git show HEAD~3:src/weefwerk/static/weefwerk/networkmap.js``) in
turns with the current one, run by run, so both see the same load (first visits only: serving a
script this way turns off the browser cache); ``--saved-only`` skips the
slow run without saved positions and ``--runs N`` changes the number of runs.
"""

import argparse
import math
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ELEMENTS = 2000
CONNECTIONS = 6000
RUNS = 5
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--no-first-run",
]
KINDS = ["organisation"] * 8 + ["person"] * 7 + ["table"] * 2 + ["programme"] * 2 + ["informal"]
CONNECTION_KINDS = ["works_with", "works_with", "refers_to", "calls_when_stuck", "takes_part_in"]


def setup_django(directory: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weefwerk.conf.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory / 'map-benchmark.sqlite3'}"
    # Static files as in production: hashed, compressed, served by WhiteNoise.
    os.environ["STATIC_ROOT"] = str(directory / "static")
    os.environ["STATICFILES_BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def build_network(trajectory, *, with_positions: bool, seed: int = 7) -> None:
    """Communities of about 50 elements, most ties inside a community, a few between."""
    from weefwerk.networkmap import services
    from weefwerk.networkmap.models import Connection, Element, Position

    rng = random.Random(seed)
    domains = list(trajectory.domains.all())
    elements = Element.objects.bulk_create(
        Element(
            trajectory=trajectory,
            kind=rng.choice(KINDS),
            label=f"Element {number:04d}",
            status=rng.choices(["active", "proposed", "wanted"], [90, 7, 3])[0],
            tags=rng.sample(["wijk", "zorg", "school", "geld", "vrije tijd"], rng.randint(0, 2)),
        )
        for number in range(ELEMENTS)
    )
    through = Element.domains.through
    through.objects.bulk_create(
        through(element_id=element.pk, domain_id=rng.choice(domains).pk)
        for element in elements
        if rng.random() < 0.8
    )
    size = 50
    communities = [elements[start : start + size] for start in range(0, ELEMENTS, size)]
    pairs = set()
    while len(pairs) < CONNECTIONS:
        community = rng.choice(communities)
        source = rng.choice(community)
        target = rng.choice(community if rng.random() < 0.85 else elements)
        if source.pk != target.pk and (source.pk, target.pk) not in pairs:
            pairs.add((source.pk, target.pk))
    Connection.objects.bulk_create(
        Connection(
            trajectory=trajectory,
            source_id=source,
            target_id=target,
            kind=rng.choice(CONNECTION_KINDS),
            direction=rng.choice(["directed", "undirected", "mutual"]),
            strength=rng.randint(1, 3),
        )
        for source, target in sorted(pairs)
    )
    if with_positions:
        network_map = services.default_map(trajectory)
        rows = []
        for index, community in enumerate(communities):
            angle = 2 * math.pi * index / len(communities)
            cx, cy = 2500 * math.cos(angle), 2500 * math.sin(angle)
            for element in community:
                rows.append(
                    Position(
                        map=network_map,
                        element=element,
                        x=cx + rng.gauss(0, 220),
                        y=cy + rng.gauss(0, 220),
                    )
                )
        Position.objects.bulk_create(rows)


def start_server():
    from django.test.testcases import LiveServerThread

    # No static-files handler in front of the application: WhiteNoise (in the middleware)
    # serves the collected static files, as in production.
    thread = LiveServerThread("127.0.0.1", lambda application: application)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    return thread, f"http://127.0.0.1:{thread.port}"


FILTER_SCRIPT = """async () => {
  const box = document.getElementById("map-kind-person");
  const started = performance.now();
  box.checked = false;
  box.dispatchEvent(new Event("change", { bubbles: true }));
  const applied = performance.now() - started;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return {
    applied,
    drawn: performance.now() - started,
    visible: window.weefwerkMap.cy.nodes().not(".hidden").length,
  };
}"""


def measure(
    browser,
    base_url,
    cookie,
    path,
    before_run=None,
    settle=0.0,
    script=None,
    runs=RUNS,
    returning=False,
):
    renders, filters_applied, filters_drawn, details = [], [], [], []
    for _ in range(runs):
        if before_run:
            before_run()
        context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
        context.add_cookies([{**cookie, "url": base_url}])
        if script:
            body = Path(script).read_text()

            def serve(route, _request, body=body):
                route.fulfill(body=body, content_type="application/javascript")

            context.route("**/weefwerk/networkmap*.js", serve)
        # A returning visitor: two earlier visits fill the browser cache and Chrome's cache of
        # compiled scripts (Chrome keeps compiled code from the second visit on).
        for _visit in range(2 if returning else 0):
            earlier = context.new_page()
            earlier.goto(path)
            earlier.evaluate("() => window.weefwerkMap.ready")
            earlier.wait_for_function("() => window.weefwerkMap.analysis")
            earlier.evaluate("() => window.weefwerkMap.analysis")
            earlier.close()
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        page.goto(path)
        timings = page.evaluate("() => window.weefwerkMap.ready")
        if errors or "firstRender" not in timings:
            raise SystemExit(f"The map did not load: {errors or timings}")
        renders.append(timings["firstRender"])
        details.append(timings)
        result = page.evaluate(FILTER_SCRIPT)
        filters_applied.append(result["applied"])
        filters_drawn.append(result["drawn"])
        # The page asks the server for the analysis after its first render; wait for it, so
        # that the server is not still working on it when the next run starts.
        page.wait_for_function("() => window.weefwerkMap.analysis")
        page.evaluate("() => window.weefwerkMap.analysis")
        if settle:
            time.sleep(settle)  # let the page save the positions it made before it closes
        context.close()
    return {
        "render": statistics.median(renders),
        "filter_applied": statistics.median(filters_applied),
        "filter_drawn": statistics.median(filters_drawn),
        "data": statistics.median(t["dataLoaded"] for t in details),
        "script": statistics.median(t["start"] for t in details),
        "drawn": statistics.median(t["firstRender"] - t["controls"] for t in details),
        "layout": statistics.median(t["layoutDone"] - t["created"] for t in details),
        # A large arranged map draws its connections in the frame after the first one.
        "edges": statistics.median(
            t.get("edgesDrawn", t["firstRender"]) - t["firstRender"] for t in details
        ),
        "created": statistics.median(t["created"] - t["dataLoaded"] for t in details),
        "visible_after_filter": result["visible"],
    }


def median_of(results: list[dict]) -> dict:
    return {
        key: statistics.median(r[key] for r in results)
        if isinstance(results[0][key], (int, float))
        else results[0][key]
        for key in results[0]
    }


def report(title, figures):
    print(f"\n{title}")
    print(
        f"  first render      {figures['render']:7.0f} ms  (target < 1500 ms)\n"
        f"    script starts   {figures['script']:7.0f} ms after navigation start (page, scripts)\n"
        f"    data loaded     {figures['data']:7.0f} ms after navigation start\n"
        f"    graph created   {figures['created']:7.0f} ms\n"
        f"    layout          {figures['layout']:7.0f} ms\n"
        f"    first frame     {figures['drawn']:7.0f} ms (Cytoscape draws the canvas)\n"
        f"  connections drawn {figures['edges']:7.0f} ms after the first render "
        f"(0: in the first frame)\n"
        f"  filter (applied)  {figures['filter_applied']:7.1f} ms  (target < 200 ms)\n"
        f"  filter (drawn)    {figures['filter_drawn']:7.1f} ms  "
        f"({figures['visible_after_filter']} elements left)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", metavar="OLD.js", help="another networkmap.js, in turns")
    parser.add_argument("--saved-only", action="store_true", help="only the saved positions")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    with tempfile.TemporaryDirectory() as directory:
        setup_django(Path(directory))
        from django.conf import settings
        from django.test import Client

        from weefwerk.networkmap.models import Position
        from weefwerk.trajectories.services import trajectory_create
        from weefwerk.trajectories.tests.factories import UserFactory

        user = UserFactory(email="benchmark@voorbeeld.example")
        saved = trajectory_create(user=user, name="Met bewaarde plekken", municipality="Bank")
        fresh = trajectory_create(user=user, name="Zonder plekken", municipality="Bank")
        started = time.perf_counter()
        build_network(saved, with_positions=True)
        build_network(fresh, with_positions=False)
        print(
            f"Network: {ELEMENTS} elements, {CONNECTIONS} connections "
            f"(built twice in {time.perf_counter() - started:.1f} s); "
            f"{args.runs} runs each, medians; "
            f"{os.cpu_count()} CPUs."
        )

        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        size = len(client.get(f"/trajecten/{saved.pk}/netwerk/kaart.json").content)
        print(f"kaart.json: {size / 1024:.0f} KB")
        cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session}

        thread, base_url = start_server()
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
                )
                path = f"/trajecten/{saved.pk}/netwerk/"
                if args.compare:
                    # One run of each in turn, so both see the same load on the machine.
                    current, old = [], []
                    for _ in range(args.runs):
                        current.append(measure(browser, base_url, cookie, path, runs=1))
                        old.append(
                            measure(browser, base_url, cookie, path, script=args.compare, runs=1)
                        )
                    report(f"Saved positions, {args.compare}:", median_of(old))
                    report("Saved positions, current networkmap.js:", median_of(current))
                else:
                    figures = measure(browser, base_url, cookie, path, runs=args.runs)
                    report("With saved positions (preset layout), first visit:", figures)
                    figures = measure(
                        browser, base_url, cookie, path, runs=args.runs, returning=True
                    )
                    report("With saved positions (preset layout), returning visit:", figures)
                if args.saved_only:
                    browser.close()
                    return

                def forget_positions():
                    Position.objects.filter(map__trajectory=fresh).delete()

                figures = measure(
                    browser,
                    base_url,
                    cookie,
                    f"/trajecten/{fresh.pk}/netwerk/",
                    before_run=forget_positions,
                    settle=1.0,
                    runs=args.runs,
                )
                report("Without saved positions (fcose, draft quality):", figures)
                browser.close()
        finally:
            thread.terminate()


if __name__ == "__main__":
    main()
