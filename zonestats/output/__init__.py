"""Writing results: tables in every format, files written atomically, the terminal."""
