"""Reads the review report's HTML as its reader sees it: the rows of each table (by id) and
the summary cards, for the report's tests (tests/review/, tests/e2e/)."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._table = dict(attrs).get("id")
            self.tables[self._table] = []
        elif tag == "tr":
            self._row = []
        elif tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row:
            self.tables[self._table].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(page: str) -> dict[str, list[list[str]]]:
    """{table id: its rows below the header, each a list of cell texts (unescaped)}."""
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def cards(page: str) -> dict[str, str]:
    """The summary figures at the top: {"messages": "12", "ratings": "3 / 1", ...}."""
    return dict(re.findall(r'<div class="card[^"]*" id="total-([a-z-]+)"><b>([^<]*)</b>', page))
