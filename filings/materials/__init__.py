"""The materials step's file pipeline (pure functions over bytes): photos in ``images.py``, PDFs and photos of
documents in ``documents.py``. See ``images.py`` for the rules and their numbers."""

from __future__ import annotations

from filings.materials.documents import ProcessedDocument, process_document
from filings.materials.images import (
    MAX_FILE_BYTES,
    MaterialRejected,
    ProcessedImage,
    check_file_size,
    difference_hash,
    near_duplicate,
    process_image,
    sharpness,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MaterialRejected",
    "ProcessedDocument",
    "ProcessedImage",
    "check_file_size",
    "difference_hash",
    "near_duplicate",
    "process_document",
    "process_image",
    "sharpness",
]
