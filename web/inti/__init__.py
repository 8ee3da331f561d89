"""The core every layer stands on: database and tables, file storage, uploads, errors, roles, time, context."""
