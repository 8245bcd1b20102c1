"""Programplan and återrapportering (issue 20): /program."""
