"""The review specialists' pages (review.md): one module per page group, each with its own ``urlpatterns``,
joined in ``reviews/pages/urls.py``; templates under ``templates/reviews/``."""
