#!/usr/bin/env python3
"""Builds the benchmark corpus: real news text repeated to about 50 MB of JSONL.

Sources: the development sets in ../shared/eval/ (their id and text only) and the
articles in corpus/. Each pass writes every article again under a new id, until the
target size is reached. The corpus goes to target/bench/corpus.jsonl (ignored by git).

Usage, from the project root: python3 scripts/bench-corpus.py [MEGABYTES]
"""
import glob
import json
import os
import sys

target_mb = float(sys.argv[1]) if len(sys.argv) > 1 else 50
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
texts = []
for path in sorted(glob.glob(os.path.join(root, "..", "shared", "eval", "*.jsonl"))):
    with open(path, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text")
            if isinstance(text, str) and len(text) > 200:
                texts.append(text)
for path in sorted(glob.glob(os.path.join(root, "corpus", "*.txt"))):
    with open(path, encoding="utf-8") as f:
        texts.append(f.read())
if not texts:
    sys.exit("no source texts found (../shared/eval/*.jsonl, corpus/*.txt)")

out_dir = os.path.join(root, "target", "bench")
os.makedirs(out_dir, exist_ok=True)
out_path = os.path.join(out_dir, "corpus.jsonl")
written = 0
n = 0
with open(out_path, "w", encoding="utf-8") as out:
    while written < target_mb * 1e6:
        for text in texts:
            line = json.dumps({"id": f"bench-{n}", "text": text}, ensure_ascii=False)
            out.write(line + "\n")
            written += len(text.encode("utf-8"))
            n += 1
print(f"{out_path}: {n} documents, {written / 1e6:.1f} MB of text from {len(texts)} articles")
