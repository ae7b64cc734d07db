"""Network analysis for the network map: webbers, weak spots, what is missing, change.

Pure Python (no Django). ``analyse(network)`` is the single entry point; the measures live in
small modules named after their concept. igraph is used when installed, networkx otherwise.
"""

from .analysis import analyse
from .change import compare
from .model import Edge, Network, NetworkError, Node
from .weakspots import simulate_departure

__all__ = ["Edge", "Network", "NetworkError", "Node", "analyse", "compare", "simulate_departure"]
