"""The model catalog (catalog.toml), installed as ``summarize.models``."""
