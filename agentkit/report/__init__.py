"""Formatters: pure functions from results to text. The only place output is shaped."""
