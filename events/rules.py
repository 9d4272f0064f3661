"""The regional wall: an "Équipe ARS" member manages the events of their own regions only."""

import rules

from esante.rules import is_ars_team, is_dns_team, is_region_editor


@rules.predicate
def can_manage_event(user, event) -> bool:
    if event is None:  # Model-level checks (changelist, add page): any events editor.
        return bool(is_dns_team(user) or is_ars_team(user))
    return is_region_editor(user, event.region)


@rules.predicate
def can_manage_registration(user, registration) -> bool:
    if registration is None:
        return bool(is_dns_team(user) or is_ars_team(user))
    return is_region_editor(user, registration.event.region)


rules.add_perm("events", is_dns_team | is_ars_team)
rules.add_perm("events.view_event", can_manage_event)
rules.add_perm("events.add_event", is_dns_team | is_ars_team)
rules.add_perm("events.change_event", can_manage_event)
rules.add_perm("events.delete_event", can_manage_event)
rules.add_perm("events.view_registration", can_manage_registration)
rules.add_perm("events.change_registration", can_manage_registration)
for model in ("agendaitem", "speaker", "eventdocument", "persona"):
    for verb in ("view", "add", "change", "delete"):
        rules.add_perm(f"events.{verb}_{model}", is_dns_team | is_ars_team)
