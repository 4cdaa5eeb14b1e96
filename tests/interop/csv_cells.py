"""csv_cells.py — the CSV cell writer's neutralising rule
(runtime/lib/csv_cell.h), as the interoperability tests read it: which
cells a spreadsheet would run as a formula, and the text a neutralised
cell stands for.

A text that starts with =, +, -, @, a tab or a carriage return, and is not
a plain number (-1, +2.5), is a formula; the writer puts an apostrophe
before it, and before a text of apostrophes followed by one.
"""
import re

PLAIN_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)\Z")


def is_formula(text):
    """Whether a spreadsheet would run text as a formula."""
    return text != "" and text[0] in "=+-@\t\r" and not PLAIN_NUMBER.match(text)


def needs_neutralising(text):
    """Whether the writer puts an apostrophe before text."""
    return is_formula(text.lstrip("'"))


def restored(cell):
    """The text a written cell stands for: one neutralising apostrophe off."""
    if cell.startswith("'") and needs_neutralising(cell[1:]):
        return cell[1:]
    return cell
