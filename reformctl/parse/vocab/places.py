"""Places and issuers: who issued a document, as its title, number, header or signature says.

The issuer decides which department registries fold the document's names (the shipped
registry is 泰安's; see reformctl/registry.py). Read by parse/issuer.py.
"""

from __future__ import annotations

import re

from reformctl.parse.vocab import alt

# Province-level places, named without their level: "广东省发展改革委关于印发…",
# "安徽省推进“三地一区”建设领导小组…", "上海市徐汇区科学技术委员会关于…" (a 直辖市 is 市).
MUNICIPALITIES = ("北京", "天津", "上海", "重庆")
PROVINCES = ("河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西",
             "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
             "甘肃", "青海", "台湾")
AUTONOMOUS_REGIONS = ("内蒙古", "广西", "西藏", "宁夏", "新疆")
SPECIAL_REGIONS = ("香港", "澳门")

# The central government: "国务院办公厅关于印发…", "国务院关于…".
CENTRAL = "国务院"

# The level a place below a province ends with: "包头市", "海淀区", "苍南县", "延边朝鲜族自治州".
PLACE_LEVELS = ("市", "州", "盟", "县", "区", "旗", "自治州", "自治县")

# What a place name cannot open with: an organ named by its level alone ("市政府办公室",
# "区科信局"), a collective ("各旗、县、区人民政府"), a verb or preposition of a title
# ("关于加快打造…", "支持…", "推进…").
NOT_A_PLACE_START = ("市", "省", "县", "区", "州", "各", "本", "全", "我", "该", "有关", "关于",
                     "支持", "加快", "推进", "推动", "促进", "进一步", "深化", "优化", "实施",
                     "开展", "做好", "建设", "打造", "新一代", "城市", "城区", "开发", "高新",
                     "经济", "自由", "自贸", "示范", "试验", "中国")

# Places of a kind, not of a name: "…开源社区", "高新区", "自由贸易试验区", "先导区", "主城区"
# (but 望城区, 上城区 are districts).
NOT_A_PLACE_END = ("社区", "园区", "片区", "专区", "小区", "景区", "街区", "厂区", "矿区", "校区",
                   "主城区", "老城区", "中心城区", "示范区", "试验区", "开发区", "高新区", "保税区",
                   "功能区", "先导区", "集聚区", "合作区", "实验区", "核心区", "辖区", "地区", "市区",
                   "县区")

# A development zone that issues its own documents, named by its place: "大连高新区支持…",
# "栖霞高新区关于…", "常州经开区…", "长沙经济技术开发区关于…", "苏州工业园区关于…", "杭州高新区
# （滨江）…", "天津滨海高新区关于…", "中关村科技园区延庆园…", "雄安新区", "临港新片区".
ZONES = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "高新区", "经开区", "开发区",
         "工业园区", "科技园区", "新区", "新片区")
# What a zone's place cannot be: a level or a kind ("国家级高新区", "省级开发区"), a title word.
NOT_A_ZONE_START = (*NOT_A_PLACE_START, "国家", "国际", "综合", "产业", "各类")

# Title words between which a place may stand: "市政府办公室关于印发苏州市人工智能…" (苏州市
# after 印发), "关于印发《胶州市…》的通知" (after 《).
TITLE_BREAKS = ("关于印发", "关于转发", "关于", "印发", "转发", "《", "》", "（", "）", "(", ")",
                " ", "\u3000")
# What a title line is not: a sentence ("为落实济南市…，制定…。"), a numbered item
# ("2．支持建设…", "第二条 支持…"), addressees ("各区县…："), a header or a link.
NOT_A_TITLE = re.compile(r"[。，；：:]|^(?:为|根据|按照|第[一二三四五六七八九十百]+条|\d|[一二三四五六七八九十]+、|【)|://")

# Document numbers: "泰政办发〔2021〕5号", "粤发改高技〔2026〕78号", "皖开放办〔2022〕6号",
# "国办发〔2018〕46号", "包府办发〔2022〕43号". Their opening characters name the issuer: a
# city's abbreviation (only those of the registries shipped, 泰安 and 包头: 泰政 is also
# 泰州's), else 国 for the State Council, else a province's one-character abbreviation.
NUMBER_BRACKETS = "〔〕[]［］（）()【】"
CITY_NUMBER_PREFIXES = {"泰政": "泰安市", "泰办": "泰安市", "包府": "包头市", "包党": "包头市"}
CENTRAL_NUMBER_PREFIXES = ("国发", "国办发", "国办函", "国函", "国令", "国办发明电")
PROVINCE_ABBREVIATIONS = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省",
    "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省",
    "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省",
    "粤": "广东省", "琼": "海南省", "川": "四川省", "蜀": "四川省", "黔": "贵州省", "贵": "贵州省",
    "滇": "云南省", "云": "云南省", "陕": "陕西省", "甘": "甘肃省", "陇": "甘肃省", "青": "青海省",
    "蒙": "内蒙古自治区", "内": "内蒙古自治区", "桂": "广西壮族自治区", "藏": "西藏自治区",
    "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区",
}

# A 北大法宝 export's header line: "【发布部门】 包头市人民政府办公室".
HEADER_ISSUER = re.compile(r"^【发布部门】\s*[:：]?\s*(?P<who>\S.*)$")

# -- patterns ----------------------------------------------------------------------------

# A place opening a stretch of a title or signature: a development zone ("大连高新区"), a
# province-level name (with or without its level), 国务院, or two or three characters and a
# level ("包头市", "海淀区", "苍南县").
PLACE_AT_START = re.compile(
    rf"^(?:(?P<zone>(?!{alt(NOT_A_ZONE_START)})(?:(?!级)[\u4e00-\u9fff]){{2,4}}?{alt(ZONES)})"
    rf"|(?P<municipality>{alt(MUNICIPALITIES)})市?"
    rf"|(?P<province>{alt(PROVINCES)})省?"
    rf"|(?P<region>{alt(AUTONOMOUS_REGIONS)})(?:[\u4e00-\u9fff]{{0,4}}自治区)?"
    rf"|(?P<special>{alt(SPECIAL_REGIONS)})(?:特别行政区)?"
    rf"|(?P<central>{CENTRAL})"
    rf"|(?P<place>(?!{alt(NOT_A_PLACE_START)})[\u4e00-\u9fff]{{2,3}}?{alt(PLACE_LEVELS)})"
    rf"(?![场域级])"  # 市场监管, 区域, 市级: no place
    r")"
)
TITLE_BREAK = re.compile(alt(TITLE_BREAKS))
# A document number line: the issuer's abbreviation, a bracketed year, a number, 号.
DOCUMENT_NUMBER = re.compile(
    rf"^(?P<prefix>[\u4e00-\u9fff]{{1,8}})[{re.escape(NUMBER_BRACKETS)}]\d{{4}}"
    rf"[{re.escape(NUMBER_BRACKETS)}]\d{{1,4}}号"
)
# A signature's date line: "2022年4月21日", "2026年3月12日".
SIGNATURE_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
# An organ signing: "包头市人民政府办公室", "广东省发展和改革委员会", "泰安市人民政府".
ORGAN_END = re.compile(r"(?:人民政府|政府|办公厅|办公室|委员会|管委会|局|厅|委|办)$")
# A bracket that may hold an owner note, for the last way to tell the place: the place names
# in the owner notes ("（牵头部门：泰安海关）", "人行泰安市中心支行").
NOTE_BRACKET = re.compile(r"[（(][^（()）\n]{2,200}?[)）]")
