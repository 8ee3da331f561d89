"""Build tools: the code that writes templates_docx/ (tools/build_templates.py)."""
