"""Benchmark (not a test): the Python API and Spark against the CLI, in MB/s of text.

    cargo build --release && (cd python && maturin develop --release)
    .venv/bin/python python/bench.py [--mb 8] [--spark] [--repeat 3]

Builds a JSONL corpus from corpus/ (the articles repeated with new ids up to --mb
megabytes of text) in target/bench-python/, then times, best of --repeat runs:
  - the CLI, `target/release/claimkit extract --threads 1 FILE -o /dev/null` (start-up
    included; it is measured separately on a one-line input and printed too);
  - `Extractor.extract_many(docs, threads=1)` (the pack compiled beforehand; results
    parsed into dicts, as a user gets them), and with all cores;
  - with --spark, `claimkit.spark.extract` on local[2] writing to Spark's `noop` sink
    (after one warm-up run that starts the Python workers).
MB are megabytes (10^6 bytes) of UTF-8 text.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(mb: float) -> Path:
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    out = ROOT / "target" / "bench-python" / f"corpus-{mb:g}mb.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    if not out.exists():
        size, n = 0, 0
        with open(out, "w", encoding="utf-8") as f:
            while size < mb * 1e6:
                stem, text = texts[n % len(texts)]
                f.write(json.dumps({"id": f"{stem}-{n}", "text": text}, ensure_ascii=False) + "\n")
                size += len(text.encode("utf-8"))
                n += 1
    return out


def cpu_seconds() -> float:
    """CPU time of this process (all its threads) and of its finished children."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def best(fn, repeat: int) -> float:
    """The best wall time of `repeat` runs; the best CPU time goes to CPU[fn]."""
    times, cpus = [], []
    for _ in range(repeat):
        c, t = cpu_seconds(), time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        cpus.append(cpu_seconds() - c)
    CPU[fn] = min(cpus)
    return min(times)


# On a loaded shared machine wall time says little; CPU seconds per MB say more.
CPU: dict = {}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=8.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--spark", action="store_true")
    ap.add_argument("--cli", default=str(ROOT / "target" / "release" / "claimkit"))
    args = ap.parse_args()

    import claimkit

    path = build_corpus(args.mb)
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB of text ({path.relative_to(ROOT)})")

    tiny = path.parent / "one.jsonl"
    tiny.write_text(json.dumps({"id": "x", "text": "He said 5."}) + "\n", encoding="utf-8")

    def cli(file: Path, threads: str = "1") -> None:
        subprocess.run([args.cli, "extract", "--threads", threads, str(file), "-o", os.devnull], check=True)

    start = lambda: cli(tiny)  # noqa: E731
    startup = best(start, args.repeat)
    c_startup = CPU[start]
    run_cli = lambda: cli(path)  # noqa: E731
    t_cli = best(run_cli, args.repeat)
    c_cli = CPU[run_cli]
    print(
        f"CLI, 1 thread:                 {mb / t_cli:6.2f} MB/s wall, {mb / c_cli:6.2f} MB per CPU-s"
        f"  ({t_cli:.2f} s; start-up {startup * 1000:.0f} ms)"
    )
    # The Python figures below exclude compiling the pack (done once, in Extractor()).
    t_cli -= startup
    c_cli -= c_startup
    print(f"CLI, 1 thread, less start-up:  {mb / t_cli:6.2f} MB/s wall, {mb / c_cli:6.2f} MB per CPU-s")

    ex = claimkit.Extractor()

    def py(threads):
        def run():
            for _ in ex.extract_many(docs, threads=threads):
                pass
        return run

    one = py(1)
    t_py = best(one, args.repeat)
    c_py = CPU[one]
    print(
        f"Python extract_many, 1 thread: {mb / t_py:6.2f} MB/s wall, {mb / c_py:6.2f} MB per CPU-s"
        f"  ({t_py:.2f} s; {t_cli / t_py:.0%} of the CLI's wall rate, {c_cli / c_py:.0%} of its CPU rate)"
    )
    t_cli_all = best(lambda: cli(path, str(os.cpu_count())), args.repeat)
    t_py_all = best(py(None), args.repeat)
    t_cli_all -= startup
    print(f"CLI, all {os.cpu_count()} cores, less start-up: {mb / t_cli_all:6.2f} MB/s wall")
    print(f"Python, all {os.cpu_count()} cores:            {mb / t_py_all:6.2f} MB/s wall  ({t_cli_all / t_py_all:.0%} of the CLI)")

    if args.spark:
        from pyspark.sql import SparkSession

        from claimkit import spark as cks

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        df = spark.read.json(str(path)).repartition(4).cache()
        df.count()

        def run_spark():
            cks.extract(df).write.format("noop").mode("overwrite").save()

        run_spark()  # warm-up: Python workers started, pack compiled in each
        t_spark = best(run_spark, args.repeat)
        print(f"Spark local[2]:           {mb / t_spark:6.2f} MB/s  ({t_spark:.2f} s)")
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
