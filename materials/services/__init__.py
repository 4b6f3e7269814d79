"""Step 4's writes: uploading and processing materials, and face verification of the people in charge.

An upload is stored raw in a private quarantine and answered at once; the processing job (``material_process``)
runs the pipeline of ``materials/pipeline/``, keeps only the re-encoded file and its thumbnail, and records
the verdict. A face check is started, fed one selfie (handed straight to the provider, never stored), and its
outcome read back by a job. Both jobs are idempotent: the verdict is written with a conditional update, so a
redelivered or duplicated job changes nothing.

``uploads`` holds the upload and the processing job, ``face`` the face verification, ``editing`` the rules
of the filing they change (handed in by the filings app); import from here.
"""

from __future__ import annotations

from materials.models import StorageUnavailable
from materials.services.editing import ProviderUnavailable
from materials.services.face import (
    face_verification_record_result,
    face_verification_start,
    face_verification_submit_selfie,
)
from materials.services.uploads import material_process, material_upload

__all__ = [
    "ProviderUnavailable",
    "StorageUnavailable",
    "face_verification_record_result",
    "face_verification_start",
    "face_verification_submit_selfie",
    "material_process",
    "material_upload",
]
