"""Collective owners: the names a note gives many bodies at once, which a list of names keeps
whole rather than cutting at its 、.

    （责任单位：市发展改革委、各县市区政府）                    the governments of every county
    （责任单位：各市、县（市、区）人民政府）                    one owner, not 各市 and a county
    （配合单位：省直有关部门、单位）                            one owner, and no body called 单位

Every pattern of owners/names.py that reads a collective is built here from the tuples below.
"""

from __future__ import annotations

import re

from reformctl.parse.vocab import alt, char_class

# -- the words -----------------------------------------------------------------------------

# "Each": "各县市区政府", "各市、县（市、区）人民政府", "各区县党委、政府".
EACH = "各"
# "The ones concerned": "有关部门", "相关单位", "省直有关部门、单位".
CONCERNED = ("有关", "相关")
# The levels of places a collective names after 各: "各市、县（市、区）人民政府" (各市),
# "各县区", "各乡镇", "各街道", "各旗" (内蒙古), "各地".
PLACE_LEVELS = ("省", "市", "州", "县", "区", "市州", "县区", "县市", "乡镇", "乡", "镇", "街道",
                "地", "旗")
# Levels written bare between 各X and the government: "各县、市、区人民政府".
BARE_LEVELS = ("市", "区", "县", "州", "旗", "乡", "镇", "街道")
# The levels whose government a collective names: "县（市、区）人民政府", "区政府", "县级市政府",
# "街道政府"; one character of them before a zone's committee too: "区管委会".
GOVERNMENT_LEVELS = ("市", "州", "县", "区", "乡", "镇", "县级市", "街道")
# A level's government: "县人民政府", "区政府".
GOVERNMENTS = ("人民政府", "政府")
# A development zone's committee, the government of a zone: "各区（县）管委会".
COMMITTEES = ("管委会",)
# The generic bodies of a collective: "各有关部门", "相关单位", "市直各机构".
GENERIC_BODIES = ("部门", "单位", "机构")
# "And so on", closing a list: "(…、市文化和旅游局、市能源局等)", "…等有关部门".
ETC = "等"
# The bodies a trailing 等 may close on: "…等有关部门", "…等单位", "（人力资源社会保障部等有关
# 部门和单位负责）" (国发〔2018〕39号).
ETC_BODIES = ("部门", "单位", "部门和单位")
# A level's bracketed sub-levels: "县（市、区）" (width-folded: "(市、区)").
_SUB_LEVELS = r"(?:\([^()]{1,8}\))"

# -- the patterns --------------------------------------------------------------------------

# "各市" before "县(市、区)人民政府": a bare "各X" level that shares the government after it.
COLLECTIVE_LEVEL = re.compile(rf"^(?:{EACH})?{alt(PLACE_LEVELS)}$")
# "县(市、区)人民政府", "区政府", "镇管委会": the government of a level, after "各X".
LEVEL_GOVERNMENT = re.compile(
    rf"^{alt(GOVERNMENT_LEVELS)}{_SUB_LEVELS}?{alt(GOVERNMENTS)}$"
    rf"|^{char_class(level for level in GOVERNMENT_LEVELS if len(level) == 1)}"
    rf"{_SUB_LEVELS}?{alt(COMMITTEES)}$")
# "各区县党委" + "政府": a government named bare after a collective is the same places' one.
BODIES_OF_THE_SAME = frozenset((*GOVERNMENTS, *COMMITTEES))
# A collective of bodies followed by a bare 单位/部门 it also covers: "省直有关部门、单位"
# (山东), "市直各部门、单位", "各有关部门、单位等".
COLLECTIVE_BODIES = re.compile(rf"{alt((EACH, *CONCERNED))}[^、]{{0,6}}?{alt(GENERIC_BODIES)}$")
# That bare 单位/部门: no name of its own.
GENERIC_TAIL = re.compile(rf"^{alt(GENERIC_BODIES)}等?$")
# Whether a run of names holds a generic body at all (GENERIC_TAIL's words), in one search.
HAS_GENERIC_BODY = re.compile(alt(GENERIC_BODIES))
# A trailing 等 closing a list: "(…、市文化和旅游局、市能源局等)", "…等有关部门".
ETC_TAIL = re.compile(rf"{ETC}{alt(CONCERNED)}?{alt(ETC_BODIES)}?$")

__all__ = [name for name in dir() if name.isupper()]
