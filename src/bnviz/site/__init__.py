"""What the site shows, one module per kind of thing: figures (`figure_block`), measured
numbers, settings and provenance (`measured`), tables (`tables`), verdicts (`verdicts`),
explorable figures (`explore`), formulas (`math`), the landing page's findings (`findings`),
notebooks (`notebooks`, `notebook_cells`, `notebook_markdown`), the pages with every marker
expanded (`pages`, `plain`) and the mkdocs hooks (`hooks`)."""
