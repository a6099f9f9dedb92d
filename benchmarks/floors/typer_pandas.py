"""Floor: a Typer app that imports what analysis commands need, then prints one line."""

import pandas  # noqa: F401
import rich.table  # noqa: F401
import typer
import yaml  # noqa: F401

app = typer.Typer()


@app.command()
def main() -> None:
    print("ok")


app()
