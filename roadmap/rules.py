"""National roadmap content is edited by the DNS team only; ARS teams may read it."""

import rules

from esante.rules import is_ars_team, is_dns_team

MODELS = ["roadmap", "axis", "action", "milestone", "programme", "regionalindicator", "newsitem"]

rules.add_perm("roadmap", is_dns_team | is_ars_team)
for model in MODELS:
    rules.add_perm(f"roadmap.view_{model}", is_dns_team | is_ars_team)
    for verb in ("add", "change", "delete"):
        rules.add_perm(f"roadmap.{verb}_{model}", is_dns_team)
