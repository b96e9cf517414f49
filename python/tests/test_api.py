"""The Python API against the CLI, error paths, pickling, threads."""

from __future__ import annotations

import pickle
import shutil
import subprocess

import pytest

import claimkit
from conftest import ROOT, cli_binary, corpus_docs, generated_docs, run_cli


def test_corpus_equals_cli_on_text_files(extractor):
    out = subprocess.run(
        [str(cli_binary()), "extract", str(ROOT / "corpus")],
        check=True, capture_output=True, text=True, encoding="utf-8",
    ).stdout
    import json

    cli = [json.loads(line) for line in out.splitlines()]
    mine = [extractor.extract(text, id=ident) for ident, text in corpus_docs()]
    assert len(cli) == 5
    assert sum(len(d["claims"]) for d in mine) > 0
    assert sum(len(d["figures"]) for d in mine) > 0
    assert mine == cli


def test_extract_many_equals_cli_on_jsonl(extractor, tmp_path):
    docs = corpus_docs() + generated_docs()
    cli = run_cli(docs, tmp_path)
    mine = list(extractor.extract_many({"id": i, "text": t} for i, t in docs))
    assert [d["id"] for d in mine] == [i for i, _ in docs]
    assert mine == cli


def test_threads_and_batches_give_identical_output(extractor, monkeypatch):
    docs = generated_docs(200, seed=3)
    # Small batches, so several are in flight and ordering across them is exercised.
    monkeypatch.setattr(claimkit, "_BATCH_DOCS", 7)
    one = list(extractor.extract_many(docs, threads=1))
    two = list(extractor.extract_many(iter(docs), threads=2))
    every = list(extractor.extract_many((t for t in docs), threads=None))
    single = [extractor.extract(t, id=i) for i, t in docs]
    assert one == two == every == single


def test_extract_many_streams_lazily(extractor, monkeypatch):
    monkeypatch.setattr(claimkit, "_BATCH_DOCS", 4)
    pulled = []

    def source():
        for i in range(1000):
            pulled.append(i)
            yield f"Text number {i} said 5 things."

    results = extractor.extract_many(source(), threads=1)
    first = next(results)
    assert first["id"] is None and first["figures"]
    assert len(pulled) < 20  # not the whole input


def test_inputs_of_every_shape(extractor):
    text = "“Fine,” said Ines Duarte."
    shapes = [text, {"text": text}, {"id": "d", "text": text}, ("d", text), {"id": 7, "text": text}]
    out = list(extractor.extract_many(shapes))
    assert [d["id"] for d in out] == [None, None, "d", "d", "7"]
    assert len({str(d["claims"]) for d in out}) == 1
    assert extractor.extract("")["claims"] == []
    assert extractor.extract("   \n\n ") == {"id": None, "claims": [], "figures": []}


@pytest.mark.parametrize(
    "bad, words",
    [
        (5, "must be a str"),
        (None, "must be a str"),
        (b"bytes", "must be a str"),
        ("lone \ud800 surrogate", "not valid Unicode"),
    ],
)
def test_extract_rejects_bad_text(extractor, bad, words):
    with pytest.raises(ValueError, match=words):
        extractor.extract(bad)


@pytest.mark.parametrize(
    "bad, words",
    [
        ([3.5], "document 0 must be"),
        (["ok", {"id": "x"}], "document 1 has no 'text'"),
        (["ok", {"text": 42}], "text of document 1 must be a str"),
        ([("x", None)], "text of document 0 must be a str"),
        ([{"id": [1], "text": "a"}], "id of document 0"),
    ],
)
def test_extract_many_rejects_bad_documents(extractor, bad, words):
    with pytest.raises(ValueError, match=words):
        list(extractor.extract_many(bad))


@pytest.mark.parametrize("threads", [0, -1, 1.5, "2", True])
def test_bad_thread_counts(extractor, threads):
    with pytest.raises(ValueError, match="threads"):
        extractor.extract_many(["a"], threads=threads)


def test_bad_id(extractor):
    with pytest.raises(ValueError, match="id"):
        extractor.extract("text", id=3.0)


def test_rules_folder_equals_builtin(extractor):
    folder = claimkit.Extractor(rules=ROOT / "rules")
    for ident, text in corpus_docs():
        assert folder.extract(text, id=ident) == extractor.extract(text, id=ident)


def _copy_pack(tmp_path):
    dst = tmp_path / "pack"
    shutil.copytree(ROOT / "rules" / "en", dst)
    return dst


def test_broken_pack_raises_rule_pack_error_with_every_diagnostic(tmp_path):
    pack = _copy_pack(tmp_path)
    claims = pack / "claims.yaml"
    lines = claims.read_text(encoding="utf-8").split("\n")
    broken = [i for i, line in enumerate(lines) if "pattern: '" in line][:2]
    # One unclosed group (an invalid regex), one reference to a lexicon nobody defined.
    lines[broken[0]] = lines[broken[0]].replace("pattern: '", "pattern: '(?<oops>", 1)
    lines[broken[1]] = lines[broken[1]].replace("pattern: '", "pattern: '@no-such-lexicon ", 1)
    claims.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(claimkit.RulePackError) as caught:
        claimkit.Extractor(rules=str(pack))
    err = caught.value
    assert len(err.diagnostics) >= 2
    where = {(d.file.endswith("claims.yaml"), d.line) for d in err.diagnostics}
    assert (True, broken[0] + 1) in where
    assert (True, broken[1] + 1) in where
    for d in err.diagnostics:
        assert d.column >= 1 and d.message and d.code
    assert "claims.yaml" in str(err)
    again = pickle.loads(pickle.dumps(err))
    assert again.diagnostics == err.diagnostics


def test_missing_pack_folder(tmp_path):
    with pytest.raises(claimkit.RulePackError) as caught:
        claimkit.Extractor(rules=tmp_path / "nowhere")
    (d,) = caught.value.diagnostics
    assert "nowhere" in d.file and d.message


def test_pickle_builtin_round_trip(extractor):
    again = pickle.loads(pickle.dumps(extractor))
    assert again.rules is None
    for ident, text in corpus_docs():
        assert again.extract(text, id=ident) == extractor.extract(text, id=ident)


def test_pickle_folder_ships_the_files(tmp_path):
    pack = _copy_pack(tmp_path)
    # A made-up cue the embedded pack lacks, so the copy is visibly the one used.
    cues = pack / "lexicons" / "cue-verbs.txt"
    cues.write_text(cues.read_text(encoding="utf-8") + "\nzorbled => say\n", encoding="utf-8")
    text = "“The trains are late again,” zorbled Piet Bakker."
    custom = claimkit.Extractor(rules=pack)
    data = pickle.dumps(custom)
    shutil.rmtree(pack)  # an executor without the folder
    again = pickle.loads(data)
    assert again.extract(text) == custom.extract(text)
    assert again.extract(text)["claims"][0]["cue"]["text"] == "zorbled"
    assert claimkit.Extractor().extract(text)["claims"][0]["cue"] is None
    # Unpickled again in the same process: compiled once.
    assert pickle.loads(data)._engine is again._engine


def test_extract_frame(extractor):
    pd = pytest.importorskip("pandas")
    docs = corpus_docs()
    df = pd.DataFrame({"doc": [i for i, _ in docs], "body": [t for _, t in docs]})
    claims, figures = extractor.extract_frame(df, text_col="body", id_col="doc")
    expected = [extractor.extract(t, id=i) for i, t in docs]
    assert len(claims) == sum(len(d["claims"]) for d in expected)
    assert len(figures) == sum(len(d["figures"]) for d in expected)
    assert list(claims.columns) == list(claimkit.CLAIM_COLUMNS)
    assert list(figures.columns) == list(claimkit.FIGURE_COLUMNS)
    first = expected[0]["claims"][0]
    row = claims[(claims["id"] == docs[0][0]) & (claims["claim"] == 0)].iloc[0]
    assert row["text"] == first["text"] and row["start"] == first["start"]
    # Spans are code points into the text.
    text = dict(docs)
    for _, f in figures.iterrows():
        assert text[f["id"]][f["start"]:f["end"]] == f["text"]
    by_index, _ = extractor.extract_frame(df.set_index("doc"), text_col="body", id_col=None)
    assert by_index.equals(claims)
    with pytest.raises(ValueError, match="no column"):
        extractor.extract_frame(df, text_col="text")


def test_docstrings_and_stubs():
    assert "JSONL" in claimkit.Extractor.extract.__doc__
    assert claimkit.Extractor.extract_many.__doc__
    assert (ROOT / "python" / "claimkit" / "_native.pyi").is_file()
    assert (ROOT / "python" / "claimkit" / "py.typed").is_file()
