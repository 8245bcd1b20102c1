"""The portal's roles (PRODUCT.md section 2): a user holds one or more."""

ROLES = ("chef", "hr", "ledning", "admin")
ROLE_LABELS = {"chef": "Chef", "hr": "HR", "ledning": "Ledning", "admin": "Administratör"}
