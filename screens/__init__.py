"""Textual screens: thin views over the core in ``workbook``.

A screen shows what the core computed and passes input back; it never decides whose turn it
is, never writes to the store itself, and shows a partner's words only as plain text.
"""
