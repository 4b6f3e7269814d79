"""The applicant's pages: the wizard (steps 1–5), the filing page, mailing, MIIT's SMS and the result.

Thin callers of ``filings.services`` and the materials services, as the API is: a page parses a form, calls
the service, and puts a refusal's field paths beside the fields (``common.forms.show_refusal``). Which
buttons a page shows comes from the state machine (``pages.common.applicant_can``), never a copied state
list. One module per page or group of pages, each with its own ``urlpatterns`` (joined in ``pages/urls.py``).
"""
