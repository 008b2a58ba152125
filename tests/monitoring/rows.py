"""Reading a row of the realization or budget grid as a browser would post it."""

from html.parser import HTMLParser


class _RowInputs(HTMLParser):
    def __init__(self, row_id: str):
        super().__init__()
        self.row_id, self.depth, self.fields = row_id, 0, {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr":
            if attrs.get("id") == self.row_id:
                self.depth = 1
            elif self.depth:
                self.depth += 1
        if self.depth and tag == "input" and attrs.get("name", "")[:1] in ("q", "t", "a"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "tr" and self.depth:
            self.depth -= 1


def row_fields(html: str, row_id: str) -> dict[str, str]:
    """{field: value} of the cells of the row `row_id` (ind-… or keg-…): what it shows typed
    (q1…), the tokens (t1…) and the texts shown (a1…)."""
    parser = _RowInputs(row_id)
    parser.feed(html)
    return parser.fields
