"""P4's preparation handed to a pool of processes: each filing gets its own mobile and its own numbers, so that
two processes never make the same certificate, domain or instance (the timings are never asserted)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from bench.p4_data import NUMBERS_PER_FILING, preparation_jobs
from bench.p4_web import CHUNK

pytestmark = pytest.mark.django_db


def test_each_filing_of_a_run_draws_its_own_mobile_and_numbers():
    jobs = preparation_jobs(3 * CHUNK + 1)
    seeds = [seed for seed, _mobile, _first in jobs]
    mobiles = [mobile for _seed, mobile, _first in jobs]
    firsts = sorted(first for _seed, _mobile, first in jobs)
    assert seeds == list(range(len(jobs)))
    assert len(set(mobiles)) == len(jobs)
    assert all(later - earlier >= NUMBERS_PER_FILING for earlier, later in pairwise(firsts))
