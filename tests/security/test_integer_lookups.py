"""An id beyond the 64-bit range in a multiple choice is "no such choice", never a server error."""

import pytest
from django.db.models import IntegerField

from pmqa_portal.models import Agency

TOO_BIG = 2**63


def test_the_portals_in_lookup_is_registered():
    # Wired by importing pmqa_portal.lookups in CoreConfig.ready(); this test does not import it.
    assert IntegerField.get_lookups()["in"].__name__ == "IntegerFieldIn"


@pytest.mark.django_db
def test_ids_out_of_range_match_nothing(agency_a):
    assert list(Agency.objects.filter(pk__in=[TOO_BIG, -TOO_BIG - 1])) == []
    assert list(Agency.objects.filter(pk__in=[TOO_BIG, agency_a.pk])) == [agency_a]
