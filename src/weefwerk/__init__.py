"""Weefwerk: build a local organisation network against child poverty."""

__version__ = "0.1.0"
