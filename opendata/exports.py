"""A dataset written as CSV or JSON, in pieces: memory stays flat whatever the number of rows.

CSV: UTF-8 without byte order mark, comma-separated, fields quoted when they hold a comma, a
quote or a line break (RFC 4180), lines ended by CRLF, one header line. Values are exact: a text
that begins with « = » stays as written (spreadsheet software may take it for a formula: the
page says how to open the file as text). esante.exports.spreadsheet_safe is for staff exports
only, it would alter public data.

JSON: an array of objects, one per row, with the CSV's column names as keys.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator

from .datasets import Dataset

DELIMITER = ","
LINE_TERMINATOR = "\r\n"
# Bytes gathered before a piece is handed on (to the client or to the file).
CHUNK = 64 * 1024

# The CSV Dialect of the Data Package (https://specs.frictionlessdata.io/csv-dialect/).
CSV_DIALECT = {
    "delimiter": DELIMITER,
    "lineTerminator": LINE_TERMINATOR,
    "quoteChar": '"',
    "doubleQuote": True,
    "header": True,
}


class CsvFormat:
    """Writes the rows of one dataset as CSV lines."""

    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def __init__(self, dataset: Dataset):
        self.fields = dataset.fields
        self.names = dataset.names
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, delimiter=DELIMITER, lineterminator=LINE_TERMINATOR)

    def _take(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text

    def head(self) -> str:
        self.writer.writerow(self.names)
        return self._take()

    def line(self, row: tuple) -> str:
        self.writer.writerow([f.csv_value(v) for f, v in zip(self.fields, row, strict=True)])
        return self._take()

    def tail(self) -> str:
        return ""


class JsonFormat:
    """Writes the rows of one dataset as the items of a JSON array."""

    extension = "json"
    content_type = "application/json"

    def __init__(self, dataset: Dataset):
        self.fields = dataset.fields
        self.names = dataset.names
        self.separator = "\n"

    def head(self) -> str:
        return "["

    def line(self, row: tuple) -> str:
        item = {
            name: f.json_value(value)
            for name, f, value in zip(self.names, self.fields, row, strict=True)
        }
        text = self.separator + json.dumps(item, ensure_ascii=False)
        self.separator = ",\n"
        return text

    def tail(self) -> str:
        return "\n]\n"


FORMATS = {"csv": CsvFormat, "json": JsonFormat}


def chunks(
    dataset: Dataset, extension: str, rows: Iterable[tuple] | None = None
) -> Iterator[bytes]:
    """The whole file in pieces of about CHUNK bytes, the rows read as they are written."""
    writer = FORMATS[extension](dataset)
    rows = dataset.rows() if rows is None else rows
    pieces, size = [writer.head()], 0
    for row in rows:
        text = writer.line(row)
        pieces.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(pieces).encode()
            pieces, size = [], 0
    pieces.append(writer.tail())
    yield "".join(pieces).encode()
