"""The site pages that compose several apps (home, regions, account page, sitemap.xml), kept
apart from the core of `esante` (users, regions, notifications), which imports no app."""
