"""The engine must import, with every module in it, where Django is not installed."""

import subprocess
import sys
import textwrap
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# A child interpreter in which importing django (or channels) fails as if not installed.
PROGRAM = textwrap.dedent(
    """
    import importlib, pkgutil, sys

    class NoDjango:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in {"django", "channels", "daphne"}:
                raise ModuleNotFoundError(f"No module named {name!r}")
            return None

    sys.meta_path.insert(0, NoDjango())
    import weefwerk.engine as engine
    names = [engine.__name__]
    for info in pkgutil.walk_packages(engine.__path__, engine.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
    assert not any(m.split(".")[0] == "django" for m in sys.modules), "django was imported"
    print(len(names))
    """
)


def test_engine_imports_without_django():
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": ""},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 1
