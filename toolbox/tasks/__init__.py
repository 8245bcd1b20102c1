"""Administrativa uppgifter: the register of tasks that can be developed,
phased out or offloaded from first-line managers (PRODUCT.md section 3.5)."""
