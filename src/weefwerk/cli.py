"""The ``weefwerk`` command: engine tools by name, otherwise Django's management commands."""

import importlib
import os
import sys

# Engine tools run without Django; each module offers ``main(argv) -> int``.
ENGINE_TOOLS = {
    "agenda": "weefwerk.engine.agenda.cli",
    "groups": "weefwerk.engine.grouping.cli",
    "network": "weefwerk.engine.network.cli",
    "privacy": "weefwerk.engine.privacy.cli",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else None
    module_name = ENGINE_TOOLS.get(command or "")
    if module_name:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            module = None
        if module is not None:
            return module.main(argv[2:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weefwerk.conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
