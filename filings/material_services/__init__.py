"""Step 4's writes: uploading and processing materials, and face verification of the people in charge.

An upload is stored raw in a private quarantine and answered at once; the processing job (``material_process``)
runs the pipeline of ``filings/materials.py``, keeps only the re-encoded file and its thumbnail, and records
the verdict. A face check is started, fed one selfie (handed straight to the provider, never stored), and its
outcome read back by a job. Both jobs are idempotent: the verdict is written with a conditional update, so a
redelivered or duplicated job changes nothing.

``uploads`` holds the upload and the processing job, ``face`` the face verification; import from here.
"""

from __future__ import annotations

from filings.material_models import StorageUnavailable
from filings.material_services.common import ProviderUnavailable
from filings.material_services.face import (
    face_verification_record_result,
    face_verification_start,
    face_verification_submit_selfie,
)
from filings.material_services.uploads import material_process, material_upload

__all__ = [
    "ProviderUnavailable",
    "StorageUnavailable",
    "face_verification_record_result",
    "face_verification_start",
    "face_verification_submit_selfie",
    "material_process",
    "material_upload",
]
