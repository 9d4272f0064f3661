"""Who may do what: django-rules predicates shared by every app."""

import rules

from .roles import ARS_TEAM, DNS_TEAM

is_dns_team = rules.is_superuser | rules.is_group_member(DNS_TEAM)
is_ars_team = rules.is_group_member(ARS_TEAM)


@rules.predicate
def is_region_editor(user, region) -> bool:
    """An ARS team member linked to this region (or a DNS member, who covers them all)."""
    if region is None or not user.is_authenticated:
        return False
    if is_dns_team(user):
        return True
    return is_ars_team(user) and user.editor_regions.filter(pk=region.pk).exists()


# The admin needs a module permission to list an app at all.
rules.add_perm("esante", is_dns_team)
rules.add_perm("esante.view_region", is_dns_team | is_ars_team)
rules.add_perm("esante.change_region", is_dns_team)
rules.add_perm("esante.view_user", is_dns_team)
rules.add_perm("esante.change_user", rules.is_superuser)
rules.add_perm("esante.add_user", rules.is_superuser)
rules.add_perm("esante.delete_user", rules.is_superuser)
rules.add_perm("esante.view_notification", is_dns_team)
rules.add_perm("esante.change_notification", is_dns_team)
rules.add_perm("esante.view_unsubscription", is_dns_team)
