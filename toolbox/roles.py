"""The portal's roles (PRODUCT.md section 2): a user holds one or more."""

# N_ marks a label for the catalogue (one of pybabel extract's default
# keywords) and leaves it Swedish: the audit log keeps it as written, and
# pages translate it where they show it (toolbox/web/filters.role_label).
N_ = str

ROLES = ("chef", "hr", "ledning", "admin")
ROLE_LABELS = {
    "chef": N_("Chef"),
    "hr": N_("HR"),
    "ledning": N_("Ledning"),
    "admin": N_("Administratör"),
}
