"""Goals and limits: the words that say whether a number of a measure is something to reach
(a goal) or a line saying who or what the measure covers (a limit). Read by parse/targets.py.

    goal    城镇新增就业3.4万人, 合并为1个政务服务事项, 组织开展1次联合监督检查,
            16种原产地证书…升级为智能审核, 只经1个环节、自选5种方式
    limit   35千伏及以上电力接入工程, 200万元以下的货物和服务项目,
            高于500万美元(含500万美元)的制造业投资项目, 年满18周岁自然人
"""

from __future__ import annotations

import re

from reformctl.parse.vocab import alt

# Verbs before a count that make it a goal, beside those of targets.GOAL_VERB: "合并为1个政务
# 服务事项", "组织开展1次联合监督检查", "企业开办全流程…自选5种方式,…获享5项服务".
COUNT_GOAL_VERBS = ("合并为", "整合为", "归并为", "精简为", "开展", "召开", "举办", "自选", "获享",
                    "享受")
# Verbs after a count, in its clause, that make it a goal: "16种原产地证书由原来的人工审核
# 升级为智能审核", "3类事项调整为告知承诺制".
GOAL_VERBS_AFTER = ("升级为", "改为", "调整为", "转为", "纳入", "实现")

# What a limit covers: the noun its clause goes on to after 的 ("200万元以下的货物和服务
# 项目", "高于500万美元(含500万美元)的制造业投资项目", "不大于200米)的高压电力接入工程",
# "对年营业收入超过1亿元的企业").
COVERED = ("项目", "工程", "用户", "企业", "采购", "报装", "自然人", "人员", "人口", "单位", "主体",
           "车辆", "家庭", "居民", "个人", "商户", "个体工商户", "货物", "设备", "建筑", "房屋",
           "产品", "机构", "群众", "老人", "儿童", "学生", "农户", "职工", "事项", "园区", "地块",
           "合同", "贷款", "交易")
# How far after the number the 的 and the covered noun may be (within the clause).
LIMIT_REACH = 40

# A threshold with a level before a noun is always a scope: "35千伏及以上电力接入工程",
# "160千瓦及以下小微企业用电报装".
SCOPE_POSTS = ("及以上", "及以下")

# An age that defines who is covered: "年满18周岁自然人", "年满60周岁的老年人".
AGE_LIMIT = re.compile(r"年满(?P<num>\d{1,3})周岁")

# -- patterns ----------------------------------------------------------------------------

GOAL_VERB_EXTRA = re.compile(alt(COUNT_GOAL_VERBS))
GOAL_AFTER = re.compile(alt(GOAL_VERBS_AFTER))
# After a limit's number, in its clause: 的 and then, before the clause ends, a covered noun.
COVERS_AFTER = re.compile(rf"[^，,。；;！？!?]{{0,{LIMIT_REACH}}}?的[^，,。；;！？!?的]{{0,20}}?"
                          rf"{alt(COVERED)}")
# A count verb ending the words before a number, to show in the target's raw: "合并为1个".
COUNT_GOAL_VERB_BEFORE = re.compile(rf"{alt(COUNT_GOAL_VERBS)}$")
