from __future__ import annotations

from django.apps import AppConfig


class FilingsConfig(AppConfig):
    name = "filings"

    def ready(self) -> None:
        # The materials app edits step 4 of a filing through the filing's own rules, handed in here.
        from filings.services.common import MaterialsStepRules
        from materials.services.editing import use_filing_rules

        use_filing_rules(MaterialsStepRules())
