"""Trust Workbook core: models, content, turn engine and store, with no user interface.

Everything a couple can do is a plain call here, testable without a terminal; the Textual
screens in ``screens/`` only show the state this package computes and pass input back.
"""

__version__ = "0.1.0"
