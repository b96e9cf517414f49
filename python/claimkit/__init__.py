"""claimkit: who said what, and which numbers were cited, in news text.

The same engine, rule packs and output contract as the ``claimkit`` command-line
tool, called in-process::

    import claimkit
    ex = claimkit.Extractor()                 # the embedded English pack
    doc = ex.extract("“We will act,” said Ana Ruiz, the mayor.", id="a1")
    doc["claims"][0]["speaker"]["name"]       # 'Ana Ruiz'

Each result is a dict with exactly the keys of one line of ``claimkit extract``'s
JSONL output: ``id``, ``claims`` and ``figures`` (see the README's output contract).
Offsets are code points, so ``text[start:end]`` is the span.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import (
    Any,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Sequence,
    Tuple,
    Union,
)

from . import _native

__all__ = ["Extractor", "RulePackError", "Diagnostic", "__version__"]
__version__ = "0.1.0"

# The file kinds a rule pack is made of (as the binary embeds them).
_PACK_SUFFIXES = (".yaml", ".yml", ".txt")
# A batch handed to the Rust threads at once: bounded in documents and in text size,
# so memory stays flat however long the input is.
_BATCH_DOCS = 512
_BATCH_CHARS = 4 << 20


class Diagnostic(NamedTuple):
    """One problem in a rule pack, as ``claimkit check`` reports it."""

    code: str
    """A stable code, e.g. ``invalid-regex`` or ``unknown-reference``."""
    file: str
    """The pack file the problem is in."""
    line: int
    """1-based line (0 when the problem concerns the whole file)."""
    column: int
    """1-based column in characters (0 when the problem concerns the whole file)."""
    message: str
    label: Optional[str] = None
    help: Optional[str] = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message} [{self.code}]"


class RulePackError(Exception):
    """A rule pack failed to load or compile.

    ``diagnostics`` lists every problem found (not only the first), each with
    ``file``, ``line``, ``column`` and ``message``; ``str(err)`` renders them as
    ``claimkit check`` does.
    """

    def __init__(self, message: str, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics: List[Diagnostic] = list(diagnostics)

    def __reduce__(self) -> Tuple[Any, ...]:
        return (RulePackError, (str(self), self.diagnostics))


def _engine(rules: Optional[str]) -> _native.Engine:
    try:
        return _native.Engine(rules)
    except _native.PackLoadError as e:
        message, diags = e.args
        raise RulePackError(message, [Diagnostic(**d) for d in diags]) from None


def _read_pack(folder: str) -> Tuple[Tuple[str, str], ...]:
    """The files of the rule pack in ``folder``: (relative path, contents), sorted."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.endswith(_PACK_SUFFIXES):
                path = os.path.join(root, name)
                rel = os.path.relpath(path, folder).replace(os.sep, "/")
                with open(path, encoding="utf-8") as f:
                    files.append((rel, f.read()))
    return tuple(files)


# Engines compiled in this process, by the digest of their source: an Extractor
# unpickled a thousand times in one Spark executor compiles its pack once.
_COMPILED: Dict[str, _native.Engine] = {}
_COMPILED_LOCK = threading.Lock()


def _digest(files: Tuple[Tuple[str, str], ...]) -> str:
    h = hashlib.sha256()
    for rel, text in files:
        for part in (rel, text):
            data = part.encode("utf-8")
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    return h.hexdigest()


def _engine_from_files(files: Tuple[Tuple[str, str], ...]) -> _native.Engine:
    key = _digest(files)
    with _COMPILED_LOCK:
        engine = _COMPILED.get(key)
        if engine is None:
            with tempfile.TemporaryDirectory(prefix="claimkit-pack-") as tmp:
                for rel, text in files:
                    path = os.path.join(tmp, *rel.split("/"))
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text)
                engine = _engine(tmp)
            _COMPILED[key] = engine
        return engine


def _builtin_engine() -> _native.Engine:
    with _COMPILED_LOCK:
        engine = _COMPILED.get("builtin")
        if engine is None:
            engine = _COMPILED["builtin"] = _engine(None)
        return engine


def _rebuild(source: Any) -> "Extractor":
    """Unpickles an Extractor from its rules' source (see ``Extractor.__reduce__``)."""
    ex = Extractor.__new__(Extractor)
    if source == "builtin":
        ex._files = None
        ex._engine = _builtin_engine()
        ex.rules = None
    else:
        folder, files = source
        ex._files = files
        ex._engine = _engine_from_files(files)
        ex.rules = folder
    return ex


def _finish(line: str, id: Any) -> Dict[str, Any]:
    doc = json.loads(line)
    if id is None:
        doc["id"] = None
    return doc


Document = Union[str, Mapping[str, Any], Tuple[Any, str]]


def _split(item: Any, index: int) -> Tuple[Optional[str], Any]:
    """(id, text) of one input of ``extract_many``; ValueError for anything else."""
    if isinstance(item, str):
        return None, item
    if isinstance(item, Mapping):
        if "text" not in item:
            raise ValueError(f"document {index} has no 'text' key")
        ident = item.get("id")
        return (None if ident is None else _id_str(ident, index)), item["text"]
    if isinstance(item, tuple) and len(item) == 2:
        ident, text = item
        return (None if ident is None else _id_str(ident, index)), text
    raise ValueError(
        f"document {index} must be a str, a mapping with 'text' (and 'id'), "
        f"or an (id, text) pair, not {type(item).__name__}"
    )


def _id_str(ident: Any, index: int) -> str:
    if isinstance(ident, bool) or not isinstance(ident, (str, int)):
        raise ValueError(f"id of document {index} must be a str or int, not {type(ident).__name__}")
    return str(ident)


class Extractor:
    """A compiled rule pack that extracts claims and figures.

    ``Extractor()`` uses the English pack built into the package;
    ``Extractor(rules="rules/")`` reads and compiles the pack in that folder (a folder
    with ``pack.yaml``, or one holding a single pack folder). The pack is compiled
    once, here; a broken pack raises :class:`RulePackError` with every problem found.

    An Extractor is thread-safe and pickles by its rules' source: the embedded pack
    as a marker, a folder pack as the contents of its files, so it rebuilds on a
    worker or Spark executor that does not have the folder (compiled once per
    process there).
    """

    rules: Optional[str]
    """The rule folder given, or None for the embedded pack."""

    def __init__(self, rules: Optional[Union[str, "os.PathLike[str]"]] = None) -> None:
        if rules is None:
            self._files: Optional[Tuple[Tuple[str, str], ...]] = None
            self._engine = _builtin_engine()
            self.rules = None
            return
        folder = os.fspath(rules)
        if not isinstance(folder, str):
            raise ValueError("rules must be a folder path (str or os.PathLike)")
        # Compile from the folder itself (diagnostics name the user's files), and keep
        # the contents of the pack folder's files for pickling.
        self._engine = _engine(folder)
        self.rules = folder
        self._files = _read_pack(str(_native.find_pack_dir(folder)))

    def __repr__(self) -> str:
        what = "builtin" if self.rules is None else repr(self.rules)
        return f"claimkit.Extractor(rules={what})"

    def __reduce__(self) -> Tuple[Any, ...]:
        if self._files is None:
            return (_rebuild, ("builtin",))
        return (_rebuild, ((self.rules, self._files),))

    def extract(self, text: str, id: Optional[Union[str, int]] = None) -> Dict[str, Any]:
        """Extracts one text.

        Returns ``{"id": id, "claims": [...], "figures": [...]}``, exactly one line of
        ``claimkit extract``'s JSONL output parsed (``id`` None when not given).
        Raises ValueError when ``text`` is not a str (or holds lone surrogates).
        """
        ident = None if id is None else _id_str(id, 0)
        return _finish(self._engine.extract_json(text, ident), ident)

    def extract_many(
        self,
        docs: Iterable[Document],
        threads: Optional[int] = None,
    ) -> Iterator[Dict[str, Any]]:
        """Extracts many documents, yielding results in input order as they are ready.

        Each item of ``docs`` is a text (``str``), a mapping with ``"text"`` and
        optionally ``"id"`` (as a JSONL line of the CLI), or an ``(id, text)`` pair.
        The input is consumed lazily in bounded batches; each batch is extracted on
        ``threads`` Rust threads (None: all cores) with the GIL released, while the
        previous batch's results are handed back. The output does not depend on the
        thread count. Raises ValueError at the first item that is not a document.
        """
        if threads is not None and (
            isinstance(threads, bool) or not isinstance(threads, int) or threads < 1
        ):
            raise ValueError(f"threads must be a positive int or None, not {threads!r}")
        return self._stream(docs, threads)

    def _stream(
        self, docs: Iterable[Document], threads: Optional[int]
    ) -> Iterator[Dict[str, Any]]:
        engine = self._engine
        batches = _batches(docs)
        # One batch runs in Rust (GIL released) while the previous one is parsed here.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimkit") as pool:
            pending = None
            for ids, texts in batches:
                submitted = pool.submit(engine.extract_json_batch, ids, texts, threads)
                if pending is not None:
                    yield from _results(pending)
                pending = (submitted, ids)
            if pending is not None:
                yield from _results(pending)

    def extract_frame(
        self,
        df: Any,
        text_col: str = "text",
        id_col: Optional[str] = "id",
        threads: Optional[int] = None,
    ) -> Tuple[Any, Any]:
        """Extracts every row of a pandas DataFrame into two DataFrames.

        Returns ``(claims, figures)``: one row per claim (columns ``id``, ``claim``
        (its index in the document), ``kind``, ``text``, ``start``, ``end``,
        ``speaker_text``, ``speaker_start``, ``speaker_end``, ``speaker_name``,
        ``speaker_role``, ``cue_text``, ``cue_start``, ``cue_end``, ``rule``,
        ``confidence``, ``figures``) and one row per figure (``id``, ``figure``,
        ``text``, ``start``, ``end``, ``kind``, ``value``, ``low``, ``high``, ``unit``,
        ``approx``, ``rule``). ``id`` comes from ``id_col``, or from the frame's index
        when ``id_col`` is None. Needs pandas (an optional dependency).
        """
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError(
                "Extractor.extract_frame needs pandas: pip install pandas"
            ) from e
        if text_col not in df.columns:
            raise ValueError(f"no column {text_col!r} in the DataFrame")
        if id_col is not None and id_col not in df.columns:
            raise ValueError(f"no column {id_col!r} in the DataFrame (id_col=None uses the index)")
        ids = df.index if id_col is None else df[id_col]
        pairs = zip((None if i is None else str(i) for i in ids), df[text_col])
        claims: List[Dict[str, Any]] = []
        figures: List[Dict[str, Any]] = []
        for doc in self.extract_many(pairs, threads=threads):
            claims.extend(claim_rows(doc))
            figures.extend(figure_rows(doc))
        return (
            pd.DataFrame(claims, columns=list(CLAIM_COLUMNS)),
            pd.DataFrame(figures, columns=list(FIGURE_COLUMNS)),
        )


def _batches(docs: Iterable[Document]) -> Iterator[Tuple[List[Optional[str]], List[Any]]]:
    ids: List[Optional[str]] = []
    texts: List[Any] = []
    size = 0
    for index, item in enumerate(docs):
        ident, text = _split(item, index)
        if not isinstance(text, str):
            raise ValueError(
                f"text of document {index} must be a str, not {type(text).__name__}"
            )
        ids.append(ident)
        texts.append(text)
        size += len(text)
        if len(texts) >= _BATCH_DOCS or size >= _BATCH_CHARS:
            yield ids, texts
            ids, texts, size = [], [], 0
    if texts:
        yield ids, texts


def _results(pending: Tuple[Any, List[Optional[str]]]) -> Iterator[Dict[str, Any]]:
    future, ids = pending
    try:
        lines = future.result()
    except _native.PackLoadError as e:  # pragma: no cover - not raised by extraction
        raise RulePackError(*e.args) from None
    for line, ident in zip(lines, ids):
        yield _finish(line, ident)


CLAIM_COLUMNS = (
    "id", "claim", "kind", "text", "start", "end",
    "speaker_text", "speaker_start", "speaker_end", "speaker_name", "speaker_role",
    "cue_text", "cue_start", "cue_end", "rule", "confidence", "figures",
)
FIGURE_COLUMNS = (
    "id", "figure", "text", "start", "end", "kind",
    "value", "low", "high", "unit", "approx", "rule",
)


def claim_rows(doc: Mapping[str, Any]) -> Iterator[Dict[str, Any]]:
    """The claims of one result as flat rows (the columns of ``CLAIM_COLUMNS``)."""
    for i, c in enumerate(doc["claims"]):
        sp = c.get("speaker") or {}
        cue = c.get("cue") or {}
        yield {
            "id": doc["id"], "claim": i, "kind": c["kind"], "text": c["text"],
            "start": c["start"], "end": c["end"],
            "speaker_text": sp.get("text"), "speaker_start": sp.get("start"),
            "speaker_end": sp.get("end"), "speaker_name": sp.get("name"),
            "speaker_role": sp.get("role"),
            "cue_text": cue.get("text"), "cue_start": cue.get("start"),
            "cue_end": cue.get("end"),
            "rule": c["rule"], "confidence": c["confidence"], "figures": c["figures"],
        }


def figure_rows(doc: Mapping[str, Any]) -> Iterator[Dict[str, Any]]:
    """The figures of one result as flat rows (the columns of ``FIGURE_COLUMNS``)."""
    for i, f in enumerate(doc["figures"]):
        row = {"id": doc["id"], "figure": i}
        row.update((k, f.get(k)) for k in FIGURE_COLUMNS[2:])
        yield row
