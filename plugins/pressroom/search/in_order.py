"""Pagefind's filter files in one order, so the same pages always give the same bytes.

Pagefind (1.5) writes each filter's values, and the list of filters in its metadata file, in the order of
a hash map that changes from run to run. The files are named after a hash of their bytes, so two indexes
of the same pages differed in five file names, the metadata file and `pagefind-entry.json`: every publish
sent them again, and two builds could not be compared. Each file is compact binary data (CBOR, RFC 8949)
behind a signature, gzipped; here the values and the filters are sorted by name, written again, and named
after their new bytes, and the entry file points at the metadata file that lists them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

ENTRY_FILE = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"
# Where Pagefind 1.5's metadata file lists its filters: [version, index chunks, fragments, filters, ...].
FILTERS_IN_META = 3
# The hex digits Pagefind itself puts in each name, after the language.
FILTER_NAME_DIGITS = 7
META_NAME_DIGITS = 13


class UnknownLayout(Exception):
    """The index is not laid out as the Pagefind release Pressroom pins writes it."""


def unpacked(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnknownLayout(f"{path.name} does not start with Pagefind's signature")
    return cbor2.loads(data[len(SIGNATURE) :])


def packed(value: object) -> bytes:
    # No time in the gzip header: the bytes depend on the value alone.
    return gzip.compress(SIGNATURE + cbor2.dumps(value), compresslevel=9, mtime=0)


def renamed(old_name: str, data: bytes, digits: int) -> str:
    """`language_hash` as Pagefind names a file, the hash now taken from `data`."""
    language = old_name.rpartition("_")[0]
    return f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"


def replace(old: Path, new: Path, data: bytes) -> None:
    new.write_bytes(data)
    if old != new:
        old.unlink()


def filter_in_order(folder: Path, name: str) -> str:
    """Sort one filter file's values by value; return its new name."""
    path = folder / f"{name}.pf_filter"
    content = unpacked(path)
    if not (isinstance(content, list) and len(content) == 2 and isinstance(content[1], list)):
        raise UnknownLayout(f"filter file {path.name} is not [name, values]")
    data = packed([content[0], sorted(content[1], key=lambda value: str(value[0]))])
    new_name = renamed(name, data, FILTER_NAME_DIGITS)
    replace(path, folder / f"{new_name}.pf_filter", data)
    return new_name


def meta_in_order(bundle: Path, meta_name: str) -> str:
    """Put each filter of one language's index in order, then the metadata file listing them; return
    the metadata file's new name."""
    path = bundle / f"pagefind.{meta_name}.pf_meta"
    meta = unpacked(path)
    if (
        not isinstance(meta, list)
        or len(meta) <= FILTERS_IN_META
        or not isinstance(meta[FILTERS_IN_META], list)
    ):
        raise UnknownLayout(f"{path.name} has no list of filters where Pagefind 1.5 puts it")
    meta[FILTERS_IN_META] = sorted(
        [name, filter_in_order(bundle / "filter", file)] for name, file in meta[FILTERS_IN_META]
    )
    data = packed(meta)
    new_name = renamed(meta_name, data, META_NAME_DIGITS)
    replace(path, bundle / f"pagefind.{new_name}.pf_meta", data)
    return new_name


def put_in_order(bundle: Path) -> None:
    """Rewrite a whole Pagefind bundle's filters in one order; raises UnknownLayout when it cannot."""
    entry_path = bundle / ENTRY_FILE
    entry = json.loads(entry_path.read_bytes())
    try:
        for language in entry["languages"].values():
            language["hash"] = meta_in_order(bundle, language["hash"])
    # CBOR's and gzip's errors are ValueErrors and OSErrors.
    except (KeyError, TypeError, IndexError, ValueError, OSError) as error:
        raise UnknownLayout(f"{type(error).__name__}: {error}") from None
    # As Pagefind writes it: compact, characters as they are.
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
