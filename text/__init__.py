"""Text rendering as pure functions: markdown to safe HTML, `{{ site.X }}` variables, video
links. Each takes its inputs and queries nothing; no app of the project is imported here (the
edition's values are looked up in `home.edition` and passed in)."""
