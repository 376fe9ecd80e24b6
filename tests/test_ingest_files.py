"""Article files and attachments: formats, encodings and every refusal."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from bot.errors import IngestError
from bot.sources import (
    DEFAULT_MAX_BYTES,
    check_upload,
    document_from_bytes,
    document_from_file,
    document_from_text,
    expand_paths,
    read_source_file,
)
from bot.sources.markdown import markdown_to_text

SEEDS = Path(__file__).parent.parent / "seeds"
ARTICLE = (
    "Barzani receives US envoy\n\n"
    "ERBIL, Kurdistan Region - Kurdistan Region President Nechirvan Barzani on Monday "
    "received the US envoy, according to a statement from the presidency.\n"
)


def test_expand_paths_lists_a_directorys_article_files_sorted(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.html", "d.pdf", ".hidden.txt", "notes.json"):
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    single = tmp_path / "sub" / "e.txt"
    single.write_text("x")
    assert [file.path for file in expand_paths([tmp_path, single, tmp_path / "a.txt"])] == [
        tmp_path / "a.txt",
        tmp_path / "b.md",
        tmp_path / "c.html",
        single,
    ]


def test_expand_paths_keeps_named_files_so_their_refusal_names_them(tmp_path: Path) -> None:
    (file,) = expand_paths([str(tmp_path / "missing.txt")])
    assert file.path == tmp_path / "missing.txt" and file.folder is None


def test_seed_file_reads_like_pasted_text() -> None:
    path = sorted(SEEDS.glob("001_*.txt"))[0]
    from_file = document_from_file(path)
    assert from_file == document_from_text(path.read_text(encoding="utf-8"))
    assert from_file.published == date(2021, 11, 20)
    text, kind = read_source_file(path, max_bytes=DEFAULT_MAX_BYTES)
    assert kind == "text" and text.startswith("KRG, US discuss partnership")


def test_explicit_date_wins_for_files(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    document = document_from_file(path, published=date(2024, 1, 2))
    assert (document.published, document.published_basis) == (date(2024, 1, 2), "user")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match=r"^missing\.txt: file not found\.$"):
        document_from_file(tmp_path / "missing.txt")


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(IngestError, match=r"^report\.pdf: unsupported file type \.pdf"):
        document_from_file(path)


@pytest.mark.parametrize("content", [b"", b"  \n\t\r\n  "])
def test_empty_or_whitespace_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=r"^empty\.txt: the file is empty\.$"):
        document_from_file(path)


def test_huge_file_is_refused_by_its_size_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(
        IngestError, match=r"^huge\.txt: the file is too large \(50\.0 MB; the limit"
    ):
        document_from_file(path)


def test_binary_file_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(IngestError, match=r"^image\.txt: looks like a binary file"):
        document_from_file(path)


def test_control_characters_mean_binary(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"abc\x01\x02\x03\x04\x05\x06def\x07\x08" * 50)
    with pytest.raises(IngestError, match="binary"):
        document_from_file(path)


def test_cp1252_text_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(ARTICLE.replace("US envoy,", "US envoy’s team, café").encode("cp1252"))
    document = document_from_file(path)
    assert "US envoy’s team, café" in document.text
    assert document.dateline_place == "Erbil"


def test_utf8_and_utf16_with_bom_are_accepted(tmp_path: Path) -> None:
    for name, data in (
        ("bom8.txt", ARTICLE.encode("utf-8-sig")),
        ("bom16.txt", ARTICLE.encode("utf-16")),  # Python writes a BOM for "utf-16"
    ):
        path = tmp_path / name
        path.write_bytes(data)
        document = document_from_file(path)
        assert document.title == "Barzani receives US envoy", name
        assert "\ufeff" not in document.text


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    with pytest.raises(IngestError, match=r"^garbage\.txt: is not UTF-8 text"):
        document_from_file(path)


def test_html_file_with_only_scripts_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body><script>run()</script>")
    with pytest.raises(IngestError, match=r"^page\.html: The page has no article text\.$"):
        document_from_file(path)


def test_html_file_article(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>{line}</p>"
        for line in sorted(SEEDS.glob("002_*.txt"))[0].read_text().splitlines()[2:]
        if line.strip()
    )
    path = tmp_path / "k24.html"
    path.write_text(
        "<html><head><title>Masrour Barzani reviews anti-IS campaign</title>"
        '<meta name="date" content="2018-10-31"></head><body><article>'
        f"<h1>Masrour Barzani reviews anti-IS campaign</h1>{paragraphs}</article></body></html>"
    )
    document = document_from_file(path)
    assert document.title == "Masrour Barzani reviews anti-IS campaign"
    assert (document.published, document.published_basis) == (date(2018, 10, 31), "metadata")
    assert document.source == "Kurdistan 24"
    assert "Editing by" not in document.text


def test_markdown_is_rendered_to_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# Barzani receives **US envoy**\n\n"
        "ERBIL, Kurdistan Region - President *Nechirvan Barzani* on Monday received the "
        "[US envoy](https://example.org/envoy), according to a __statement__ from the presidency."
        "\n\n---\n\n> “We discussed the region,” the envoy said after the meeting in Erbil.\n"
    )
    document = document_from_file(path)
    assert document.title == "Barzani receives US envoy"
    assert document.text.startswith("ERBIL, Kurdistan Region - President Nechirvan Barzani")
    assert "received the US envoy, according to a statement" in document.text
    assert "“We discussed the region,” the envoy said" in document.text
    for mark in ("#", "**", "](", "---", "> "):
        assert mark not in document.text
    assert markdown_to_text("snake_case_name and 2 * 3 * 4") == "snake_case_name and 2 * 3 * 4"


def test_attachment_bytes() -> None:
    document = document_from_bytes(ARTICLE.encode(), "upload.txt")
    assert document.title == "Barzani receives US envoy"
    with pytest.raises(IngestError, match=r"^upload\.exe: unsupported file type"):
        document_from_bytes(b"MZ\x90\x00", "upload.exe")
    with pytest.raises(IngestError, match=r"^big\.txt: the file is too large"):
        document_from_bytes(b"a" * 2001, "big.txt", max_bytes=2000)
    with pytest.raises(IngestError, match=r"^blank\.md: the file is empty"):
        document_from_bytes(b"", "blank.md")


# --- symbolic links, FIFOs and devices ---------------------------------------------------


def test_a_folder_link_leading_outside_is_skipped_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE)
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    outside = tmp_path / "secret.txt"
    outside.write_text(ARTICLE.replace("Monday", "Tuesday"))
    (folder / "x.txt").symlink_to(outside)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    files = expand_paths([folder])
    assert [file.path.name for file in files] == ["a.txt", "inside.txt", "passwd.txt", "x.txt"]
    assert document_from_file(files[1]).text == document_from_file(files[0]).text
    for file in files[2:]:
        with pytest.raises(
            IngestError, match=rf"^{file.path.name}: skipped: a link leading outside the folder"
        ):
            document_from_file(file)


def test_a_link_named_on_the_command_line_is_followed_to_a_regular_file(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "article.txt"
    target.parent.mkdir()
    target.write_text(ARTICLE)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    (file,) = expand_paths([link])
    assert document_from_file(file).title == "Barzani receives US envoy"
    (tmp_path / "pipe-link.txt").symlink_to(_fifo(tmp_path / "target-pipe"))
    with pytest.raises(IngestError, match=r"^pipe-link\.txt: is a named pipe \(FIFO\)"):
        document_from_file(tmp_path / "pipe-link.txt")


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def test_fifos_and_devices_are_named_as_such_and_never_opened(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "pipe.txt")  # opening it for reading would block forever
    with pytest.raises(IngestError, match=r"^pipe\.txt: is a named pipe \(FIFO\), not a file"):
        document_from_file(fifo)
    (tmp_path / "null.txt").symlink_to("/dev/null")
    with pytest.raises(IngestError, match=r"^null\.txt: is a character device, not a file"):
        document_from_file(tmp_path / "null.txt")
    (tmp_path / "a.txt").write_text(ARTICLE)
    listed = expand_paths([tmp_path])
    assert [file.path.name for file in listed] == ["a.txt", "null.txt", "pipe.txt"]
    with pytest.raises(IngestError, match=r"^pipe\.txt: is a named pipe"):
        document_from_file(listed[2])


def test_a_file_just_over_the_limit_says_by_how_much() -> None:
    with pytest.raises(
        IngestError, match=r"too large \(2,000,001 bytes; the limit is 2,000,000 bytes\)"
    ):
        check_upload("big.txt", 2_000_001, 2_000_000)
