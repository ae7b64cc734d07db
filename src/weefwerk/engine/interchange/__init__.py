"""Network interchange formats: KUMU, Onodo, Gephi (GEXF), GraphML, CSV and Excel.

Pure Python (no Django). Every reader returns a complete :class:`Network` or raises
:class:`InterchangeError` listing every problem with its file, sheet, row and column in Dutch.

Load any supported file with :func:`read`; write with :func:`write` or :func:`dumps`.
"""

from weefwerk.engine.interchange.errors import InterchangeError, Issue
from weefwerk.engine.interchange.formats import (
    FORMATS,
    detect,
    dumps,
    format_for_path,
    format_names,
    read,
    write,
)
from weefwerk.engine.interchange.model import (
    DIRECTED,
    DIRECTIONS,
    MUTUAL,
    UNDIRECTED,
    Connection,
    Element,
    FieldDefinition,
    Network,
    NetworkMap,
    Position,
)
from weefwerk.engine.interchange.safety import DEFAULT_MAX_BYTES

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DIRECTED",
    "DIRECTIONS",
    "FORMATS",
    "MUTUAL",
    "UNDIRECTED",
    "Connection",
    "Element",
    "FieldDefinition",
    "InterchangeError",
    "Issue",
    "Network",
    "NetworkMap",
    "Position",
    "detect",
    "dumps",
    "format_for_path",
    "format_names",
    "read",
    "write",
]
