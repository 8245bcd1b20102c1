"""What every page shares: access rules, errors, forms, filters, navigation,
language, paging, Markdown, downloads and mail."""
