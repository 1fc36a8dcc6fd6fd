"""The auditor site: `render` stages plain Markdown, MkDocs (mkdocs-material) builds it."""
