"""Article files (.txt, .md, .html) and uploaded attachments -> `SourceDocument`.

Every refusal is an `IngestError` whose one-line message starts with the file's name. Only
regular files are read: pipes and devices are named and never opened, and a symbolic link
listed from a folder is followed only while it stays inside that folder.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.config import DEFAULT_MAX_ARTICLE_BYTES
from bot.errors import IngestError
from bot.models import SourceDocument
from bot.sources.guards import check_lines, check_markup
from bot.sources.html import document_from_html
from bot.sources.markdown import markdown_to_text
from bot.sources.text import document_from_text

DEFAULT_MAX_BYTES = DEFAULT_MAX_ARTICLE_BYTES
KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
KINDS |= {".html": "html", ".htm": "html", ".xhtml": "html"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Formats told by their first bytes; the first two pass for text (no NUL bytes) otherwise.
_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"%!PS", "a PostScript document"),
    (b"{\\rtf", "an RTF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
)
_NOT_FILES = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_LEGACY_ENCODINGS = ("cp1252", "latin-1")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.01  # above this, "text" is really a binary file
_MAX_LEGACY_CONTROL_RATIO = 0.001  # C1 controls betray a wrong legacy guess
_MAX_NON_ASCII_RATIO = 0.2  # legacy-decoded English text is mostly ASCII; random bytes are not


@dataclass(frozen=True, slots=True)
class ArticleFile:
    """A file to read, named directly or listed from `folder` (which a link may not leave)."""

    path: Path
    folder: Path | None = None

    def __str__(self) -> str:
        return str(self.path)


def expand_paths(paths: Iterable[Path | str]) -> list[ArticleFile]:
    """Files as given, and each folder's .txt/.md/.html entries (not recursive), sorted.

    Entries are listed by name; whether each is a regular file that stays inside its folder is
    decided when it is read, so that every refusal names its file.
    """
    expanded: dict[Path, ArticleFile] = {}
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if _is_listed(child):
                    expanded.setdefault(child, ArticleFile(child, folder=path))
        else:
            expanded.setdefault(path, ArticleFile(path))
    return list(expanded.values())


def _is_listed(child: Path) -> bool:
    """A folder entry with an article's extension, not hidden, not a sub-folder."""
    if child.name.startswith(".") or child.suffix.lower() not in KINDS:
        return False
    return child.is_symlink() or not child.is_dir()


def read_source_file(
    file: ArticleFile | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, str]:
    """(text, kind "text" or "html") of an article file; its size is checked before reading."""
    file = _article_file(file)
    name = file.path.name
    kind = _kind(name)
    data = _read_regular_file(file, max_bytes)
    _check_size(name, len(data), max_bytes)
    return _as_text(data, name, kind), "html" if kind == "html" else "text"


def document_from_file(
    file: ArticleFile | Path,
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SourceDocument:
    """A document from an article file on disk."""
    file = _article_file(file)
    text, kind = read_source_file(file, max_bytes=max_bytes)
    return _document(text, kind, file.path.name, published)


def _article_file(file: ArticleFile | Path) -> ArticleFile:
    """A path given directly is an article file of its own (no folder to stay in)."""
    return file if isinstance(file, ArticleFile) else ArticleFile(Path(file))


def document_from_bytes(
    data: bytes,
    filename: str,
    *,
    published: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SourceDocument:
    """A document from an uploaded file's bytes (a Discord attachment)."""
    name = Path(filename).name or "attachment"
    kind = _kind(name)
    _check_size(name, len(data), max_bytes)
    text = _as_text(data, name, kind)
    return _document(text, "html" if kind == "html" else "text", name, published)


def check_upload(filename: str, size: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse an upload by its name and announced size, before downloading it."""
    name = Path(filename).name or "attachment"
    _kind(name)
    _check_size(name, size, max_bytes)


def decode_bytes(data: bytes, name: str) -> str:
    """Text from UTF-8/16/32 with a BOM, plain UTF-8, or plausible cp1252/latin-1; else refused."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise IngestError(f"{name}: is {what}, not text.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise IngestError(f"{name}: is not valid {encoding.upper()} text.") from None
    if b"\x00" in data:
        raise IngestError(f"{name}: looks like a binary file, not text.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _control_ratio(text) > _MAX_CONTROL_RATIO:
            raise IngestError(f"{name}: looks like a binary file, not text.")
        return text
    for encoding in _LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    raise IngestError(f"{name}: is not UTF-8 text and no other encoding reads it cleanly.")


def _kind(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in KINDS:
        shown = suffix or "(no extension)"
        raise IngestError(f"{name}: unsupported file type {shown}; use .txt, .md or .html.")
    return KINDS[suffix]


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size == 0:
        raise IngestError(f"{name}: the file is empty.")
    if size > max_bytes:
        shown, limit = _megabytes(size), _megabytes(max_bytes)
        if shown == limit:  # "1.9 MB; the limit is 1.9 MB" would not say why
            shown, limit = f"{size:,} bytes", f"{max_bytes:,} bytes"
        raise IngestError(f"{name}: the file is too large ({shown}; the limit is {limit}).")


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 100 * 1024 else f"{size} bytes"


def _read_regular_file(file: ArticleFile, max_bytes: int) -> bytes:
    """At most `max_bytes + 1` bytes of a regular file, its size checked before it is opened.

    Opened without blocking and checked again once open, so that nothing swapped in after
    the checks (a pipe, another file behind a link) is read.
    """
    path, name = file.path, file.path.name
    try:
        if file.folder is not None and path.is_symlink() and not _inside(path, file.folder):
            raise IngestError(f"{name}: skipped: a link leading outside the folder.")
        checked = path.stat()
        _check_regular(name, checked.st_mode)
        _check_size(name, checked.st_size, max_bytes)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(descriptor, "rb") as handle:
            opened = os.fstat(handle.fileno())
            if (opened.st_dev, opened.st_ino) != (checked.st_dev, checked.st_ino):
                raise IngestError(f"{name}: changed while it was being read.")
            return handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise IngestError(f"{name}: file not found.") from None
    except OSError as error:
        raise IngestError(f"{name}: cannot be read ({error.strerror}).") from None


def _inside(link: Path, folder: Path) -> bool:
    """Whether `link`, all links followed, ends inside `folder`."""
    return link.resolve().is_relative_to(folder.resolve())


def _check_regular(name: str, mode: int) -> None:
    for test, what in _NOT_FILES:
        if test(mode):
            raise IngestError(f"{name}: is {what}, not a file.")
    if not stat.S_ISREG(mode):
        raise IngestError(f"{name}: is not a regular file.")


def _as_text(data: bytes, name: str, kind: str) -> str:
    text = decode_bytes(data, name)
    if not text.strip():
        raise IngestError(f"{name}: the file is empty.")
    if kind != "markdown":
        return text
    try:  # before parsing: a huge line, or a file of marks, is refused at once
        check_lines(text)
        check_markup(text)
    except IngestError as error:
        raise IngestError(f"{name}: {error}") from None
    return markdown_to_text(text)


def _control_ratio(text: str) -> float:
    return len(_CONTROL_RE.findall(text)) / max(len(text), 1)


def _plausible(text: str) -> bool:
    non_ascii = sum(1 for char in text if ord(char) > 127)
    return (
        _control_ratio(text) <= _MAX_LEGACY_CONTROL_RATIO
        and non_ascii / max(len(text), 1) <= _MAX_NON_ASCII_RATIO
    )


def _document(text: str, kind: str, name: str, published: date | None) -> SourceDocument:
    try:
        if kind == "html":
            return document_from_html(text, published=published)
        return document_from_text(text, published=published)
    except IngestError as error:
        raise IngestError(f"{name}: {error}") from None
