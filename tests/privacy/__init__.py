"""RGPD rights (export, deletion) and retention jobs (issue 15)."""
