"""The native extension of claimkit (Rust, PyO3). Use :class:`claimkit.Extractor`."""

import os
from typing import Any, Dict, List, Optional, Tuple, Union

class PackLoadError(Exception):
    """Raised by :class:`Engine` for a broken pack; ``args`` is (message, diagnostics).

    :class:`claimkit.Extractor` turns it into :class:`claimkit.RulePackError`.
    """

    args: Tuple[str, List[Dict[str, Any]]]

class Engine:
    """A compiled rule pack, shared by every thread that extracts with it."""

    def __init__(self, rules: Optional[str] = None) -> None:
        """Compiles the embedded English pack (None) or the pack in folder ``rules``."""
    def extract_json(self, text: str, id: Optional[str] = None) -> str:
        """One document's JSON line (the CLI's contract); an empty id when None."""
    def extract_json_batch(
        self, ids: List[Optional[str]], texts: List[str], threads: Optional[int] = None
    ) -> List[str]:
        """The JSON lines of a batch, in order, extracted on ``threads`` Rust threads
        (None: all cores) with the GIL released."""

def find_pack_dir(rules: Union[str, "os.PathLike[str]"]) -> "os.PathLike[str]":
    """The pack folder ``Engine(rules)`` compiles (``rules`` or its one pack subfolder);
    ValueError when there is none."""
