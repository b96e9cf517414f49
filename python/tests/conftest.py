"""Shared fixtures: the repository, the CLI binary to compare against, the documents."""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Sentences of our own making for generated documents (never from a dev set).
OWN_SENTENCES = [
    "“We will not back down,” said Marta Lindqvist, the union's chief negotiator.",
    "The council approved 14 new bus routes at a cost of $2.5 million.",
    "Officials said that about 40% of the harbour had been dredged.",
    "“It is too early,” he said. “We need the figures first.”",
    "According to the ministry, exports fell to 6,200 tonnes in 2019.",
    "Dr. Amara Okafor told reporters the trial would enrol 300 patients.",
    "Prices rose between 3 and 5 percent, the report said.",
    "She warned that the bridge, built in the 1960s, needed repairs.",
    "“Nobody expected this,” a senior official said on condition of anonymity.",
    "A stray “ mark opens here and is never closed",
    "Temperatures reached 41 degrees on July 3, the highest since 1998.",
    "The firm's 1,200 staff in Leeds will move to a new site next year.",
]


def cli_binary() -> Path:
    """The claimkit binary built from this checkout (CLAIMKIT_BIN overrides)."""
    env = os.environ.get("CLAIMKIT_BIN")
    candidates = [Path(env)] if env else [
        ROOT / "target" / "debug" / "claimkit",
        ROOT / "target" / "release" / "claimkit",
    ]
    found = [p for p in candidates if p.is_file()]
    if not found:
        pytest.fail(
            "no claimkit binary: run `cargo build` first or set CLAIMKIT_BIN "
            f"(looked at {', '.join(map(str, candidates))})"
        )
    # The newest build is the one made from the current sources.
    return max(found, key=lambda p: p.stat().st_mtime)


def run_cli(docs: List[Tuple[str, str]], tmp_path: Path, *args: str) -> List[Dict]:
    """The CLI's parsed JSONL output for documents given as (id, text)."""
    src = tmp_path / "docs.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for ident, text in docs:
            f.write(json.dumps({"id": ident, "text": text}, ensure_ascii=False) + "\n")
    out = subprocess.run(
        [str(cli_binary()), "extract", *args, str(src)],
        check=True, capture_output=True, text=True, encoding="utf-8",
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def corpus_docs() -> List[Tuple[str, str]]:
    return [
        (p.stem, p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "corpus").glob("*.txt"))
    ]


def generated_docs(n: int = 120, seed: int = 8) -> List[Tuple[str, str]]:
    """Documents mixed from corpus paragraphs and our own sentences, reproducibly."""
    rng = random.Random(seed)
    paragraphs = [p for _, t in corpus_docs() for p in t.split("\n") if p.strip()]
    docs = []
    for i in range(n):
        parts = rng.sample(paragraphs, rng.randint(1, 6)) + rng.sample(
            OWN_SENTENCES, rng.randint(0, 4)
        )
        rng.shuffle(parts)
        docs.append((f"gen-{i}", "\n\n".join(parts)))
    return docs


@pytest.fixture(scope="session")
def extractor():
    import claimkit

    return claimkit.Extractor()
