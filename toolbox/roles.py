"""The portal's roles (PRODUCT.md section 2): a user holds one or more."""

from toolbox.web.language import N_

ROLES = ("chef", "hr", "ledning", "admin")
# Swedish as the audit log keeps them; translated where shown
# (toolbox/web/filters.role_label).
ROLE_LABELS = {
    "chef": N_("Chef"),
    "hr": N_("HR"),
    "ledning": N_("Ledning"),
    "admin": N_("Administratör"),
}
