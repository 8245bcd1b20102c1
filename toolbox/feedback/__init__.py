"""Återkoppling: anonymous feedback rounds, compared with the manager's own reflection."""
