"""Extract claims and figures from a JSONL or Parquet corpus with Spark; write Parquet.

Runs unchanged on one machine and on a cluster:

    python examples/spark_extract.py corpus.jsonl out.parquet              # local[*]
    spark-submit examples/spark_extract.py s3://bucket/news/ s3://bucket/claims/ \
        --rules rules/ --text-col body --id-col url

The input is JSONL (one {"id": ..., "text": ...} object per line) or Parquet, chosen by
the path's extension or --format. The output Parquet has one row per document with
the columns id, claims and figures (the schema of claimkit.spark.SCHEMA); --flat
writes two Parquet folders instead, OUT/claims and OUT/figures, one row per claim
and per figure. The claimkit package must be installed on the driver and executors
(pip install ./python); a --rules folder is read on the driver and shipped with the job.
"""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("input", help="JSONL or Parquet file or folder")
    p.add_argument("output", help="Parquet folder to write")
    p.add_argument("--format", choices=["jsonl", "parquet"], help="input format (default: by extension)")
    p.add_argument("--rules", help="rule pack folder (default: the embedded English pack)")
    p.add_argument("--text-col", default="text")
    p.add_argument("--id-col", default="id")
    p.add_argument("--flat", action="store_true", help="write OUT/claims and OUT/figures, one row each")
    p.add_argument("--master", help="Spark master when not run by spark-submit (default local[*])")
    return p.parse_args(argv)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    from pyspark.sql import SparkSession, functions as F

    import claimkit
    from claimkit import spark as cks

    builder = SparkSession.builder.appName("claimkit-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()

    fmt = args.format or ("parquet" if args.input.rstrip("/").endswith(".parquet") else "jsonl")
    reader = spark.read
    df = reader.parquet(args.input) if fmt == "parquet" else reader.json(args.input)

    try:
        out = cks.extract(df, text_col=args.text_col, id_col=args.id_col, rules=args.rules)
    except claimkit.RulePackError as e:
        print(e, file=sys.stderr)
        return 2
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    if args.flat:
        out = out.cache()
        claims = out.select("id", F.posexplode("claims").alias("claim", "c")).select("id", "claim", "c.*")
        figures = out.select("id", F.posexplode("figures").alias("figure", "f")).select("id", "figure", "f.*")
        claims.write.mode("overwrite").parquet(args.output.rstrip("/") + "/claims")
        figures.write.mode("overwrite").parquet(args.output.rstrip("/") + "/figures")
    else:
        out.write.mode("overwrite").parquet(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
