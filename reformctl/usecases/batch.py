"""Parsing many documents at once, on every core: ``parse_many``.

Each worker process parses a document and writes its YAML (atomically) itself, and sends back
only a small ``BatchResult``: the main process never holds the documents, so memory stays
bounded however large the folder. Results stream back as they finish (not in input order);
a document that cannot be read or parsed gives a result with ``error`` set and the run goes on.

    for result in parse_many(sources, out_dir):
        print(result.source, result.error or result.counts)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reformctl.errors import ReformctlError

if TYPE_CHECKING:
    from reformctl.model import Document, Warning_
    from reformctl.registry import Registry

__all__ = ["BatchResult", "document_counts", "document_sources", "parse_many", "target_for"]

# Documents per task sent to a worker: enough to make the hand-over cost nothing, few enough
# that the progress moves and the cores finish together.
MAX_CHUNK = 8


@dataclass(frozen=True)
class BatchResult:
    """What one document gave: counts for the summary line, warnings, or the error."""

    source: Path
    target: Path | None = None
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    warnings: tuple[Warning_, ...] = ()  # Document.warnings
    # DocumentInfo.kind: what the document is when it is no action plan
    kind: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


# What a folder holds beside its documents: read-me and index files (README.md, INDEX.txt,
# readme.html), which a folder of plans often has and which are no plan.
NOT_DOCUMENTS = ("readme", "index", "license", "changelog")
# A folder's documents are of these kinds only (a .md or .text file is read when named).
FOLDER_SUFFIXES = frozenset({".txt", ".docx", ".pdf", ".html", ".htm"})


def document_sources(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Paths as given, with each folder replaced by its documents (see folder_sources)."""
    return folder_sources(paths)[0]


def folder_sources(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """(documents, skipped): paths as given, each folder replaced by its documents — by
    name, not recursive; .txt .docx .pdf .html only, README/INDEX files and hidden files
    skipped. ``skipped`` lists the files of a folder that were left out, to say so."""
    out: list[Path] = []
    skipped: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            out.append(path)
            continue
        for child in sorted(path.iterdir()):
            if not child.is_file() or child.name.startswith("."):
                continue
            if child.suffix.lower() in FOLDER_SUFFIXES \
                    and not child.stem.lower().startswith(NOT_DOCUMENTS):
                out.append(child)
            else:
                skipped.append(child)
    return out, skipped


def target_for(source: Path, out_dir: Path, fmt: str = "yaml") -> Path:
    """Where the document parsed from ``source`` goes: ``out_dir/<stem>.yaml`` (or .json)."""
    return out_dir / (source.stem + (".json" if fmt == "json" else ".yaml"))


def parse_many(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    year: int | None = None,
    registry: Registry | None = None,
    registry_path: str | os.PathLike[str] | None = None,
    fmt: str = "yaml",
    jobs: int | None = None,
    timeout: float | None = None,
) -> Iterator[BatchResult]:
    """Parse every source (folders expanded) into ``out_dir``, ``jobs`` processes at a time
    (default: every core), yielding one result per document as it finishes. A document that
    takes more than ``timeout`` seconds to parse is stopped: an error result, and the run goes
    on (``usecases.timelimit``; None: no limit).

    Two sources that would write the same file (``a/x.txt`` and ``b/x.txt``) are refused: the
    later one gets an error result and nothing is written for it.
    """
    from reformctl.registry import load_registry

    sources = document_sources(paths)
    out = Path(out_dir)
    if registry is None:
        registry = load_registry(Path(registry_path)) if registry_path else None
    tasks: list[tuple[Path, Path]] = []
    taken: dict[Path, Path] = {}
    for source in sources:
        target = target_for(source, out, fmt)
        if target in taken:
            yield BatchResult(source, error=f"{source}: writes the same file as "
                              f"{taken[target]} ({target.name}); parse one of them apart")
            continue
        taken[target] = source
        tasks.append((source, target))
    if not tasks:
        return
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    settings = _Settings(year, registry, fmt, timeout)
    if jobs == 1:
        _init(settings)
        for source, target in tasks:
            yield _parse_one(source, target)
        return
    yield from _in_pool(tasks, jobs, settings)


def _in_pool(
    tasks: list[tuple[Path, Path]], jobs: int, settings: _Settings
) -> Iterator[BatchResult]:
    chunk = max(1, min(MAX_CHUNK, len(tasks) // (jobs * 4)))
    chunks = iter([tasks[i : i + chunk] for i in range(0, len(tasks), chunk)])
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(settings,)) as pool:
        pending: dict[Future[list[BatchResult]], list[tuple[Path, Path]]] = {}
        # A few chunks per worker in flight: the workers never wait, and the main process
        # never queues up more than a handful of results.
        for part in chunks:
            pending[pool.submit(_parse_chunk, part)] = part
            if len(pending) >= jobs * 2:
                break
        broken = False
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                part = pending.pop(future)
                try:
                    yield from future.result()
                except BrokenProcessPool:  # a worker was killed (out of memory, a signal)
                    broken = True
                    yield from _failed(part, "a worker process died while parsing it")
                if broken:
                    continue
                following = next(chunks, None)
                if following is not None:
                    pending[pool.submit(_parse_chunk, following)] = following
        for part in chunks:  # left over after a worker died
            yield from _failed(part, "not parsed: a worker process died")


def _failed(part: list[tuple[Path, Path]], why: str) -> Iterator[BatchResult]:
    for source, _ in part:
        yield BatchResult(source, error=f"{source}: {why}")


# -- in the worker ------------------------------------------------------------------------

@dataclass
class _Settings:
    year: int | None = None
    registry: Registry | None = None
    fmt: str = "yaml"
    timeout: float | None = None


_settings = _Settings()  # per worker process, set once by _init


def _init(settings: _Settings) -> None:
    global _settings
    _settings = settings


def _parse_chunk(part: list[tuple[Path, Path]]) -> list[BatchResult]:
    return [_parse_one(source, target) for source, target in part]


def _parse_one(source: Path, target: Path) -> BatchResult:
    from reformctl.corpus import save_document
    from reformctl.parse import parse_file
    from reformctl.usecases.timelimit import time_limit

    try:
        with time_limit(_settings.timeout, str(source)):
            doc = parse_file(source, year=_settings.year, registry=_settings.registry)
        save_document(doc, target, _settings.fmt)
    except ReformctlError as exc:
        message = str(exc)
        return BatchResult(source, error=message if str(source) in message
                           else f"{source}: {message}")
    except Exception as exc:  # a parser bug must not stop the other documents
        return BatchResult(source, error=f"{source}: internal error: "
                           f"{type(exc).__name__}: {exc}")
    return BatchResult(source, target=target, counts=document_counts(doc),
                       warnings=doc.warnings, kind=doc.document.kind)


def document_counts(doc: Document) -> dict[str, int]:
    """What parse's summary line counts: plans, measures, sub-items, owner notes, deadlines,
    targets, warnings."""
    everything = [m for _, m in doc.walk()]
    measures = sum(len(p.measures) for p in doc.plans)
    return {
        "plans": len(doc.plans),
        "measures": measures,
        "items": len(everything) - measures,
        "owners": sum(len(m.owners) for m in everything),
        "deadlines": sum(len(m.deadlines) for m in everything),
        "targets": sum(len(m.targets) for m in everything),
        "warnings": len(doc.warnings),
    }
