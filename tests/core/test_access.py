"""The object rules every view uses."""

from pmqa_portal.access import can_edit_agency_records, can_read_agency_records


def test_officer_edits_their_own_agencys_records(officer_a, agency_a):
    assert can_edit_agency_records(officer_a, agency_a.pk)


def test_officer_cannot_edit_another_agencys_records(officer_a, agency_b):
    assert not can_edit_agency_records(officer_a, agency_b.pk)


def test_observer_reads_but_does_not_edit(observer, agency_a):
    assert can_read_agency_records(observer, agency_a.pk)
    assert not can_edit_agency_records(observer, agency_a.pk)


def test_outsider_neither_reads_nor_edits(outsider, agency_a):
    assert not can_read_agency_records(outsider, agency_a.pk)
    assert not can_edit_agency_records(outsider, agency_a.pk)


def test_administrator_edits_everything(administrator, agency_b):
    assert can_edit_agency_records(administrator, agency_b.pk)


def test_a_user_of_the_agency_without_the_officer_role_cannot_edit(agency_a, db):
    from tests.factories import UserFactory

    assert not can_edit_agency_records(UserFactory(agency=agency_a), agency_a.pk)
