"""The overlap check: the seed's real overlaps rank at the top, each explained; jieba stays
quiet and keeps its cache in the user cache folder; the tokenizer can be swapped."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from seedfiles import CORPUS, SEED_YAML

from reformctl.audit.overlap import (
    DEFAULT_THRESHOLD,
    Overlap,
    cache_dir,
    find_overlaps,
    jieba_tokenizer,
    quoted_phrases,
    terms_of,
)
from reformctl.corpus import CorpusEntry, load_corpus
from reformctl.model import Document, DocumentInfo, Measure, OwnerGroup, Plan
from reformctl.registry import load_registry
from reformctl.select import Hit, select

# The overlaps issue 3 names in the seed, as (measure, measure) pairs.
REAL = {
    ("5.7", "6.7"): "单一窗口",  # 纳税 #7 and 跨境贸易 #7: 国际贸易“单一窗口”出口退税申报
    ("1.3", "12.7"): "电子印章",  # 开办企业 #3 and 政务服务 #7
    ("11.8", "14.1"): "双随机",  # 招标投标 #8 and 市场监管 #1-#3: “双随机、一公开”
    ("11.8", "14.2"): "双随机",
    ("11.8", "14.3"): "双随机",
}


@pytest.fixture(scope="module")
def overlaps() -> list[Overlap]:
    hits = select(load_corpus(SEED_YAML))
    registry = load_registry(CORPUS / "departments.yaml")
    names = {n for name in registry.names() for n in (name, *registry.aliases(name))}
    return find_overlaps(hits, threshold=0.1, names=names)


def pairs(found: Iterable[Overlap]) -> list[tuple[str, str]]:
    return [(o.a.measure.id, o.b.measure.id) for o in found]


def test_real_overlaps_rank_at_the_top(overlaps: list[Overlap]) -> None:
    top = pairs(overlaps[:10])
    for pair in REAL:
        assert pair in top, (pair, top)
    above = [o for o in overlaps if o.score >= DEFAULT_THRESHOLD]
    assert set(REAL) <= set(pairs(above))
    assert len(above) <= 15  # few pairs at the default threshold, so a reader checks them all


def test_each_pair_is_explained_by_its_shared_terms(overlaps: list[Overlap]) -> None:
    by_pair = dict(zip(pairs(overlaps), overlaps, strict=True))
    for pair, term in REAL.items():
        found = by_pair[pair]
        assert any(term in t for t in found.terms), (pair, found.terms)
        assert 0 < found.score <= 1
    assert "“单一窗口”" in by_pair[("5.7", "6.7")].terms  # a quoted phrase is shown quoted
    assert "“双随机、一公开”" in by_pair[("11.8", "14.1")].terms  # with its inner punctuation
    # A compound replaces its parts: 电子印章, not 电子 and 印章 again.
    seal = by_pair[("1.3", "12.7")].terms
    assert "电子印章" in seal and "印章" not in seal and "电子" not in seal


def test_ranked_by_score_and_never_same_owner_or_nested(overlaps: list[Overlap]) -> None:
    scores = [o.score for o in overlaps]
    assert scores == sorted(scores, reverse=True)
    for o in overlaps:
        a, b = o.a.measure, o.b.measure
        assert (a.lead or a.responsible) != (b.lead or b.responsible)
        assert not b.id.startswith(a.id + ".") and not a.id.startswith(b.id + ".")


def test_stop_words_and_department_names_are_not_evidence(overlaps: list[Overlap]) -> None:
    shown = {t for o in overlaps for t in o.terms}
    assert not shown & {"推进", "加强", "完善", "建立", "推动", "实现", "提升", "优化"}
    assert not any("局" in t or "委" in t for t in shown)


def test_terms_of_uses_phrases_pairs_and_stop_words() -> None:
    def tokenize(text: str) -> list[str]:  # a tokenizer that splits on spaces, for the test
        return text.split(" ")

    phrases = {"双随机一公开": "双随机、一公开"}
    terms = terms_of("全面 推行 双随机、一公开 监管 模式 电子 印章 9 月底 前", tokenize, phrases)
    assert "双随机一公开" in terms  # the phrase is one term, without its inner 、
    assert "电子印章" in terms and "电子" in terms  # a word pair, and its words
    assert "推行" not in terms and "月底" not in terms and "9" not in terms


def test_quoted_phrases() -> None:
    text = '推行国际贸易“单一窗口”出口退税申报;全面推行"双随机、一公开"监管;《证券法》;“1545”'
    assert quoted_phrases([text]) == {
        "单一窗口": "单一窗口", "双随机一公开": "双随机、一公开", "证券法": "证券法",
    }


def _hit(plan: Plan, measure: Measure, doc: Document) -> Hit:
    return Hit(CorpusEntry(Path("x.yaml"), doc), plan, measure)


def test_the_tokenizer_is_a_parameter() -> None:
    def chars(text: str) -> list[str]:
        return [text[i:i + 2] for i in range(len(text) - 1)]  # character bigrams

    def hit(mid: str, text: str, lead: str) -> Hit:
        plan = Plan(index=int(mid.split(".")[0]), title="t", lines=(1, 1))
        m = Measure(id=mid, key=mid, number=int(mid[-1]), title=text[:6], text=text,
                    lines=(1, 1), owners=(OwnerGroup(lead=(lead,)),))
        return _hit(plan, m, Document(DocumentInfo("t", "", "", 2021)))

    hits = [
        hit("1.1", "推广电子印章应用,加快制作部门电子印章", "甲局"),
        hit("2.1", "推行电子印章与电子营业执照同步发放", "乙局"),
        hit("3.1", "推广电子印章应用,加快制作部门电子印章", "甲局"),  # same owner as 1.1
        hit("4.1", "完善知识产权质押融资机制", "丙局"),
    ]
    found = find_overlaps(hits, threshold=0.05, tokenizer=chars, stop_words=frozenset())
    assert ("1.1", "3.1") not in pairs(found)
    assert ("1.1", "2.1") in pairs(found) and ("2.1", "3.1") in pairs(found)
    assert all("4.1" not in p for p in pairs(found))


def test_jieba_is_quiet_and_caches_in_the_user_cache_folder(tmp_path: Path) -> None:
    # A fresh process with an empty cache folder: no log lines on stderr, cache file written.
    code = (
        "from reformctl.audit.overlap import jieba_tokenizer\n"
        "print('/'.join(jieba_tokenizer(['单一窗口'])('推广国际贸易单一窗口')))\n"
    )
    env = {**os.environ, "REFORMCTL_CACHE_DIR": str(tmp_path / "reformctl")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    assert done.stderr == ""
    assert "单一窗口" in done.stdout.strip().split("/")
    assert (tmp_path / "reformctl" / "jieba.cache").is_file()


def test_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REFORMCTL_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "reformctl"
    assert cache_dir().is_dir()


def test_jieba_tokenizer_knows_extra_words() -> None:
    words = list(jieba_tokenizer(["双随机"])("全市部门联合双随机抽查事项清单"))
    assert "双随机" in words


def test_overlap_module_does_not_import_jieba_until_used() -> None:
    code = ("import sys, reformctl.audit.checks, reformctl.audit.overlap\n"
            "print('jieba' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "False"


def test_pairs_stay_within_one_document_unless_asked(tmp_path: Path) -> None:
    import shutil

    for name in ("000_a.yaml", "001_b.yaml"):
        shutil.copy(SEED_YAML, tmp_path / name)
    hits = select(load_corpus(tmp_path))
    within = find_overlaps(hits, threshold=0.3)
    assert within and all(o.a.entry.path == o.b.entry.path for o in within)
    assert {("1.3", "12.7"), ("5.7", "6.7")} <= set(pairs(within))
    across = find_overlaps(hits, threshold=0.3, across_documents=True)
    assert any(o.a.entry.path != o.b.entry.path for o in across)
