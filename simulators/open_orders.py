"""Staged open orders: an order under MIIT review for a certificate, as if at another provider (the demo's and
the tests' way to show type detection's ``open_order_exists``). The registry look-up in ``simulators.miit``
counts them."""

from __future__ import annotations

from common.identity import mask_identity, normalise_certificate_number
from simulators.miit import certificate_hash
from simulators.models import MiitOpenOrder


def stage_open_order(
    *, certificate_type: str, certificate_number: str, region_code: str, provider_code: str = "OTHERCLOUD"
) -> MiitOpenOrder:
    """Put an order for this certificate under MIIT review at ``provider_code``: its filings are refused at
    type detection (``open_order_exists``) until the order is deleted."""
    order = MiitOpenOrder(
        certificate_type=certificate_type, region_code=region_code, provider_code=provider_code
    )
    set_open_order_certificate(order, certificate_number)
    order.save()
    return order


def set_open_order_certificate(order: MiitOpenOrder, certificate_number: str) -> None:
    """The number is kept as the registry keeps it: a keyed hash (for the look-up) and a masked copy."""
    number = normalise_certificate_number(certificate_number)
    if not number:
        raise ValueError("The certificate number is empty.")
    order.certificate_hash = certificate_hash(number)
    order.certificate_masked = mask_identity(number)
