import pytest
from django.urls import reverse

from pmqa_portal.models import Category, Edition


def test_visitor_sees_an_explanation_and_the_login(client, db):
    content = client.get(reverse("home")).content.decode()
    assert 'lang="th"' in content
    assert "เข้าสู่ระบบ" in content
    assert "คณะทำงาน" in content


def test_signed_in_officer_sees_their_agency(client_for, officer_a):
    content = client_for(officer_a).get(reverse("home")).content.decode()
    assert officer_a.agency.name_th in content


def test_framework_lists_both_editions(client_for, officer_a):
    content = client_for(officer_a).get(reverse("edition_list")).content.decode()
    assert "PMQA 4.0" in content or "4.0" in content
    assert "ระดับพื้นฐาน" in content


@pytest.mark.parametrize(("edition", "codes"), [("pmqa-4-0", ["3.1", "3.2", "3.3", "3.4"]),
                                                ("fundamental", ["CS1", "CS2", "CS3", "CS4", "CS5"])])  # fmt: skip
def test_category_3_is_seeded_for_both_editions(client_for, officer_a, edition, codes):
    category = Category.objects.get(edition__code=edition, code="3")
    assert list(category.items.values_list("code", flat=True)) == codes
    content = client_for(officer_a).get(category.get_absolute_url()).content.decode()
    assert "การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย" in content


def test_every_edition_has_eight_categories(db):
    for edition in Edition.objects.all():
        assert list(edition.categories.values_list("code", flat=True)) == ["P", "1", "2", "3", "4", "5", "6", "7"]


def test_edition_page(client_for, officer_a):
    response = client_for(officer_a).get(reverse("edition_detail", args=["pmqa-4-0"]))
    assert "การมุ่งเน้นระบบปฏิบัติการ" in response.content.decode()


def test_unknown_edition_is_a_404(client_for, officer_a):
    assert client_for(officer_a).get(reverse("edition_detail", args=["nope"])).status_code == 404


def test_language_switch_to_english(client_for, officer_a):
    client = client_for(officer_a)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")}, follow=True)
    content = response.content.decode()
    assert 'lang="en"' in content
    assert "Your agency" in content


def test_login_page_in_thai(client, db):
    content = client.get(reverse("login")).content.decode()
    assert "ชื่อผู้ใช้" in content


def test_wrong_password_keeps_the_username(client, officer_a):
    response = client.post(reverse("login"), {"username": "officer_a", "password": "wrong"})
    assert response.status_code == 200
    assert 'value="officer_a"' in response.content.decode()


def test_password_reset_sends_a_mail(client, officer_a, mailoutbox):
    client.post(reverse("password_reset"), {"email": officer_a.email})
    assert len(mailoutbox) == 1


def test_thai_even_when_the_browser_asks_for_english(client, db):
    content = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="th"' in content


def test_english_once_chosen_even_for_a_visitor(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert 'lang="en"' in client.get(reverse("home")).content.decode()
