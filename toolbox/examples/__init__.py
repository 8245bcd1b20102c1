"""Goda exempel: the stepwise collection of good examples and the case library."""
