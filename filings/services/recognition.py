"""A filing's certificate photos: the step-1 photo attached once the filing exists, a person's ID photo sent
at step 3. The filing's rules (its owner, a state whose data may change) are checked here; the photo, the
job and the material are the materials app's (``materials.recognition.services``)."""

from __future__ import annotations

from typing import Any

from entities.models import Website
from filings.models import Filing
from filings.services.common import require_editable, require_owner
from filings.states import FilingState
from materials.models import Material
from materials.recognition.models import CertificateRecognition
from materials.recognition.services import recognition_attach, recognition_upload


def filing_recognition_upload(
    *, filing: Filing, by: Any, purpose: str, content: bytes, filename: str, website: Website | None = None
) -> CertificateRecognition:
    """A photo for this filing, read in the background and kept as the material it shows; while the
    applicant's steps may change (or the filing is returned)."""
    require_owner(filing, by)
    require_editable(filing, step=FilingState.TYPE_DETECTION)
    return recognition_upload(
        by=by, purpose=purpose, content=content, filename=filename, filing=filing, website=website
    )


def filing_recognition_attach(
    *, filing: Filing, by: Any, recognition: CertificateRecognition
) -> Material | None:
    """Step 1's photo, sent before the filing existed, becomes its certificate material (once)."""
    require_owner(filing, by)
    require_editable(filing, step=FilingState.TYPE_DETECTION)
    return recognition_attach(recognition=recognition, filing=filing, by=by)
