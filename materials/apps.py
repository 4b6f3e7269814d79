from __future__ import annotations

from django.apps import AppConfig


class MaterialsConfig(AppConfig):
    """Step 4: the materials an applicant uploads, their processing pipeline, the required-materials
    checklist, face verification and the verification form. Below ``filings``: it never imports it."""

    name = "materials"
