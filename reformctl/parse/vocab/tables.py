"""The column labels of a 任务分工 table, other than its role and time columns:

    序号 | 重点任务                   | 牵头单位         | 配合单位        | 完成时限   | 备注

The role columns' labels are in roles.py (TABLE_ROLE_LABEL, OWNER_COLUMN_NOUNS,
PERSON_COLUMN_WORDS), the time column's in time.py (TIME_COLUMN_LABEL). read/table.py
classifies a header's labels with the patterns below; read/text_table.py finds a header row
written as plain text by its number label.
"""

from __future__ import annotations

import re

from reformctl.parse.vocab import alt

# -- the words -----------------------------------------------------------------------------

# The number column: "序号" (the seed's 分工表, most plans), "编号", "序", "No.".
TEXT_TABLE_NUMBER_LABEL = "序号"  # the one a header row written as plain text is found by
NUMBER_LABELS = (TEXT_TABLE_NUMBER_LABEL, "编号", "序", "No.", "No")
# A column of tasks, which makes a table a task table whatever else it lists: "重点任务",
# "具体措施", "主要举措", "工作内容", "改革事项", "工作任务".
TASK_LABEL_WORDS = ("任务", "措施", "举措", "内容", "事项", "工作")
# A list of contacts, "序号 单位 联系人 职务 联系电话": an annex of names, not tasks.
CONTACT_LABEL_WORDS = ("电话", "手机", "邮箱", "传真", "职务", "联系方式")
# An indicator table, "指标 | 单位 | 2024年 | 2025年 | 责任单位": targets per year, no tasks
# (its 单位 is a unit of measure, not a department); "一级指标", "主要指标", "指标名称".
INDICATOR_QUALIFIERS = ("一级", "二级", "三级", "主要", "核心", "关键")
INDICATOR = "指标"
INDICATOR_NAME = "名称"
# Kept as a note after the owners: "备注", "说明", "分值", "评分标准", "依据".
NOTE_LABEL_WORDS = ("备注", "说明", "分值", "分数", "评分", "标准", "依据")
# A column of group labels, written once as a heading line: "重点领域", "任务类别".
GROUP_LABEL_WORDS = ("领域", "类别", "类型", "方面", "板块", "分类", "环节")

# -- the patterns --------------------------------------------------------------------------

NUMBER_LABEL = re.compile(rf"^{alt(NUMBER_LABELS)}$", re.IGNORECASE)
TASK_LABEL = re.compile(alt(TASK_LABEL_WORDS))
CONTACT_LABEL = re.compile(alt(CONTACT_LABEL_WORDS))
INDICATOR_LABEL = re.compile(rf"^{alt(INDICATOR_QUALIFIERS)}?{INDICATOR}(?:{INDICATOR_NAME})?$")
NOTE_LABEL = re.compile(alt(NOTE_LABEL_WORDS))
GROUP_LABEL = re.compile(alt(GROUP_LABEL_WORDS))

__all__ = [name for name in dir() if name.isupper()]
