"""Names of the staff roles. The groups themselves are created by a migration."""

DNS_TEAM = "Équipe DNS"
ARS_TEAM = "Équipe ARS"
