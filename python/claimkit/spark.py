"""claimkit on Spark: extraction over a DataFrame, one Arrow batch at a time.

::

    from claimkit import spark as cks
    out = cks.extract(df, text_col="text", id_col="id")      # rules=None: embedded pack
    out.select("id", F.explode("claims").alias("c")).select("id", "c.text", "c.speaker.name")

The result has one row per input row with the declared schema :data:`SCHEMA`: the
``id`` (as a string) and the ``claims`` and ``figures`` arrays of the JSONL contract,
as structs (``speaker`` and ``cue`` are structs too; offsets are ints, ``confidence``,
``value``, ``low`` and ``high`` doubles). It runs through ``mapInArrow``: each task
unpickles the Extractor (compiled once per executor process) and extracts whole Arrow
batches in Rust; no Python UDF runs per row.
"""

from __future__ import annotations

from typing import Any, Iterator, Optional, Union

from . import Extractor

__all__ = ["extract", "SCHEMA", "arrow_schema"]

SCHEMA = (
    "id string, "
    "claims array<struct<"
    "kind: string, text: string, start: int, end: int, "
    "speaker: struct<text: string, start: int, end: int, name: string, role: string>, "
    "cue: struct<text: string, start: int, end: int>, "
    "rule: string, confidence: double, figures: array<int>>>, "
    "figures array<struct<"
    "text: string, start: int, end: int, kind: string, "
    "value: double, low: double, high: double, unit: string, approx: string, rule: string>>"
)
"""The declared Spark schema (DDL) of :func:`extract`'s result."""


def arrow_schema() -> Any:
    """The Arrow schema matching :data:`SCHEMA` (needs pyarrow)."""
    import pyarrow as pa

    span = [("text", pa.string()), ("start", pa.int32()), ("end", pa.int32())]
    speaker = pa.struct(span + [("name", pa.string()), ("role", pa.string())])
    claim = pa.struct(
        [("kind", pa.string())]
        + span
        + [
            ("speaker", speaker),
            ("cue", pa.struct(span)),
            ("rule", pa.string()),
            ("confidence", pa.float64()),
            ("figures", pa.list_(pa.int32())),
        ]
    )
    figure = pa.struct(
        span
        + [("kind", pa.string())]
        + [(k, pa.float64()) for k in ("value", "low", "high")]
        + [("unit", pa.string()), ("approx", pa.string()), ("rule", pa.string())]
    )
    return pa.schema(
        [("id", pa.string()), ("claims", pa.list_(claim)), ("figures", pa.list_(figure))]
    )


def _extract_batches(extractor: Extractor, threads: int):
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        schema = arrow_schema()
        for batch in batches:
            ids = batch.column(0).to_pylist()
            texts = batch.column(1).to_pylist()
            # A null text is an empty document: no claims, no figures.
            pairs = [(i, "" if t is None else t) for i, t in zip(ids, texts)]
            docs = list(extractor.extract_many(pairs, threads=threads))
            yield pa.RecordBatch.from_pylist(docs, schema=schema)

    return run


def extract(
    df: Any,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    rules: Optional[Union[str, Extractor]] = None,
    threads_per_task: int = 1,
) -> Any:
    """Extracts the claims and figures of every row of a Spark DataFrame.

    ``text_col`` names the text column (null texts give empty results), ``id_col``
    the id column (cast to string; None gives null ids). ``rules`` is None for the
    embedded English pack, a rule folder on the driver (its files travel with the
    job, so executors need not have it), or an :class:`Extractor`. A broken pack
    raises :class:`claimkit.RulePackError` here, on the driver.

    Returns a DataFrame with :data:`SCHEMA`: ``id``, ``claims``, ``figures``, one row
    per input row. ``threads_per_task`` Rust threads extract each task's batches
    (Spark already runs one task per core).
    """
    from pyspark.sql import functions as F

    extractor = rules if isinstance(rules, Extractor) else Extractor(rules)
    if text_col not in df.columns:
        raise ValueError(f"no column {text_col!r} in the DataFrame")
    if id_col is not None and id_col not in df.columns:
        raise ValueError(f"no column {id_col!r} in the DataFrame")
    ident = F.lit(None) if id_col is None else F.col(id_col)
    inputs = df.select(
        ident.cast("string").alias("id"), F.col(text_col).cast("string").alias("text")
    )
    return inputs.mapInArrow(_extract_batches(extractor, threads_per_task), SCHEMA)
