"""Overlap: two measures that describe the same work under different lead departments.

Each measure becomes a TF-IDF vector of its key terms, with the IDF taken from the corpus's
own measures; pairs are ranked by cosine similarity and explained by the terms they share.

- Terms are jieba words and adjacent word pairs ("电子" + "印章" → 电子印章), so a compound
  that jieba splits still counts as one specific term, while the parts count for less.
- Phrases a plan puts in quotes (“单一窗口”, “双随机、一公开”) are named things — a system,
  a reform, a brand — and the strongest signal that two measures mean the same work: they are
  added to the tokenizer's dictionary and weigh double, quoted or not.
- Owner notes and department names are removed from the text first, and administrative verbs
  and filler (推进, 加强, 完善, 进一步…) are stop words: they say how, not what.
- Within one plan every measure shares the plan's topic (不动产登记 in 登记财产), so for a pair
  from the same plan, terms found in many of that plan's measures are not counted.

Only pairs of one document whose owners differ are compared (the lead departments, or the
responsible ones when a measure names no lead): the same department owning two similar
measures is not a question of who does the work. A measure and its own sub-item are never a
pair. The IDF is still taken over the whole corpus.

jieba is imported only here, lazily; its dictionary cache goes to the user cache folder
(``$REFORMCTL_CACHE_DIR``, ``$XDG_CACHE_HOME/reformctl`` or ``~/.cache/reformctl``) and its
log output is silenced.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reformctl.model import Measure
from reformctl.select import Hit

# The cosine similarity from which a pair is reported. Tuned on the seed: the overlaps named
# in issue 3 (电子印章, “单一窗口”, “双随机、一公开”) score 0.31-0.57; below 0.2 the pairs share
# a word or two of a common domain (不动产登记, 行政审批) rather than a piece of work.
DEFAULT_THRESHOLD = 0.2
# How much a quoted phrase weighs against an ordinary compound term.
PHRASE_WEIGHT = 2.0
# How much a bare two-character jieba word weighs against a compound (三字以上 or word pair).
SHORT_WORD_WEIGHT = 0.5
# In a same-plan pair, a term found in this share of the plan's measures (and at least
# PLAN_TOPIC_MIN of them) is the plan's topic, not evidence of overlap.
PLAN_TOPIC_SHARE = 0.2
PLAN_TOPIC_MIN = 3
# How much more a term of the measure's title (its headline: what the work is) weighs.
TITLE_WEIGHT = 1.5
# Shared terms shown to explain a pair.
TOP_TERMS = 5

# A phrase in quotes, as plans write named reforms and systems: 推行国际贸易“单一窗口”出口退税
# 申报; 全面推行“双随机、一公开”监管模式; also 《…》 titles of regulations and documents.
QUOTED_PHRASE = re.compile(r"[“\"「『《]([^”\"“」』《》\n]{2,30})[”\"」』》]")
# Punctuation that may sit inside a quoted phrase and is dropped to make one term of it:
# “双随机、一公开” → 双随机一公开, “创业泰山·乐业泰安”.
PHRASE_INNER_PUNCT = re.compile(r"[、，,·\s]")
# What a term may consist of: Chinese characters, Latin letters (CA, APP, RCEP), digits, "+"
# (互联网+监管); a term made only of digits and signs is a number, not a term.
TERM_CHARS = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9+]+$")
NUMBER_LIKE = re.compile(r"^[0-9+]+$")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say how or how much, not what: the verbs and fillers of every measure, places and
# levels, time words, and nouns so general that sharing them means nothing (服务, 工作, 事项).
STOP_WORDS = _words(
    """
    推进 加强 完善 建立 推动 实现 提升 优化 进一步 积极 全面 深化 持续 加快 加大 开展 做好 落实 提高 探索 强化 健全 规范 不断 深入 着力 大力 稳步 逐步 及时
    严格 认真 依法 切实 扎实 力争 主动 有效 充分 发挥 作用 确保 促进 支持 鼓励 引导 组织 实行 推行 推广 实施 开通 启动 完成 制定 出台 印发 发布 研究 明确
    围绕 结合 按照 根据 依托 通过 利用 采取 参照 对照 配合 协调 督促 指导 加以 予以 给予 作出 进行 形成 构建 打造 拓展 扩大 压减 压缩 简化 精简 减少 增加
    新增 提供 满足 保障 维护 解决 处理 办理 应用 使用 建设 管理 工作 机制 服务 部门 单位 事项 相关 有关 各类 各项 各级 各地 各种 一批 一些 一般 有关部门
    相关部门 主管部门 职能部门 方面 方式 措施 政策 情况 问题 水平 能力 体系 制度 要求 内容 范围 标准 工作机制 活动 举措 全市 全省 全国 我市 本市 泰安 泰安市
    山东 山东省 省级 市级 县级 市县 省市 县市区 功能区 市场主体 企业 群众 社会 公众 部门间 协同 共同 统一 部署 安排 省里 上级 年底 月底 上旬 中旬 下旬 年度
    全年 当年 日前 以前 以后 以上 以下 以内 之内 左右 期间 同时 达到 同步 实际 结合实际 基础 前提 重点 重要 主要 更多 更加 所有 全部 部分 其他 相应 一定
    不得 不再 无需 需要 可以 能够 应当 必须 是否 以及 并且 或者 其中 对于 关于 为了 由于 特别 尤其 原则上 原则 有序 常态 常态化 规范化 标准化 便利 便利化
    效率 质量 力度 工作量 政府 项目 全面推行 积极推进 加快推进 持续推进 深入推进 大力推进
    """
)

Tokenizer = Callable[[str], Iterable[str]]


@dataclass(frozen=True)
class Overlap:
    """Two measures that look like the same work, with the score and the shared terms."""

    a: Hit
    b: Hit
    score: float
    terms: tuple[str, ...]


def cache_dir() -> Path:
    """Where jieba keeps its dictionary cache: the same folder as the corpus cache
    ($REFORMCTL_CACHE_DIR, $XDG_CACHE_HOME/reformctl or ~/.cache/reformctl)."""
    from reformctl.corpus import cache_folder

    folder = cache_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path(tempfile.gettempdir())
    return folder if os.access(folder, os.W_OK) else Path(tempfile.gettempdir())


def jieba_tokenizer(words: Iterable[str] = ()) -> Tokenizer:
    """A jieba tokenizer (its own instance, quiet, cached per user) knowing extra ``words``."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir())
    jieba.dt.tmp_dir = tokenizer.tmp_dir
    for word in words:
        tokenizer.add_word(word, freq=1000)

    def tokenize(text: str) -> Iterable[str]:
        return tokenizer.cut(text)  # type: ignore[no-any-return]

    return tokenize


def normalize_phrase(phrase: str) -> str:
    return PHRASE_INNER_PUNCT.sub("", phrase)


def quoted_phrases(texts: Iterable[str]) -> dict[str, str]:
    """Quoted phrases of the texts: normalized form → the form first seen (for display)."""
    found: dict[str, str] = {}
    for text in texts:
        for m in QUOTED_PHRASE.finditer(text):
            shown = m.group(1).strip()
            key = normalize_phrase(shown)
            if len(key) >= 2 and not NUMBER_LIKE.match(key):
                found.setdefault(key, shown)
    return found


def effective_owners(measure: Measure) -> frozenset[str]:
    """Who owns the work: the lead departments, or the responsible ones when none leads."""
    return frozenset(measure.lead or measure.responsible)


def measure_text(measure: Measure, names: Sequence[str] = ()) -> str:
    """The measure's text without its owner notes and department names."""
    text = measure.text
    for group in measure.owners:
        if group.raw:
            text = text.replace(group.raw, "。")
    for name in names:  # longest first, so 市市场监管局 goes before 市场监管局
        if name in text:
            text = text.replace(name, "，")
    return text


def terms_of(
    text: str,
    tokenize: Tokenizer,
    phrases: dict[str, str],
    stop_words: frozenset[str] = STOP_WORDS,
) -> list[str]:
    """Key terms of a text: words and adjacent word pairs, without stop words and numbers."""
    for shown_key, shown in phrases.items():
        if shown != shown_key and shown in text:
            text = text.replace(shown, shown_key)  # “双随机、一公开” → 双随机一公开
    out: list[str] = []
    previous: str | None = None
    for token in tokenize(text):
        token = token.strip()
        if (
            len(token) < 2
            or token in stop_words
            or not TERM_CHARS.match(token)
            or NUMBER_LIKE.match(token)
        ):
            previous = None
            continue
        out.append(token)
        if previous is not None and token not in phrases and previous not in phrases:
            out.append(previous + token)
        previous = token
    return out


def find_overlaps(
    hits: Sequence[Hit],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    tokenizer: Tokenizer | None = None,
    names: Iterable[str] = (),
    owners: Callable[[Measure], frozenset[str]] = effective_owners,
    stop_words: frozenset[str] = STOP_WORDS,
    top_terms: int = TOP_TERMS,
    across_documents: bool = False,
) -> list[Overlap]:
    """Pairs of measures scoring at least ``threshold``, best first.

    ``names`` are department names removed from the text before tokenizing; ``tokenizer``
    defaults to jieba with the corpus's quoted phrases added; ``owners`` decides whose work a
    measure is (pairs with the same owners are skipped). Pairs are taken within one document
    unless ``across_documents``: a corpus often holds other cities' plans, or earlier versions
    of the same one, whose similar measures are not two owners of one piece of work.
    """
    measures = [h.measure for h in hits]
    phrases = quoted_phrases(m.text for m in measures)
    if tokenizer is None:
        extra = set(phrases)
        for shown in phrases.values():  # the parts of “双随机、一公开” are words too
            extra.update(p for p in PHRASE_INNER_PUNCT.split(shown) if len(p) >= 2)
        tokenizer = jieba_tokenizer(sorted(extra))
    ordered_names = sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)
    counts = [
        Counter(terms_of(measure_text(m, ordered_names), tokenizer, phrases, stop_words))
        for m in measures
    ]
    titles = [set(terms_of(m.title, tokenizer, phrases, stop_words)) for m in measures]
    vectors = _tfidf(counts, phrases, titles)
    plan_topics = _plan_topics(hits, counts)
    owner_sets = [owners(m) for m in measures]

    found: list[Overlap] = []
    for i in range(len(hits)):
        if not vectors[i]:
            continue
        for j in range(i + 1, len(hits)):
            if not vectors[j] or owner_sets[i] == owner_sets[j] or _nested(hits[i], hits[j]):
                continue
            if not across_documents and hits[i].entry.path != hits[j].entry.path:
                continue
            same_plan = _plan_id(hits[i]) == _plan_id(hits[j])
            skip = plan_topics.get(_plan_id(hits[i]), frozenset()) if same_plan else frozenset()
            small, large = sorted((vectors[i], vectors[j]), key=len)
            shared = {t: w * large[t] for t, w in small.items() if t in large and t not in skip}
            score = sum(shared.values())
            if score >= threshold:
                terms = _explain(shared, phrases, top_terms)
                found.append(Overlap(hits[i], hits[j], round(score, 3), terms))
    found.sort(key=lambda o: -o.score)
    return found


def _tfidf(
    counts: list[Counter[str]], phrases: dict[str, str], titles: list[set[str]]
) -> list[dict[str, float]]:
    n = len(counts)
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    vectors = []
    for c, title in zip(counts, titles, strict=True):
        weights = {}
        for term, tf in c.items():
            # Terms no other measure has stay in: they cannot be shared, but they are part of
            # what the measure is about, and keep one shared word from dominating a short text.
            idf = math.log((1 + n) / (1 + df[term]))
            weight = (1 + math.log(tf)) * idf * _term_weight(term, phrases)
            weights[term] = weight * TITLE_WEIGHT if term in title else weight
        norm = math.sqrt(sum(w * w for w in weights.values()))
        vectors.append({t: w / norm for t, w in weights.items()} if norm else {})
    return vectors


def _term_weight(term: str, phrases: dict[str, str]) -> float:
    if term in phrases:
        return PHRASE_WEIGHT
    if len(term) <= 2:
        return SHORT_WORD_WEIGHT
    return 1.0


def _plan_id(hit: Hit) -> tuple[str, int]:
    return (str(hit.entry.path), hit.plan.index)


def _plan_topics(hits: Sequence[Hit], counts: list[Counter[str]]) -> dict[tuple[str, int], frozenset[str]]:
    """Per plan, the terms found in so many of its measures that they name the plan's topic."""
    members: dict[tuple[str, int], list[int]] = {}
    for i, hit in enumerate(hits):
        members.setdefault(_plan_id(hit), []).append(i)
    topics = {}
    for plan, indexes in members.items():
        df: Counter[str] = Counter()
        for i in indexes:
            df.update(counts[i].keys())
        limit = max(PLAN_TOPIC_MIN, math.ceil(PLAN_TOPIC_SHARE * len(indexes)))
        topics[plan] = frozenset(t for t, k in df.items() if k >= limit)
    return topics


def _nested(a: Hit, b: Hit) -> bool:
    """A measure and its own sub-item (14.10 and 14.10.1) are not two pieces of work."""
    if a.entry.path != b.entry.path:
        return False
    x, y = a.measure.id, b.measure.id
    return y.startswith(x + ".") or x.startswith(y + ".")


def _explain(shared: dict[str, float], phrases: dict[str, str], limit: int) -> tuple[str, ...]:
    """The shared terms that weigh most, without parts of a term already shown."""
    shown: list[str] = []
    for term in sorted(shared, key=lambda t: (-shared[t], t)):
        if any(term in s for s in shown):
            continue
        shown = [s for s in shown if s not in term]  # a compound replaces its part
        shown.append(term)
        if len(shown) >= limit:
            break
    return tuple(f"“{phrases[t]}”" if t in phrases else t for t in shown)


__all__ = [
    "DEFAULT_THRESHOLD",
    "Overlap",
    "STOP_WORDS",
    "cache_dir",
    "effective_owners",
    "find_overlaps",
    "jieba_tokenizer",
    "quoted_phrases",
    "terms_of",
]
