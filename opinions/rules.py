"""Who sees the opinion groups in the admin: the DNS team (the public sees them on the results
page of a closed consultation, under that page's own rule)."""

import rules

from esante.rules import is_dns_team

rules.add_perm("opinions", is_dns_team)
rules.add_perm("opinions.view_opiniongroups", is_dns_team)
# The recomputation is the admin action's « change ».
rules.add_perm("opinions.change_opiniongroups", is_dns_team)
