"""Privacy check: find personal data (BSN, IBAN, phone, e-mail, dates of birth, postcodes with
house numbers, names from the people list) in case text and notes before they are saved.

See :mod:`weefwerk.engine.privacy.scanner` for exactly what is and is not found.
"""

from weefwerk.engine.privacy.scanner import KINDS, Finding, scan

__all__ = ["KINDS", "Finding", "scan"]
