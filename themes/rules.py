"""Themes are the DNS team's reading tool (issue 18): the team sees and edits them in the admin;
the public sees the visible ones on a closed consultation's results page."""

import rules

from esante.rules import is_dns_team

rules.add_perm("themes", is_dns_team)
for model in ("theme", "thememembership"):
    for verb in ("view", "change"):
        rules.add_perm(f"themes.{verb}_{model}", is_dns_team)
rules.add_perm("themes.view_thememodel", is_dns_team)
