"""The two retry policies of database writes (store/retry.py): a lost connection is tried again, other
errors are not; a busy batch is tried a fixed number of times."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from sitrep.store import retry


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch):
    monkeypatch.setattr(retry, "FIRST_WAIT", 0)
    monkeypatch.setattr(retry, "LONGEST_WAIT", 0)


def _failing(times: int, message: str):
    calls = []

    def action(value):
        calls.append(value)
        if len(calls) <= times:
            raise OperationalError("INSERT ...", {}, Exception(message))
        return value * 2

    return action, calls


def test_a_lost_connection_is_tried_again_until_it_comes_back():
    action, calls = _failing(2, "server closed the connection unexpectedly")
    assert retry.lost_connection(3)(action, 21) == 42 and len(calls) == 3


def test_a_lost_connection_that_stays_lost_raises_the_last_error():
    action, calls = _failing(10, "connection refused")
    with pytest.raises(OperationalError):
        retry.lost_connection(2)(action, 1)
    assert len(calls) == 3


def test_a_full_disk_is_not_waited_for():
    action, calls = _failing(1, "database or disk is full")
    with pytest.raises(OperationalError):
        retry.lost_connection(5)(action, 1)
    assert len(calls) == 1


def test_a_busy_batch_is_tried_a_fixed_number_of_times(monkeypatch):
    monkeypatch.setattr(retry, "wait_incrementing", lambda **kw: retry.wait_exponential(multiplier=0, max=0))
    action, calls = _failing(1, "deadlock detected")
    assert retry.busy_batch(3)(action, 5) == 10 and len(calls) == 2
    action, calls = _failing(5, "deadlock detected")
    with pytest.raises(OperationalError):
        retry.busy_batch(3)(action, 5)
    assert len(calls) == 3
