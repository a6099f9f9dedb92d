"""Reading inputs: text files, YAML datasets, long tables, folders and globs."""
