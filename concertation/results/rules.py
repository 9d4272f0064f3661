"""Who sees the results of a consultation: the public once it is closed; the DNS team at any
time, live while it runs. Imported by the results' views, so registered as soon as the URLconf
is loaded (before any template asks `{% has_perm "concertation.view_results" %}`)."""

import rules

from esante.rules import is_dns_team

from ..models import Consultation


@rules.predicate
def results_are_public(user, consultation) -> bool:
    return (
        consultation is not None
        and consultation.is_published
        and consultation.state == Consultation.State.CLOSED
    )


# `is_staff` first: the DNS team works in the admin, so its members are staff; for everyone else
# the check ends there, without the query of their groups (the consultation page asks it of
# every visitor, and its queries are counted).
can_view_results = results_are_public | rules.is_superuser | (rules.is_staff & is_dns_team)

rules.add_perm("concertation.view_results", can_view_results)
rules.add_rule("concertation.view_results", can_view_results)
