"""Gateways that take their time, for the tests that kill a worker in the middle of a job.

Loaded by a worker *process* through its environment (``SMS_GATEWAY`` / ``MIIT_GATEWAY`` name these
classes; settings are per process): ``RELIABILITY_SMS_DELAY`` seconds before an SMS is handed to the simulated
provider, ``RELIABILITY_MIIT_DELAY`` seconds after the simulated MIIT accepted a submission (it exists at
MIIT; the portal has not recorded the hand-over yet).
"""

from __future__ import annotations

import os
import time

from gateways.miit import Submission, SubmissionReceipt
from simulators.miit import SimulatedMiitGateway
from simulators.sms import SimulatedSmsGateway


class SlowSmsGateway(SimulatedSmsGateway):
    def send(self, *, mobile: str, text: str) -> str:
        time.sleep(float(os.environ.get("RELIABILITY_SMS_DELAY", "0")))
        return super().send(mobile=mobile, text=text)


class SlowMiitGateway(SimulatedMiitGateway):
    def submit(self, submission: Submission) -> SubmissionReceipt:
        receipt = super().submit(submission)
        time.sleep(float(os.environ.get("RELIABILITY_MIIT_DELAY", "0")))
        return receipt
