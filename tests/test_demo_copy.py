"""The demo council copied back (tests/demo_copy.py) is the demo council as loaded, whatever a test did."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from teams.models import Exchange
from tests.demo_copy import load_demo
from tests.fuzz.snapshot import signature


@pytest.mark.django_db(transaction=True)
def test_the_copy_brings_back_every_row_after_changes_and_a_flush():
    load_demo()
    loaded = signature()
    exchange = Exchange.objects.order_by("pk").first()
    title = exchange.title
    Exchange.objects.filter(pk=exchange.pk).update(title="Changed")
    Exchange.objects.exclude(pk=exchange.pk).filter(team=exchange.team).delete()
    call_command("flush", interactive=False)  # as a transactional test's end does

    load_demo()

    assert signature() == loaded
    assert Exchange.objects.get(pk=exchange.pk).title == title
    assert ContentType.objects.get_for_model(Exchange).pk == ContentType.objects.get(model="exchange").pk
    exchange.pk = None
    exchange.save()  # a new row takes an id after the copy's
    assert exchange.pk > loaded["teams.Exchange"][1]
