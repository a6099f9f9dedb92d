"""The domain: quantities and their grammar, periods, fields and rules, the dataset."""
