"""Hostile inputs and targets: each reproducer of a fault that once slipped through, with its
exit code, its message and the files afterwards (old target intact, no temporary left,
inputs intact, a device still a device)."""

from __future__ import annotations

import csv
import io
import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zonestats.io.inputs import bundled_path
from zonestats.output.files import TEMPORARY_PREFIX

from .conftest import FIXTURES, ROOT, run_on_terminal

Cli = Callable[..., Any]


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(TEMPORARY_PREFIX)]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    path.write_bytes((FIXTURES / "minimal.yaml").read_bytes())
    return path


# --- Output targets: files, not names -------------------------------------------------------


def _hard_link(data: Path) -> Path:
    link = data.with_name("hard.yaml")
    os.link(data, link)
    return link


def _symlink(data: Path) -> Path:
    link = data.with_name("soft.csv")
    link.symlink_to(data)
    return link


def _bind_mount(data: Path) -> Path:
    mirror = data.parent / "mirror"
    mirror.mkdir()
    done = subprocess.run(["mount", "--bind", str(data.parent), str(mirror)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("bind mounts are not allowed here")
    return mirror / data.name


@pytest.mark.parametrize("alias", [_hard_link, _symlink, _bind_mount])
def test_an_input_is_never_replaced_by_any_path(
    cli: Cli, data: Path, alias: Callable[[Path], Path]
) -> None:
    before = data.read_bytes()
    target = alias(data)
    try:
        result = cli("export", "-d", str(data), "-o", str(target), "-f", "csv", expect=1)
        assert "refusing to overwrite an input file" in result.stderr
        assert data.read_bytes() == before
        assert _temporaries(data.parent) == []
    finally:
        if target.parent.name == "mirror":
            subprocess.run(["umount", str(target.parent)], check=False)


def test_extract_never_replaces_the_bundled_dataset_nor_its_report(
    cli: Cli, tmp_path: Path
) -> None:
    report = tmp_path / "report.txt"
    report.write_bytes((FIXTURES / "three_zones.txt").read_bytes())
    bundled = bundled_path()
    before = bundled.read_bytes()
    result = cli("extract", str(report), "-o", str(bundled), expect=1)
    assert "refusing to overwrite an input file" in result.stderr
    assert bundled.read_bytes() == before
    cli("extract", str(report), "-o", str(report), "-f", "csv", expect=1)
    assert report.read_bytes() == (FIXTURES / "three_zones.txt").read_bytes()


def test_a_device_is_written_in_place_and_stays_a_device(cli: Cli, tmp_path: Path) -> None:
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here")
    cli("export", "-o", str(null), "-f", "csv")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert _temporaries(tmp_path) == []


def test_a_fifo_is_written_in_place(cli: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    cli("export", "-o", str(fifo), "-f", "csv")
    reader.join(10)
    assert received and received[0].startswith(b"zone,indicator,")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize(
    ("prepare", "words"),
    [
        (lambda p: (p.write_text("old\n"), p.chmod(0o444)), "read-only"),
        (lambda p: p.mkdir(), "is a directory"),
    ],
    ids=["read-only", "directory"],
)
def test_targets_that_must_not_be_replaced(
    cli: Cli, tmp_path: Path, prepare: Callable[[Path], Any], words: str
) -> None:
    target = tmp_path / "out.csv"
    prepare(target)
    result = cli("export", "-o", str(target), "-f", "csv", expect=1)
    assert words in result.stderr and result.stderr.count("\n") == 1
    if target.is_file():
        assert target.read_text() == "old\n"
    assert _temporaries(tmp_path) == []


def test_a_full_disk_is_one_line(cli: Cli) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    result = cli("export", "-o", "/dev/full", "-f", "csv", expect=1)
    assert result.stderr == "error: /dev/full: cannot write: the disk is full\n"


def test_a_long_name_and_a_symlink_into_another_file_system(cli: Cli, tmp_path: Path) -> None:
    long = tmp_path / ("长" * 80 + ".csv")  # 240 bytes: a temporary named after it would not fit
    cli("export", "-o", str(long))
    assert long.read_text(encoding="utf-8").startswith("zone,")
    shm = Path("/dev/shm")
    if not shm.is_dir():
        return
    elsewhere = shm / f"zonestats-test-{os.getpid()}.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(elsewhere)
    try:
        cli("export", "-o", str(link))
        assert link.is_symlink() and elsewhere.read_text(encoding="utf-8").startswith("zone,")
        assert _temporaries(shm) == [] and _temporaries(tmp_path) == []
    finally:
        elsewhere.unlink(missing_ok=True)


@pytest.mark.parametrize("target", ["-", "/dev/stdout", "/proc/self/fd/1"])
def test_standard_output_by_any_name(target: str) -> None:
    if target.startswith("/proc") and not Path("/proc/self/fd/1").exists():
        pytest.skip("no /proc")
    done = subprocess.run(
        [sys.executable, "-m", "zonestats", "export", "-f", "csv", "-o", target],
        capture_output=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"zone,indicator,")


_SELF_SIGNALLING = """
import os, sys
from zonestats.cli.app import main
from zonestats.output import writers

signum, target = int(sys.argv[1]), sys.argv[2]

def half_then_signal(table, options, out):
    out.write("zone,indicator\\n")
    out.flush()
    os.kill(os.getpid(), signum)
    out.write("never written\\n")

writers._WRITERS[writers.Format.CSV] = half_then_signal
sys.argv = ["zonestats", "export", "-o", target]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_in_the_middle_of_a_write(tmp_path: Path, signum: int) -> None:
    target = tmp_path / "export.csv"
    target.write_text("old\n")
    done = subprocess.run(
        [sys.executable, "-c", _SELF_SIGNALLING, str(int(signum)), str(target)],
        capture_output=True,
        cwd=ROOT,
    )
    assert done.returncode == 128 + signum, done.stderr
    assert target.read_text() == "old\n" and _temporaries(tmp_path) == []


# --- Output you can trust -------------------------------------------------------------------

HOSTILE_NAME = "ok\r=cmd|' /C calc'!A0"


def _hostile_dataset(path: Path) -> Path:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("name: 示例开发区", "name: \"ok\\r=cmd|' /C calc'!A0\"", 1)
    text = text.replace("name: 签约项目数", 'name: "签约\\e[2J项目\\u202e数\\n第二行"', 1)
    text = text.replace("name: 国家级开发区考核排名", 'name: "@SUM(1+1)"', 1)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_a_line_break_in_a_cell_cannot_start_a_row(
    cli: Cli, tmp_path: Path, fmt: str, delimiter: str
) -> None:
    data = _hostile_dataset(tmp_path / "hostile.yaml")
    written = cli("export", "-d", str(data), "-f", fmt).stdout
    rows = list(csv.reader(io.StringIO(written, newline=""), delimiter=delimiter))
    assert len(rows) == 4  # the header and three observations, however their cells break
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )
    zones = {row[0] for row in rows[1:]}
    assert zones == {HOSTILE_NAME}
    assert "'@SUM(1+1)" in {row[2] for row in rows[1:]}
    export = tmp_path / f"export.{fmt}"
    export.write_text(written, encoding="utf-8", newline="")
    assert cli("export", "-d", str(export), "-f", fmt).stdout.count("\n") == written.count("\n")


def test_control_characters_from_data_are_shown_escaped(cli: Cli, tmp_path: Path) -> None:
    data = _hostile_dataset(tmp_path / "hostile.yaml")
    for args in (["list"], ["show", "signed_projects"], ["list", "-f", "markdown"]):
        shown = cli(*args, "-d", str(data)).stdout
        assert "\x1b" not in shown and "\r" not in shown and "\u202e" not in shown
    listed = cli("list", "-d", str(data)).stdout
    assert "\\x1b[2J" in listed and "\\u202e" in listed and "\\x0d=cmd" in listed


def test_control_characters_in_messages_are_escaped(
    cli: Cli, write_file: Callable[..., Path]
) -> None:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    path = write_file(text.replace("id: national_rank", 'id: "rank\\e]0;owned\\a"'))
    result = cli("validate", str(path), expect=1)
    assert "\x1b" not in result.stdout + result.stderr and "\\x1b]0;owned\\x07" in result.stdout


def test_csv_on_a_terminal_is_escaped_and_in_a_pipe_kept(tmp_path: Path) -> None:
    data = _hostile_dataset(tmp_path / "hostile.yaml")
    shown = run_on_terminal(["export", "--csv", "-d", str(data)], {})
    assert "\x1b[2J" not in shown and "\\x1b[2J" in shown
    piped = subprocess.run(
        [sys.executable, "-m", "zonestats", "export", "--csv", "-d", str(data)],
        capture_output=True,
        cwd=ROOT,
    )
    assert b"\x1b[2J" in piped.stdout


def test_xlsx_refuses_a_cell_it_would_cut(cli: Cli, tmp_path: Path) -> None:
    table = tmp_path / "long.csv"
    table.write_text(
        "zone,indicator,period,value,unit,note\n甲区,a,2020,5,个," + "注" * 40_000 + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.xlsx"
    result = cli("export", "-d", str(table), "-o", str(target), expect=1)
    assert "row 2, column note: 40,000 characters" in result.stderr
    assert not target.exists() and _temporaries(tmp_path) == []


def test_xlsx_escapes_what_it_cannot_store(cli: Cli, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = _hostile_dataset(tmp_path / "hostile.yaml")
    target = tmp_path / "out.xlsx"
    result = cli("export", "-d", str(data), "-o", str(target))
    assert "written escaped" in result.stderr
    sheet = openpyxl.load_workbook(target, read_only=True).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "签约\\x1b[2J项目\u202e数\n第二行" in names and "'@SUM(1+1)" in names


# --- Bounded reads --------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("command", [["validate", "-d"], ["extract"], ["list", "-d"]])
def test_a_device_is_no_input(cli: Cli, device: str, command: list[str]) -> None:
    result = cli(*command, device, expect=1)
    assert f"{device}: is a device, not a file" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("how", "env"),
    [(["--max-input", "1"], {}), ([], {"ZONESTATS_MAX_INPUT": "1"})],
    ids=["option", "environment"],
)
def test_an_input_over_the_limit(
    cli: Cli, tmp_path: Path, how: list[str], env: dict[str, str]
) -> None:
    big = tmp_path / "big.csv"
    big.write_bytes(b"zone,indicator,period,value,unit\n" + b"a,b,2020,1,x\n" * 200_000)
    result = cli(*how, "validate", "-d", str(big), expect=1, env=env)
    assert "input limit of 1 MB" in result.stdout and "[input-too-large]" in result.stdout
    cli("--max-input", "3", "validate", "-d", str(big), expect=None)


def test_a_pipe_is_an_input() -> None:
    command = f"'{sys.executable}' -m zonestats validate -d <(cat '{bundled_path()}')"
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and done.stderr.endswith(": valid\n")


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1e3"])
def test_a_bad_input_limit_is_one_line(cli: Cli, value: str) -> None:
    result = cli("validate", expect=None, env={"ZONESTATS_MAX_INPUT": value})
    assert result.exit_code == 1
    assert (
        result.stderr.startswith("error: ZONESTATS_MAX_INPUT=") and result.stderr.count("\n") == 1
    )


# --- Exact checks ---------------------------------------------------------------------------

TABLE_HEADER = "zone,indicator,name,period,value,unit,written,quote,out_of"


@pytest.mark.parametrize(
    ("row", "code"),
    [
        ('甲区,"x_ind\n",企业,2020,5,家,5家,有5家,', "bad-id"),
        ('甲区,x,企业,"2021\n",6,家,6家,有6家,', "bad-period"),
        ("甲区,x,企业,２０２０,6,家,6家,有6家,", "bad-period"),
        ("甲区,x,企业,٢٠٢٠,6,家,6家,有6家,", "bad-period"),
        ("甲区,x,企业,2020,٦,家,6家,有6家,", "not-a-number"),
        ("甲区,x,企业,2020,6,家,٦家,有٦家,", "unreadable-value"),
        ("甲区,r,名次,2020,6,位,第6位,第6位,２１８", "not-a-whole-number"),
        ("甲区,r,名次,2020,6,位,第6位,第6位," + "9" * 5000, "not-a-whole-number"),
    ],
)
def test_exact_checks_in_a_table(cli: Cli, tmp_path: Path, row: str, code: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"{TABLE_HEADER}\n{row}\n", encoding="utf-8")
    result = cli("validate", "-d", str(path), expect=1)
    assert f"[{code}]" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("id: national_rank", 'id: "national_rank\\n"', "bad-id"),
        ('period: "2019"', 'period: "２０１９"', "bad-period"),
        ("out_of: 230", "out_of: " + "9" * 5000, "not-a-whole-number"),
        ("schema_version: 1", "schema_version: " + "1" * 5000, "unsupported-schema-version"),
    ],
)
def test_exact_checks_in_yaml(
    cli: Cli, write_file: Callable[..., Path], old: str, new: str, code: str
) -> None:
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    result = cli("validate", str(write_file(text.replace(old, new, 1))), expect=1)
    assert f"[{code}]" in result.stdout


# --- Conditions a user causes: one line each, never the catch-all ---------------------------


def test_a_reversed_range(cli: Cli) -> None:
    result = cli("compare", "--from", "2021", "--to", "2016", expect=1)
    assert (
        result.stderr
        == "error: --from 2021 --to 2016 is a reversed range: 2021 comes after 2016; swap them\n"
    )


def test_an_output_encoding_without_chinese() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "zonestats", "list"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 1
    assert b"set PYTHONIOENCODING=utf-8" in done.stderr and b"Traceback" not in done.stderr
    assert done.stderr.count(b"\n") == 1


def test_a_bad_progress_delay(tmp_path: Path) -> None:
    shown = run_on_terminal(["list"], {"ZONESTATS_PROGRESS_DELAY": "abc"}, stream="stderr")
    assert "ZONESTATS_PROGRESS_DELAY='abc': give a number of seconds" in shown
    assert "unexpected" not in shown


def test_extreme_values_give_notes_not_warnings(cli: Cli, tmp_path: Path) -> None:
    table = tmp_path / "extreme.csv"
    table.write_text(
        "zone,indicator,name,period,value,unit\n"
        "甲区,a,产值,2010,1e-300,元\n甲区,a,产值,2020,1e300,元\n"
        "乙区,a,产值,2010,1.7e308,元\n乙区,a,产值,2020,-1.7e308,元\n",
        encoding="utf-8",
    )
    compared = cli("compare", "-d", str(table), "--json")
    assert "Warning" not in compared.stderr
    assert '"n.m.: beyond the range of numbers"' in compared.stdout
    assert "Infinity" not in compared.stdout and "NaN" not in compared.stdout
    summary = cli("summary", "-d", str(table))
    assert "Warning" not in summary.stderr


@pytest.mark.parametrize("value", ["1.7976931348623157e308", "5e-324", "-1.7976931348623157e308"])
def test_extreme_values_in_two_copies_of_a_table(cli: Cli, tmp_path: Path, value: str) -> None:
    """Copies of a table cite the same figures: the comparison that finds them holds at the
    ends of the range of numbers."""
    text = f"zone,indicator,name,period,value,unit\n甲区,a,产值,2020,{value},元\n"
    for name in ("one.csv", "two.csv"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    listed = cli("list", "-d", str(tmp_path / "one.csv"), "-d", str(tmp_path / "two.csv"), "--csv")
    assert listed.exit_code == 0, listed.stderr
    assert listed.stdout.count("\n") == 2  # the header and one observation


def test_a_run_of_numerals_is_skipped_and_said_once(cli: Cli, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("1" * 300 + "。全区有企业5家。\n", encoding="utf-8")
    for args in (["--csv"], ["-o", str(tmp_path / "draft.yaml")]):
        result = cli("extract", str(report), "--published", "2021-06-30", *args)
        assert result.stderr.count("300 characters of numerals in a row") == 1
    assert "5家" in cli("extract", str(report), "--published", "2021-06-30", "--csv").stdout


def test_a_jsonl_line_that_is_no_object(cli: Cli, tmp_path: Path) -> None:
    table = tmp_path / "t.jsonl"
    table.write_text(
        '{"zone": "甲区", "indicator": "a", "period": "2020", "value": 1, "unit": "个"}\n[1, 2]\n',
        encoding="utf-8",
    )
    result = cli("validate", "-d", str(table), expect=1)
    assert "t.jsonl:2:" in result.stdout and "is a list, not an object" in result.stdout


def test_a_json_dataset_with_a_character_beyond_the_basic_plane(cli: Cli, tmp_path: Path) -> None:
    import json

    import yaml

    data = yaml.load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"), yaml.BaseLoader)
    data["zone"]["name"] = "示例开发区𠀀"  # json.dumps writes it as \ud840\udc00
    data["zone"]["name_en"] = "A \\ud840 & B"  # an escaped backslash: no pair to join
    path = tmp_path / "astral.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    cli("validate", str(path))
    listed = cli("list", "-d", str(path), "--json").stdout
    assert "示例开发区𠀀" in cli("list", "-d", str(path)).stdout and listed


def test_a_json_dataset_with_characters_yaml_has_no_room_for(cli: Cli, tmp_path: Path) -> None:
    """JSON allows DEL, C1 controls and NEL raw in a string; they read as written."""
    import json

    import yaml

    data = yaml.load((FIXTURES / "minimal.yaml").read_text(encoding="utf-8"), yaml.BaseLoader)
    data["zone"]["name_en"] = "A\x85B\x8cC\x7fD\ufffe"
    path = tmp_path / "controls.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cli("validate", str(path))
    import zonestats

    zone = zonestats.load(path).zones[0]
    assert zone.name_en == "A\x85B\x8cC\x7fD\ufffe"


def test_validate_json_counts_lines_as_numbers(cli: Cli, tmp_path: Path) -> None:
    import json

    import zonestats

    frame = zonestats.load(FIXTURES / "minimal.yaml").observations(merged=False)
    frame.loc[0, "name_en"] = "Other name"
    path = tmp_path / "two_names.csv"
    frame.to_csv(path, index=False)
    report = json.loads(cli("validate", str(path), "--json", expect=1).stdout)
    assert [p["line"] for p in report["problems"]] == [3]


@pytest.mark.parametrize(
    ("spec", "words"),
    [("", "an empty path names no input"), ("x" * 300 + ".csv", "File name too long")],
    ids=["empty", "too-long"],
)
def test_input_paths_that_name_nothing(cli: Cli, spec: str, words: str) -> None:
    result = cli("list", "-d", spec, expect=1)
    assert words in result.stderr and "unexpected" not in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年2月29日签约项目5个。", [("5个", "exact", "2021-06-30")]),
        ("2021年2月29日新增企业3家。", [("3家", "exact", "2021")]),
        ("2020年2月29日新增企业4家。", [("4家", "exact", "2020-02-29")]),
        ("全区签约5个项目，附近5个村。", [("5个", "exact", "2021-06-30")] * 2),
        (
            "节约5万元，打破12项纪录。",
            [("5万元", "exact", "2021-06-30"), ("12项", "exact", "2021-06-30")],
        ),
        (
            "全区竞拍2个地块，竞争3个项目。",
            [("2个", "exact", "2021-06-30"), ("3个", "exact", "2021-06-30")],
        ),
        ("竞3个项目。", [("竞3个", "target", "2021-06-30")]),
        (
            "约5个，近10家。",
            [("约5个", "approx", "2021-06-30"), ("近10家", "approx", "2021-06-30")],
        ),
    ],
)
def test_extract_reads_days_and_qualifiers_as_meant(
    cli: Cli, tmp_path: Path, text: str, expected: list[tuple[str, str, str]]
) -> None:
    report = tmp_path / "r.txt"
    report.write_text(text + "\n", encoding="utf-8")
    out = cli("extract", str(report), "--published", "2021-06-30", "--csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["written"], r["qualifier"], r["period"]) for r in rows] == expected


@pytest.mark.parametrize("version", ["\\x1c2", "\\x852", "\\u20282"])
def test_a_schema_version_with_a_control_character_is_refused(
    cli: Callable[..., Any], tmp_path: Path, version: str
) -> None:
    """Found by the fuzz suite: what str.strip() takes for a space int() does not read."""
    data = tmp_path / "v.yaml"
    data.write_text(f'schema_version: "{version}"\n', encoding="utf-8")
    result = cli("validate", str(data), expect=1)
    assert "[unsupported-schema-version]" in result.stdout and "Traceback" not in result.stderr
