"""Demo data: the groups agreed at the meeting of 31 August 2550, linked to the meeting.

The agriculture, livestock and fisheries offices agreed on two groups, (1) farmers and
(2) community enterprises; `stakeholders.demo` creates them for fiscal year 2550, and
this links each office's group to the office's conclusion. Called at the end of
`meetings.demo.demo_load()` (stakeholders' demo runs before meetings'). Idempotent.
"""

from meetings.models import AgreedGroup, Meeting, PointKind
from stakeholders.demo import FISCAL_YEAR, MOAC_OFFICES
from stakeholders.models import StakeholderGroup

# Top-level group name → the words that start its conclusion in the seed meeting's points.
AGREED = {
    "เกษตรกร": "(1) เกษตรกร",
    "วิสาหกิจชุมชน": "(2) วิสาหกิจชุมชน",
}


def demo_load_agreements(meeting: Meeting, users: dict, agencies: dict, stdout=None) -> None:
    count = 0
    for key in MOAC_OFFICES:
        agency = agencies[key]
        for name, conclusion in AGREED.items():
            group = StakeholderGroup.objects.get(agency=agency, fiscal_year=FISCAL_YEAR, parent=None, name=name)
            point = (
                meeting.points.live()
                .filter(agency=agency, kind=PointKind.CONCLUSION, text__contains=conclusion)
                .order_by("order", "pk")
                .first()
            )
            AgreedGroup.objects.update_or_create(
                meeting=meeting, group=group, defaults={"point": point, "created_by": users["facilitator"]}
            )
            count += 1
    if stdout is not None:
        stdout.write(f"meetings: {count} stakeholder groups linked to meeting {meeting.number_label}")
