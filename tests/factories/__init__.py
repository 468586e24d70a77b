"""Builders shared by the test modules: editions, programs, news and realistic content, HTML
parsers and hostile input. Test modules import from here, never from one another."""
