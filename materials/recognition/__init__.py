"""Certificate recognition: a photo of a certificate read on the ``ocr`` queue's worker, its proposals kept
for the applicant to accept or correct, and the same photo handed on as the corresponding step-4 material.

``models`` holds the row (imported by ``materials.models``), ``services`` the upload, the job's body and the
attachment to a filing; import the services from ``materials.recognition.services``.
"""
