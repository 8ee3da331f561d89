"""`docgen` commands of the web app (entry points under docgen.commands in pyproject.toml)."""
