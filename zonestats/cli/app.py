"""The zonestats command line: the app, the one place errors become a message and an exit
code, and what every command shares (reading inputs, notes on stderr)."""

# No postponed annotations here: Typer reads the callback's signature at every run.

import gc
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperArgument, TyperGroup

from zonestats import __version__
from zonestats.errors import ExitCode, Interrupted, ZonestatsError, brief, printable
from zonestats.output.env import Environment

if TYPE_CHECKING:
    from zonestats.io.engine.needed import Needs
    from zonestats.model.dataset import Dataset

MAX_CONFLICT_NOTES = 10
"""Conflicts between sources noted one by one on stderr; the rest are counted."""


def _argument_type(self: TyperArgument, ctx: Any) -> str | None:
    """Help names an argument by its metavar alone (ID...), not with its Python type
    (ID... <list[str]>), which the framework adds."""
    return None if self.metavar else _FRAMEWORK_TYPE(self, ctx)


_FRAMEWORK_TYPE = TyperArgument.display_type_rich
TyperArgument.display_type_rich = _argument_type  # type: ignore[method-assign,assignment]


class _Group(TyperGroup):
    """The one place where errors become a red line on stderr and an exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except Exception as error:
            if hasattr(error, "exit_code") and hasattr(error, "show"):
                _reword(error)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except ZonestatsError as error:
            if ctx.meta.get("zonestats.debug"):
                traceback.print_exc()
            error_line(error.message)
            raise typer.Exit(ExitCode.ERROR) from None
        except BrokenPipeError:
            _quiet_broken_pipe()
            raise typer.Exit(ExitCode.OK) from None
        except UnicodeEncodeError as error:
            error_line(
                f"cannot write {error.object[error.start : error.end]!r} in the output's "
                f"encoding ({error.encoding}); set PYTHONIOENCODING=utf-8 or a UTF-8 locale"
            )
            raise typer.Exit(ExitCode.ERROR) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as error:
            if hasattr(error, "exit_code") and hasattr(error, "show"):
                _reword(error)
                raise  # a usage error, which the command-line framework reports itself
            # Not the user's input: a fault of ours. One line still, and the way to see more.
            if ctx.meta.get("zonestats.debug"):
                traceback.print_exc()
            error_line(f"unexpected {type(error).__name__}: {error} (rerun with --debug)")
            raise typer.Exit(ExitCode.ERROR) from None


app = typer.Typer(
    cls=_Group,
    help="Figures from Chinese development-zone reports: a verified dataset, and its analysis.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


_WORDING = (
    ("Value error, ", ""),
    (
        "Input should be a valid integer, unable to parse string as an integer",
        "give a whole number",
    ),
    ("Input should be a valid integer", "give a whole number"),
    ("Input should be greater than or equal to ", "give a number no less than "),
    ("Input should be less than or equal to ", "give a number no more than "),
)
"""The framework's wording of a bad option value, and ours."""


def _reword(error: Any) -> None:
    """A usage error's message in our wording (the framework's has validator jargon)."""
    message = getattr(error, "message", None)
    if isinstance(message, str):
        for theirs, ours in _WORDING:
            message = message.replace(theirs, ours)
        error.message = message


def environment() -> Environment:
    """Where this command's output goes, read from the process as it is now."""
    return Environment.from_system()


def error_line(message: str) -> None:
    """The one red line of an error on stderr (red only on a terminal, never with NO_COLOR)."""
    from rich.console import Console

    env = environment()
    console = Console(
        file=env.stderr,
        highlight=False,
        soft_wrap=True,
        color_system="auto" if env.color else None,
    )
    console.print("[red]error:[/red] ", end="", markup=True)
    text = printable(brief(message))
    encoding = getattr(env.stderr, "encoding", None) or "utf-8"
    console.print(text.encode(encoding, "backslashreplace").decode(encoding), markup=False)


def note(message: str) -> None:
    """A line on stderr for the reader of the output: what was done and why."""
    print(printable(message), file=environment().stderr)


def _quiet_broken_pipe() -> None:
    # The reader went away (zonestats export --csv | head -1): stop quietly, and keep
    # Python from complaining again when it flushes stdout at exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zonestats {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
    max_input: Annotated[
        int | None,
        typer.Option(
            "--max-input",
            metavar="MB",
            min=1,
            help="Largest input file read, in MB (default 512, or ZONESTATS_MAX_INPUT).",
        ),
    ] = None,
    memory_limit: Annotated[
        str | None,
        typer.Option(
            "--memory-limit",
            metavar="SIZE",
            help=(
                "Memory for long tables in the engine, past which it works on disk (500MB, "
                "2GB; or ZONESTATS_MEMORY_LIMIT). compare (but --steps) and validate send "
                "long tables of 256 MB or more through it; with this, every long table."
            ),
        ),
    ] = None,
) -> None:
    ctx.meta["zonestats.debug"] = debug
    from zonestats.io import limits

    limits.set_max_input(max_input)  # None: the environment's limit or the default
    try:
        limits.set_memory_limit(memory_limit)
    except ZonestatsError as error:
        raise typer.BadParameter(error.message, param_hint="'--memory-limit'") from None
    limits.memory_limit()  # a limit the environment sets is checked at every start


def inputs(data: Sequence[str] | None) -> list[Path]:
    """The files the --data options name (the bundled dataset when none)."""
    from zonestats.io.inputs import resolve

    return resolve(data)


def protected(paths: Sequence[Path]) -> tuple[Path, ...]:
    """Files --output must never replace: the inputs and the bundled dataset."""
    from zonestats.io.inputs import BUNDLED, bundled_path

    return (*paths, *(bundled_path(name) for name in BUNDLED))


def read(
    paths: Sequence[Path],
    conflicts: bool = True,
    province: str | None = None,
    needs: "Needs | None" = None,
) -> "Dataset":
    """Every input as one dataset, with a spinner when it takes a while on a terminal; with
    ``conflicts``, a note on stderr for each place the sources disagree; ``needs``: what the
    command needs of large long tables (zonestats.io.engine)."""
    from zonestats.io.inputs import bundled_path, load
    from zonestats.output.progress import progress

    what = ", ".join(str(p) for p in paths[:3]) + (" …" if len(paths) > 3 else "")
    if list(paths) == [bundled_path()]:
        what = "the bundled dataset"
    collecting = gc.isenabled()
    gc.disable()  # a load allocates millions of objects and frees few: nothing to collect
    try:
        with progress(f"reading {what}", environment().stderr_isatty):
            dataset = load(list(paths), needs)
        gc.freeze()  # what was loaded lives until the end: later collections need not walk it
    finally:
        if collecting:
            gc.enable()
    if province is not None:
        dataset = dataset.in_province(province)
    if conflicts:
        for conflict in dataset.conflicts[:MAX_CONFLICT_NOTES]:
            note(f"note: {conflict.note()}")
        more = len(dataset.conflicts) - MAX_CONFLICT_NOTES
        if more > 0:
            note(f"note: {more} more places where the sources differ (`validate` lists them)")
    return dataset


def _only_the_command_run(argv: Sequence[str]) -> None:
    """Register only the command this run invokes: the framework builds every registered
    command's options at each start, and one is all a run needs (help and completion, which
    list them all, keep all)."""
    if any(name.endswith("_COMPLETE") for name in os.environ):
        return
    words = iter(argv)
    for word in words:
        if word in ("--max-input", "--memory-limit"):
            next(words, None)
        elif not word.startswith("-"):
            chosen = [c for c in app.registered_commands if c.name == word]
            if chosen:
                app.registered_commands[:] = chosen
            return
        elif word in ("-h", "--help"):
            return


def main() -> None:
    """Entry point of the zonestats command."""
    try:
        _only_the_command_run(sys.argv[1:])
        app()
    except BrokenPipeError:
        _quiet_broken_pipe()
        sys.exit(ExitCode.OK)
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
    except Interrupted as signalled:
        sys.exit(128 + signalled.signum)
    finally:
        # Everything left lives until exit: spare the interpreter a last walk over it all.
        gc.freeze()
