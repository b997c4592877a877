"""Factories for the tests: agencies, users with a role, and the PMQA framework."""

import factory
from django.contrib.auth.models import Group

from pmqa_portal.models import Agency, AgencyKind, Category, CriteriaItem, Edition, Province, User
from pmqa_portal.roles import Role

TEST_PASSWORD = "test-pass-123!"


def kamphaeng_phet() -> Province:
    return Province.objects.get(code="TH-62")


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name_th = factory.Sequence(lambda n: f"สำนักงานทดสอบ {n} จังหวัดกำแพงเพชร")
    name_en = factory.Sequence(lambda n: f"Test office {n}")
    short_name = factory.Sequence(lambda n: f"ทส.{n}")
    kind = AgencyKind.PROVINCIAL_OFFICE
    province = factory.LazyFunction(kamphaeng_phet)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name_th = factory.Sequence(lambda n: f"นายทดสอบ ผู้ใช้{n}")
    position_title = "นักวิเคราะห์นโยบายและแผน"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.go.th")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=extracted))
        if create:
            self.save()


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    code = factory.Sequence(lambda n: f"edition-{n}")
    name_th = factory.Sequence(lambda n: f"เกณฑ์ทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test edition {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    edition = factory.SubFactory(EditionFactory)
    code = "3"
    name_th = "การให้ความสำคัญกับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย"
    name_en = "Customer and Stakeholder Focus"


class CriteriaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriteriaItem

    category = factory.SubFactory(CategoryFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    title_th = "หัวข้อทดสอบ"
    text_th = "ข้อความเกณฑ์ทดสอบ"


__all__ = ["Role"]
