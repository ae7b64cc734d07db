"""Pure-Python algorithms: plain data in, plain data out. Never imports Django.

Subpackages: ``agenda`` (kaasschaafmethode), ``grouping`` (group optimiser), ``network``
(analysis), ``interchange`` (KUMU, Gephi, spreadsheets), ``privacy`` (personal-data scanner).
Each has its own tests and, where speed matters, a benchmark under ``benchmarks/``.
"""
