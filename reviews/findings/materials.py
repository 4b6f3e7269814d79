"""Image checks, produced by the materials app when each upload was processed and stored on
``Material.findings``: a resolution close to the minimum, blur, glare, data carried by the file, and
near-duplicates between the filing's materials. Copied here as rows, one per current accepted material
(the latest upload of each kind, website and category), at the material's path as the review screen and the
rejection reasons name it: ``materials.<kind>[.<website index>][.<category>]``.

Severity: as the materials app gave it — **advisory** for every image check today (a person decides whether
the text is legible; grayscale images are refused at upload and never get this far).
"""

from __future__ import annotations

from materials.models import MaterialStatus
from materials.requirements import current_materials
from reviews.findings.base import ADVISORY, BLOCKING, Context, Found

GROUP = "materials"


def material_path(material, index_of_website: dict[int, int]) -> str:
    parts = ["materials", material.kind]
    if material.website_id is not None:
        parts.append(str(index_of_website.get(material.website_id, material.website_id)))
    if material.category:
        parts.append(material.category)
    return ".".join(parts)


def image_findings(context: Context) -> list[Found]:
    filing = context.filing
    index_of_website = {
        website_id: index
        for index, website_id in enumerate(
            filing.filing_websites.order_by("position").values_list("website_id", flat=True)
        )
    }
    found = []
    for material in current_materials(filing).values():
        if material.status != MaterialStatus.ACCEPTED:
            continue
        for finding in material.findings or []:
            evidence = {k: v for k, v in finding.items() if k not in ("code", "severity", "message")}
            found.append(
                Found(
                    code=str(finding.get("code", "image")),
                    field=material_path(material, index_of_website),
                    severity=BLOCKING if finding.get("severity") == BLOCKING else ADVISORY,
                    message=str(finding.get("message", "")),
                    evidence={"group": GROUP, "material": str(material.code), **evidence},
                )
            )
    return found
