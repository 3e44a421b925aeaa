"""Flattening a table (from ``.docx`` or ``.html``) into lines the parser reads like running text.

A 任务分工 table such as

    序号 | 重点任务                   | 牵头单位         | 配合单位        | 完成时限
    1    | 推进电子证照全面应用。…     | 市行政审批服务局 | 市公安局、市税务局 | 2021年9月底前

becomes the line the same plan would carry as prose:

    1. 推进电子证照全面应用。…（牵头单位：市行政审批服务局；配合单位：市公安局、市税务局）（完成时限：2021年9月底前）

so the owner and deadline extractors need to know nothing about tables. The header row is
recognised by its labels (序号, 牵头单位, 责任部门, 完成时限…); a table without one (or a
continuation of a table split across pages, which reuses the last header of the same width)
has its cells joined with "；", which keeps a cell's own "牵头单位：X" note intact and reads as
a clause break, never as part of a department name.

Cells merged across columns arrive as empty cells after the first; cells merged down rows
arrive with ``continued=True`` and the text of the cell above: owners and deadlines apply to
every row they span, task text and group labels are written once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reformctl.parse.vocab import alt, roles
from reformctl.parse.vocab.roles import (
    CELL_ROLE_AT_CLAUSE_END,
    DEFAULT_LEAD_LABEL,
    DEFAULT_RESPONSIBLE_LABEL,
    HAS_ROLE_FIELD,
    OWNER_COLUMN_NOUNS,
    PERSON_COLUMN_WORDS,
    TABLE_ROLE_LABEL,
)
from reformctl.parse.vocab.tables import (
    CONTACT_LABEL,
    GROUP_LABEL,
    INDICATOR_LABEL,
    NOTE_LABEL,
    NUMBER_LABEL,
    TASK_LABEL,
)
from reformctl.parse.vocab.time import DEFAULT_TIME_LABEL, TIME_COLUMN_LABEL

# Column roles.
NUMBER, TEXT, LEAD, OWNER, DEADLINE, NOTE = "number", "text", "lead", "owner", "deadline", "note"

# The header's labels: the number column, persons, contacts, indicators, tasks, notes and
# groups in vocab/tables.py; the role columns' words in vocab/roles.py, the time column's in
# vocab/time.py.
# Persons, not departments: "牵头市领导", "责任人", "分管领导" — kept as a plain note.
PERSON_LABEL = re.compile(alt(PERSON_COLUMN_WORDS))
# "牵头单位", "牵头部门", "市级牵头单位"
LEAD_LABEL = re.compile(alt(roles.LEAD))
# "责任单位", "配合部门", "参与单位", "责任主体"
OWNER_LABEL = re.compile(alt(OWNER_COLUMN_NOUNS))
# "完成时限", "完成时间", "时间节点", "进度安排"
DEADLINE_LABEL = TIME_COLUMN_LABEL
# The role labels the owner extractor knows (vocab.roles.TABLE_ROLE_LABEL); other owner
# labels are mapped onto these. A cell that carries its own labelled note ("牵头单位：市发展
# 改革委", vocab.roles.HAS_ROLE_FIELD) or says the roles after the names ("市行政审批服务局
# 牵头，市大数据局配合", "市财政局负责": vocab.roles.CELL_ROLE_AT_CLAUSE_END) keeps them as written.

# A header label is short, has no sentence punctuation or colon, and is not a number.
LABEL_MAX_CHARS = 12
SENTENCE_PUNCT = re.compile(r"[。；;，,！!？?：:“”]")
# Where a clause is already closed, cells and paragraphs join without a separator.
CLOSED = "。；;！!？?：:，,、)）"
CELL_SEPARATOR = "；"

# What may stand in a 序号 cell: "1", "1.", "（一）", "一、", "一".
BARE_NUMBER = re.compile(r"^\d{1,3}$")
BARE_CN_NUMBER = re.compile(r"^[一二三四五六七八九十]{1,3}$")


@dataclass(frozen=True)
class Cell:
    """One cell: its paragraphs joined by "\\n"; ``continued`` when merged down from above."""

    text: str
    continued: bool = False


@dataclass(frozen=True)
class Header:
    roles: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def width(self) -> int:
        return len(self.roles)


def flatten_table(
    rows: Sequence[Sequence[Cell]], carry: Header | None = None
) -> tuple[list[str], Header | None]:
    """Lines for one table, and the header to carry to a next table of the same width.

    ``carry`` is the header of the previous table: a table split across pages repeats the
    columns but not always the header row.
    """
    lines: list[str] = []
    header: Header | None = None
    index = 0
    # A title row ("附件：重点任务分工表") may come before the header.
    for at, row in enumerate(rows[:3]):
        header = _header(row)
        if header is not None:
            lines.extend(line for line in map(_plain_row, rows[:at]) if line)
            index = at + 1
            while index < len(rows) and _refines(rows[index]):
                header = _refine(header, rows[index])
                index += 1
            break
    if header is None and carry is not None and rows and len(rows[0]) == carry.width:
        header = carry
    group_columns = _group_columns(rows[index:], header) if header else set()
    for row in rows[index:]:
        if header is not None and _same_header(row, header):
            continue  # header repeated on every page
        rendered = (_render_row(row, header, group_columns) if header is not None
                    else _render_plain(row))
        lines.extend(line for line in rendered if line)
    return lines, header


# -- header ----------------------------------------------------------------------------------


def classify_label(label: str) -> str:
    """The role of a column from its header label."""
    label = _squeeze(label)
    if NUMBER_LABEL.match(label):
        return NUMBER
    if PERSON_LABEL.search(label):
        return NOTE
    if LEAD_LABEL.search(label):
        return LEAD
    if OWNER_LABEL.search(label):
        return OWNER
    if DEADLINE_LABEL.search(label):
        return DEADLINE
    if NOTE_LABEL.search(label):
        return NOTE
    return TEXT


def lists_no_tasks(labels: Sequence[str]) -> bool:
    """A header naming phone numbers or posts (a contact list), or indicators (a table of
    targets per year): its rows are no tasks."""
    if any(CONTACT_LABEL.search(label) for label in labels):
        return True
    return any(INDICATOR_LABEL.match(label) for label in labels) and not any(
        TASK_LABEL.search(label) for label in labels)


def _looks_like_labels(row: Sequence[Cell]) -> bool:
    texts = [_squeeze(c.text) for c in row if c.text.strip() and not c.continued]
    return bool(texts) and all(
        len(t) <= LABEL_MAX_CHARS and not SENTENCE_PUNCT.search(t) and not BARE_NUMBER.match(t)
        for t in texts
    )


def _header(row: Sequence[Cell]) -> Header | None:
    if len(row) < 2 or not _looks_like_labels(row):
        return None
    labels = tuple(_squeeze(c.text) for c in row)
    if lists_no_tasks(labels):
        return None
    roles = tuple(classify_label(lb) if lb else TEXT for lb in labels)
    filled = [r for r, lb in zip(roles, labels, strict=True) if lb]
    if not any(r in (LEAD, OWNER, DEADLINE) for r in filled):
        return None
    if not any(r in (NUMBER, TEXT) for r in filled):
        return None
    return Header(roles=roles, labels=labels)


def _refines(row: Sequence[Cell]) -> bool:
    """A second header row under a merged label: "责任单位" over "牵头单位 | 配合单位"."""
    fresh = [c for c in row if c.text.strip() and not c.continued]
    return bool(fresh) and _looks_like_labels(row) and all(
        classify_label(c.text) in (LEAD, OWNER, DEADLINE, NUMBER) for c in fresh
    )


def _refine(header: Header, row: Sequence[Cell]) -> Header:
    roles, labels = list(header.roles), list(header.labels)
    for i, cell in enumerate(row[: header.width]):
        if cell.text.strip() and not cell.continued:
            labels[i] = _squeeze(cell.text)
            roles[i] = classify_label(cell.text)
    return Header(tuple(roles), tuple(labels))


def _same_header(row: Sequence[Cell], header: Header) -> bool:
    labels = tuple(_squeeze(c.text) for c in row)
    return len(labels) == header.width and labels == header.labels


def _group_columns(rows: Sequence[Sequence[Cell]], header: Header) -> set[int]:
    """Text columns that label groups of rows: merged down, or named 领域/类别, and not the last."""
    text_cols = [i for i, r in enumerate(header.roles) if r == TEXT]
    groups = set()
    for i in text_cols[:-1]:
        merged = any(i < len(r) and r[i].continued for r in rows)
        if merged or GROUP_LABEL.search(header.labels[i]):
            groups.add(i)
    return groups


# -- rows ------------------------------------------------------------------------------------


def _render_row(row: Sequence[Cell], header: Header, group_columns: set[int]) -> list[str]:
    fresh = [c for c in row if c.text.strip() and not c.continued]
    if len(fresh) == 1 and not any(c.continued for c in row):
        only = fresh[0]
        # A row merged across the table: "一、优化政务服务环境" or "专栏1 …".
        if not BARE_NUMBER.match(only.text.strip()):
            return [_join(_paragraphs(only.text))]
    lines: list[str] = []
    number = ""
    body: list[str] = []
    owners: list[str] = []
    notes: list[str] = []
    for i, cell in enumerate(row):
        role = header.roles[i] if i < header.width else TEXT
        label = header.labels[i] if i < header.width else ""
        parts = _paragraphs(cell.text)
        if not parts:
            continue
        if role == NUMBER:
            if not cell.continued:
                number = _number_prefix(_join(parts))
        elif role == TEXT:
            if cell.continued:
                continue
            if i in group_columns:
                lines.append(_join(parts))
            else:
                body.append(_join(parts))
        elif role in (LEAD, OWNER):
            owners.append(_owner_field(label, role, parts))
        elif role == DEADLINE:
            notes.append(f"（{label or DEFAULT_TIME_LABEL}：{_join(parts)}）")
        else:
            notes.append(f"（{label}：{_join(parts)}）" if label else f"（{_join(parts)}）")
    text = _join(body)
    if owners:
        text += "（" + CELL_SEPARATOR.join(owners) + "）"
    text += "".join(notes)
    if text or number:
        lines.append(number + text)
    return lines


def _render_plain(row: Sequence[Cell]) -> list[str]:
    fresh = [c for c in row if c.text.strip() and not c.continued]
    if len(fresh) == 1:
        # A one-column box (专栏) or a row merged across: keep its paragraphs as lines.
        return _paragraphs(fresh[0].text)
    line = _plain_row(row)
    return [line] if line else []


def _plain_row(row: Sequence[Cell]) -> str:
    texts = [_join(_paragraphs(c.text)) for c in row if c.text.strip() and not c.continued]
    if not texts:
        return ""
    number = ""
    if len(texts) > 1 and (BARE_NUMBER.match(texts[0]) or BARE_CN_NUMBER.match(texts[0])):
        number = _number_prefix(texts.pop(0))
    return number + _join(texts)


def _owner_field(label: str, role: str, parts: list[str]) -> str:
    if any(HAS_ROLE_FIELD.search(p) or CELL_ROLE_AT_CLAUSE_END.search(p) for p in parts):
        return _join(parts)  # the cell says its own roles: keep them as written
    names = "、".join(p.rstrip("。；;，,、") for p in parts)
    m = TABLE_ROLE_LABEL.search(label)
    word = m.group(0) if m else (DEFAULT_LEAD_LABEL if role == LEAD else DEFAULT_RESPONSIBLE_LABEL)
    return f"{word}：{names}"


def _number_prefix(text: str) -> str:
    text = text.strip()
    if BARE_NUMBER.match(text):
        return f"{text}. "
    if BARE_CN_NUMBER.match(text):
        return f"{text}、"
    return text if text.endswith((".", "．", "、", "）", ")", " ")) else text + " "


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _join(parts: list[str], sep: str = CELL_SEPARATOR) -> str:
    out = ""
    for part in parts:
        if out and out[-1] not in CLOSED:
            out += sep
        out += part
    return out


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


__all__ = ["Cell", "Header", "flatten_table", "classify_label"]
