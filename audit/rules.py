"""The audit journal is the DNS team's alone: ARS staff and citizens see nothing of it."""

import rules

from esante.rules import is_dns_team

rules.add_perm("audit", is_dns_team)
rules.add_perm("audit.view_auditentry", is_dns_team)
