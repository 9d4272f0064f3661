"""The public results of a consultation, under /concertation/<slug>/resultats/: participation
figures and their charts, the official answers, the synthesis, and what changed in the text
after the consultation closed.

- `rules`: who sees them (everyone once the consultation is closed; the DNS team at any time);
- `figures`: the aggregate reads (a fixed number of queries, whatever the number of
  contributions: counted in the database, never in a loop over contributions);
- `changes`: the chapter versions published after the close, paragraph by paragraph, with the
  contributions and accepted rewordings each one took in;
- `charts`: the geometry of the server-drawn SVG charts;
- `views`, `urls`, `filters`: the three pages.
"""
