"""claimkit.spark on a real local Spark (local[2]) against the CLI's output.

Kept small (the corpus and a few dozen generated documents in one session) so it
fits CI on two cores.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys

import pytest

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

import claimkit  # noqa: E402
from claimkit import spark as cks  # noqa: E402
from conftest import ROOT, corpus_docs, generated_docs, run_cli  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("claimkit-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _docs():
    return corpus_docs() + generated_docs(40, seed=11)


def test_spark_equals_cli(spark, tmp_path):
    docs = _docs()
    cli = {d["id"]: d for d in run_cli(docs, tmp_path)}
    df = spark.createDataFrame(docs, "id string, text string").repartition(2)
    out = cks.extract(df)
    assert out.schema.simpleString() == spark.createDataFrame([], cks.SCHEMA).schema.simpleString()
    assert "speaker:struct<" in out.schema.simpleString()
    rows = {r["id"]: r.asDict(recursive=True) for r in out.collect()}
    assert rows.keys() == cli.keys()
    # Integers of the JSON (value 12) compare equal to Spark's doubles (12.0).
    for ident, expected in cli.items():
        assert rows[ident] == expected, ident


def test_spark_rules_folder_travels_and_nulls(spark, tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(ROOT / "rules" / "en", pack)
    cues = pack / "lexicons" / "cue-verbs.txt"
    cues.write_text(cues.read_text(encoding="utf-8") + "\nzorbled => say\n", encoding="utf-8")
    text = "“The ferry is late again,” zorbled Ilse Moreau."
    df = spark.createDataFrame(
        [(1, text), (2, None)], "doc long, body string"
    )
    out = cks.extract(df, text_col="body", id_col="doc", rules=str(pack))
    shutil.rmtree(pack)  # executors read the pickled files, not the folder
    rows = {r["id"]: r for r in out.collect()}
    assert rows["1"]["claims"][0]["cue"]["text"] == "zorbled"
    assert rows["2"]["claims"] == [] and rows["2"]["figures"] == []


def test_spark_errors_on_the_driver(spark, tmp_path):
    df = spark.createDataFrame([("a", "x")], "id string, text string")
    with pytest.raises(ValueError, match="no column"):
        cks.extract(df, text_col="body")
    with pytest.raises(claimkit.RulePackError):
        cks.extract(df, rules=str(tmp_path / "none"))


def test_example_script_jsonl_to_parquet(spark, tmp_path):
    import json

    docs = corpus_docs()
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in docs), encoding="utf-8"
    )
    spec = importlib.util.spec_from_file_location(
        "spark_extract", ROOT / "examples" / "spark_extract.py"
    )
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    assert example.main([str(src), str(tmp_path / "out.parquet")]) == 0
    back = spark.read.parquet(str(tmp_path / "out.parquet"))
    assert sorted(r["id"] for r in back.select("id").collect()) == sorted(i for i, _ in docs)
    expected = sum(len(claimkit.Extractor().extract(t)["claims"]) for _, t in docs)
    assert back.selectExpr("sum(size(claims))").first()[0] == expected
    assert example.main([str(src), str(tmp_path / "flat"), "--flat"]) == 0
    claims = spark.read.parquet(str(tmp_path / "flat" / "claims"))
    assert claims.count() == expected
    assert {"id", "claim", "kind", "text", "speaker", "cue"} <= set(claims.columns)
