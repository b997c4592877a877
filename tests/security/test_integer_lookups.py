"""An id beyond the 64-bit range is "no such row", never a server error (SQLite included)."""

import pytest

from pmqa_portal.models import Agency

TOO_BIG = 2**63


@pytest.mark.django_db
def test_ids_out_of_range_match_nothing(agency_a):
    assert list(Agency.objects.filter(pk__in=[TOO_BIG, -TOO_BIG - 1])) == []
    assert list(Agency.objects.filter(pk__in=[TOO_BIG, agency_a.pk])) == [agency_a]
    assert not Agency.objects.filter(pk=TOO_BIG).exists()
