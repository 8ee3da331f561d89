"""docgen: naskah dinas dan dokumen SAKIP siap tanda tangan."""

__version__ = "0.1.0"
