"""The materials step's file pipeline (pure functions over bytes): photos in ``images.py`` (with what
``quality.py`` notes for the reviewer), PDFs and photos of documents in ``documents.py``. See ``images.py``
for the rules and their numbers."""

from __future__ import annotations

from materials.pipeline.documents import ProcessedDocument, process_document
from materials.pipeline.images import (
    MAX_FILE_BYTES,
    MaterialRejected,
    ProcessedImage,
    check_file_size,
    process_image,
)
from materials.pipeline.quality import difference_hash, near_duplicate, sharpness

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
