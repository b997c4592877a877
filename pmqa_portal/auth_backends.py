"""Django's ModelBackend, with the signed-in user read from the shared cache.

Every signed-in request loads its user and, for the access rules, the user's
roles: two queries, the largest part of a small page's cost. Here both are kept
in the cache with the tokens of the user, group-membership and group tables
(`pmqa_portal.versions`), read in one round trip together with those tokens; any
write to those tables (a new password, a role given or taken, a deactivation,
`last_login`) makes the entry a miss, so nothing stale is ever returned. The
entry holds the user row as the database has it, password hash included, which
the session check (`get_session_auth_hash`) needs: the cache is as private as
the session store it sits beside.
"""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group

from pmqa_portal import versions
from pmqa_portal.access import user_roles
from pmqa_portal.models import User

USER_SECONDS = 15 * 60


def _tables():
    return (User, User.groups.through, Group)


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id):
        key = f"pmqa:user:{user_id}"
        user, tokens = versions.lookup(key, _tables())
        if user is None:
            user = super().get_user(user_id)
            if user is None:
                return None
            user_roles(user)  # loads the roles onto the user, to be cached with it
            versions.store(key, user, tokens, USER_SECONDS)
        return user if self.user_can_authenticate(user) else None
