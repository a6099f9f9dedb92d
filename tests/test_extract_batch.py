"""extract over many reports: files, folders and globs; a draft each, or one table with the
file each candidate came from; failures named while the others go on; the same results on
one process as on several."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zonestats.extract import extract, parse_report, read_report
from zonestats.extract.batch import Job, draft_names, extract_many, jobs_wanted, report_paths


def _report(folder: Path, name: str, number: int) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"青山经开区第{number}号简报\n发布时间:2022-07-{number:02d}\n"
        f"2019年至2021年,园区产值分别为{number}0亿元、{number}5亿元和{number + 1}0亿元。\n"
        f"今年上半年,园区新增企业{number}家。\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    for number in range(1, 6):
        _report(folder, f"r{number}.txt", number)
    _report(folder, "2021/r1.txt", 7)
    (folder / "notes.csv").write_text("not,a,report\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    return folder


def test_folders_and_globs_name_each_report_once(reports: Path) -> None:
    found = report_paths([str(reports), str(reports / "r*.txt"), str(reports / "r1.txt")])
    assert sorted(p.relative_to(reports).as_posix() for p in found) == [
        "2021/r1.txt",
        "broken.txt",
        "r1.txt",
        "r2.txt",
        "r3.txt",
        "r4.txt",
        "r5.txt",
    ]


def test_draft_names_keep_reports_of_one_stem_apart(reports: Path) -> None:
    paths = [reports / "r1.txt", reports / "2021" / "r1.txt", reports / "r2.txt"]
    assert list(draft_names(paths).values()) == ["r1.yaml", "2021__r1.yaml", "r2.yaml"]
    assert list(draft_names(paths[::2]).values()) == ["r1.yaml", "r2.yaml"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_gives_what_each_report_gives_alone(reports: Path, jobs: int) -> None:
    paths = report_paths([str(reports)])
    outcomes = list(extract_many(paths, Job(), jobs))
    assert [o.path for o in outcomes] == [str(p) for p in paths]  # in the order given
    for path, outcome in zip(paths, outcomes, strict=True):
        if path.name == "broken.txt":
            assert outcome.error is not None and "binary" in outcome.error
            assert outcome.error.startswith(str(path))
            continue
        alone = extract(parse_report(path.read_text(encoding="utf-8"), None, str(path)))
        assert outcome.candidates == list(alone) and outcome.count == 4


def test_jobs_are_a_positive_number_and_at_most_the_reports() -> None:
    assert jobs_wanted(8, 3) == 3 and jobs_wanted(None, 1) == 1
    with pytest.raises(Exception, match="--jobs: 0"):
        jobs_wanted(0, 3)


def test_a_draft_each_into_a_folder_and_failures_named(
    cli: Callable[..., Any], reports: Path, tmp_path: Path
) -> None:
    out = tmp_path / "drafts"
    result = cli("extract", str(reports), "-o", f"{out}/", "--jobs", "2", expect=1)
    written = sorted(p.name for p in out.iterdir())
    assert written == ["2021__r1.yaml", "r1.yaml", "r2.yaml", "r3.yaml", "r4.yaml", "r5.yaml"]
    assert "error: " in result.stderr and "broken.txt" in result.stderr
    assert "24 figures found in 6 of 7 reports" in result.stderr and "1 failed" in result.stderr
    assert "value: 35亿元" in (out / "r3.yaml").read_text(encoding="utf-8")


def test_one_table_of_every_candidate_with_its_file(cli: Callable[..., Any], reports: Path) -> None:
    good = [reports / f"r{n}.txt" for n in (2, 1)]
    stdout = cli("extract", *map(str, good), "--csv", "-j", "1").stdout
    rows = list(csv.DictReader(io.StringIO(stdout)))
    assert [(r["file"], r["written"], r["period"]) for r in rows] == [
        (str(path), c.written, c.period)
        for path in good
        for c in extract(parse_report(path.read_text(encoding="utf-8"), None, str(path)))
    ]
    assert rows[0]["series"] == rows[1]["series"] == rows[2]["series"] != ""
    assert {r["period"] for r in rows if r["written"].endswith("家")} == {"2022-01/2022-06"}


def test_several_reports_need_a_folder_or_a_table(cli: Callable[..., Any], reports: Path) -> None:
    result = cli("extract", str(reports / "r1.txt"), str(reports / "r2.txt"), expect=1)
    assert "give -o FOLDER/ for a draft each" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_the_count_shows_on_a_terminal_only(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from zonestats.output.progress import counting

    monkeypatch.setenv("ZONESTATS_PROGRESS_DELAY", "0")
    with counting("extracting", 3, on_terminal=False) as step:
        step()
    assert capsys.readouterr().err == ""
    with counting("extracting", 3, on_terminal=True) as step:
        for _ in range(3):
            step()
    assert "3/3" in capsys.readouterr().err


def test_one_draft_file_for_several_reports_is_refused_before_any_work(
    cli: Callable[..., Any], reports: Path, tmp_path: Path
) -> None:
    target = tmp_path / "many.yaml"
    result = cli(
        "extract", str(reports / "r1.txt"), str(reports / "r2.txt"), "-o", str(target), expect=1
    )
    assert "give -o FOLDER/ for a draft of each of the 2 reports" in result.stderr
    assert "figures found" not in result.stderr and not target.exists()


@pytest.mark.parametrize("suffix", ["csv", "tsv", "jsonl"])
def test_rows_written_by_the_workers_are_the_bytes_of_the_whole_table(
    cli: Callable[..., Any], reports: Path, tmp_path: Path, suffix: str
) -> None:
    """Each worker writes its report's rows; joined, they are what the one writer gives for
    the whole table (the library as the oracle), a report with CR line ends included."""
    from zonestats.output.options import Format
    from zonestats.output.views import candidate_table
    from zonestats.output.writers import render

    crlf = reports / "crlf.txt"
    crlf.write_bytes("简报\r\n发布时间:2022-07-01\r\n园区新增企业12家\r,签约项目3个。\r\n".encode())
    paths = [crlf, reports / "r2.txt", reports / "r1.txt"]
    streamed = tmp_path / f"streamed.{suffix}"
    cli("extract", *map(str, paths), "-o", str(streamed), "--jobs", "2")
    candidates, files = [], []
    for path in paths:
        found = extract(parse_report(read_report(path), None, str(path)))
        candidates += found
        files += [str(path)] * len(found)
    whole = tmp_path / f"whole.{suffix}"
    from zonestats.cli.options import output_options

    render(candidate_table(candidates, files), output_options(Format(suffix), output=whole))
    assert streamed.read_bytes() == whole.read_bytes()
    assert b"\r" in whole.read_bytes() or suffix == "jsonl"


@pytest.mark.parametrize("target", ["-", "/dev/null"])
def test_a_stream_is_no_folder_of_drafts(
    cli: Callable[..., Any], reports: Path, tmp_path: Path, monkeypatch: Any, target: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("extract", str(reports / "r1.txt"), "-o", target)
    assert not (tmp_path / "-").exists() and "into" not in result.stderr
    if target == "-":  # the draft, as without -o
        assert "value: 10亿元" in result.stdout and result.stdout.startswith("# Draft")


def test_workers_of_a_process_with_other_threads_start_from_a_fresh_one(reports: Path) -> None:
    """A fork copies the locks other threads hold (a table reader's, an allocator's): a
    worker could wait for ever. Such a process starts its workers from a server process."""
    import threading

    from zonestats.extract import batch

    paths = sorted(reports.glob("r*.txt"))
    alone = [o.candidates for o in extract_many(paths, Job(), jobs=1)]
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert batch._start_method() == "forkserver"
        assert [o.candidates for o in extract_many(paths, Job(), jobs=2)] == alone
    finally:
        release.set()
        other.join()
