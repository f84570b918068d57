"""The website: Markdown pages and widgets from the `Guide`, the MkDocs hook, offline use, security."""
