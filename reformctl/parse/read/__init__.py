"""Readers: a source file (plain text in any common encoding, .docx, .html, .pdf) to the text
the parser reads, tables flattened to lines.

    source.py      read_source: refuse what is no document, pick the reader by content/suffix
    decode.py      decode_text, finish_text: encodings, newlines; quiet for the libraries
    docx.py        .docx paragraphs, list numbering and tables
    html.py        the article of a web page, its tables
    pdf.py         the text layer without page furniture, lines reflowed
    table.py       a table (rows of cells) flattened to lines with owner and time notes
    text_table.py  tables that reached plain text (tabs, pipes, one cell a line) unfolded
"""

from __future__ import annotations

from reformctl.parse.read.decode import decode_text, finish_text
from reformctl.parse.read.source import MAX_BYTES, decode_document, read_bytes, read_source

__all__ = ["MAX_BYTES", "decode_document", "decode_text", "finish_text", "read_bytes",
           "read_source"]
