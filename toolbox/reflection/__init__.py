"""Självskattning: a manager's private self-reflection (PRODUCT.md 3.3)."""
