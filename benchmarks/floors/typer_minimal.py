"""Floor: the command-line framework's own cost, a Typer app that prints one line."""

import typer

app = typer.Typer()


@app.command()
def main() -> None:
    print("ok")


app()
