"""Mina uppgifter: a user's export of all their own data, and deletion of
their reflections and drafts (PRODUCT.md section 5)."""
