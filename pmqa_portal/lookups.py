"""An `in` lookup for integer columns that leaves out values the column cannot hold.

Django's exact and range lookups already treat an out-of-range integer as "no match";
its `in` lookup does not, and on SQLite a form that posts an id such as
9223372036854775808 into a multiple-choice field (`pk__in`) then raises
OverflowError: a server error instead of "select a valid choice". Registered on
IntegerField (every auto, big and small integer field inherits it) by importing
this module in `CoreConfig.ready()`.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
